package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Most searches are words joined by AND, OR and NOT: a plain word compiles to a
// disjunction of term queries (the word in the title, the body and the name fields, each
// with its weight), several words to a conjunction of those, a NOT to a boolean query.
// Such a query is walked here directly over Bleve's postings, without Bleve's searchers,
// document matches and collector in between: the walk finds the matching documents in
// document order and scores each exactly as Bleve's BM25 term, disjunction, conjunction
// and boolean scorers do (the same formulas, weights and query norm, summed in the same
// order) before handing it to the collector. Tests compare both walks hit by hit, score
// by score. Any other query (phrases, prefixes, fuzzy words, dates) goes through Bleve.

// walkNode is one node of a query walked directly. A node is positioned on its current
// match (doc) after advance or next; ok is false once it has no more.
type walkNode interface {
	count() uint64 // Bleve's Count: documents with the term, summed over children
	// fill scores every document of the range at once (see dense.go).
	fill(f *filler, s []float64, m []bool) error
	weight() float64
	setNorm(q float64)
	advance(target uint64) (ok bool, err error) // to the first match at or after target
	next() (ok bool, err error)
	doc() uint64
	score() float64
	close() error
}

// maxWalkChildren is Bleve's DisjunctionHeapTakeover: wider disjunctions are merged by
// a heap, whose order of summing this walk does not copy; they go through Bleve.
const maxWalkChildren = 10

// walkable reports whether q can be walked directly.
func walkable(q query.Query) bool {
	switch q := q.(type) {
	case *query.TermQuery:
		return q.FieldVal != ""
	case *query.PhraseQuery:
		return walkablePhrase(q)
	case *query.DisjunctionQuery:
		return q.Min <= 1 && len(q.Disjuncts) > 0 && len(q.Disjuncts) <= maxWalkChildren && allWalkable(q.Disjuncts)
	case *query.ConjunctionQuery:
		return len(q.Conjuncts) > 0 && allWalkable(q.Conjuncts)
	case *query.BooleanQuery:
		if q.Filter != nil || q.Must == nil {
			return false
		}
		if !walkable(q.Must) {
			return false
		}
		if q.Should != nil {
			d, ok := q.Should.(*query.DisjunctionQuery)
			if !ok || d.Min != 0 || !walkable(d) {
				return false
			}
		}
		return q.MustNot == nil || walkable(q.MustNot)
	}
	return false
}

func allWalkable(qs []query.Query) bool {
	for _, q := range qs {
		if !walkable(q) {
			return false
		}
	}
	return true
}

// walkStats are the index statistics BM25 needs.
type walkStats struct {
	r        index.IndexReader
	pb       *postingBitmaps // the segments
	phrases  phraseSets      // where the query's phrases hold
	docTotal uint64
	scored   bool
}

// build opens the postings of a walkable query. Each composite node sorts its children
// as Bleve's does (by count) and computes its query norm; the root's norm, pushed down
// last, is the one that holds, as in Bleve.
func (ws *walkStats) build(ctx context.Context, q query.Query, closers *[]walkNode) (walkNode, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		n, err := ws.term(ctx, q)
		if err == nil {
			*closers = append(*closers, n)
		}
		return n, err
	case *query.PhraseQuery:
		return ws.phrase(ctx, q, closers)
	case *query.DisjunctionQuery:
		ks, err := ws.children(ctx, q.Disjuncts, closers)
		if err != nil {
			return nil, err
		}
		n := &disjNode{kids: ks, docs: make([]uint64, len(ks)), live: make([]bool, len(ks))}
		setNorm(n)
		return n, nil
	case *query.ConjunctionQuery:
		ks, err := ws.children(ctx, q.Conjuncts, closers)
		if err != nil {
			return nil, err
		}
		n := &conjNode{kids: ks}
		setNorm(n)
		return n, nil
	case *query.BooleanQuery:
		must, err := ws.build(ctx, q.Must, closers)
		if err != nil {
			return nil, err
		}
		if q.Should == nil && q.MustNot == nil {
			return must, nil // Bleve returns the must searcher itself
		}
		n := &boolNode{must: must}
		if q.Should != nil {
			if n.should, err = ws.build(ctx, q.Should, closers); err != nil {
				return nil, err
			}
		}
		if q.MustNot != nil {
			unscored := *ws
			unscored.scored = false
			if n.mustNot, err = unscored.build(ctx, q.MustNot, closers); err != nil {
				return nil, err
			}
		}
		setNorm(n)
		return n, nil
	}
	return nil, errNotWalkable
}

