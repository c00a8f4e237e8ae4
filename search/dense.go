package search

import (
	"context"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// When every match is scored (no filter or date range keeps any out), the walk can score
// a whole range of documents at once instead of positioning every term on every match:
// each term's postings are read straight through into an array of scores by document,
// and each composite node combines its children's arrays. The arrays add the children in
// the order the positioned walk does (Bleve's order), so the scores are the same to the
// bit; reading lists through costs less than advancing all of them to every match.

// filler hands out the arrays of one range of documents, lo <= n < hi.
type filler struct {
	lo, hi uint64
	floats sync.Pool // []float64 of hi-lo
	bools  sync.Pool // []bool of hi-lo
	counts sync.Pool // []uint8 of hi-lo
}

func newFiller(lo, hi uint64) *filler {
	n := int(hi - lo)
	f := &filler{lo: lo, hi: hi}
	f.floats.New = func() any { s := make([]float64, n); return &s }
	f.bools.New = func() any { s := make([]bool, n); return &s }
	f.counts.New = func() any { s := make([]uint8, n); return &s }
	return f
}

// denseCheaper estimates whether reading every term's postings through into arrays over
// the range costs less than positioning the terms on each match. Positioned, a term reads
// at most its postings and at most one step per match, each about half again as costly as
// a step read through; the arrays cost a pass over the range, worth it only when matches
// are not rare in it.
var denseCheaper = func(leaves []walkNode, matches *roaring.Bitmap, rangeSize uint64) bool {
	m := matches.GetCardinality()
	if 16*m < rangeSize {
		return false
	}
	var through, positioned uint64
	for _, l := range leaves {
		n := l.count()
		through += n
		positioned += min(n, m)
	}
	return 2*through <= 3*positioned
}

// scoreDense shows c every document of matches in the range with its score.
func scoreDense(ctx context.Context, root walkNode, c *collector, matches *roaring.Bitmap, lo, hi uint64) error {
	f := newFiller(lo, hi)
	s := make([]float64, hi-lo)
	m := make([]bool, hi-lo)
	if err := root.fill(f, s, m); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return visitBits(ctx, matches, lo, hi, func(doc uint64) error {
		c.visit(doc, s[doc-lo])
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
func (t *termNode) each(f *filler, fn func(i uint64)) error {
	ok, err := t.advance(f.lo)
	for ; ok && t.cur < f.hi; ok, err = t.next() {
		fn(t.cur - f.lo)
	}
	return err
}

func (d *disjNode) fill(f *filler, s []float64, m []bool) error {
	cp := f.counts.Get().(*[]uint8)
	defer f.counts.Put(cp)
	matched := *cp
	clear(matched)
	clear(s)
	for _, k := range d.kids {
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
	sp, mp := f.floats.Get().(*[]float64), f.bools.Get().(*[]bool)
	defer f.floats.Put(sp)
	defer f.bools.Put(mp)
	if err := k.fill(f, *sp, *mp); err != nil {
		return err
	}
	add(*sp, *mp)
	return nil
}
