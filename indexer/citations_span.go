package indexer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

var (
	// citeNounAfterRE: a date followed by the notice it dates ("January 2, 2013 Notice",
	// "October 23, 2013 Adoption Alert", "January 1, 2014, announcement").
	citeNounAfterRE = regexp.MustCompile(`^(?:[ \t]*,)?[ \t]+(?:(?:[A-Z][\p{L}’'.-]*|adoption|intercountry)[ \t]+){0,3}?` +
		`(?i:notice|alert|announcement|update)s?\b`)
	// citeNounBeforeRE: a notice followed by its date ("notice of", "Alert dated", "notice
	// released on", "Notice on Cambodia dated").
	citeNounBeforeRE = regexp.MustCompile(`(?i:notice|alert|announcement|update)s?` +
		`(?:[ \t]+(?i:on|regarding|about|for|concerning)[ \t]+(?:the[ \t]+)?(?:[A-Z][\p{L}’'.-]*[ \t]+){0,4}?[A-Z][\p{L}’'.-]*)?` +
		`[ \t]*,?[ \t]*(?i:dated|of|issued[ \t]+on|issued|released[ \t]+on|released|published[ \t]+on|published|posted[ \t]+on|posted|from|on)[ \t]+(?:the[ \t]+)?$`)
	// citeOwnerRE: who wrote the cited notice and for which country ("the Department's",
	// "our Guatemala", "CARA’s").
	citeOwnerRE = regexp.MustCompile(`(?:\b(?i:the|our|its|their|that|these|those|previous|earlier|recent|last)[ \t]+)?` +
		`(?:[A-Z][\p{L}.]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\p{L}.]*){0,3}[’']s?[ \t]+)?` +
		`(?:[A-Z][\p{L}’'.-]*[ \t]+){0,3}(?:(?i:adoption|intercountry)[ \t]+)?$`)
	// citeLeadRE: words that may open a sentence before the author ("See CARA’s").
	citeLeadRE        = regexp.MustCompile(`^(?i:see|please|per|under|in|on|from|with|also|to|at|by|for|as)[ \t]+`)
	citeCoordinatedRE = regexp.MustCompile(`^[ \t]*(?:,|,?[ \t]*(?:and|or))[ \t]*$`)
)

// citeSpan reports whether date d is tied to a notice word, and the mSpan of the words
// that cite it, the author included.
func citeSpan(text string, d citeDate) (start, end int, ok bool) {
	if m := citeNounAfterRE.FindStringIndex(text[d.end:]); m != nil {
		// "the October 2009 alert", "CARA’s January 1, 2014, announcement": a notice named by
		// its date has a determiner or an author; "06/02/11 Update on ..." is a heading.
		if start = citeOwnerStart(text, d.start); start == d.start {
			return 0, 0, false
		}
		end = d.end + m[1]
	} else {
		from := max(0, d.start-150)
		if !citeNamesNotice(text[from:d.start]) {
			return 0, 0, false // the expression's cheap necessary condition
		}
		m := citeNounBeforeRE.FindStringIndex(text[from:d.start])
		if m == nil {
			return 0, 0, false
		}
		start, end = citeOwnerStart(text, from+m[0]), d.end
	}
	switch strings.ToLower(citeLastWord(text[:start])) {
	case "a", "an", "this", "next", "new", "future":
		return 0, 0, false // not an earlier notice
	}
	return start, end, true
}

// citeOwnerStart moves pos back over the determiner and author before a cited notice.
func citeOwnerStart(text string, pos int) int {
	from := max(0, pos-80)
	m := citeOwnerRE.FindStringIndex(text[from:pos])
	if m == nil {
		return pos
	}
	start := from + m[0]
	for {
		lead := citeLeadRE.FindStringIndex(text[start:pos])
		if lead == nil {
			break
		}
		start += lead[1]
	}
	return start
}

// citeNamesNotice reports whether s holds "notice", "alert", "announcement" or "update" in
// any case: citeNounBeforeRE matches no text without one. (Their letters fold to ASCII
// letters only, so an ASCII comparison finds every match of the expression.)
func citeNamesNotice(s string) bool {
	for i := 0; i < len(s); i++ {
		var found bool
		switch s[i] | 0x20 {
		case 'n':
			found = citeHasFoldPrefix(s[i:], "notice")
		case 'a':
			found = citeHasFoldPrefix(s[i:], "alert") || citeHasFoldPrefix(s[i:], "announcement")
		case 'u':
			found = citeHasFoldPrefix(s[i:], "update")
		}
		if found {
			return true
		}
	}
	return false
}

// citeHasFoldPrefix reports whether s starts with the lower-case ASCII word w in any case.
func citeHasFoldPrefix(s, w string) bool {
	return len(s) >= len(w) && strings.EqualFold(s[:len(w)], w)
}

// citeLastWord returns the last word of s, as strings.Fields would cut it, without the
// brackets and quotes before it.
func citeLastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		_, n := utf8.DecodeRuneInString(s[i:])
		s = s[i+n:]
	}
	return strings.Trim(s, "(\"“")
}

// citeCoordinated reports whether the text between two dates joins them ("March 10 and
// December 13, 2014").
func citeCoordinated(between string) bool { return citeCoordinatedRE.MatchString(between) }

// citeCountry returns the country that the citation's words name, "" when none or
// when countries is nil. The United States is the author, never the country cited.
func citeCountry(words string, countries *schema.Countries) string {
	if countries == nil {
		return ""
	}
	toks := mTokenize(words)
	v := mLoadVocab()
	for i := range toks {
		for n := min(5, len(toks)-i); n >= 1; n-- {
			parts := make([]string, 0, n)
			for _, t := range toks[i : i+n] {
				if !t.word || !t.cap {
					break
				}
				parts = append(parts, t.fold)
			}
			if len(parts) < n {
				continue
			}
			key := strings.Join(parts, " ")
			if c, ok := countries.Lookup(key); ok && c.Name != "United States" {
				return c.Name
			}
			if cs := v.demonyms[key]; len(cs) > 0 && cs[0] != "United States" {
				return cs[0]
			}
		}
	}
	return ""
}
