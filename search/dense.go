package search

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// When every match is scored (no filter or date range keeps any out), the walk can score
// a whole range of documents at once instead of positioning every term on every match:
// each term's postings are read straight through into an array of scores by document,
// and each composite node combines its children's arrays. The arrays add the children in
// the order the positioned walk does (Bleve's order), so the scores are the same to the
// bit; reading lists through costs less than advancing all of them to every match.

// filler hands out the arrays of one range of documents, lo <= n < hi, from pools
// shared by all searches: a broad word needs about a megabyte of them per search. A
// sparse filler's arrays hold only the documents of docs (in the range, in order): the
// walk scores those, each term stepping from one to the next, without the composite
// nodes positioning on each of them (see scoreSparse).
type filler struct {
	lo, hi uint64
	docs   []uint32 // nil: every document of the range
	// slot, with docs, maps each document of the range to 1 + its index in docs (0: not
	// in docs). Terms read raw then read their postings through, a block at a time, and
	// keep the documents of docs: a mapped filler. A frequent word ANDed with rarer ones
	// is read through but scored only where the query matches, and the arrays are only
	// as long as the matches.
	slot []int32
}

func newFiller(lo, hi uint64) *filler { return &filler{lo: lo, hi: hi} }

// size is the length of the arrays.
func (f *filler) size() int {
	if f.docs != nil {
		return len(f.docs)
	}
	return int(f.hi - f.lo)
}

var (
	floatArrays = sync.Pool{New: func() any { return new([]float64) }}
	boolArrays  = sync.Pool{New: func() any { return new([]bool) }}
	countArrays = sync.Pool{New: func() any { return new([]uint8) }}
)

// array takes an array of the range's length from a pool; its contents are left over.
func array[T any](f *filler, pool *sync.Pool) *[]T {
	p := pool.Get().(*[]T)
	n := f.size()
	if cap(*p) < n {
		*p = make([]T, n)
	}
	*p = (*p)[:n]
	return p
}

// denseCheaper estimates whether reading every term's postings through into arrays over
// the range costs less than positioning the terms on each match. The arrays cost a pass
// over the range, worth it only when matches are not rare in it. Positioned on matches
// spread that widely, a term read raw steps through nearly every chunk of its list, and
// each step costs more than one read through a block: dense wins (booleans of frequent
// words -22% CPU at 100,000 notices). Through zap's iterator, a term reads at most its
// postings and at most one step per match, each about half again as costly as a step
// read through.
var denseCheaper = func(leaves []walkNode, matches *roaring.Bitmap, rangeSize uint64) bool {
	m := matches.GetCardinality()
	if 16*m < rangeSize {
		return false
	}
	if allRaw(leaves) {
		return true
	}
	var through, positioned uint64
	for _, l := range leaves {
		n := l.count()
		through += n
		positioned += min(n, m)
	}
	return 2*through <= 3*positioned
}

// scoreDense shows c every document of matches in the range with its score, through a
// mapped filler (scoreSparse) when the leaves' postings far outnumber the matches.
func scoreDense(ctx context.Context, root walkNode, c *collector, matches *roaring.Bitmap, lo, hi uint64, leaves []walkNode) error {
	if mappedPays(leaves, matches) {
		return scoreSparse(ctx, root, c, matches, lo, hi, leaves)
	}
	f := newFiller(lo, hi)
	return fillRoot(f, root, func(s []float64, m []bool) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return visitDense(ctx, c, matches, lo, hi, s)
	})
}

// errHeapFull stops a visit once the heap of kept hits is full.
var errHeapFull = errors.New("search: the heap of hits is full")

var slotArrays = sync.Pool{New: func() any { return new([]int32) }}

// mappedPays reports whether a mapped filler costs less than a dense one: when the
// leaves hold many more postings than there are matches, most postings need no score
// and most of each array pass would be wasted.
func mappedPays(leaves []walkNode, matches *roaring.Bitmap) bool {
	var postings uint64
	for _, l := range leaves {
		postings += l.count()
	}
	return allRaw(leaves) && postings >= 2*matches.GetCardinality()
}

// readThroughRatio: in a mapped filler, a term with at most this many postings per
// document of the filler reads them all through rather than stepping to each document.
const readThroughRatio = 16

// readsThrough reports whether a term fills f by reading its postings through, keeping
// those of f's documents, rather than stepping to each of them.
func (t *termNode) readsThrough(f *filler) bool {
	return f.slot != nil && t.raw && t.n <= readThroughRatio*uint64(len(f.docs))
}

