package search

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Parse reads a query of the archive's search language into a tree:
//
//	hague convention          all words must match (AND is implicit)
//	"central authority"       an exact phrase
//	adoption AND (haiti OR nepal) NOT suspended
//	+adoption -suspended      + is a no-op, - excludes
//	country:cambodia  country:"Costa Rica"  country:kh
//	topic:hague-convention  type:alert  ministry:"ministry of justice"  title:visa
//	adopt*  adpotion~  adpotion~2
//	date:2014  date:2010..2014  date:2010-03..2012-06-30  date:>=2012-06  date:<2005
//
// NOT binds tighter than AND, and AND tighter than OR. Only upper-case AND, OR and NOT are
// operators; "and", "or" and "not" are words. A colon after anything but a field name
// ("10:30", "http://...") is part of a plain word.
//
// Errors are a *SyntaxError when the text cannot be read and a *QueryError when it breaks a
// limit (MaxQueryLength, MaxDepth) or asks for fuzziness above 2. Blank text is a
// *SyntaxError too: callers that allow browsing without a query check for it first.
func Parse(s string) (Node, error) {
	if n := utf8.RuneCountInString(s); n > MaxQueryLength {
		return nil, queryErrorf(-1, "the query is too long: %d characters, the limit is %d", n, MaxQueryLength)
	}
	toks, err := lex([]rune(s))
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek().kind == tokEOF {
		return nil, syntaxErrorf(0, "empty query")
	}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, unexpected(t)
	}
	return n, nil
}

