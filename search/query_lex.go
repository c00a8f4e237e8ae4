package search

import (
	"strings"
	"unicode"
)

type tokenKind int

const (
	tokEOF    tokenKind = iota
	tokWord             // a plain word, possibly with '*' or '~N'
	tokPhrase           // "quoted words"
	tokField            // field:value or field:"quoted value"
	tokAnd              // AND
	tokOr               // OR
	tokNot              // NOT or a '-' prefix
	tokPlus             // a '+' prefix
	tokLParen
	tokRParen
)

// token is one lexical unit. pos is its offset in runes.
type token struct {
	kind   tokenKind
	pos    int
	text   string // the word, the phrase, the operator as typed, or a field's value
	field  string // for tokField: the lower-case field name
	quoted bool   // for tokField: the value was in quotes
}

// lexer splits query text into tokens. It works on runes, so invalid UTF-8 becomes U+FFFD
// and positions count characters.
type lexer struct {
	src []rune
	pos int
}

// lex returns every token of src, ending with tokEOF.
func lex(src []rune) ([]token, error) {
	l := &lexer{src: src}
	var toks []token
	for {
		t, err := l.next()
		if err != nil {
			return nil, err
		}
		toks = append(toks, t)
		if t.kind == tokEOF {
			return toks, nil
		}
	}
}

func (l *lexer) next() (token, error) {
	for {
		for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
			l.pos++
		}
		if l.pos >= len(l.src) {
			return token{kind: tokEOF, pos: l.pos}, nil
		}
		t, skip, err := l.scan()
		if err != nil || !skip {
			return t, err
		}
	}
}

// scan reads one token at l.pos. skip reports text that means nothing, such as a lone '-'
// or empty quotes.
func (l *lexer) scan() (t token, skip bool, err error) {
	start := l.pos
	switch r := l.src[start]; {
	case r == '(':
		l.pos++
		return token{kind: tokLParen, pos: start, text: "("}, false, nil
	case r == ')':
		l.pos++
		return token{kind: tokRParen, pos: start, text: ")"}, false, nil
	case isQuote(r):
		text, err := l.quoted()
		return token{kind: tokPhrase, pos: start, text: text}, text == "", err
	case (r == '-' || r == '+') && l.startsTerm(start+1):
		l.pos++
		if r == '-' {
			return token{kind: tokNot, pos: start, text: "-"}, false, nil
		}
		return token{kind: tokPlus, pos: start, text: "+"}, false, nil
	}
	word := l.word()
	if strings.Trim(word, "+-") == "" {
		return token{}, true, nil
	}
	if kind, ok := keywordKind(word); ok {
		return token{kind: kind, pos: start, text: word}, false, nil
	}
	if name, value, ok := cutField(word); ok {
		return l.field(start, name, value)
	}
	return token{kind: tokWord, pos: start, text: word}, false, nil
}

// field finishes a field:value token; a value may follow the colon in quotes.
func (l *lexer) field(start int, name, value string) (token, bool, error) {
	t := token{kind: tokField, pos: start, field: name, text: value}
	if value == "" && l.pos < len(l.src) && isQuote(l.src[l.pos]) {
		text, err := l.quoted()
		t.text, t.quoted = text, true
		return t, false, err
	}
	return t, false, nil
}

// word reads up to the next space, parenthesis or quote.
func (l *lexer) word() string {
	start := l.pos
	for l.pos < len(l.src) && !isSpace(l.src[l.pos]) && !isSpecial(l.src[l.pos]) {
		l.pos++
	}
	return string(l.src[start:l.pos])
}

// quoted reads a quoted text starting at the opening quote and returns it with its spaces
// collapsed.
func (l *lexer) quoted() (string, error) {
	open := l.pos
	l.pos++
	for l.pos < len(l.src) && !isQuote(l.src[l.pos]) {
		l.pos++
	}
	text := strings.Join(strings.Fields(string(l.src[open+1:l.pos])), " ")
	if l.pos >= len(l.src) {
		if text == "" {
			return "", syntaxErrorf(open, "unclosed quote at the end of the query")
		}
		return "", syntaxErrorf(open, "unclosed quote after '%s'", shorten(text))
	}
	l.pos++
	return text, nil
}

// startsTerm reports whether a '-' or '+' before src[i] is a prefix operator: it must touch
// the word, phrase or parenthesis it applies to.
func (l *lexer) startsTerm(i int) bool {
	if i >= len(l.src) {
		return false
	}
	r := l.src[i]
	return !isSpace(r) && r != ')' && r != '-' && r != '+'
}

// cutField splits "country:cambodia" into a known field name and its value. Anything else
// with a colon ("10:30", "http://...") is not a field.
func cutField(word string) (name, value string, ok bool) {
	name, value, ok = strings.Cut(word, ":")
	if !ok {
		return "", "", false
	}
	name = strings.ToLower(name)
	switch name {
	case QueryFieldTitle, QueryFieldCountry, QueryFieldTopic, QueryFieldMinistry, QueryFieldType, QueryFieldDate:
		return name, value, true
	}
	return "", "", false
}

func keywordKind(word string) (tokenKind, bool) {
	switch word {
	case "AND":
		return tokAnd, true
	case "OR":
		return tokOr, true
	case "NOT":
		return tokNot, true
	}
	return 0, false
}

func isKeyword(s string) bool {
	_, ok := keywordKind(s)
	return ok
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// isSpecial reports the runes that end a word.
func isSpecial(r rune) bool { return r == '(' || r == ')' || isQuote(r) }

// isQuote accepts straight and typographic double quotes, as pasted from word processors.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

// shorten keeps error messages short: the first few words of a long text.
func shorten(s string) string {
	const max = 30
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max])) + "…"
}
