package search

import (
	"strings"
	"testing"
)

// FuzzRequest builds requests from arbitrary fields (query text, a filter, dates, sort,
// page, size, cursor, facet size) and takes them through Normalize, Parse and Compile (the
// plan a search runs) and the cursor decoders. Nothing panics; every refusal is a
// *QueryError or *SyntaxError with its position inside the query; an accepted request
// is within the limits. Seeds: below and testdata/fuzz/FuzzRequest.
func FuzzRequest(f *testing.F) {
	f.Add("adoption", "country", "Nepal|Cambodia", "2010", "2012-03", "", 1, 20, "", 0, false, false)
	f.Add(`title:"hague convention" -suspended`, "topic", "hague", "", "", "newest", 2, 5, "", 10, true, true)
	f.Add("", "type", "alert", "2012-02-30", "2011", "oldest", 0, 0, "eyJ2IjoxLCJpZCI6ImEifQ", 1000, false, false)
	f.Add("((((", "ministry", "", "99999", "", "relevance", -1, 101, "!!!", -5, false, true)
	f.Add("visa~3 OR orph*", "nope", "x", "2010-13", "2010-01-32", "random", 101, 1, strings.Repeat("A", 5000), 1001, true, false)
	f.Add("<script>alert(1)</script> ' OR 1=1; DROP TABLE notices; --", "country", "<img src=x onerror=alert(1)>", "", "", "", 100, 100, "W10", 0, false, false)
	f.Add("ሰላም 日本 \u202e\u0000 Côte d’Ivoire", "country", "Côte d'Ivoire||  ", "1900", "9999-12-31", "", 1, 1, "WyJhIiwiYiIsImMiXQ", 0, false, false)
	vocab, err := loadVocabulary()
	if err != nil {
		f.Fatal(err)
	}
	ix := &Index{vocab: vocab}
	f.Fuzz(func(t *testing.T, q, field, values, from, to, sort string, page, size int, after string, facetSize int, all, noFacets bool) {
		req := Request{Query: q, From: from, To: to, Sort: sort, Page: page, Size: size, After: after,
			FacetSize: facetSize, AllVersions: all, NoFacets: noFacets}
		if field != "" {
			req.Filters = map[string][]string{field: strings.Split(values, "|")}
		}
		if err := req.Normalize(); err != nil {
			checkQueryError(t, req.Query, err)
			return
		}
		switch {
		case req.Page < 1 || req.Page > MaxPage:
			t.Fatalf("page %d accepted", req.Page)
		case req.Size < 1 || req.Size > MaxPageSize:
			t.Fatalf("size %d accepted", req.Size)
		case req.FacetSize < 1 || req.FacetSize > MaxFacetSize:
			t.Fatalf("facet size %d accepted", req.FacetSize)
		case req.Sort != SortRelevance && req.Sort != SortNewest && req.Sort != SortOldest:
			t.Fatalf("sort %q accepted", req.Sort)
		}
		if from, to := req.DateRange(); !from.IsZero() && !to.IsZero() && to.Before(from) {
			t.Fatalf("a date range that ends before it starts: %s..%s", req.From, req.To)
		}
		for f, vs := range req.Filters {
			if !isFilterField(f) || len(vs) > maxFilterValues {
				t.Fatalf("filter %s=%q accepted", f, vs)
			}
		}
		p, err := ix.plan(&req, nil)
		if err != nil {
			checkQueryError(t, req.Query, err)
			return
		}
		p.query("", true)
		p.sortOrder()
		if req.After != "" {
			if _, err := parseCursor(req.After); err != nil {
				checkQueryError(t, req.Query, err)
			}
			if _, err := decodeCursor(req.After, len(p.sortOrder())); err != nil {
				checkQueryError(t, req.Query, err)
			}
		}
	})
}
