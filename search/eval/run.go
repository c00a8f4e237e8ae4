package eval

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/noticearchive/noticearchive/search"
)

// Report is the outcome of running a set.
type Report struct {
	Set     string
	Results []Result       // one per query, in set order
	Classes []ClassMetrics // one per class, in order of first appearance
	Overall Metrics        // mean over all queries
	Missing []string       // judged pages that no notice of the index comes from
}

// Result is the outcome of one query.
type Result struct {
	Query
	Metrics
	// Ranks holds the rank (from 1) of each page of Query.Relevant in the results, 0 when
	// it is not in the top RecallDepth.
	Ranks []int
	// Top holds the ids of the first hits, at most RecallDepth.
	Top        []string
	Total      uint64
	Fuzzy      bool   // the hits came from the typo-tolerant pass
	DidYouMean string // the suggestion the page would show
	Err        string // a search error, which scores 0
}

// ClassMetrics are the mean measures of the queries of one class.
type ClassMetrics struct {
	Class string
	N     int
	Metrics
}

// RunDir opens the index in dir, runs set on it and closes it.
func RunDir(ctx context.Context, dir string, set *Set) (*Report, error) {
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer ix.Close()
	return Run(ctx, ix, set)
}

// Run runs every query of set on ix, as the search page would (relevance order, the
// typo-tolerant pass included), and measures where the judged pages rank. A query the
// index rejects scores 0 and keeps its error in Result.Err.
func Run(ctx context.Context, ix *search.Index, set *Set) (*Report, error) {
	pages, err := sourceIndex(ctx, ix)
	if err != nil {
		return nil, err
	}
	rep := &Report{Set: set.Name}
	missing := map[string]bool{}
	for _, q := range set.Queries {
		relevant := map[string]bool{}
		ids := make([]string, len(q.Relevant))
		for i, p := range q.Relevant {
			id, ok := pages.resolve(p)
			if !ok {
				id = "missing:" + p // counts as relevant and never found
				if !missing[p] {
					missing[p] = true
					rep.Missing = append(rep.Missing, p)
				}
			}
			ids[i] = id
			relevant[id] = true
		}
		res, err := runQuery(ctx, ix, q)
		if err != nil {
			return nil, err
		}
		res.Metrics = measure(res.Top, relevant)
		res.Ranks = ranks(res.Top, ids)
		rep.Results = append(rep.Results, res)
	}
	rep.summarize(set.Classes())
	return rep, nil
}

func runQuery(ctx context.Context, ix *search.Index, q Query) (Result, error) {
	res := Result{Query: q}
	req := search.Request{Query: q.Query, Size: RecallDepth, Sort: search.SortRelevance, NoFacets: true}
	resp, err := ix.Search(ctx, req)
	if err == nil {
		resp, err = ix.TypoPass(ctx, req, resp)
	}
	if err != nil {
		if ctx.Err() != nil {
			return res, fmt.Errorf("eval %q: %w", q.Query, err)
		}
		res.Err = err.Error()
		return res, nil
	}
	for _, h := range resp.Hits {
		res.Top = append(res.Top, h.ID)
	}
	res.Total, res.Fuzzy, res.DidYouMean = resp.Total, resp.Fuzzy, resp.DidYouMean
	return res, nil
}

func ranks(top, ids []string) []int {
	out := make([]int, len(ids))
	for i, id := range ids {
		for r, t := range top {
			if t == id {
				out[i] = r + 1
				break
			}
		}
	}
	return out
}

func (rep *Report) summarize(classes []string) {
	var all []Metrics
	byClass := map[string][]Metrics{}
	for _, r := range rep.Results {
		all = append(all, r.Metrics)
		byClass[r.Class] = append(byClass[r.Class], r.Metrics)
	}
	rep.Overall = mean(all)
	for _, c := range classes {
		rep.Classes = append(rep.Classes, ClassMetrics{Class: c, N: len(byClass[c]), Metrics: mean(byClass[c])})
	}
}

// sources maps the source path of every page of the index to the id under which search
// returns its notice (the newest version's).
type sources map[string]string

// sourceIndex lists every notice of the index, earlier versions included, with the pages
// it was read from.
func sourceIndex(ctx context.Context, ix *search.Index) (sources, error) {
	out := sources{}
	req := search.Request{Size: search.MaxPageSize, AllVersions: true, NoFacets: true, Sort: search.SortOldest}
	for {
		resp, err := ix.Search(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("eval: list notices: %w", err)
		}
		for _, h := range resp.Hits {
			n, err := ix.Notice(ctx, h.ID)
			if err != nil {
				return nil, fmt.Errorf("eval: %w", err)
			}
			id := n.ID
			for _, v := range n.Versions {
				if v.Latest {
					id = v.ID
				}
			}
			out.add(n.Source, id)
			for _, c := range n.Captures {
				out.add(c.Source, id)
			}
		}
		if resp.NextAfter == "" || len(resp.Hits) == 0 {
			return out, nil
		}
		req.After = resp.NextAfter
	}
}

func (s sources) add(src, id string) {
	if src != "" {
		s[filepath.ToSlash(src)] = id
	}
}

// resolve finds the notice of a judged page: the one whose source path is the page's path
// or ends with "/" and it.
func (s sources) resolve(page string) (string, bool) {
	page = filepath.ToSlash(page)
	if id, ok := s[page]; ok {
		return id, true
	}
	found, n := "", 0
	for src, id := range s {
		if strings.HasSuffix(src, "/"+page) && id != found {
			found, n = id, n+1
		}
	}
	return found, n == 1
}
