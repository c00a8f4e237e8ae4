package indexer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// ExtractMinistries returns the bodies of the notice's foreign government that text names
// (ministries, central authorities, courts, councils, legislatures, agencies), one canonical
// entry per body. country is the notice's canonical country name ("" or "General" if none).
//
// Every variant of a body's name (with or without its acronym, country adjective, commas or
// "the") becomes one display name, in the fullest form the notice gives, with its acronym in
// brackets: "Ministry of Women, Children and Youth Affairs (MOWCYA)". American and
// international bodies and generic mentions ("the Government of Ghana", "the Central
// Authority") are left out, and so are bodies of another country than the notice's.
func ExtractMinistries(text, country string) []string {
	if country == schema.GeneralCountry {
		country = ""
	}
	v := &mscan{mVocab: mLoadVocab(), country: country}
	toks := mTokenize(text)
	cands := v.scan(toks)
	groups := v.group(toks, v.filter(toks, cands))
	groups = v.resolveAcronyms(toks, cands, groups)
	var out []string
	seen := map[string]bool{}
	for _, g := range groups {
		name := CanonicalMinistry(g.display(text, toks, v))
		if k := mFoldKey(name); name != "" && !seen[k] {
			seen[k] = true
			out = append(out, name)
		}
	}
	return out
}

// mMinorWords stay in lower case inside a name.
var mMinorWords = map[string]bool{
	"of": true, "and": true, "for": true, "the": true, "on": true, "in": true, "de": true, "la": true,
	"las": true, "los": true, "el": true, "del": true, "du": true, "des": true, "et": true, "y": true,
	"e": true, "le": true, "les": true, "da": true, "do": true, "dos": true, "das": true, "para": true,
	"to": true, "at": true, "a": true, "an": true, "au": true, "aux": true, "di": true, "della": true,
}

// CanonicalMinistry normalises a body's display name, so that variants of one name written
// alike become one facet value: single spaces, no leading "the" or trailing possessive, no
// serial comma, words capitalised ("Ministry of Social policy’s" -> "Ministry of Social
// Policy"). A name written all in capitals is put in title case, its acronym kept.
func CanonicalMinistry(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	name = strings.TrimFunc(name, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:.–-", r) })
	for _, p := range []string{"the ", "The ", "THE ", "L’", "L'", "l’", "l'"} {
		if strings.HasPrefix(name, p) && len(name) > len(p) {
			name = name[len(p):]
		}
	}
	name = mSerialComma.Replace(name)
	words := strings.Split(name, " ")
	allCaps := mIsAllCapsName(words)
	depth := 0
	for i, w := range words {
		if strings.HasPrefix(w, "(") {
			depth++
		}
		if depth == 0 {
			words[i] = mCanonicalWord(w, i == 0, allCaps, i == len(words)-1 || strings.HasPrefix(words[i+1], "("))
		} else {
			words[i] = mBracketWord(w)
		}
		if strings.HasSuffix(w, ")") {
			depth--
		}
	}
	return strings.Join(words, " ")
}

// mSerialComma drops the comma before a last "and" of a name.
var mSerialComma = strings.NewReplacer(", and ", " and ", ", &", " &", ", y ", " y ", ", et ", " et ")

// mIsAllCapsName reports whether the words outside brackets are all written in capitals.
func mIsAllCapsName(words []string) bool {
	n := 0
	for _, w := range words {
		if strings.HasPrefix(w, "(") {
			break
		}
		if strings.IndexFunc(w, unicode.IsLower) >= 0 {
			return false
		}
		n++
	}
	return n > 1
}

// mBracketWord keeps a word in brackets as written, without a possessive: "(SDA's)" -> "(SDA)".
func mBracketWord(w string) string {
	for _, suf := range []string{"’s)", "'s)", "’)", "')"} {
		if strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf) + ")"
		}
	}
	return w
}

// mCanonicalWord capitalises one word of a name and drops a possessive that ends the name.
func mCanonicalWord(w string, first, allCaps, last bool) string {
	if last {
		for _, suf := range []string{"’s", "'s", "’", "'"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 {
				w = strings.TrimSuffix(w, suf)
				break
			}
		}
	}
	lower := strings.ToLower(w)
	if mMinorWords[strings.TrimRight(lower, ",")] && !first {
		return lower
	}
	if allCaps && !strings.HasSuffix(w, ")") {
		w = lower
	}
	r, n := utf8.DecodeRuneInString(w)
	if unicode.IsLower(r) && !strings.HasPrefix(lower, "d’") && !strings.HasPrefix(lower, "d'") {
		return string(unicode.ToUpper(r)) + w[n:]
	}
	return w
}