// errNotWalkable is a bug: build was given a query walkable rejects.
var errNotWalkable = errors.New("search: query cannot be walked directly")

func (ws *walkStats) children(ctx context.Context, qs []query.Query, closers *[]walkNode) (kids, error) {
	ks := make(kids, 0, len(qs))
	for _, q := range qs {
		k, err := ws.build(ctx, q, closers)
		if err != nil {
			return nil, err
		}
		ks = append(ks, k)
	}
	sort.Sort(byCount(ks))
	return ks, nil
}

// byCount orders children as Bleve's OrderedSearcherList does, with the same sort.
type byCount []walkNode

func (b byCount) Len() int           { return len(b) }
func (b byCount) Less(i, j int) bool { return b[i].count() < b[j].count() }
func (b byCount) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// setNorm computes a composite node's query norm and pushes it down, as Bleve's
// computeQueryNorm does.
func setNorm(n walkNode) {
	n.setNorm(1.0 / math.Sqrt(n.weight()))
}

// walkQuery shows c every document numbered lo <= n < hi of matches, the documents q
// matches, with its score when the collector ranks by relevance: the walk over q's
// postings is positioned on a document only when the collector asks for its score.
func walkQuery(ctx context.Context, pb *postingBitmaps, q query.Query, phrases phraseSets, c *collector, matches *roaring.Bitmap, lo, hi uint64) (err error) {
	if c.order != SortRelevance {
		return visitBits(ctx, matches, lo, hi, func(doc uint64) error {
			c.visit(doc, 0)
			return nil
		})
	}
	docTotal, err := pb.r.DocCount()
	if err != nil || docTotal == 0 {
		return err
	}
	ws := &walkStats{r: pb.r, pb: pb, phrases: phrases, docTotal: docTotal, scored: true}
	var leaves []walkNode
	defer func() {
		for _, l := range leaves {
			if cerr := l.close(); err == nil {
				err = cerr
			}
		}
	}()
	root, err := ws.build(ctx, q, &leaves)
	if err != nil {
		return err
	}
	if b, ok := root.(*boolNode); ok {
		b.mustNot = nil // matches holds no document it excludes
	}
	if c.scoresEveryMatch() && denseCheaper(leaves, matches, uint64(c.cols.size)) {
		return scoreDense(ctx, root, c, matches, lo, hi, leaves)
	}
	if sparseCheaper(leaves) {
		return scoreSparse(ctx, root, c, matches, lo, hi, leaves)
	}
	sc := &walkScorer{root: root}
	return visitBits(ctx, matches, lo, hi, func(doc uint64) error {
		c.visitScored(doc, 0, sc)
		return sc.err
	})
}

// docScorer scores a matching document; documents are asked for in increasing order.
type docScorer interface {
	scoreAt(doc uint64) float64
}

// walkScorer positions a walk on each document asked for and scores it there. The
// first error (or a document the walk does not match, a bug) stops the walk.
type walkScorer struct {
	root walkNode
	err  error
}

func (w *walkScorer) scoreAt(doc uint64) float64 {
	if w.err != nil {
		return 0
	}
	ok, err := w.root.advance(doc)
	switch {
	case err != nil:
		w.err = err
	case !ok || w.root.doc() != doc:
		w.err = fmt.Errorf("search: the walk does not match document %d of its match set", doc)
	default:
		return w.root.score()
	}
	return 0
}

