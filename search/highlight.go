package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// maxHighlightTerms bounds the words a snippet marks.
const maxHighlightTerms = 32

// highlightQuery returns what to mark in snippets: every word the query looks for in the
// title and body (words of phrases included; negated words not), as plain term, prefix and
// fuzzy queries. It never decides which notices match: the hits of the page are already
// chosen, and this query only finds where their words are. Term queries advance cheaply,
// unlike phrase searchers, which scan ahead to their next match. It returns nil when there
// is nothing to mark.
func highlightQuery(n Node) query.Query {
	d, err := loadDefaults()
	if err != nil || n == nil {
		return nil
	}
	var qs []query.Query
	add := func(q query.FieldableQuery) {
		for _, f := range []string{schema.FieldBody, schema.FieldTitle} {
			if len(qs) >= maxHighlightTerms {
				return
			}
			q := cloneFor(q, f)
			qs = append(qs, q)
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
				add(bleve.NewPrefixQuery(lowerASCII(n.Text)))
			case n.Fuzzy > 0:
				for _, t := range analyze(d.text, n.Text) {
					q := bleve.NewFuzzyQuery(t)
					q.SetFuzziness(n.Fuzzy)
					add(q)
				}
			default:
				for _, t := range analyze(d.text, n.Text) {
					add(bleve.NewTermQuery(t))
				}
			}
		case *PhraseNode:
			if negated || (n.Field != "" && n.Field != QueryFieldTitle) {
				return
			}
			for _, t := range analyze(d.text, n.Text) {
				add(bleve.NewTermQuery(t))
			}
		}
	}
	walk(n, false)
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// cloneFor returns a copy of a term, prefix or fuzzy query on field.
func cloneFor(q query.FieldableQuery, field string) query.Query {
	switch q := q.(type) {
	case *query.TermQuery:
		c := *q
		c.SetField(field)
		return &c
	case *query.PrefixQuery:
		c := *q
		c.SetField(field)
		return &c
	case *query.FuzzyQuery:
		c := *q
		c.SetField(field)
		return &c
	}
	return q
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
