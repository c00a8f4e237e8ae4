package search

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// facetSet is the facet counts and histogram of one query.
type facetSet struct {
	facets    []Facet
	histogram []Bar
}

// hitFields are the stored fields a result list shows.
var hitFields = []string{
	schema.FieldTitle, schema.FieldCountry, schema.FieldCountryCode, schema.FieldDateText,
	schema.FieldDateEst, schema.FieldType, schema.FieldTopic, schema.FieldMinistry,
	schema.FieldURL, schema.FieldMeta,
}

// maxYearBuckets bounds the year facet: more than every year a notice archive spans.
const maxYearBuckets = 200

// Search runs a request. Errors from bad input are *QueryError or *SyntaxError.
func (ix *Index) Search(ctx context.Context, req Request) (*Response, error) {
	start := time.Now()
	if err := req.Normalize(); err != nil {
		return nil, err
	}
	s, release := ix.acquire()
	defer release()
	p, err := ix.plan(&req, s)
	if err != nil {
		return nil, err
	}

	key, cacheable := browseKey(req)
	if cacheable {
		if cached := s.cachedBrowse(key); cached != nil {
			resp := *cached
			resp.Took = time.Since(start)
			return &resp, nil
		}
	}
	var resp *Response
	if s.cols == nil {
		resp, err = ix.searchReference(ctx, s, p)
	} else {
		resp, err = ix.searchColumns(ctx, s, p)
	}
	if err != nil {
		return nil, searchError(err)
	}
	resp.Took = time.Since(start)
	if cacheable {
		kept := *resp // the kept answer is never written again; callers get copies
		s.cacheBrowse(key, &kept)
	}
	return ix.TypoPass(ctx, req, resp)
}

// maxBrowseCache bounds the answers to browsing requests kept per generation.
const maxBrowseCache = 256

// browseKey returns the cache key of a request that browses the whole archive (no words,
// no filters, no dates): the landing page and its next pages, whose answers (facet counts
// included) change only with the index generation.
func browseKey(req Request) (string, bool) {
	if req.Query != "" || len(req.Filters) > 0 || req.From != "" || req.To != "" || req.AllVersions {
		return "", false
	}
	return fmt.Sprintf("%s|%d|%d|%s|%d|%t", req.Sort, req.Page, req.Size, req.After, req.FacetSize, req.NoFacets), true
}

func (s *snapshot) cachedBrowse(key string) *Response {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	return s.browse[key]
}

func (s *snapshot) cacheBrowse(key string, resp *Response) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if len(s.browse) < maxBrowseCache {
		s.browse[key] = resp
	}
}

// searchColumns runs the query text once through Bleve while the collector filters,
// counts facets and keeps the top hits from the in-memory columns; then it loads and
// highlights only the hits of the page.
func (ix *Index) searchColumns(ctx context.Context, s *snapshot, p *plan) (*Response, error) {
	req := p.req
	c, err := ix.collect(ctx, s, p)
	if err != nil {
		return nil, err
	}
	resp := &Response{Request: req, Total: uint64(c.total), Pages: pageCount(uint64(c.total), req.Size)}
	keys := c.hits(req)
	if resp.Hits, err = ix.loadHitsByNumber(s, p, keys); err != nil {
		return nil, err
	}
	if c.order == SortRelevance { // the score the hit was ranked by, not the loading search's
		for i, j := 0, 0; i < len(resp.Hits) && j < len(keys); j++ {
			if resp.Hits[i].ID == keys[j].id {
				resp.Hits[i].Score = keys[j].value
				i++
			}
		}
	}
	if n := len(keys); n > 0 && c.more(req, n) {
		resp.NextAfter = keys[n-1].cursor()
	}
	if !req.NoFacets {
		fs := ix.facetSetOf(c, req)
		resp.Facets, resp.Histogram = fs.facets, fs.histogram
	}
	return resp, nil
}

