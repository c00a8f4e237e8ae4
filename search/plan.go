package search

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// plan is a request turned into Bleve queries: the text query, one filter per facet field
// with a selection, the date range and the version filter, so that each facet's search
// can leave its own filter out.
type plan struct {
	req     Request
	text    query.Query // nil without query text
	node    Node        // the parsed query text, nil without any
	filters map[string]query.Query
	date    query.Query  // nil without a date range
	version query.Query  // nil when every version is searched
	pairs   *pairs.Index // the bigram field when the index keeps it apart (pairs.go)
}

// plan compiles a request for the generation s (nil: the current one).
func (ix *Index) plan(req *Request, s *snapshot) (*plan, error) {
	if s == nil {
		s = ix.current.Load()
	}
	p := &plan{req: *req, filters: map[string]query.Query{}}
	if s != nil {
		p.pairs = s.pairs
	}
	if req.Query != "" {
		node, err := Parse(req.Query)
		if err != nil {
			return nil, err
		}
		q, err := Compile(node, ix.compileOptions(s))
		if err != nil {
			return nil, err
		}
		p.node, p.text = node, q
	}
	for field, values := range req.Filters {
		p.filters[field] = termsQuery(field, values)
	}
	if req.From != "" || req.To != "" {
		from, to := req.DateRange()
		q := bleve.NewDateRangeInclusiveQuery(from, to, boolPtr(true), boolPtr(true))
		q.SetField(schema.FieldDate)
		q.SetBoost(0)
		p.date = q
	}
	if !req.AllVersions {
		p.version = filterTerm(schema.FieldVersion, schema.VersionLatest)
	}
	return p, nil
}

// termsQuery matches documents with any of the values in a keyword field. Filters are
// built from parameters as term queries, never through a text parser, and do not score.
func termsQuery(field string, values []string) query.Query {
	if len(values) == 1 {
		return filterTerm(field, values[0])
	}
	var terms []query.Query
	for _, v := range values {
		terms = append(terms, filterTerm(field, v))
	}
	q := bleve.NewDisjunctionQuery(terms...)
	q.SetBoost(0)
	return q
}

// filterTerm is a term query that filters without scoring.
func filterTerm(field, value string) query.Query {
	q := bleve.NewTermQuery(value)
	q.SetField(field)
	q.SetBoost(0)
	return q
}

func boolPtr(b bool) *bool { return &b }

// query combines the text query with every filter except the facet field exclude, and
// with the date range when withDate is set, for Bleve to walk.
func (p *plan) query(exclude string, withDate bool) query.Query {
	return withPairs(p.combined(exclude, withDate), p.pairs)
}

func (p *plan) combined(exclude string, withDate bool) query.Query {
	var parts []query.Query
	if p.text != nil {
		parts = append(parts, p.text)
	}
	for _, f := range FilterFields {
		if q, ok := p.filters[f]; ok && f != exclude {
			parts = append(parts, q)
		}
	}
	if withDate && p.date != nil {
		parts = append(parts, p.date)
	}
	if p.version != nil {
		parts = append(parts, p.version)
	}
	switch len(parts) {
	case 0:
		return bleve.NewMatchAllQuery()
	case 1:
		return parts[0]
	}
	return bleve.NewConjunctionQuery(parts...)
}

// sortOrder returns the Bleve sort of the request, always ending with the id so that the
// order is total and cursors are exact.
func (p *plan) sortOrder() bsearch.SortOrder {
	byDate := func(desc bool) bsearch.SearchSort {
		return &bsearch.SortField{Field: schema.FieldSortDate, Type: bsearch.SortFieldAsDate, Desc: desc, Missing: bsearch.SortFieldMissingLast}
	}
	switch {
	case p.req.Sort == SortOldest:
		return bsearch.SortOrder{byDate(false), &bsearch.SortDocID{}}
	case p.req.Sort == SortNewest || p.text == nil:
		return bsearch.SortOrder{byDate(true), &bsearch.SortDocID{}}
	}
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, byDate(true), &bsearch.SortDocID{}}
}

var badCursor = &QueryError{Pos: -1, Msg: "the 'after' cursor is not valid for this search; start again from the first page"}

func encodeCursorBytes(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func decodeCursorBytes(s string) ([]byte, error) {
	if len(s) > 4096 {
		return nil, badCursor
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, badCursor
	}
	return b, nil
}

// encodeCursor turns a hit's Bleve sort keys into an opaque URL-safe cursor (reference path).
func encodeCursor(keys []string) string {
	b, _ := json.Marshal(keys)
	return encodeCursorBytes(b)
}

func decodeCursor(s string, n int) ([]string, error) {
	b, err := decodeCursorBytes(s)
	if err != nil {
		return nil, err
	}
	var keys []string
	if err := json.Unmarshal(b, &keys); err != nil || len(keys) != n {
		return nil, badCursor
	}
	return keys, nil
}

// bleveLimitMessage recognises Bleve's errors for queries over its limits, which are the
// user's to fix, and words them for a person; "" for any other error.
func bleveLimitMessage(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "fuzziness exceeds max"):
		return "fuzziness can be at most 2 (word~1 or word~2)"
	case strings.Contains(msg, "TooManyClauses"), strings.Contains(msg, "too many clauses"):
		return "the query expands to too many terms; make prefixes and fuzzy words more specific"
	case strings.Contains(msg, "term searchers"):
		return "the query expands to too many terms; make prefixes and fuzzy words more specific"
	}
	return ""
}