// fillRoot fills arrays from the pools with the root's scores over f and hands them to fn.
func fillRoot(f *filler, root walkNode, fn func(s []float64, m []bool) error) error {
	sp, mp := array[float64](f, &floatArrays), array[bool](f, &boolArrays)
	defer floatArrays.Put(sp)
	defer boolArrays.Put(mp)
	s, m := *sp, *mp
	if err := root.fill(f, s, m); err != nil {
		return err
	}
	return fn(s, m)
}

// visitDense shows c every document of matches in the range with its score in s.
func visitDense(ctx context.Context, c *collector, matches *roaring.Bitmap, lo, hi uint64, s []float64) error {
	if c.keepsBestOnly() {
		// Facets are counted already: only the best hits are kept. Once the heap is full,
		// a score below its worst cannot enter (an equal one can, on its id): the scores
		// are scanned for those that can, and only they are looked up in matches.
		last := lo // documents before last were offered
		err := visitBits(ctx, matches, lo, hi, func(doc uint64) error {
			if len(c.top.keys) == c.keep {
				return errHeapFull
			}
			c.offer(doc, s[doc-lo])
			last = doc + 1
			return nil
		})
		if err != errHeapFull {
			return err
		}
		worst := c.top.keys[0].value
		for i := last - lo; i < hi-lo; i++ {
			if s[i] < worst {
				continue
			}
			if doc := lo + i; matches.Contains(uint32(doc)) {
				c.offer(doc, s[i])
				worst = c.top.keys[0].value
			}
		}
		return ctx.Err()
	}
	return visitBits(ctx, matches, lo, hi, func(doc uint64) error {
		c.visit(doc, s[doc-lo])
		return nil
	})
}

// scoreSparse shows c every document of docs in the range with its score, computed for
// all of them at once by a sparse filler: cheaper than positioning the whole walk on each
// when every term is read raw. When some term has not many more postings than there are
// documents, the filler is mapped (filler.slot) and such terms read theirs through.
func scoreSparse(ctx context.Context, root walkNode, c *collector, docs *roaring.Bitmap, lo, hi uint64, leaves []walkNode) error {
	f := newFiller(lo, hi)
	m := docs.GetCardinality()
	for _, l := range leaves {
		if t, ok := l.(*termNode); ok && t.raw && t.n <= readThroughRatio*m {
			sp := slotArrays.Get().(*[]int32)
			defer slotArrays.Put(sp)
			if n := int(hi - lo); cap(*sp) < n {
				*sp = make([]int32, n)
			}
			f.slot = (*sp)[:hi-lo]
			clear(f.slot)
			break
		}
	}
	if err := visitBits(ctx, docs, lo, hi, func(doc uint64) error {
		f.docs = append(f.docs, uint32(doc))
		if f.slot != nil {
			f.slot[doc-lo] = int32(len(f.docs))
		}
		return nil
	}); err != nil || len(f.docs) == 0 {
		return err
	}
	pruned := c.keepsBestOnly()
	return fillRoot(f, root, func(s []float64, m []bool) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		for i, d := range f.docs {
			if !m[i] {
				return fmt.Errorf("search: walk does not match document %d of its matches", d)
			}
			if sc := s[i]; !pruned || len(c.top.keys) < c.keep || sc >= c.top.keys[0].value {
				c.visitScored(uint64(d), sc, nil)
			}
		}
		return nil
	})
}

// fill sets m[i] for the documents of the range holding the term and s[i] to their score;
// s is left as it was elsewhere.
func (t *termNode) fill(f *filler, s []float64, m []bool) error {
	clear(m)
	return t.each(f, func(i uint64) {
		m[i] = true
		if t.scored {
			s[i] = t.score()
		}
	})
}

// each calls fn with the index in the range of every document holding the term, positioned on it.
// A node read through this way is not walked again.
func (t *termNode) each(f *filler, fn func(i uint64)) error {
	if t.readsThrough(f) {
		return t.eachBlock(f, func(b *rawBlocks, n int, offset uint64) {
			base := offset - f.lo
			for j := range n {
				if k := f.slot[uint64(b.docs[j])+base]; k != 0 {
					t.cur, t.freq, t.length, t.byLength = uint64(b.docs[j])+offset, uint64(b.freqs[j]), uint64(b.lengths[j]), true
					fn(uint64(k - 1))
				}
			}
		})
	}
	if f.docs != nil {
		for i, d := range f.docs {
			doc := uint64(d)
			ok, err := t.advance(doc)
			if err != nil || !ok {
				return err
			}
			if t.cur == doc {
				fn(uint64(i))
			}
		}
		return nil
	}
	if t.raw {
		return t.eachBlock(f, func(b *rawBlocks, n int, offset uint64) {
			for j := range n {
				t.cur, t.freq, t.length, t.byLength = uint64(b.docs[j])+offset, uint64(b.freqs[j]), uint64(b.lengths[j]), true
				fn(t.cur - f.lo)
			}
		})
	}
	ok, err := t.advance(f.lo)
	for ; ok && t.cur < f.hi; ok, err = t.next() {
		fn(t.cur - f.lo)
	}
	return err
}