// searchReference answers with Bleve's own facets, one extra search per facet with a
// selection. It is the reference the column path is checked against, and the path for an
// index without columns.
func (ix *Index) searchReference(ctx context.Context, s *snapshot, p *plan) (*Response, error) {
	req := p.req
	resp := &Response{Request: req}
	var (
		wg       sync.WaitGroup
		facets   *facetSet
		facetErr error
	)
	if !req.NoFacets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			facets, facetErr = ix.facets(ctx, s, p)
		}()
	}
	hitErr := ix.hits(ctx, s, p, resp)
	wg.Wait()
	if err := firstErr(hitErr, facetErr); err != nil {
		return nil, err
	}
	if facets != nil {
		resp.Facets, resp.Histogram = facets.facets, facets.histogram
	}
	return resp, nil
}

// searchError turns Bleve's limit errors into user errors and keeps the rest.
func searchError(err error) error {
	var qe *QueryError
	var se *SyntaxError
	if errors.As(err, &qe) || errors.As(err, &se) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return err
	}
	if msg := bleveLimitMessage(err); msg != "" {
		return &QueryError{Pos: -1, Msg: msg}
	}
	return fmt.Errorf("search: %w", err)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// hits runs the main request of the reference path: the page of hits, then their snippets.
func (ix *Index) hits(ctx context.Context, s *snapshot, p *plan, resp *Response) error {
	req := p.req
	sr := bleve.NewSearchRequestOptions(p.query("", true), req.Size, 0, false)
	sr.Fields = hitFields
	sr.Sort = p.sortOrder()
	if req.After != "" {
		keys, err := decodeCursor(req.After, len(sr.Sort))
		if err != nil {
			return err
		}
		sr.SearchAfter = keys
	} else {
		sr.From = (req.Page - 1) * req.Size
	}
	res, err := s.idx.SearchInContext(ctx, sr)
	if err != nil {
		return err
	}
	resp.Total = res.Total
	resp.Pages = pageCount(res.Total, req.Size)
	ids := make([]string, len(res.Hits))
	for i, dm := range res.Hits {
		ids[i] = dm.ID
	}
	if n := len(res.Hits); n > 0 && moreAfter(req, res.Total, n) {
		resp.NextAfter = encodeCursor(res.Hits[n-1].DecodedSort)
	}
	resp.Hits, err = ix.loadHits(ctx, s, p, ids)
	return err
}

func pageCount(total uint64, size int) int {
	pages := int((total + uint64(size) - 1) / uint64(size))
	if pages > MaxPage {
		pages = MaxPage
	}
	return pages
}

// moreAfter reports whether hits remain after this page. A cursor page cannot know its
// position, so it assumes more when the page is full.
func moreAfter(req Request, total uint64, got int) bool {
	if req.After != "" {
		return got == req.Size
	}
	return uint64((req.Page-1)*req.Size+got) < total
}

// facets computes the facet counts and the year histogram. A facet with a selection is
// counted as if its own filter were off (one extra search each), so that a user who
// picked one country still sees the others' counts; likewise the histogram ignores the
// date range it is used to set.
func (ix *Index) facets(ctx context.Context, s *snapshot, p *plan) (*facetSet, error) {
	req := p.req
	type job struct {
		q      query.Query
		fields []string
	}
	var jobs []job
	main := job{q: p.query("", true)}
	for _, f := range FilterFields {
		if len(req.Filters[f]) == 0 {
			main.fields = append(main.fields, f)
		} else {
			jobs = append(jobs, job{q: p.query(f, true), fields: []string{f}})
		}
	}
	if p.date == nil {
		main.fields = append(main.fields, schema.FieldYear)
	} else {
		jobs = append(jobs, job{q: p.query("", false), fields: []string{schema.FieldYear}})
	}
	if len(main.fields) > 0 {
		jobs = append(jobs, main)
	}
	results := make([]*bleve.SearchResult, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sr := bleve.NewSearchRequestOptions(j.q, 0, 0, false)
			for _, f := range j.fields {
				size := req.FacetSize
				if f == schema.FieldYear {
					size = maxYearBuckets
				} else if len(req.Filters[f]) > 0 {
					size = MaxFacetSize // so that selected values are found wherever they rank
				}
				sr.AddFacet(f, bleve.NewFacetRequest(f, size))
			}
			results[i], errs[i] = s.idx.SearchInContext(ctx, sr)
		}()
	}
	wg.Wait()
	if err := firstErr(errs...); err != nil {
		return nil, err
	}
	byField := map[string]*bsearch.FacetResult{}
	for _, r := range results {
		for name, fr := range r.Facets {
			byField[name] = fr
		}
	}
	fs := &facetSet{}
	for _, f := range FilterFields {
		fs.facets = append(fs.facets, ix.facet(f, byField[f], req))
	}
	fs.histogram = histogram(byField[schema.FieldYear])
	return fs.withRange(req), nil
}

