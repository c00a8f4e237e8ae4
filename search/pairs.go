package search

import (
	"context"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Since 2026-12-07 the word pairs of title and body (the bigram field) are not in Bleve
// but in the generation's pairs file (package indexer/pairs): built in one pass, never
// merged, they cost a fraction of what zap spent on them. The search reads the field
// from there in all three of its ways, so that queries compile as before and score as
// Bleve scored them:
//
//   - the direct walk and the match sets read its postings (pairsIterator);
//   - a phrase of pairs is checked on its positions (postingBitmaps.phrase);
//   - a query Bleve walks gets a reader that answers for the field (pairsReader).
//
// BM25 needs a field's length in each document and Bleve's "field cardinality", the
// number of distinct terms of the field; the pairs file keeps both.

// pairsIterator reads a pair's postings as a segment.PostingsIterator over one segment
// holding every document: it is its own Posting, valid until it moves.
type pairsIterator struct {
	x         *pairs.Index
	it        *pairs.Iterator
	locs      []segment.Location
	pos       []pairLocation
	withLocs  bool
	exhausted bool
}

func newPairsIterator(x *pairs.Index, p pairs.Postings, withLocs bool) *pairsIterator {
	return &pairsIterator{x: x, it: p.Iterator(), withLocs: withLocs}
}

// Next implements segment.PostingsIterator.
func (p *pairsIterator) Next() (segment.Posting, error) {
	if p.exhausted || !p.it.Next() {
		p.exhausted = true
		return nil, nil
	}
	return p.at(), nil
}

// Advance implements segment.PostingsIterator.
func (p *pairsIterator) Advance(doc uint64) (segment.Posting, error) {
	if p.exhausted || !p.it.Advance(doc) {
		p.exhausted = true
		return nil, nil
	}
	return p.at(), nil
}

func (p *pairsIterator) at() segment.Posting {
	if p.withLocs {
		positions := p.it.Positions()
		p.pos = p.pos[:0]
		p.locs = p.locs[:0]
		for _, pos := range positions {
			p.pos = append(p.pos, pairLocation(pos))
		}
		for i := range p.pos {
			p.locs = append(p.locs, &p.pos[i])
		}
	}
	return p
}

// Size, BytesRead, ResetBytesRead and BytesWritten implement segment.PostingsIterator.
func (p *pairsIterator) Size() int                     { return 64 }
func (p *pairsIterator) BytesRead() uint64             { return 0 }
func (p *pairsIterator) ResetBytesRead(uint64)         {}
func (p *pairsIterator) BytesWritten() uint64          { return 0 }
func (p *pairsIterator) Number() uint64                { return p.it.Doc() }
func (p *pairsIterator) Frequency() uint64             { return p.it.Freq() }
func (p *pairsIterator) NormUint64() uint64            { return p.x.Length(p.it.Doc()) }
func (p *pairsIterator) Locations() []segment.Location { return p.locs }

// Norm implements segment.Posting as zap computes it from the field's length.
func (p *pairsIterator) Norm() float64 {
	norm, _ := lengthNorm(p.x.Length(p.it.Doc()))
	return norm
}

// pairLocation is a position in the pair field. The pairs file keeps the field's values
// apart by their positions, so no array positions are needed.
type pairLocation uint64

func (l *pairLocation) Field() string            { return schema.FieldBigrams }
func (l *pairLocation) Start() uint64            { return 0 }
func (l *pairLocation) End() uint64              { return 0 }
func (l *pairLocation) Pos() uint64              { return uint64(*l) }
func (l *pairLocation) ArrayPositions() []uint64 { return nil }
func (l *pairLocation) Size() int                { return 8 }

// pairsTerm returns the bitmap of a pair's documents.
func pairsTerm(x *pairs.Index, term string) *roaring.Bitmap {
	p, ok := x.Postings([]byte(term))
	if !ok {
		return roaring.New()
	}
	return p.Bitmap()
}

// pairsPhrase returns the candidates where the pairs of q follow one another. It reads
// the pairs' positions straight from the file's iterators.
func pairsPhrase(x *pairs.Index, q *query.PhraseQuery, candidates *roaring.Bitmap) (*roaring.Bitmap, error) {
	out := roaring.New()
	its := make([]*pairs.Iterator, len(q.Terms))
	for i, t := range q.Terms {
		p, ok := x.Postings([]byte(t))
		if !ok {
			return out, nil
		}
		its[i] = p.Iterator()
	}
	pos := make([][]uint64, len(q.Terms))
	var buf [256]uint32
	docs := candidates.ManyIterator()
	for n := docs.NextMany(buf[:]); n > 0; n = docs.NextMany(buf[:]) {
		for _, d := range buf[:n] {
			doc := uint64(d)
			for i, it := range its {
				if !it.Advance(doc) || it.Doc() != doc {
					return nil, fmt.Errorf("search: phrase pair %q not at document %d of its bitmap", q.Terms[i], doc)
				}
				pos[i] = it.Positions()
			}
			if consecutive(pos) {
				out.Add(d)
			}
		}
	}
	return out, nil
}

// consecutive reports whether some position p of pos[0] has p+i in every pos[i]; each
// list ascending.
func consecutive(pos [][]uint64) bool {
	var atBuf [8]int
	at := atBuf[:0] // in each list, the first position not yet passed
	if len(pos) > len(atBuf) {
		at = make([]int, 0, len(pos))
	}
	at = at[:len(pos)]
first:
	for _, p0 := range pos[0] {
		for i := 1; i < len(pos); i++ {
			want, l := p0+uint64(i), pos[i]
			for at[i] < len(l) && l[at[i]] < want {
				at[i]++
			}
			if at[i] == len(l) {
				return false
			}
			if l[at[i]] != want {
				continue first
			}
		}
		return true
	}
	return false
}

// withPairs makes q answer for the bigram field from x when Bleve walks it (nil x: the
// index keeps its pairs in Bleve).
func withPairs(q query.Query, x *pairs.Index) query.Query {
	if x == nil {
		return q
	}
	return &pairsQuery{inner: q, pairs: x}
}

// pairsQuery is a query whose searchers read the bigram field from the pairs file. It
// is never parsed or serialised.
type pairsQuery struct {
	inner query.Query
	pairs *pairs.Index
}

// Searcher implements query.Query.
func (q *pairsQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return q.inner.Searcher(ctx, &pairsReader{IndexReader: r, pairs: q.pairs}, m, opts)
}

// pairsReader is an index reader whose bigram field is the pairs file's.
type pairsReader struct {
	index.IndexReader
	pairs *pairs.Index
}

// TermFieldReader implements index.IndexReader.
func (r *pairsReader) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (index.TermFieldReader, error) {
	if field != schema.FieldBigrams {
		return r.IndexReader.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
	}
	tfr := &pairsTermReader{term: string(term), vectors: includeTermVectors}
	if p, ok := r.pairs.Postings(term); ok {
		tfr.postings, tfr.found = p, true
		tfr.it = newPairsIterator(r.pairs, p, includeTermVectors)
	}
	return tfr, nil
}

// FieldCardinality implements index.BM25Reader: for the bigram field, its number of
// distinct terms, as Bleve counts a field's cardinality.
func (r *pairsReader) FieldCardinality(field string) (int, error) {
	if field == schema.FieldBigrams {
		return int(r.pairs.Terms()), nil
	}
	if b, ok := r.IndexReader.(index.BM25Reader); ok {
		return b.FieldCardinality(field)
	}
	return 0, nil
}

// pairsTermReader is a pair's postings as Bleve's searchers read a term's.
type pairsTermReader struct {
	term     string
	postings pairs.Postings
	found    bool
	it       *pairsIterator
	cur      uint64
	started  bool
	vectors  bool
}

// Next implements index.TermFieldReader.
func (r *pairsTermReader) Next(pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if !r.found {
		return nil, nil
	}
	p, err := r.it.Next()
	return r.doc(p, err, pre)
}

// Advance implements index.TermFieldReader; it may go back.
func (r *pairsTermReader) Advance(id index.IndexInternalID, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if !r.found {
		return nil, nil
	}
	target := id.Value()
	if r.started && target <= r.cur {
		if target == r.cur && !r.it.exhausted {
			return r.fill(r.it, pre), nil
		}
		r.it = newPairsIterator(r.it.x, r.postings, r.vectors)
	}
	p, err := r.it.Advance(target)
	return r.doc(p, err, pre)
}

func (r *pairsTermReader) doc(p segment.Posting, err error, pre *index.TermFieldDoc) (*index.TermFieldDoc, error) {
	if p == nil || err != nil {
		return nil, err
	}
	return r.fill(r.it, pre), nil
}

func (r *pairsTermReader) fill(p *pairsIterator, pre *index.TermFieldDoc) *index.TermFieldDoc {
	r.started, r.cur = true, p.Number()
	if pre == nil {
		pre = &index.TermFieldDoc{}
	} else {
		pre.Reset()
	}
	pre.Term = r.term
	pre.ID = index.NewIndexInternalID(pre.ID, r.cur)
	pre.Freq = p.Frequency()
	pre.Norm = p.Norm()
	if r.vectors {
		for _, l := range p.Locations() {
			pre.Vectors = append(pre.Vectors, &index.TermFieldVector{Field: schema.FieldBigrams, Pos: l.Pos()})
		}
	}
	return pre
}

// Count implements index.TermFieldReader.
func (r *pairsTermReader) Count() uint64 {
	if !r.found {
		return 0
	}
	return r.postings.Count()
}

// Close and Size implement index.TermFieldReader.
func (r *pairsTermReader) Close() error { return nil }
func (r *pairsTermReader) Size() int    { return 64 }

// emptyPostings is the postings of a pair no document has.
type emptyPostings struct{}

func (emptyPostings) Next() (segment.Posting, error)          { return nil, nil }
func (emptyPostings) Advance(uint64) (segment.Posting, error) { return nil, nil }
func (emptyPostings) Size() int                               { return 0 }
func (emptyPostings) BytesRead() uint64                       { return 0 }
func (emptyPostings) ResetBytesRead(uint64)                   {}
func (emptyPostings) BytesWritten() uint64                    { return 0 }