// termNode is a term's postings, read segment by segment straight from the index's
// segments, scored as Bleve's TermQueryScorer with BM25.
type termNode struct {
	segs        []termSegment
	si          int // the segment being read
	cur         uint64
	freq        uint64
	norm        float64
	fieldLength float64 // as Bleve's BM25 computes it from the norm
	length      uint64  // the field's length as zap stores it, when byLength
	byLength    bool    // score from length rather than norm and fieldLength
	denoms      []float64
	n           uint64
	boost       float64
	idf, avgLen float64
	queryWeight float64
	scored      bool
	started     bool
	exhausted   bool
	raw         bool // every segment's list can be read through as rawPostings
}

// termSegment is a term's postings in one segment, read as rawPostings where they can
// be (rc) and through zap's iterator (it) where they cannot.
type termSegment struct {
	it     segment.PostingsIterator
	raw    rawPostings
	rc     *rawCursor
	pairs  *pairsIterator // it, when it reads a pair from the pairs file: stepped directly
	offset uint64         // internal number of the segment's first document
	end    uint64         // one past its last
}

func (ws *walkStats) term(ctx context.Context, q *query.TermQuery) (*termNode, error) {
	t := &termNode{boost: q.BoostVal.Value(), queryWeight: 1, scored: ws.scored, raw: readRaw}
	if q.FieldVal == schema.FieldBigrams && ws.pb.pairs != nil {
		return ws.pairsTerm(q, t)
	}
	for _, s := range ws.pb.segs {
		dict, err := s.seg.Segment().Dictionary(q.FieldVal)
		if err != nil {
			return nil, err
		}
		pl, err := dict.PostingsList([]byte(q.Term), s.deleted, nil)
		if err != nil {
			return nil, err
		}
		t.n += pl.Count() // Bleve's TermFieldReader counts the same way
		ts := termSegment{offset: s.offset, end: s.offset + s.seg.Segment().Count()}
		var ok bool
		if ts.raw, ok = rawFrom(pl); ok && readRaw {
			ts.rc = ts.raw.cursor()
		} else {
			ts.it = pl.Iterator(ws.scored, ws.scored, false, nil)
		}
		t.raw = t.raw && ts.rc != nil
		t.segs = append(t.segs, ts)
	}
	if !ws.scored {
		return t, nil
	}
	var cardinality int
	if bm25, ok := ws.r.(index.BM25Reader); ok {
		var err error
		if cardinality, err = bm25.FieldCardinality(q.FieldVal); err != nil {
			return nil, err
		}
	}
	return ws.weigh(t, cardinality), nil
}

// pairsTerm opens a pair's postings in the pairs file (pairs.go): one segment holding
// every document.
func (ws *walkStats) pairsTerm(q *query.TermQuery, t *termNode) (*termNode, error) {
	x := ws.pb.pairs
	t.raw = false
	ts := termSegment{end: uint64(x.Docs())}
	if p, ok := x.Postings([]byte(q.Term)); ok {
		t.n = p.Count()
		ts.it = newPairsIterator(x, p, false)
		ts.pairs = ts.it.(*pairsIterator)
	} else {
		ts.it = emptyPostings{}
	}
	t.segs = append(t.segs, ts)
	if !ws.scored {
		return t, nil
	}
	return ws.weigh(t, int(x.Terms())), nil
}

// weigh sets the BM25 statistics of a term of a field of cardinality terms.
func (ws *walkStats) weigh(t *termNode, cardinality int) *termNode {
	t.avgLen = math.Ceil(float64(cardinality) / float64(ws.docTotal))
	if t.avgLen > 0 {
		t.denoms = ws.pb.denominators(t.avgLen)
		t.idf = math.Log(1 + (float64(ws.docTotal)-float64(t.n)+0.5)/(float64(t.n)+0.5))
	} else { // Bleve falls back to tf-idf for a field without length statistics
		t.idf = 1.0 + math.Log(float64(ws.docTotal)/float64(t.n+1.0))
	}
	return t
}

func (t *termNode) count() uint64 { return t.n }

func (t *termNode) weight() float64 {
	w := t.boost * t.idf
	return w * w
}

func (t *termNode) setNorm(q float64) { t.queryWeight = t.boost * t.idf * q }

