package search

import (
	"context"
	"math"
	"sort"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// Most searches are plain words, and a plain word compiles to a disjunction of term
// queries: the word in the title, the body and the name fields, each with its weight.
// Such a query is walked here directly over Bleve's postings, without Bleve's searchers,
// document matches and collector in between: the walk merges the terms' postings by
// document number, scores each document exactly as Bleve's BM25 term and disjunction
// scorers do (the same formulas, in the same order of operations) and hands it to the
// collector. Anything else goes through Bleve (collectRange).

// termClause is one term query of a term disjunction.
type termClause struct {
	field, term string
	boost       float64
}

// termDisjunction returns the clauses of a term query or of a disjunction of term
// queries, and whether q is one. single reports a lone term query, which Bleve scores
// without a query norm.
func termDisjunction(q query.Query) (clauses []termClause, single, ok bool) {
	switch q := q.(type) {
	case *query.TermQuery:
		if q.FieldVal == "" {
			return nil, false, false
		}
		return []termClause{{q.FieldVal, q.Term, q.BoostVal.Value()}}, true, true
	case *query.DisjunctionQuery:
		if q.Min > 1 || len(q.Disjuncts) == 0 || len(q.Disjuncts) > maxTermClauses {
			return nil, false, false
		}
		for _, d := range q.Disjuncts {
			t, isTerm := d.(*query.TermQuery)
			if !isTerm || t.FieldVal == "" {
				return nil, false, false
			}
			clauses = append(clauses, termClause{t.FieldVal, t.Term, t.BoostVal.Value()})
		}
		return clauses, false, true
	}
	return nil, false, false
}

// maxTermClauses bounds the terms walked directly; wider disjunctions go through Bleve.
const maxTermClauses = 16

// termCursor is one clause's postings during a walk.
type termCursor struct {
	reader index.TermFieldReader
	doc    *index.TermFieldDoc // the current posting, nil when done
	buf    index.TermFieldDoc
	count  uint64 // documents with the term (Bleve sorts a disjunction's clauses by it)
	// BM25 as in Bleve's scorer.TermQueryScorer.
	idf, avgDocLength, weight float64
}

// byCount orders cursors as Bleve's OrderedSearcherList orders a disjunction's searchers,
// with the same sort, so that scores are summed in the same order.
type byCount []*termCursor

func (b byCount) Len() int           { return len(b) }
func (b byCount) Less(i, j int) bool { return b[i].count < b[j].count }
func (b byCount) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// walkTerms shows c every document numbered lo <= n < hi that holds any of the clauses'
// terms, with its BM25 score when the collector ranks by relevance.
func walkTerms(ctx context.Context, r index.IndexReader, clauses []termClause, single bool, c *collector, lo, hi uint64) (err error) {
	score := c.order == SortRelevance
	docTotal, err := r.DocCount()
	if err != nil || docTotal == 0 {
		return err
	}
	bm25, _ := r.(index.BM25Reader)
	cursors := make([]*termCursor, 0, len(clauses))
	defer func() {
		for _, t := range cursors {
			if cerr := t.reader.Close(); err == nil {
				err = cerr
			}
		}
	}()
	for _, cl := range clauses {
		tfr, err := r.TermFieldReader(ctx, []byte(cl.term), cl.field, score, score, false)
		if err != nil {
			return err
		}
		t := &termCursor{reader: tfr, count: tfr.Count(), weight: 1}
		cursors = append(cursors, t)
		if !score {
			continue
		}
		var cardinality int
		if bm25 != nil {
			if cardinality, err = bm25.FieldCardinality(cl.field); err != nil {
				return err
			}
		}
		t.avgDocLength = math.Ceil(float64(cardinality) / float64(docTotal))
		if t.avgDocLength > 0 {
			t.idf = math.Log(1 + (float64(docTotal)-float64(t.count)+0.5)/(float64(t.count)+0.5))
		} else { // Bleve falls back to tf-idf for a field without length statistics
			t.idf = 1.0 + math.Log(float64(docTotal)/float64(t.count+1.0))
		}
		t.weight = cl.boost // the query boost; turned into the query weight below
	}
	if score && !single {
		sort.Sort(byCount(cursors))
		sumOfSquaredWeights := 0.0
		for _, t := range cursors {
			w := t.weight * t.idf
			sumOfSquaredWeights += w * w
		}
		queryNorm := 1.0 / math.Sqrt(sumOfSquaredWeights)
		for _, t := range cursors {
			t.weight = t.weight * t.idf * queryNorm
		}
	} else if single {
		cursors[0].weight = 1 // a lone term searcher keeps the query weight 1
	}
	start := index.NewIndexInternalID(nil, lo)
	for _, t := range cursors {
		if t.doc, err = t.reader.Advance(start, &t.buf); err != nil {
			return err
		}
	}
	total := float64(len(cursors))
	for n := 0; ; n++ {
		next := uint64(math.MaxUint64)
		for _, t := range cursors {
			if t.doc != nil {
				if d := t.doc.ID.Value(); d < next {
					next = d
				}
			}
		}
		if next >= hi {
			return nil
		}
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		sum, matched := 0.0, 0
		for _, t := range cursors {
			if t.doc == nil || t.doc.ID.Value() != next {
				continue
			}
			matched++
			if score {
				sum += t.score(t.doc)
			}
			if t.doc, err = t.reader.Next(&t.buf); err != nil {
				return err
			}
		}
		if single {
			c.visit(next, sum)
		} else {
			c.visit(next, sum*(float64(matched)/total))
		}
	}
}

// score is Bleve's TermQueryScorer score with BM25: the same expression, in the same order.
func (t *termCursor) score(p *index.TermFieldDoc) float64 {
	var tf float64
	if p.Freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(p.Freq)]
	} else {
		tf = math.Sqrt(float64(p.Freq))
	}
	var s float64
	if t.avgDocLength > 0 {
		fieldLength := 1 / (p.Norm * p.Norm)
		s = t.idf * (tf * bsearch.BM25_k1) /
			(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*fieldLength/t.avgDocLength)))
	} else {
		s = tf * p.Norm * t.idf
	}
	if t.weight != 1.0 {
		s = s * t.weight
	}
	return s
}
