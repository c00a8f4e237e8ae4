package search

import (
	"context"
)

// CitationLink is one citation of a notice with the notices it may refer to.
type CitationLink struct {
	Date    string
	Country string
	Text    string
	Targets []Hit // notices of that country published on that date (or in that month)
}

// Notice returns the whole notice with this id. An id issued by an earlier run that now
// resolves to another returns *MovedError; an unknown id returns ErrNotFound.
func (ix *Index) Notice(ctx context.Context, id string) (*Notice, error) {
	panic("TODO")
}

// Related returns up to k notices like n: same country and topics, similar words.
func (ix *Index) Related(ctx context.Context, n *Notice, k int) ([]Hit, error) {
	panic("TODO")
}

// Cited resolves n's citations to the notices they refer to.
func (ix *Index) Cited(ctx context.Context, n *Notice) ([]CitationLink, error) {
	panic("TODO")
}

// CitedBy returns up to k notices that cite n.
func (ix *Index) CitedBy(ctx context.Context, n *Notice, k int) ([]Hit, error) {
	panic("TODO")
}

// CountryCount is a country with the number of notices about it.
type CountryCount struct {
	Name   string
	Code   string // ISO code, upper case; "" for General
	Count  int
	Latest string // date of its newest notice
}

// Countries lists every country with notices, by name.
func (ix *Index) Countries(ctx context.Context) ([]CountryCount, error) {
	panic("TODO")
}

// TopicLabel returns a topic's label.
func (ix *Index) TopicLabel(id string) string { return ix.vocab.topics.Label(id) }

// CountryByCode returns the canonical name of the country with this ISO code.
func (ix *Index) CountryByCode(code string) (name string, ok bool) {
	c, ok := ix.vocab.countries.ByCode(code)
	return c.Name, ok
}
