package search

import "context"

// facetSet is the facet counts and histogram of one query.
type facetSet struct {
	facets    []Facet
	histogram []Bar
}

// Search runs a request. Errors from bad input are *QueryError or *SyntaxError.
func (ix *Index) Search(ctx context.Context, req Request) (*Response, error) {
	panic("TODO")
}
