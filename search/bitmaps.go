package search

import (
	"errors"
	"fmt"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// A walkable query (see walk.go) matches a set of documents that can be computed from
// the postings' document bitmaps alone, without reading a frequency or a norm: a term is
// its postings, OR is a union, AND an intersection, NOT a difference. The search computes
// that set first, in microseconds, and then visits only its documents: a search sorted by
// date never reads a posting's frequency, and a ranked search scores only the documents
// that pass every filter, positioning the walk on each of them.

// postingBitmaps reads the postings of one index snapshot as bitmaps of Bleve's internal
// document numbers. A read-only snapshot opens it once (openPostings) and shares it
// between all its searches, as Bleve shares its root snapshot between readers.
type postingBitmaps struct {
	r      index.IndexReader
	segs   []bitmapSegment
	pairs  *pairs.Index // the bigram field, when the index keeps it apart (pairs.go)
	denoms sync.Map     // average field length (float64) -> BM25 denominators (walk.go)
}

type bitmapSegment struct {
	seg     *scorch.SegmentSnapshot
	offset  uint64 // internal number of the segment's first document
	deleted *roaring.Bitmap
}

// bitmapPostings is what a segment's postings list offers to read its documents at once
// (zap's PostingsList does).
type bitmapPostings interface {
	OrInto(receiver *roaring.Bitmap)
}

// errNoBitmaps: the index is not a scorch snapshot whose postings give bitmaps.
var errNoBitmaps = errors.New("search: the index gives no posting bitmaps")

// openPostings opens a reader of idx, which must be a scorch index, and its segments.
// Close releases the reader.
func openPostings(idx bleve.Index) (*postingBitmaps, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, errNoBitmaps
	}
	pb := &postingBitmaps{r: r}
	var offset uint64
	for _, ss := range snap.Segments() {
		pb.segs = append(pb.segs, bitmapSegment{seg: ss, offset: offset, deleted: ss.Deleted()})
		offset += ss.Segment().Count() // as scorch numbers documents across segments
	}
	return pb, nil
}

// Close releases the reader.
func (pb *postingBitmaps) Close() error { return pb.r.Close() }

// term returns the documents holding term in field.
func (pb *postingBitmaps) term(field, term string) (*roaring.Bitmap, error) {
	if field == schema.FieldBigrams && pb.pairs != nil {
		return pairsTerm(pb.pairs, term), nil
	}
	out := roaring.New()
	for _, s := range pb.segs {
		dict, err := s.seg.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		pl, err := dict.PostingsList([]byte(term), nil, nil)
		if err != nil {
			return nil, err
		}
		bp, ok := pl.(bitmapPostings)
		if !ok {
			return nil, errNoBitmaps
		}
		if len(pb.segs) == 1 && s.offset == 0 {
			bp.OrInto(out)
			if s.deleted != nil {
				out.AndNot(s.deleted)
			}
			continue
		}
		part := roaring.New()
		bp.OrInto(part)
		if s.deleted != nil {
			part.AndNot(s.deleted)
		}
		out.Or(roaring.AddOffset64(part, int64(s.offset)))
	}
	return out, nil
}

// match returns the documents a walkable query matches: the same set Bleve's searchers
// would walk (a disjunction needs one child, a boolean query's optional clause adds only
// to the score).
func (pb *postingBitmaps) match(q query.Query, phrases phraseSets) (*roaring.Bitmap, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return pb.term(q.FieldVal, q.Term)
	case *query.PhraseQuery:
		set, err := phrases.of(pb, q)
		if err != nil {
			return nil, err
		}
		return set.Clone(), nil
	case *query.DisjunctionQuery:
		var out *roaring.Bitmap
		for _, d := range q.Disjuncts {
			b, err := pb.match(d, phrases)
			if err != nil {
				return nil, err
			}
			if out == nil {
				out = b
			} else {
				out.Or(b)
			}
		}
		return out, nil
	case *query.ConjunctionQuery:
		var out *roaring.Bitmap
		for _, c := range q.Conjuncts {
			b, err := pb.match(c, phrases)
			if err != nil {
				return nil, err
			}
			if out == nil {
				out = b
			} else {
				out.And(b)
			}
			if out.IsEmpty() {
				break
			}
		}
		return out, nil
	case *query.BooleanQuery:
		out, err := pb.match(q.Must, phrases)
		if err != nil || q.MustNot == nil || out.IsEmpty() {
			return out, err
		}
		not, err := pb.match(q.MustNot, phrases)
		if err != nil {
			return nil, err
		}
		out.AndNot(not)
		return out, nil
	}
	return nil, errNotWalkable
}

// visitStored calls fn with every stored field value of document doc (an internal number).
func (pb *postingBitmaps) visitStored(doc uint64, fn func(field string, value []byte)) error {
	for i := len(pb.segs) - 1; i >= 0; i-- {
		s := pb.segs[i]
		if doc < s.offset {
			continue
		}
		return s.seg.VisitDocument(doc-s.offset, func(field string, _ byte, value []byte, _ []uint64) bool {
			fn(field, value)
			return true
		})
	}
	return fmt.Errorf("search: no segment holds document %d", doc)
}