// parser is a recursive-descent parser over the tokens of one query.
type parser struct {
	toks  []token
	i     int
	depth int // parentheses and NOTs open around the current token
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

// startsUnary reports whether the next token can begin an operand.
func (p *parser) startsUnary() bool {
	switch p.peek().kind {
	case tokWord, tokPhrase, tokField, tokNot, tokPlus, tokLParen:
		return true
	}
	return false
}

// parseOr: and { OR and }
func (p *parser) parseOr() (Node, error) {
	var children []Node
	for {
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		children = append(children, n)
		if p.peek().kind != tokOr {
			return newOr(children), nil
		}
		if err := p.operator(); err != nil {
			return nil, err
		}
	}
}

// parseAnd: unary { [AND] unary }
func (p *parser) parseAnd() (Node, error) {
	var children []Node
	for {
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		children = append(children, n)
		if p.peek().kind == tokAnd {
			if err := p.operator(); err != nil {
				return nil, err
			}
		} else if !p.startsUnary() {
			return newAnd(children), nil
		}
	}
}

// operator consumes a binary operator, which needs an operand after it.
func (p *parser) operator() error {
	op := p.next()
	if !p.startsUnary() {
		return syntaxErrorf(op.pos, "%s needs a word after it", op.text)
	}
	return nil
}

// parseUnary: NOT unary | - unary | + unary | primary
func (p *parser) parseUnary() (Node, error) {
	t := p.peek()
	if t.kind != tokNot && t.kind != tokPlus {
		return p.parsePrimary()
	}
	p.next()
	if !p.startsUnary() {
		return nil, syntaxErrorf(t.pos, "%s needs a word after it", t.text)
	}
	if t.kind == tokPlus {
		return p.parseUnary() // every word is required already
	}
	if err := p.enter(t); err != nil {
		return nil, err
	}
	defer p.leave()
	child, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &NotNode{Child: child}, nil
}

// parsePrimary: ( or ) | word | "phrase" | field:value
func (p *parser) parsePrimary() (Node, error) {
	t := p.next()
	switch t.kind {
	case tokLParen:
		return p.parseGroup(t)
	case tokWord:
		return wordNode("", t.text, t.pos)
	case tokPhrase:
		return &PhraseNode{Text: t.text}, nil
	case tokField:
		return fieldNode(t)
	}
	return nil, unexpected(t)
}

func (p *parser) parseGroup(open token) (Node, error) {
	if p.peek().kind == tokRParen {
		return nil, syntaxErrorf(open.pos, "empty parentheses")
	}
	if err := p.enter(open); err != nil {
		return nil, err
	}
	defer p.leave()
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.next(); t.kind != tokRParen {
		return nil, syntaxErrorf(open.pos, "unbalanced parenthesis: '(' is never closed")
	}
	return n, nil
}

func (p *parser) enter(t token) error {
	p.depth++
	if p.depth > MaxDepth {
		return queryErrorf(t.pos, "the query nests too deeply: the limit is %d levels of parentheses and NOTs", MaxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// unexpected explains a token found where an operand was due.
func unexpected(t token) error {
	switch t.kind {
	case tokAnd, tokOr:
		return syntaxErrorf(t.pos, "%s needs a word before it", t.text)
	case tokRParen:
		return syntaxErrorf(t.pos, "unbalanced parenthesis: ')' has no matching '('")
	}
	return syntaxErrorf(t.pos, "unexpected end of the query")
}

// wordNode reads a word with its optional '*' or '~N' suffix.
func wordNode(field, text string, pos int) (Node, error) {
	if stem, fuzzy, ok := cutFuzzy(text); ok {
		return fuzzyNode(field, stem, fuzzy, text, pos)
	}
	stem := strings.TrimRight(text, "*")
	if stem == text {
		return &TermNode{Field: field, Text: text}, nil
	}
	if utf8.RuneCountInString(stem) < 2 {
		return nil, syntaxErrorf(pos, "'%s' is too broad: type at least 2 letters before the *", text)
	}
	return &TermNode{Field: field, Text: stem, Prefix: true}, nil
}

func fuzzyNode(field, stem, fuzzy, text string, pos int) (Node, error) {
	if strings.HasSuffix(stem, "*") {
		return nil, syntaxErrorf(pos, "'%s' mixes * and ~: use one of them", text)
	}
	n := 1
	if fuzzy != "" {
		var err error
		if n, err = strconv.Atoi(fuzzy); err != nil || n > 2 {
			return nil, queryErrorf(pos, "fuzziness can be at most 2: try '%s~1' or '%s~2'", stem, stem)
		}
	}
	return &TermNode{Field: field, Text: stem, Fuzzy: n}, nil
}

// cutFuzzy splits "word~2" into "word" and "2", and "word~" into "word" and "". Other
// tildes, as in "~2", "a~b" or "a~~1", leave a plain word.
func cutFuzzy(text string) (stem, fuzzy string, ok bool) {
	i := strings.IndexByte(text, '~')
	if i <= 0 || strings.LastIndexByte(text, '~') != i {
		return "", "", false
	}
	stem, fuzzy = text[:i], text[i+1:]
	for _, r := range fuzzy {
		if r < '0' || r > '9' {
			return "", "", false
		}
	}
	return stem, fuzzy, true
}

// fieldNode turns field:value into a node for that field.
func fieldNode(t token) (Node, error) {
	if t.text == "" {
		return nil, syntaxErrorf(t.pos, "%s: needs a value, like %s", t.field, fieldExample[t.field])
	}
	switch t.field {
	case QueryFieldDate:
		return parseDateRange(t.text, t.pos)
	case QueryFieldTitle, QueryFieldMinistry:
		if t.quoted {
			return &PhraseNode{Field: t.field, Text: t.text}, nil
		}
	}
	if t.field == QueryFieldTitle {
		return wordNode(t.field, t.text, t.pos)
	}
	if !t.quoted && (strings.HasSuffix(t.text, "*") || strings.Contains(t.text, "~")) {
		return nil, syntaxErrorf(t.pos, "* and ~ work on plain words and title: only, not on %s:", t.field)
	}
	return &TermNode{Field: t.field, Text: t.text}, nil
}

var fieldExample = map[string]string{
	QueryFieldTitle:    "title:visa",
	QueryFieldCountry:  "country:cambodia",
	QueryFieldTopic:    "topic:hague-convention",
	QueryFieldMinistry: `ministry:"ministry of justice"`,
	QueryFieldType:     "type:alert",
	QueryFieldDate:     "date:2014 or date:2010..2014",
}

// newAnd and newOr build operator nodes, flattening nested ones of the same kind.
func newAnd(children []Node) Node {
	if len(children) == 1 {
		return children[0]
	}
	var flat []Node
	for _, c := range children {
		if a, ok := c.(*AndNode); ok {
			flat = append(flat, a.Children...)
		} else {
			flat = append(flat, c)
		}
	}
	return &AndNode{Children: flat}
}

func newOr(children []Node) Node {
	if len(children) == 1 {
		return children[0]
	}
	var flat []Node
	for _, c := range children {
		if o, ok := c.(*OrNode); ok {
			flat = append(flat, o.Children...)
		} else {
			flat = append(flat, c)
		}
	}
	return &OrNode{Children: flat}
}
