package indexer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// mtok is one word or punctuation mark of a notice body.
type mtok struct {
	text       string // as written, possessive included
	start, end int    // byte offsets in the text
	fold       string // folded word without possessive or elided article ("L’Institut" -> "institut")
	elided     int    // bytes of an elided article at the start ("L’", "d’"), 0 if none
	word       bool   // a word (letters or digits); false for punctuation and line breaks
	cap        bool   // starts with an upper-case letter (after an elided article)
	upper      bool   // an abbreviation: two or more letters, all upper case ("MOJ/DA", "SDA's")
	poss       bool   // ends in a possessive ’s or ’
}

// mIsWordRune reports whether r can be part of a word.
func mIsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// mIsInnerRune reports whether r may join two parts of one word ("Bien-Etre", "U.S", "MOJ/DA").
func mIsInnerRune(r rune) bool {
	return strings.ContainsRune("’'‘-‐./@_&", r)
}

// mTokenize splits text into words and punctuation marks; web and e-mail
// addresses become a single non-word token so that they never read as names.
//
// Plain ASCII words, the bulk of a notice, take a fast path (mPlainWordEnd,
// mPlainWordTok) that gives the same tokens as the general one without decoding runes or
// allocating; TestMTokenizeMatchesReference holds the two paths equal.
func mTokenize(text string) []mtok {
	// a token takes some 6 bytes of a notice: room for all at once
	toks := make([]mtok, 0, len(text)/5+4)
	// text with its ASCII letters lowered, made for the first capitalised plain word
	var lower string
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			switch {
			case c == '\n':
				if len(toks) == 0 || toks[len(toks)-1].text != "\n" {
					toks = append(toks, mtok{text: "\n", start: i, end: i + 1})
				}
				i++
			case c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r':
				i++
			case mIsASCIIAlnum(c):
				if end, ok := mPlainWordEnd(text, i); ok {
					toks = append(toks, mPlainWordTok(text, &lower, i, end))
					i = end
					continue
				}
				end := mWordEnd(text, i)
				toks = append(toks, mNewWordTok(text, i, end))
				i = end
			default:
				toks = append(toks, mtok{text: text[i : i+1], start: i, end: i + 1})
				i++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case mIsWordRune(r):
			end := mWordEnd(text, i)
			toks = append(toks, mNewWordTok(text, i, end))
			i = end
		default:
			toks = append(toks, mtok{text: text[i : i+n], start: i, end: i + n})
			i += n
		}
	}
	return toks
}

// mIsASCIIAlnum reports whether c is an ASCII letter or digit.
func mIsASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// mPlainWordEnd returns the end of the run of ASCII letters and digits at i, and whether
// that run is a whole word as mWordEnd reads it: no inner mark joins it to more letters,
// no apostrophe follows it, and no rune outside ASCII that might continue it.
func mPlainWordEnd(text string, i int) (int, bool) {
	j := i
	for j < len(text) && mIsASCIIAlnum(text[j]) {
		j++
	}
	if j == len(text) {
		return j, true
	}
	switch c := text[j]; {
	case c >= utf8.RuneSelf, c == '\'':
		return j, false
	case strings.IndexByte("-./@_&", c) >= 0:
		// an inner mark joins only when a word rune follows it
		if j+1 < len(text) && (text[j+1] >= utf8.RuneSelf || mIsASCIIAlnum(text[j+1])) {
			return j, false
		}
	}
	return j, true
}

// mPlainWordTok is mNewWordTok for a word of ASCII letters and digits only: never a
// possessive, an address or an elided article. Its fold is the word itself when it is in
// lower case already, else a slice of *lower, the text with ASCII letters lowered, which
// it makes on first use.
func mPlainWordTok(text string, lower *string, start, end int) mtok {
	w := text[start:end]
	t := mtok{text: w, start: start, end: end, word: true, fold: w, cap: 'A' <= w[0] && w[0] <= 'Z'}
	capitals := 0
	for k := 0; k < len(w); k++ {
		if 'A' <= w[k] && w[k] <= 'Z' {
			capitals++
		}
	}
	if capitals == 0 {
		return t
	}
	if *lower == "" {
		*lower = schema.LowerASCII(text)
	}
	t.fold = (*lower)[start:end]
	t.upper = mIsPlainAbbrev(w, capitals)
	return t
}