// eachBlock reads the postings of the range, a block at a time, from a node whose every
// segment is read raw (t.raw); offset turns the block's documents into internal numbers.
func (t *termNode) eachBlock(f *filler, fn func(b *rawBlocks, n int, offset uint64)) error {
	t.started = true
	for _, s := range t.segs {
		lo, hi := max(f.lo, s.offset), min(f.hi, s.end)
		if lo >= hi {
			continue
		}
		b := s.raw.blocks(lo-s.offset, hi-s.offset)
		for {
			n, err := b.next()
			if err != nil {
				return err
			}
			if n == 0 {
				break
			}
			fn(b, n, s.offset)
		}
	}
	return nil
}

func (d *disjNode) fill(f *filler, s []float64, m []bool) error {
	cp := array[uint8](f, &countArrays)
	defer countArrays.Put(cp)
	matched := *cp
	clear(matched)
	clear(s)
	for _, k := range d.kids {
		if t, ok := k.(*termNode); ok && t.raw && (f.docs == nil || t.readsThrough(f)) { // add straight from the postings, a block at a time
			if err := t.eachBlock(f, func(b *rawBlocks, n int, offset uint64) {
				base := offset - f.lo
				if slot := f.slot; slot != nil {
					for j := range n {
						if k := slot[uint64(b.docs[j])+base]; k != 0 {
							s[k-1] += t.scoreLength(uint64(b.freqs[j]), uint64(b.lengths[j]))
							matched[k-1]++
						}
					}
					return
				}
				for j := range n {
					i := uint64(b.docs[j]) + base
					s[i] += t.scoreLength(uint64(b.freqs[j]), uint64(b.lengths[j]))
					matched[i]++
				}
			}); err != nil {
				return err
			}
			continue
		}
		if t, ok := k.(*termNode); ok { // add straight from the postings
			if err := t.each(f, func(i uint64) {
				s[i] += t.score()
				matched[i]++
			}); err != nil {
				return err
			}
			continue
		}
		if err := withChild(f, k, func(ks []float64, km []bool) {
			for i, hit := range km {
				if hit {
					s[i] += ks[i]
					matched[i]++
				}
			}
		}); err != nil {
			return err
		}
	}
	width := float64(len(d.kids))
	for i, n := range matched {
		m[i] = n > 0
		if n > 0 {
			s[i] = s[i] * (float64(n) / width)
		}
	}
	return nil
}

func (c *conjNode) fill(f *filler, s []float64, m []bool) error {
	clear(s)
	for i := range m {
		m[i] = true
	}
	for _, k := range c.kids {
		if err := withChild(f, k, func(ks []float64, km []bool) {
			for i, hit := range km {
				if hit {
					s[i] += ks[i]
				} else {
					m[i] = false
				}
			}
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *boolNode) fill(f *filler, s []float64, m []bool) error {
	if err := b.must.fill(f, s, m); err != nil {
		return err
	}
	if b.mustNot != nil {
		if err := withChild(f, b.mustNot, func(_ []float64, km []bool) {
			for i, hit := range km {
				if hit {
					m[i] = false
				}
			}
		}); err != nil {
			return err
		}
	}
	if b.should != nil {
		if err := withChild(f, b.should, func(ks []float64, km []bool) {
			for i, hit := range km {
				if hit && m[i] {
					s[i] += ks[i]
				}
			}
		}); err != nil {
			return err
		}
	}
	return nil
}

// withChild fills a child's arrays and hands them to add.
func withChild(f *filler, k walkNode, add func(ks []float64, km []bool)) error {
	sp, mp := array[float64](f, &floatArrays), array[bool](f, &boolArrays)
	defer floatArrays.Put(sp)
	defer boolArrays.Put(mp)
	if err := k.fill(f, *sp, *mp); err != nil {
		return err
	}
	add(*sp, *mp)
	return nil
}

// sparseCheaper reports whether scoring every match at once, each term stepping through
// them (scoreSparse), costs less than positioning the walk on each: when every term is
// read raw, whose steps cost less than the composite nodes' positioning.
var sparseCheaper = func(leaves []walkNode) bool { return allRaw(leaves) }

// allRaw reports whether there are leaves and every one is a term read raw.
func allRaw(leaves []walkNode) bool {
	for _, l := range leaves {
		if t, ok := l.(*termNode); !ok || !t.raw {
			return false
		}
	}
	return len(leaves) > 0
}
