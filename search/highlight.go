package search

import (
	"encoding/binary"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// maxHighlightTerms bounds the words a snippet marks.
const maxHighlightTerms = 32

// marker finds, in a stored text, the words a query looks for in the title and body
// (words of phrases included, negated words not), the way the index analyses them: lower
// case, possessive 's dropped, Porter stem. It reads the page's hits only, after they are
// chosen, so that highlighting costs nothing per match of the query and needs no term
// vectors.
type marker struct {
	exact    map[string]bool // stemmed terms
	prefixes []string        // index-term prefixes (prefix queries)
	fuzzy    []fuzzyTerm
	// keys are what a word must start with to be worth stemming: Porter stemming changes
	// only the last letters of a word, so a word whose stem is t starts with all but the
	// last two letters of t.
	keys []string
	// first holds the first bytes of the keys; anyFirst is set when a word's first letter
	// cannot rule it out (fuzzy words, keys not starting with an ASCII letter).
	first    [256]bool
	anyFirst bool
	// probes, when every key is ASCII letters and digits, find the words to stem by
	// searching the text for each key's rarest byte (see probeSpans).
	probes []probe
	// seen remembers whether the words stemmed so far match: the hits of a page repeat
	// the same few words. A marker is used by one goroutine at a time.
	seen map[string]bool
}

// probe finds the words starting with key: each occurrence of key[at], in either case,
// is a candidate whose word would start at at bytes before it.
type probe struct {
	key          string
	at           int
	lower, upper byte
}

// addKey adds a key a word must start with to be stemmed.
func (m *marker) addKey(k string) {
	m.keys = append(m.keys, k)
	if k == "" || k[0] >= utf8.RuneSelf {
		m.anyFirst = true
		return
	}
	m.first[k[0]] = true
}

type fuzzyTerm struct {
	term string
	k    int
}

// newMarker returns the marker of a parsed query, nil when it marks nothing.
func newMarker(n Node) *marker {
	d, err := loadDefaults()
	if err != nil || n == nil {
		return nil
	}
	m := &marker{exact: map[string]bool{}}
	count := 0
	add := func(term string) {
		if count < maxHighlightTerms && !m.exact[term] {
			m.exact[term] = true
			m.addKey(stemKey(term))
			count++
		}
	}
	var walk func(Node, bool)
	walk = func(n Node, negated bool) {
		switch n := n.(type) {
		case *AndNode:
			for _, c := range n.Children {
				walk(c, negated)
			}
		case *OrNode:
			for _, c := range n.Children {
				walk(c, negated)
			}
		case *NotNode:
			walk(n.Child, !negated)
		case *TermNode:
			if negated || (n.Field != "" && n.Field != QueryFieldTitle) {
				return
			}
			switch {
			case n.Prefix:
				if count < maxHighlightTerms {
					p := lowerASCII(n.Text)
					m.prefixes = append(m.prefixes, p)
					m.addKey(stemKey(p))
					count++
				}
			case n.Fuzzy > 0:
				for _, t := range analyze(d.text, n.Text) {
					if count < maxHighlightTerms {
						m.fuzzy = append(m.fuzzy, fuzzyTerm{t, n.Fuzzy})
						m.anyFirst = true
						count++
					}
				}
			default:
				for _, t := range analyze(d.text, n.Text) {
					add(t)
				}
			}
		case *PhraseNode:
			if negated || (n.Field != "" && n.Field != QueryFieldTitle) {
				return
			}
			for _, t := range analyze(d.text, n.Text) {
				add(t)
			}
		}
	}
	walk(n, false)
	if count == 0 {
		return nil
	}
	m.probes = probesOf(m)
	return m
}

// probesOf returns the probes of a marker's keys, nil when a key is not made of ASCII
// letters and digits or a word's first letter cannot rule it out.
func probesOf(m *marker) []probe {
	if m.anyFirst || len(m.keys) == 0 {
		return nil
	}
	var out []probe
	for _, k := range m.keys {
		if k == "" {
			return nil
		}
		at := -1
		for i := 0; i < len(k); i++ {
			c := k[i]
			if !asciiWordByte[c] || 'A' <= c && c <= 'Z' {
				return nil
			}
			if at < 0 || byteRarity[c] < byteRarity[k[at]] {
				at = i
			}
		}
		p := probe{key: k, at: at, lower: k[at], upper: k[at]}
		if 'a' <= p.lower && p.lower <= 'z' {
			p.upper = p.lower - ('a' - 'A')
		}
		out = append(out, p)
	}
	return out
}

// byteRarity orders the lower-case letters and digits by how often they occur in English
// text, rarest first: a probe searches for its key's rarest byte.
var byteRarity = func() (r [256]int) {
	for i, c := range "zqxj0123456789kvbpgwyfmculdrhsnioate" {
		r[c] = i
	}
	return r
}()

// stemKey is the start every word stemming to (or to a term starting with) t has.
func stemKey(t string) string {
	r := []rune(t)
	if len(r) <= 3 {
		return string(r[:1])
	}
	return string(r[:len(r)-2])
}

// span is the byte range of a marked word.
type span struct{ start, end int }

// spans returns the marked words of text, in order.
func (m *marker) spans(text string) []span {
	if m.probes != nil && !strings.Contains(text, "\u212a") && !strings.Contains(text, "\u0130") {
		return m.probeSpans(text)
	}
	return m.scanSpans(text)
}

// probeSpans returns the marked words of text as scanSpans does, stemming only the words
// that start with a key. It finds them by searching for each key's rarest byte, which
// runs many times faster than reading the text a word at a time. It holds when only
// ASCII letters lower-case to the ASCII letters a key is made of: the Kelvin sign and
// the dotted capital I also do, and texts holding them are read by scanSpans.
func (m *marker) probeSpans(text string) []span {
	var buf [64]int
	starts := buf[:0]
	for _, p := range m.probes {
		lo, up := -2, -2 // next occurrence of the lower- and upper-case byte; -2: not searched
		for from := 0; from < len(text); {
			if lo != -1 && lo < from {
				if lo = strings.IndexByte(text[from:], p.lower); lo >= 0 {
					lo += from
				}
			}
			if up != -1 && up < from && p.upper != p.lower {
				if up = strings.IndexByte(text[from:], p.upper); up >= 0 {
					up += from
				}
			}
			j := lo
			if p.upper != p.lower && up >= 0 && (j < 0 || up < j) {
				j = up
			}
			if j < 0 {
				break
			}
			from = j + 1
			start := j - p.at
			if start < 0 || start+len(p.key) > len(text) || !equalFoldASCII(text[start:start+len(p.key)], p.key) || !wordStartsAt(text, start) {
				continue
			}
			starts = append(starts, start)
		}
	}
	if len(m.probes) > 1 {
		slices.Sort(starts)
		starts = slices.Compact(starts)
	}
	var out []span
	var lower []byte
	for _, start := range starts {
		end := wordEndFast(text, start)
		lower = appendLower(lower[:0], text[start:end])
		if m.matches(lower) {
			out = append(out, span{start, end})
		}
	}
	return out
}

// equalFoldASCII reports whether s is key (lower-case ASCII letters and digits) but for
// the case of its letters.
func equalFoldASCII(s, key string) bool {
	for i := 0; i < len(key); i++ {
		if asciiLower(s[i]) != key[i] {
			return false
		}
	}
	return true
}

// wordStartsAt reports whether a word starts at i, where text holds an ASCII letter or
// digit: scanSpans would begin one there. It does unless a letter, a digit, or an
// apostrophe after one and before a letter comes just before.
func wordStartsAt(text string, i int) bool {
	if i == 0 {
		return true
	}
	prev, size := utf8.DecodeLastRuneInString(text[:i])
	if isWordRune(prev) {
		return false
	}
	if !isApostrophe(prev) || !startsWithLetter(text[i:]) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(text[:i-size])
	return i-size == 0 || !isWordRune(before)
}

// scanSpans returns the marked words of text, in order, reading it a word at a time.
// Most words are passed over on their first letter, which no marked term starts with.
func (m *marker) scanSpans(text string) []span {
	var out []span
	var lower []byte
	for i := 0; i < len(text); {
		for i < len(text) && !wordOrBeyondASCII[text[i]] { // ASCII between words
			i++
		}
		if i == len(text) {
			break
		}
		c := text[i]
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
				i += size
				continue
			}
		}
		start := i
		i = wordEndFast(text, i)
		if c < utf8.RuneSelf && !m.anyFirst && !m.first[asciiLower(c)] {
			continue
		}
		lower = appendLower(lower[:0], text[start:i])
		if m.matches(lower) {
			out = append(out, span{start, i})
		}
	}
	return out
}