// facet turns Bleve's counts into a Facet, keeping the selected values even when their
// count is 0 and trimming the rest to the requested size.
func (ix *Index) facet(field string, fr *bsearch.FacetResult, req Request) Facet {
	f := Facet{Field: field}
	selected := map[string]bool{}
	for _, v := range req.Filters[field] {
		selected[v] = true
	}
	shown := map[string]bool{}
	if fr != nil {
		f.Missing = fr.Missing
		f.Other = fr.Other
		for _, t := range fr.Terms.Terms() {
			if len(f.Values) >= req.FacetSize && !selected[t.Term] {
				f.Other += t.Count
				continue
			}
			f.Values = append(f.Values, FacetValue{Value: t.Term, Label: ix.label(field, t.Term), Count: t.Count, Selected: selected[t.Term]})
			shown[t.Term] = true
		}
	}
	for _, v := range req.Filters[field] {
		if !shown[v] {
			f.Values = append(f.Values, FacetValue{Value: v, Label: ix.label(field, v), Count: 0, Selected: true})
		}
	}
	return f
}

func (ix *Index) label(field, value string) string {
	if field == schema.FieldTopic {
		return ix.vocab.topics.Label(value)
	}
	return value
}

// histogram zero-fills the year counts from the first year to the last, in year order,
// with the undated notices in a bar of their own at the end.
func histogram(fr *bsearch.FacetResult) []Bar {
	if fr == nil {
		return nil
	}
	counts := map[int]int{}
	undated := 0
	first, last := 0, 0
	for _, t := range fr.Terms.Terms() {
		if t.Term == schema.YearUndated {
			undated = t.Count
			continue
		}
		var y int
		if _, err := fmt.Sscanf(t.Term, "%d", &y); err != nil {
			continue
		}
		counts[y] = t.Count
		if first == 0 || y < first {
			first = y
		}
		if y > last {
			last = y
		}
	}
	var bars []Bar
	for y := first; first != 0 && y <= last; y++ {
		bars = append(bars, Bar{Year: fmt.Sprint(y), Count: counts[y]})
	}
	if undated > 0 {
		bars = append(bars, Bar{Year: schema.YearUndated, Count: undated})
	}
	return bars
}

// withRange returns a copy of the facet set with the histogram bars of the request's
// date range marked.
func (fs *facetSet) withRange(req Request) *facetSet {
	out := &facetSet{facets: fs.facets, histogram: make([]Bar, len(fs.histogram))}
	from, to := req.DateRange()
	for i, b := range fs.histogram {
		b.InRange = false
		if b.Year != schema.YearUndated && (req.From != "" || req.To != "") {
			start, _ := parseBound(b.Year, false)
			end, _ := parseBound(b.Year, true)
			b.InRange = (from.IsZero() || !end.Before(from)) && (to.IsZero() || !start.After(to))
		}
		out.histogram[i] = b
	}
	return out
}
