package search

import (
	"strconv"
	"strings"
)

// Node is one node of a parsed query: *TermNode, *PhraseNode, *DateRangeNode, *AndNode,
// *OrNode or *NotNode.
type Node interface {
	// String returns the canonical form of the query, which Parse reads back to an equal
	// tree: upper-case operators, explicit AND, parentheses around groups of AND and OR.
	String() string
	node()
}

// Fields a query can name before a colon. Date ranges use "date:" and become a *DateRangeNode.
const (
	QueryFieldTitle    = "title"
	QueryFieldCountry  = "country"
	QueryFieldTopic    = "topic"
	QueryFieldMinistry = "ministry"
	QueryFieldType     = "type"
	QueryFieldDate     = "date"
)

// TermNode is one word, or the value of a field such as country:"Costa Rica".
type TermNode struct {
	Field  string // "" for a plain word searched in every text field, else a QueryField name
	Text   string // the word or value as typed, without '*' or '~N'
	Prefix bool   // word*: any word starting with Text
	Fuzzy  int    // word~N: words within N edits (1 or 2); 0 for an exact word
}

// PhraseNode is an exact phrase: "central authority" or title:"hague convention".
type PhraseNode struct {
	Field string // "" for title and body, or QueryFieldTitle, QueryFieldMinistry
	Text  string
}

// DateRangeNode selects notices published between From and To, both inclusive. Each bound is
// a normalised "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a year or month covers all its days), or ""
// for an open end.
type DateRangeNode struct {
	From, To string
}

// AndNode matches what all of its children match.
type AndNode struct{ Children []Node }

// OrNode matches what any of its children matches.
type OrNode struct{ Children []Node }

// NotNode matches what its child does not match.
type NotNode struct{ Child Node }

func (*TermNode) node()      {}
func (*PhraseNode) node()    {}
func (*DateRangeNode) node() {}
func (*AndNode) node()       {}
func (*OrNode) node()        {}
func (*NotNode) node()       {}

func (n *TermNode) String() string {
	s := n.Text
	if n.needsQuotes() {
		s = `"` + s + `"`
	}
	if n.Prefix {
		s += "*"
	}
	if n.Fuzzy > 0 {
		s += "~" + strconv.Itoa(n.Fuzzy)
	}
	return withField(n.Field, s)
}

// needsQuotes reports whether the text must be quoted to read back as one word: it is
// empty, holds a space or a parenthesis, is an operator, or holds '*' or '~' in a value
// that takes neither. A prefix or fuzzy word never comes from quotes.
func (n *TermNode) needsQuotes() bool {
	switch {
	case n.Prefix || n.Fuzzy > 0:
		return false
	case n.Text == "" || strings.ContainsFunc(n.Text, func(r rune) bool { return isSpace(r) || isSpecial(r) }):
		return true
	case n.Field == "":
		return isKeyword(n.Text)
	}
	return n.Field != QueryFieldTitle && strings.ContainsAny(n.Text, "*~")
}

func (n *PhraseNode) String() string {
	return withField(n.Field, `"`+n.Text+`"`)
}

func (n *DateRangeNode) String() string {
	switch {
	case n.From == n.To:
		return "date:" + n.From
	case n.To == "":
		return "date:>=" + n.From
	case n.From == "":
		return "date:<=" + n.To
	}
	return "date:" + n.From + ".." + n.To
}

func (n *AndNode) String() string {
	return joinNodes(n.Children, " AND ", func(c Node) bool {
		_, or := c.(*OrNode)
		_, and := c.(*AndNode)
		return or || and
	})
}

func (n *OrNode) String() string {
	return joinNodes(n.Children, " OR ", func(c Node) bool {
		_, or := c.(*OrNode)
		_, and := c.(*AndNode)
		return or || and // (a AND b) OR c: needless for the parser, clearer to people
	})
}

func (n *NotNode) String() string {
	switch n.Child.(type) {
	case *AndNode, *OrNode:
		return "NOT (" + n.Child.String() + ")"
	}
	return "NOT " + n.Child.String()
}

func joinNodes(nodes []Node, sep string, parens func(Node) bool) string {
	parts := make([]string, len(nodes))
	for i, c := range nodes {
		parts[i] = c.String()
		if parens(c) {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, sep)
}

func withField(field, s string) string {
	if field == "" {
		return s
	}
	return field + ":" + s
}