// wordEndFast is wordEnd, passing over ASCII letters and digits in a tight loop first.
func wordEndFast(text string, i int) int {
	for i < len(text) && asciiWordByte[text[i]] {
		i++
	}
	if i == len(text) || (text[i] < utf8.RuneSelf && text[i] != '\'') {
		return i // the word ends at ASCII that is neither a letter, a digit nor an apostrophe
	}
	return wordEnd(text, i) // wordEnd reads a character at a time, whatever came before
}

// asciiWordByte marks the ASCII letters and digits among all bytes; wordOrBeyondASCII
// also the bytes of characters beyond ASCII, which may be letters.
var asciiWordByte, wordOrBeyondASCII = func() (word, wordOrBeyond [256]bool) {
	for c := 0; c < 256; c++ {
		word[c] = c < utf8.RuneSelf && asciiWord[c]
		wordOrBeyond[c] = word[c] || c >= utf8.RuneSelf
	}
	return word, wordOrBeyond
}()

// wordEnd returns the end of the word starting at i: letters and digits, with apostrophes
// between letters (don't, Department's).
func wordEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				i++
				continue
			}
			if c == '\'' && i+1 < len(text) && startsWithLetter(text[i+1:]) {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) || (isApostrophe(r) && i+size < len(text) && startsWithLetter(text[i+size:])) {
			i += size
			continue
		}
		return i
	}
	return i
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '＇' }