func (t *termNode) advance(target uint64) (bool, error) {
	if t.exhausted {
		return false, nil
	}
	if t.started && t.cur >= target {
		return true, nil
	}
	for t.si < len(t.segs) && target >= t.segs[t.si].end {
		t.si++
	}
	if t.si == len(t.segs) {
		t.exhausted = true
		return false, nil
	}
	s := &t.segs[t.si]
	var local uint64
	if target > s.offset {
		local = target - s.offset
	}
	if ok, err := t.step(s, local, true); ok || err != nil {
		return ok, err
	}
	t.si++
	return t.next()
}

func (t *termNode) next() (bool, error) {
	for !t.exhausted && t.si < len(t.segs) {
		if ok, err := t.step(&t.segs[t.si], 0, false); ok || err != nil {
			return ok, err
		}
		t.si++
	}
	t.exhausted = true
	return false, nil
}

// step moves segment s's list to its first document at or after local (advance) or to
// its next document, and positions the node there; false at the list's end.
func (t *termNode) step(s *termSegment, local uint64, advance bool) (bool, error) {
	if s.rc != nil {
		var ok bool
		var err error
		if advance {
			ok, err = s.rc.advance(local)
		} else {
			ok, err = s.rc.next()
		}
		if ok && err == nil {
			t.takeRaw(s.rc, s.offset)
		}
		return ok && err == nil, err
	}
	if pi := s.pairs; pi != nil { // as take reads the pairsIterator, without its interfaces
		ok := !pi.exhausted && (advance && pi.it.Advance(local) || !advance && pi.it.Next())
		if !ok {
			pi.exhausted = true
			return false, nil
		}
		t.started, t.cur = true, pi.it.Doc()+s.offset
		if t.scored {
			t.freq, t.length, t.byLength = pi.it.Freq(), pi.x.Length(pi.it.Doc()), true
		}
		return true, nil
	}
	var p segment.Posting
	var err error
	if advance {
		p, err = s.it.Advance(local)
	} else {
		p, err = s.it.Next()
	}
	if p == nil || err != nil {
		return false, err
	}
	t.take(p, s.offset)
	return true, nil
}

func (t *termNode) take(p segment.Posting, offset uint64) {
	t.started = true
	t.cur = p.Number() + offset
	if !t.scored {
		return
	}
	if zp, ok := p.(*zap.Posting); ok { // the index's format: no interface calls
		t.freq, t.length, t.byLength = zp.Frequency(), zp.NormUint64(), true
		return
	}
	t.freq = p.Frequency()
	if lp, ok := p.(lengthPosting); ok { // other zap versions
		t.length, t.byLength = lp.NormUint64(), true
	} else {
		t.norm, t.byLength = p.Norm(), false
		t.fieldLength = 1 / (t.norm * t.norm)
	}
}

// takeRaw positions the node on the cursor's document.
func (t *termNode) takeRaw(c *rawCursor, offset uint64) {
	t.started = true
	t.cur, t.freq, t.length, t.byLength = c.doc+offset, c.freq, c.length, true
}

// lengthPosting is a posting that gives its field's length as stored (zap's does; its
// Norm is computed from it).
type lengthPosting interface {
	NormUint64() uint64
}

// lengthNorms caches lengthNorm for fields of up to 8191 tokens.
var lengthNorms = func() [][2]float64 {
	t := make([][2]float64, 8192)
	for n := range t {
		t[n][0], t[n][1] = computeLengthNorm(uint64(n))
	}
	return t
}()

// lengthNorm returns the norm of a field of n tokens, as zap's Posting.Norm rounds it,
// and the field length Bleve's BM25 computes back from it.
func lengthNorm(n uint64) (norm, fieldLength float64) {
	if n < uint64(len(lengthNorms)) {
		return lengthNorms[n][0], lengthNorms[n][1]
	}
	return computeLengthNorm(n)
}

func computeLengthNorm(n uint64) (norm, fieldLength float64) {
	norm = float64(float32(1.0 / math.Sqrt(float64(n))))
	return norm, 1 / (norm * norm)
}

