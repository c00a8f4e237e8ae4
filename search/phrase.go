package search

import (
	"context"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// A phrase of three words or more is a PhraseQuery of its word pairs in a pair field
// (query_words.go). Bleve's phrase searcher checks the positions of every notice holding
// all the pairs while it walks them one by one, with a document match each, and the
// search can count nothing from sets: a boilerplate phrase took 100 ms at 100,000
// notices. Here the documents where the phrase holds are found first, from the pairs'
// bitmaps and then their positions in the candidates, and the phrase joins the match
// sets like a term. Walked, it scores as Bleve's phrase searcher does: the conjunction of
// its terms, on the documents where the phrase holds.

// phraseSets holds, for one search, the documents (internal numbers) where each phrase of
// its query holds: computed when the matches are, read again by every part's walk.
type phraseSets map[*query.PhraseQuery]*roaring.Bitmap

// walkablePhrase: a phrase of plain terms in one field, without slop or fuzziness.
func walkablePhrase(q *query.PhraseQuery) bool {
	if q.FieldVal == "" || len(q.Terms) == 0 || q.Fuzziness != 0 {
		return false
	}
	for _, t := range q.Terms {
		if t == "" {
			return false
		}
	}
	return true
}

// of returns where q holds, computing it the first time. A search's parts ask for it
// after its matches are computed, so the map is not written while they read it.
func (ps phraseSets) of(pb *postingBitmaps, q *query.PhraseQuery) (*roaring.Bitmap, error) {
	if set, ok := ps[q]; ok {
		return set, nil
	}
	set, err := pb.phrase(q)
	if err != nil {
		return nil, err
	}
	ps[q] = set
	return set, nil
}

// phrase returns the documents where q's terms occur one after the other, at the same
// array positions (Bleve's findPhrasePaths without slop).
func (pb *postingBitmaps) phrase(q *query.PhraseQuery) (*roaring.Bitmap, error) {
	var candidates *roaring.Bitmap
	for _, t := range q.Terms {
		b, err := pb.term(q.FieldVal, t)
		if err != nil {
			return nil, err
		}
		if candidates == nil {
			candidates = b
		} else {
			candidates.And(b)
		}
		if candidates.IsEmpty() {
			return candidates, nil
		}
	}
	if q.FieldVal == schema.FieldBigrams && pb.pairs != nil {
		return pairsPhrase(pb.pairs, q, candidates)
	}
	out := roaring.New()
	its := make([]segment.PostingsIterator, len(q.Terms))
	locs := make([][]segment.Location, len(q.Terms))
	for _, s := range pb.segs {
		end := s.offset + s.seg.Segment().Count()
		docs := candidates.Iterator()
		docs.AdvanceIfNeeded(uint32(s.offset))
		if !docs.HasNext() || uint64(docs.PeekNext()) >= end {
			continue
		}
		dict, err := s.seg.Segment().Dictionary(q.FieldVal)
		if err != nil {
			return nil, err
		}
		for i, t := range q.Terms {
			pl, err := dict.PostingsList([]byte(t), s.deleted, nil)
			if err != nil {
				return nil, err
			}
			its[i] = pl.Iterator(true, true, true, nil)
		}
		for docs.HasNext() && uint64(docs.PeekNext()) < end {
			doc := uint64(docs.Next())
			local := doc - s.offset
			for i, it := range its {
				p, err := it.Advance(local)
				if err != nil {
					return nil, err
				}
				if p == nil || p.Number() != local {
					return nil, fmt.Errorf("search: phrase term %q not at document %d of its bitmap", q.Terms[i], local)
				}
				locs[i] = p.Locations() // valid until this iterator moves again
			}
			if phraseAt(locs) {
				out.Add(uint32(doc))
			}
		}
	}
	return out, nil
}

// phraseAt reports whether some location of the first term is followed, one position at
// a time, by a location of each next term at the same array positions.
func phraseAt(locs [][]segment.Location) bool {
first:
	for _, l0 := range locs[0] {
		for i := 1; i < len(locs); i++ {
			want := l0.Pos() + uint64(i)
			found := false
			for _, l := range locs[i] {
				if l.Pos() == want && sameArrayPositions(l.ArrayPositions(), l0.ArrayPositions()) {
					found = true
					break
				}
			}
			if !found {
				continue first
			}
		}
		return true
	}
	return false
}

func sameArrayPositions(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// phrase builds the walk of a phrase: the conjunction of its terms, as Bleve's phrase
// searcher builds it (each term with the phrase's boost), kept to the documents where
// the phrase holds.
func (ws *walkStats) phrase(ctx context.Context, q *query.PhraseQuery, closers *[]walkNode) (walkNode, error) {
	set, ok := ws.phrases[q]
	if !ok {
		return nil, fmt.Errorf("search: phrase %q walked before its documents were found", q.Terms)
	}
	terms := make([]query.Query, len(q.Terms))
	for i, t := range q.Terms {
		tq := query.NewTermQuery(t)
		tq.SetField(q.FieldVal)
		tq.SetBoost(q.BoostVal.Value())
		terms[i] = tq
	}
	ks, err := ws.children(ctx, terms, closers)
	if err != nil {
		return nil, err
	}
	conj := &conjNode{kids: ks}
	setNorm(conj)
	return &phraseNode{conjNode: conj, holds: set}, nil
}

// phraseNode walks the conjunction of a phrase's terms, stopping only on documents where
// the phrase holds; it counts, weighs and scores as the conjunction does.
type phraseNode struct {
	*conjNode
	holds *roaring.Bitmap
}

func (p *phraseNode) advance(target uint64) (bool, error) {
	for {
		ok, err := p.conjNode.advance(target)
		if !ok || err != nil {
			return ok, err
		}
		if p.holds.Contains(uint32(p.cur)) {
			return true, nil
		}
		target = p.cur + 1
	}
}

func (p *phraseNode) next() (bool, error) { return p.advance(p.cur + 1) }

func (p *phraseNode) fill(f *filler, s []float64, m []bool) error {
	if err := p.conjNode.fill(f, s, m); err != nil {
		return err
	}
	if f.docs != nil {
		for i, d := range f.docs {
			m[i] = m[i] && p.holds.Contains(d)
		}
		return nil
	}
	kp := array[bool](f, &boolArrays)
	defer boolArrays.Put(kp)
	holds := *kp
	clear(holds)
	if err := visitBits(context.Background(), p.holds, f.lo, f.hi, func(doc uint64) error {
		holds[doc-f.lo] = true
		return nil
	}); err != nil {
		return err
	}
	for i, hit := range m {
		m[i] = hit && holds[i]
	}
	return nil
}