// appendLower appends the lower-case form of a word.
func appendLower(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// matches reports whether a lower-cased word analyses to a marked term.
func (m *marker) matches(word []byte) bool {
	if len(m.fuzzy) == 0 && !m.worthStemming(word) {
		return false
	}
	if v, ok := m.seen[string(word)]; ok {
		return v
	}
	v := m.stemMatches(string(word))
	if len(m.seen) < maxSeenWords {
		if m.seen == nil {
			m.seen = map[string]bool{}
		}
		m.seen[string(word)] = v
	}
	return v
}

// maxSeenWords bounds the words a marker remembers.
const maxSeenWords = 4096

// stemMatches reports whether a lower-cased word, stemmed, is a marked term.
func (m *marker) stemMatches(w string) bool {
	if last, size := utf8.DecodeLastRuneInString(w); last == 's' && len(w) > size {
		if prev, psize := utf8.DecodeLastRuneInString(w[:len(w)-size]); isApostrophe(prev) {
			w = w[:len(w)-size-psize]
		}
	}
	stem := string(porterstemmer.StemWithoutLowerCasing([]rune(w)))
	if m.exact[stem] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(stem, p) {
			return true
		}
	}
	for _, f := range m.fuzzy {
		if withinEdits(stem, f.term, f.k) {
			return true
		}
	}
	return false
}

func (m *marker) worthStemming(word []byte) bool {
	for _, k := range m.keys {
		if len(word) >= len(k) && string(word[:len(k)]) == k {
			return true
		}
	}
	return false
}

