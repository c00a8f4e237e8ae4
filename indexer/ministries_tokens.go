package indexer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mtok is one word or punctuation mark of a notice body.
type mtok struct {
	text       string // as written, possessive included
	start, end int    // byte offsets in the text
	word       bool   // a word (letters or digits); false for punctuation and line breaks
	fold       string // folded word without possessive or elided article ("L’Institut" -> "institut")
	cap        bool   // starts with an upper-case letter (after an elided article)
	upper      bool   // an abbreviation: two or more letters, all upper case ("MOJ/DA", "SDA's")
	poss       bool   // ends in a possessive ’s or ’
	elided     int    // bytes of an elided article at the start ("L’", "d’"), 0 if none
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
func mTokenize(text string) []mtok {
	var toks []mtok
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if len(toks) == 0 || toks[len(toks)-1].text != "\n" {
				toks = append(toks, mtok{text: "\n", start: i, end: i + n})
			}
			i += n
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
	if strings.ContainsAny(w, "@_") || strings.HasPrefix(strings.ToLower(w), "www.") {
		return true
	}
	if i := strings.IndexAny(w, "./"); i > 0 && i < len(w)-1 {
		rest := w[i+1:]
		return strings.IndexFunc(rest, unicode.IsLower) >= 0 && !mIsDottedAbbrev(w)
	}
	return false
}
