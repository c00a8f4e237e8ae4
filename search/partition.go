package search

import (
	"context"
	"runtime"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Large indexes are searched in parts: the range of internal document numbers is cut in
// as many parts as there are cores (at most maxParts), each part is walked by a goroutine
// of its own with a collector of its own, and the collectors are merged. Counts add up
// exactly and the top hits of the parts hold the top hits of the whole, so the answer is
// the one a single walk gives; on an idle machine it comes about as many times sooner as
// there are parts. Scores are the same as in one walk: every part searches the same
// index snapshot, with the same term statistics.
const maxParts = 4

var (
	// partsWanted is the number of parts wanted: one per core, at most maxParts.
	partsWanted = func() int { return min(runtime.GOMAXPROCS(0), maxParts) }
	// partsMinDocs is the fewest documents per part: below it a part's fixed cost
	// outweighs the gain.
	partsMinDocs = 8192
)

// parts returns the document number ranges [lo, hi) to walk in parallel for an index of
// size document numbers while running searches (this one included) run at once.
func parts(size, running int) [][2]uint64 {
	n := min(partsWanted()/max(running, 1), size/partsMinDocs)
	if n < 2 {
		return [][2]uint64{{0, uint64(size)}}
	}
	out := make([][2]uint64, n)
	step := uint64(size) / uint64(n)
	for i := range out {
		out[i] = [2]uint64{uint64(i) * step, uint64(i+1) * step}
	}
	out[n-1][1] = uint64(size)
	return out
}

// docRangeQuery matches what its inner query matches among the documents numbered
// lo <= n < hi. It exists for the parallel walk and is never parsed or serialised.
type docRangeQuery struct {
	inner  query.Query
	lo, hi uint64
}

// Searcher implements query.Query.
func (q *docRangeQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	s, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &docRangeSearcher{Searcher: s, lo: q.lo, hi: q.hi}, nil
}

// docRangeSearcher starts its inner searcher at lo and ends it at hi.
type docRangeSearcher struct {
	bsearch.Searcher
	lo, hi  uint64
	started bool
	done    bool
}

// Next implements search.Searcher.
func (s *docRangeSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.started && s.lo > 0 {
		return s.Advance(ctx, index.NewIndexInternalID(nil, s.lo))
	}
	if s.done {
		return nil, nil
	}
	s.started = true
	dm, err := s.Searcher.Next(ctx)
	return s.within(ctx, dm, err)
}

// Advance implements search.Searcher.
func (s *docRangeSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if id.Value() < s.lo {
		id = index.NewIndexInternalID(nil, s.lo)
	}
	s.started = true
	dm, err := s.Searcher.Advance(ctx, id)
	return s.within(ctx, dm, err)
}

func (s *docRangeSearcher) within(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if err != nil || dm == nil {
		return dm, err
	}
	if dm.IndexInternalID.Value() >= s.hi {
		s.done = true
		ctx.DocumentMatchPool.Put(dm)
		return nil, nil
	}
	return dm, nil
}