// withinEdits reports whether a and b are at most k edits apart, a transposition of two
// adjacent letters counting as one (as Bleve's fuzzy queries count).
func withinEdits(a, b string, k int) bool { return editDistance(a, b, k+1) <= k }

const (
	// snippetContext is how much text a snippet shows before its first marked word.
	snippetContext = 60
	// maxSnippetSpans is how many of the first marked words a snippet may start at.
	maxSnippetSpans = 64
)

// isASCII reports whether s is all ASCII, reading it eight bytes at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// snippet returns a passage of about maxRunes runes of text holding the most marked words
// (the earliest such passage), escaped, with the marked words in <mark>; "" when no word
// is marked.
func snippet(text string, spans []span, maxRunes int) template.HTML {
	if len(spans) == 0 {
		return ""
	}
	bestStart, bestEnd, bestCount := 0, 0, -1
	// Where the passages looked at are ASCII, a rune is a byte.
	last := spans[min(len(spans), maxSnippetSpans)-1].start
	ascii := isASCII(text[:min(len(text), last+maxRunes*utf8.UTFMax)])
	for i, s := range spans {
		if i >= maxSnippetSpans {
			break
		}
		var start, end int
		if ascii {
			start = max(0, s.start-snippetContext)
			end = min(len(text), start+maxRunes)
		} else {
			start = backRunes(text, s.start, snippetContext)
			end = forwardRunes(text, start, maxRunes)
		}
		n := 0
		for _, t := range spans[i:] {
			if t.end > end {
				break
			}
			n++
		}
		if n > bestCount {
			bestStart, bestEnd, bestCount = start, end, n
		}
	}
	start, end := bestStart, bestEnd
	if start > 0 { // begin at a word
		if j := strings.IndexAny(text[start:end], " \t\n\r"); j >= 0 && j < snippetContext {
			start += j + 1
		}
	}
	if end < len(text) { // end at a word
		if j := strings.LastIndexAny(text[start:end], " \t\n\r"); j > (end-start)/2 {
			end = start + j
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	writeMarked(&b, text, spans, start, end)
	if end < len(text) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}

// markAll returns the whole text escaped with its marked words in <mark>, "" when none.
func markAll(text string, spans []span) template.HTML {
	if len(spans) == 0 {
		return ""
	}
	var b strings.Builder
	writeMarked(&b, text, spans, 0, len(text))
	return template.HTML(b.String())
}

// writeMarked writes text[start:end] escaped, with runs of white space as one space and
// the spans inside it marked.
func writeMarked(b *strings.Builder, text string, spans []span, start, end int) {
	pos := start
	for _, s := range spans {
		if s.start < start || s.end > end {
			continue
		}
		writePlain(b, text[pos:s.start])
		b.WriteString("<mark>")
		escapeHTML(b, text[s.start:s.end])
		b.WriteString("</mark>")
		pos = s.end
	}
	writePlain(b, text[pos:end])
}

// writePlain writes s escaped, each run of white space as one space.
func writePlain(b *strings.Builder, s string) {
	space := false
	from := 0
	for i := 0; i < len(s); {
		c := s[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		} else if c > ' ' { // neither white space nor a control character
			space = false
			i++
			continue
		}
		if unicode.IsSpace(r) {
			if !space {
				escapeHTML(b, s[from:i])
				b.WriteByte(' ')
				space = true
			}
			from = i + size
		} else {
			space = false
		}
		i += size
	}
	escapeHTML(b, s[from:])
}

// escapeHTML writes s as template.HTMLEscape escapes it, without converting it to bytes.
func escapeHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// backRunes returns the offset n runes before i (or 0).
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		if s[i-1] < utf8.RuneSelf {
			i--
			continue
		}
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forwardRunes returns the offset n runes after i (or len(s)).
func forwardRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