// mIsPlainAbbrev is mIsAbbrev for a word of ASCII letters and digits with the given number
// of capitals: all its letters capitals, but for a plural "s" at the end ("ASPs").
func mIsPlainAbbrev(w string, capitals int) bool {
	w = strings.TrimSuffix(w, "s")
	for k := 0; k < len(w); k++ {
		if 'a' <= w[k] && w[k] <= 'z' {
			return false
		}
	}
	return capitals >= 2
}

// mWordEnd returns the end of the word starting at i.
func mWordEnd(text string, i int) int {
	end := i
	for end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if mIsWordRune(r) {
			end += n
			continue
		}
		if mIsInnerRune(r) && end+n < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[end+n:]); mIsWordRune(next) {
				end += n
				continue
			}
		}
		break
	}
	// "U.S." and "D.C.": keep the final dot of single letters joined by dots.
	if end < len(text) && text[end] == '.' && mIsDottedAbbrev(text[i:end]) {
		end++
	}
	// Plural possessive: "Issues’ web site", "DHS’ office".
	if end < len(text) {
		if r, n := utf8.DecodeRuneInString(text[end:]); (r == '’' || r == '\'') && strings.HasSuffix(text[i:end], "s") {
			if end+n == len(text) || !mIsWordRune(mFirstRune(text[end+n:])) {
				end += n
			}
		}
	}
	return end
}

func mFirstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// mIsDottedAbbrev reports whether s looks like "U.S" or "D.C" (single letters and dots).
func mIsDottedAbbrev(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
	}
	return true
}

func mNewWordTok(text string, start, end int) mtok {
	t := mtok{text: text[start:end], start: start, end: end, word: true}
	base := t.text
	for _, suf := range []string{"’s", "'s", "’S", "'S", "’", "'"} {
		if strings.HasSuffix(base, suf) && len(base) > len(suf) {
			base, t.poss = strings.TrimSuffix(base, suf), true
			break
		}
	}
	if mIsURLish(base) {
		t.word = false
		return t
	}
	// Elided articles: "L’Institut", "d’Immigration".
	if len(base) > 3 && (base[0] == 'l' || base[0] == 'L' || base[0] == 'd' || base[0] == 'D') {
		if r, n := utf8.DecodeRuneInString(base[1:]); (r == '’' || r == '\'') && unicode.IsUpper(mFirstRune(base[1+n:])) {
			t.elided = 1 + n
			base = base[1+n:]
		}
	}
	first := mFirstRune(base)
	t.cap = unicode.IsUpper(first)
	t.fold = mFoldWord(base)
	t.upper = mIsAbbrev(base)
	return t
}

// mIsAbbrev reports whether w is written like an abbreviation: two or more letters, all
// capitals, perhaps joined by "/" or "-" or ending in a plural "s" ("ASPs").
func mIsAbbrev(w string) bool {
	w = strings.TrimSuffix(w, "s")
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '/' || r == '-' || r == '.' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters >= 2
}

// mIsURLish reports whether w is a web or e-mail address rather than a word.
func mIsURLish(w string) bool {
	if strings.HasPrefix(w, "U.S.") {
		return false
	}
	// "www." in any case: no rune but W lowers to "w", none but "." to "."
	if strings.ContainsAny(w, "@_") || len(w) >= 4 && strings.EqualFold(w[:4], "www.") {
		return true
	}
	if i := strings.IndexAny(w, "./"); i > 0 && i < len(w)-1 {
		rest := w[i+1:]
		return strings.IndexFunc(rest, unicode.IsLower) >= 0 && !mIsDottedAbbrev(w)
	}
	return false
}