func (t *termNode) doc() uint64 { return t.cur }

// score is Bleve's TermQueryScorer score: the same expression, in the same order.
func (t *termNode) score() float64 {
	if t.byLength {
		return t.scoreLength(t.freq, t.length)
	}
	return t.scoreWith(t.freq, t.norm, t.fieldLength)
}

// scoreLength is the score of a posting of frequency freq in a field of length tokens
// (as zap stores it). For the usual lengths, the part of BM25's denominator that
// depends only on the length comes from a table (denominators), computed with the
// same expression: one division a posting instead of two.
func (t *termNode) scoreLength(freq, length uint64) float64 {
	if length >= uint64(len(t.denoms)) {
		norm, fieldLength := lengthNorm(length)
		return t.scoreWith(freq, norm, fieldLength)
	}
	tf := termFrequency(freq)
	s := t.idf * (tf * bsearch.BM25_k1) / (tf + t.denoms[length])
	if t.queryWeight != 1.0 {
		s = s * t.queryWeight
	}
	return s
}

// termFrequency is the tf of BM25 as Bleve computes it: the square root of freq.
func termFrequency(freq uint64) float64 {
	if freq < scorer.MaxSqrtCache {
		return scorer.SqrtCache[int(freq)]
	}
	return math.Sqrt(float64(freq))
}

// denominators returns, by field length as zap stores it, the length's part of the
// denominator of BM25 for fields of average length avgLen, computed as Bleve does. The
// tables are kept with the snapshot's postings (a field's average length is the
// snapshot's), so that they go with it.
func (pb *postingBitmaps) denominators(avgLen float64) []float64 {
	if d, ok := pb.denoms.Load(avgLen); ok {
		return d.([]float64)
	}
	d := make([]float64, len(lengthNorms))
	for n := range d {
		fieldLength := lengthNorms[n][1]
		d[n] = bsearch.BM25_k1 * (1 - bsearch.BM25_b + (bsearch.BM25_b * fieldLength / avgLen))
	}
	pb.denoms.Store(avgLen, d)
	return d
}

// scoreWith is the score of a posting of frequency freq in a field of the given norm and
// length (lengthNorm).
func (t *termNode) scoreWith(freq uint64, norm, fieldLength float64) float64 {
	tf := termFrequency(freq)
	var s float64
	if t.avgLen > 0 {
		s = t.idf * (tf * bsearch.BM25_k1) /
			(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*fieldLength/t.avgLen)))
	} else {
		s = tf * norm * t.idf
	}
	if t.queryWeight != 1.0 {
		s = s * t.queryWeight
	}
	return s
}

func (t *termNode) close() error { return nil }

// kids are a composite node's children, sorted as Bleve sorts them; their counts and
// weights add up, and the query norm goes down to all of them.
type kids []walkNode

func (ks kids) count() (n uint64) {
	for _, k := range ks {
		n += k.count()
	}
	return n
}

func (ks kids) weight() (w float64) {
	for _, k := range ks {
		w += k.weight()
	}
	return w
}

func (ks kids) setNorm(q float64) {
	for _, k := range ks {
		k.setNorm(q)
	}
}

// disjNode matches documents any child matches; its score is the sum of the matching
// children's scores times the share of children that match (Bleve's coord).
type disjNode struct {
	kids
	docs []uint64 // each child's current document
	live []bool   // the child has a current document
	cur  uint64
}

func (d *disjNode) advance(target uint64) (bool, error) {
	for i, k := range d.kids {
		if d.live[i] && d.docs[i] >= target {
			continue
		}
		ok, err := k.advance(target)
		if err := d.record(i, ok, err); err != nil {
			return false, err
		}
	}
	return d.settle(), nil
}

func (d *disjNode) next() (bool, error) {
	for i, k := range d.kids {
		if !d.live[i] || d.docs[i] != d.cur {
			continue
		}
		ok, err := k.next()
		if err := d.record(i, ok, err); err != nil {
			return false, err
		}
	}
	return d.settle(), nil
}

// record notes where child i stands after it moved.
func (d *disjNode) record(i int, ok bool, err error) error {
	if err != nil {
		return err
	}
	d.live[i] = ok
	if ok {
		d.docs[i] = d.kids[i].doc()
	}
	return nil
}

func (d *disjNode) settle() bool {
	found := false
	for i := range d.kids {
		if d.live[i] && (!found || d.docs[i] < d.cur) {
			d.cur, found = d.docs[i], true
		}
	}
	return found
}

func (d *disjNode) doc() uint64 { return d.cur }

func (d *disjNode) score() float64 {
	sum, matched := 0.0, 0
	for i, k := range d.kids {
		if d.live[i] && d.docs[i] == d.cur {
			sum += k.score()
			matched++
		}
	}
	return sum * (float64(matched) / float64(len(d.kids)))
}

func (d *disjNode) close() error { return nil }

// conjNode matches documents every child matches; its score is the sum of theirs.
type conjNode struct {
	kids
	cur uint64
}

// advance leapfrogs the children to the first document all of them match.
func (c *conjNode) advance(target uint64) (bool, error) {
	for {
		agreed := true
		for _, k := range c.kids {
			ok, err := k.advance(target)
			if err != nil || !ok {
				return false, err
			}
			if d := k.doc(); d > target {
				target, agreed = d, false
				break
			}
		}
		if agreed {
			c.cur = target
			return true, nil
		}
	}
}

func (c *conjNode) next() (bool, error) { return c.advance(c.cur + 1) }

func (c *conjNode) doc() uint64 { return c.cur }

func (c *conjNode) score() float64 {
	sum := 0.0
	for _, k := range c.kids {
		sum += k.score()
	}
	return sum
}

func (c *conjNode) close() error { return nil }

// boolNode matches what must matches and mustNot does not; should only adds to the score.
type boolNode struct {
	must, should, mustNot walkNode
	cur                   uint64
	shouldState           nodeState
	mustNotState          nodeState
}

// nodeState is where an optional node stands: not asked yet, on a match, or exhausted.
type nodeState int

const (
	notStarted nodeState = iota
	positioned
	exhausted
)

// advanceTo advances an optional node to target unless it is exhausted.
func advanceTo(n walkNode, state *nodeState, target uint64) error {
	if *state == exhausted {
		return nil
	}
	ok, err := n.advance(target)
	if err != nil {
		return err
	}
	*state = positioned
	if !ok {
		*state = exhausted
	}
	return nil
}

func (b *boolNode) count() uint64 {
	n := b.must.count()
	if b.should != nil {
		n += b.should.count()
	}
	return n
}

func (b *boolNode) weight() float64 {
	w := b.must.weight()
	if b.should != nil {
		w += b.should.weight()
	}
	return w
}

func (b *boolNode) setNorm(q float64) {
	b.must.setNorm(q)
	if b.should != nil {
		b.should.setNorm(q)
	}
}

func (b *boolNode) advance(target uint64) (bool, error) {
	for {
		ok, err := b.must.advance(target)
		if err != nil || !ok {
			return false, err
		}
		d := b.must.doc()
		if b.mustNot != nil {
			if err := advanceTo(b.mustNot, &b.mustNotState, d); err != nil {
				return false, err
			}
			if b.mustNotState == positioned && b.mustNot.doc() == d {
				target = d + 1 // excluded
				continue
			}
		}
		b.cur = d
		return true, nil
	}
}

func (b *boolNode) next() (bool, error) { return b.advance(b.cur + 1) }

func (b *boolNode) doc() uint64 { return b.cur }

// score is the must score, plus the should score when should matches too.
func (b *boolNode) score() float64 {
	sum := 0.0 + b.must.score()
	if b.should != nil {
		if err := advanceTo(b.should, &b.shouldState, b.cur); err == nil &&
			b.shouldState == positioned && b.should.doc() == b.cur {
			sum += b.should.score()
		}
	}
	return sum
}

func (b *boolNode) close() error { return nil }
