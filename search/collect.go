package search

import (
	"context"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// collector sees every document that matches the query text, once, while Bleve walks the
// matches. From the columns it applies the facet filters and the date range, counts every
// facet as if its own filter were off (disjunctive facets in one pass), counts the year
// histogram as if the date range were off, and keeps the top hits in the requested order.
type collector struct {
	cols        *columns
	groups      []filterGroup
	hasRange    bool
	from, to    int64
	allVersions bool
	order       string // SortRelevance, SortNewest, SortOldest
	keep        int    // hits to keep: the page and all before it
	after       *sortKey

	total       int
	afterCursor int // hits past the cursor, when there is one
	// offerOnly: the counts and total are already known (counted from sets) and every
	// document shown is a hit: it only competes for the kept hits.
	offerOnly bool
	fields    []*column // by field number: columnFields order
	counts    []int32   // by slot (see columns)
	top       hitHeap
}

// filterGroup is one facet field with a selection: a document passes when it has any of
// the selected values.
type filterGroup struct {
	field int // field number
	col   *column
	want  []bool // by value ordinal
}

// sortKey places a hit in the result order.
type sortKey struct {
	doc   uint64
	value float64 // score, or date in seconds
	id    string
	none  bool // no date: sorts last in either direction
}

func (ix *Index) newCollector(s *snapshot, p *plan) *collector {
	req := p.req
	c := &collector{cols: s.cols, allVersions: req.AllVersions, order: req.Sort,
		counts: make([]int32, s.cols.slots)}
	for _, f := range columnFields {
		c.fields = append(c.fields, s.cols.fields[f])
	}
	if p.text == nil && c.order == SortRelevance {
		c.order = SortNewest
	}
	for fi, f := range FilterFields {
		values := req.Filters[f]
		if len(values) == 0 {
			continue
		}
		col := c.fields[fi]
		g := filterGroup{field: fi, col: col, want: make([]bool, len(col.values))}
		for _, v := range values {
			if o, ok := col.ordinal[v]; ok {
				g.want[o] = true
			}
		}
		c.groups = append(c.groups, g)
	}
	if req.From != "" || req.To != "" {
		from, to := req.DateRange()
		c.hasRange, c.from, c.to = true, math.MinInt64+1, math.MaxInt64
		if !from.IsZero() {
			c.from = from.Unix()
		}
		if !to.IsZero() {
			c.to = to.Unix()
		}
	}
	if req.After == "" {
		c.keep = req.Page * req.Size
	} else {
		c.keep = req.Size
	}
	c.top = hitHeap{order: c.order}
	return c
}

// scoresEveryMatch reports whether every match the collector sees is scored (no filter
// or date range keeps any out of the result).
func (c *collector) scoresEveryMatch() bool {
	return c.order == SortRelevance && (c.offerOnly || len(c.groups) == 0 && !c.hasRange)
}

// keepsBestOnly reports whether the collector only keeps the best-scored hits (the counts
// are known): a score below the worst kept, once c.keep are, cannot enter.
func (c *collector) keepsBestOnly() bool {
	return c.offerOnly && c.after == nil && c.order == SortRelevance && c.keep > 0
}

// visit takes one matching document with its score.
func (c *collector) visit(doc uint64, score float64) { c.visitScored(doc, score, nil) }

// visitScored takes one matching document. With a scorer, the score is asked of it only
// when the document enters the result (passes every filter): filtered searches skip
// scoring the many matches their filters reject.
func (c *collector) visitScored(doc uint64, score float64, scorer docScorer) {
	if c.offerOnly {
		if scorer != nil {
			score = scorer.scoreAt(doc)
		}
		c.offer(doc, score)
		return
	}
	cols := c.cols
	if doc >= uint64(cols.size) || (!c.allVersions && !cols.latest[doc]) {
		return
	}
	failed, failedGroup := 0, -1
	for i := range c.groups {
		g := &c.groups[i]
		if !g.passes(doc) {
			failed++
			failedGroup = i
			if failed > 1 {
				return // counts for no facet
			}
		}
	}
	if failed == 0 { // the histogram ignores the date range it sets
		for _, slot := range cols.docSlots[cols.yearStart[doc]:cols.docStart[doc+1]] {
			c.counts[slot]++
		}
	}
	if c.hasRange {
		d := cols.date[doc]
		if d == noDate || d < c.from || d > c.to {
			return
		}
	}
	if failed == 1 {
		c.count(c.groups[failedGroup].field, doc)
		return
	}
	c.total++
	for _, slot := range cols.docSlots[cols.docStart[doc]:cols.yearStart[doc]] {
		c.counts[slot]++
	}
	if scorer != nil {
		score = scorer.scoreAt(doc)
	}
	c.offer(doc, score)
}

func (g *filterGroup) passes(doc uint64) bool {
	if o := g.col.first[doc]; o < 0 {
		return false
	} else if g.want[o] {
		return true
	}
	for _, o := range g.col.others(doc) {
		if g.want[o] {
			return true
		}
	}
	return false
}

// count counts document doc's values of one field.
func (c *collector) count(field int, doc uint64) {
	col := c.fields[field]
	first := col.first[doc]
	if first < 0 {
		c.counts[c.cols.missingSlot(field)]++
		return
	}
	base := int32(c.cols.slotBase[field])
	c.counts[base+first]++
	for _, o := range col.others(doc) {
		c.counts[base+o]++
	}
}

// valueCount returns the count of ordinal o of field fi; missing the count of documents
// without a value.
func (c *collector) valueCount(fi int, o int) int { return int(c.counts[c.cols.slotBase[fi]+o]) }
func (c *collector) missing(fi int) int           { return int(c.counts[c.cols.missingSlot(fi)]) }

// offer keeps the hit if it ranks among the best c.keep after the cursor.
func (c *collector) offer(doc uint64, score float64) {
	if c.after == nil && c.keep > 0 && len(c.top.keys) == c.keep && c.worse(doc, score, &c.top.keys[0]) {
		return // the common case once the heap is full: decided without building a key
	}
	k := c.key(doc, score)
	if c.after != nil {
		if !c.before(*c.after, k) {
			return
		}
		c.afterCursor++
	}
	c.keepKey(k)
}

// keepKey puts k in the heap of the best c.keep hits if it ranks among them.
func (c *collector) keepKey(k sortKey) {
	if len(c.top.keys) < c.keep {
		c.top.push(k)
		return
	}
	if c.keep > 0 && c.before(k, c.top.keys[0]) {
		c.top.replaceTop(k)
	}
}

func (c *collector) key(doc uint64, score float64) sortKey {
	k := sortKey{doc: doc, id: c.cols.ids[doc]}
	if c.order == SortRelevance {
		k.value = score
		return k
	}
	d := c.cols.sortDate[doc]
	k.none = d == noDate
	k.value = float64(d)
	return k
}

// worse reports whether the hit (doc, score) ranks after k, so that it cannot enter the
// heap whose worst key is k, without building its key.
func (c *collector) worse(doc uint64, score float64, k *sortKey) bool {
	if c.order == SortRelevance {
		return score < k.value || (score == k.value && c.cols.ids[doc] > k.id)
	}
	d := c.cols.sortDate[doc]
	if d == noDate || k.none {
		if d == noDate && k.none {
			return c.cols.ids[doc] > k.id
		}
		return d == noDate
	}
	v := float64(d)
	if v == k.value {
		return c.cols.ids[doc] > k.id
	}
	if c.order == SortOldest {
		return v > k.value
	}
	return v < k.value
}

// merge adds the counts and hits of o, which saw other documents of the same search.
func (c *collector) merge(o *collector) {
	c.total += o.total
	c.afterCursor += o.afterCursor
	for i, n := range o.counts {
		c.counts[i] += n
	}
	for _, k := range o.top.keys {
		c.keepKey(k)
	}
}

// before reports whether a ranks before b in the result order: by score (highest first) or
// date (newest or oldest first, undated last), then by id.
func (c *collector) before(a, b sortKey) bool { return before(c.order, &a, &b) }

func before(order string, a, b *sortKey) bool {
	if a.none != b.none {
		return b.none
	}
	if a.value != b.value {
		if order == SortOldest {
			return a.value < b.value
		}
		return a.value > b.value
	}
	return a.id < b.id
}

// hits returns the kept hits of the requested page in order. The heap keeps the page and
// all before it, the worst on top: the page is its last keys, taken from the top. Page
// 50 takes 20 keys out of 1,000 instead of sorting them all.
func (c *collector) hits(req Request) []sortKey {
	skip := 0
	if req.After == "" {
		skip = (req.Page - 1) * req.Size
	}
	n := min(len(c.top.keys)-skip, req.Size)
	if n <= 0 {
		return nil
	}
	h := hitHeap{keys: append([]sortKey(nil), c.top.keys...), order: c.top.order}
	for len(h.keys) > skip+n { // past the page (a heap kept more than asked for)
		h.pop()
	}
	keys := make([]sortKey, n)
	for i := n - 1; i >= 0; i-- {
		keys[i] = h.pop()
	}
	return keys
}

// hitHeap keeps the best hits with the worst on top, so that it is the one replaced. It
// is written out for sortKey (no interface calls): a broad word offers it tens of
// thousands of hits, many tied on score.
type hitHeap struct {
	keys  []sortKey
	order string
}

// worse reports whether a ranks after b.
func (h *hitHeap) worse(a, b *sortKey) bool { return before(h.order, b, a) }

func (h *hitHeap) push(k sortKey) {
	h.keys = append(h.keys, k)
	i := len(h.keys) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !h.worse(&h.keys[i], &h.keys[parent]) {
			break
		}
		h.keys[i], h.keys[parent] = h.keys[parent], h.keys[i]
		i = parent
	}
}

// pop removes and returns the worst key.
func (h *hitHeap) pop() sortKey {
	top, last := h.keys[0], len(h.keys)-1
	h.keys[0] = h.keys[last]
	h.keys = h.keys[:last]
	if last > 0 {
		h.down()
	}
	return top
}

// replaceTop puts k in place of the worst key and restores the heap.
func (h *hitHeap) replaceTop(k sortKey) {
	h.keys[0] = k
	h.down()
}

// down moves the top key down to its place.
func (h *hitHeap) down() {
	n, i := len(h.keys), 0
	for {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < n && h.worse(&h.keys[l], &h.keys[worst]) {
			worst = l
		}
		if r < n && h.worse(&h.keys[r], &h.keys[worst]) {
			worst = r
		}
		if worst == i {
			return
		}
		h.keys[i], h.keys[worst] = h.keys[worst], h.keys[i]
		i = worst
	}
}

// cursor is what an After cursor holds: the sort value and id of the last hit shown.
type cursor struct {
	Value float64 `json:"v"`
	None  bool    `json:"n,omitempty"`
	ID    string  `json:"id"`
}

func (k sortKey) cursor() string {
	b, _ := json.Marshal(cursor{Value: k.value, None: k.none, ID: k.id})
	return encodeCursorBytes(b)
}

func parseCursor(s string) (*sortKey, error) {
	b, err := decodeCursorBytes(s)
	if err != nil {
		return nil, err
	}
	var cur cursor
	if err := json.Unmarshal(b, &cur); err != nil || cur.ID == "" || math.IsNaN(cur.Value) {
		return nil, badCursor
	}
	return &sortKey{value: cur.Value, none: cur.None, id: cur.ID}, nil
}

// collect runs the query text with collectors watching every match: one per part of the
// index (see parts), walked in parallel, then merged.
func (ix *Index) collect(ctx context.Context, s *snapshot, p *plan) (*collector, error) {
	var after *sortKey
	if p.req.After != "" {
		var err error
		if after, err = parseCursor(p.req.After); err != nil {
			return nil, err
		}
	}
	// Parts pay off only on idle cores: searches running at once share the parts wanted.
	running := int(ix.inflight.Add(1))
	defer ix.inflight.Add(-1)
	ranges := parts(s.cols.size, running)
	cs := make([]*collector, len(ranges))
	for i := range ranges {
		cs[i] = ix.newCollector(s, p)
		cs[i].after = after
	}
	vp, err := ix.visitPlan(s, p, cs[0])
	if err != nil {
		return nil, err
	}
	if vp.counted != nil {
		counted := vp.counted
		for _, c := range cs {
			c.offerOnly = true
		}
		cs[0].total, cs[0].counts = counted.total, counted.counts
		if counted.order != SortRelevance || p.text == nil {
			counted.takeInOrder(vp.docs)
			cs[0].top, cs[0].afterCursor = counted.top, counted.afterCursor
			return cs[0], nil
		}
	}
	errs := make([]error, len(ranges))
	var wg sync.WaitGroup
	for i, r := range ranges {
		if i == len(ranges)-1 {
			errs[i] = ix.collectRange(ctx, s, p, vp, cs[i], r[0], r[1])
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = ix.collectRange(ctx, s, p, vp, cs[i], r[0], r[1])
		}()
	}
	wg.Wait()
	if err := firstErr(errs...); err != nil {
		return nil, err
	}
	for _, o := range cs[1:] {
		cs[0].merge(o)
	}
	return cs[0], nil
}

// visitPlan says which documents a search's collectors visit, and how.
type visitPlan struct {
	// docs are the documents to visit, computed from posting bitmaps; nil means every
	// document (without query text) or the matches of Bleve's walk.
	docs *roaring.Bitmap
	// walk: the query text is walked directly over the postings (see walk.go), and docs
	// holds its matches.
	walk bool
	// phrases holds where the query's phrases hold, found while computing its matches.
	phrases phraseSets
	// counted holds the counts and total when they were counted from sets (see sets.go);
	// docs are then the hits.
	counted *collector
}

// visitPlan computes, from the postings' bitmaps, the documents that match a walkable
// query text and can count under the filters (see bitmaps.go). With many of them, it
// counts the facets from sets and leaves only the hits to visit (see sets.go).
func (ix *Index) visitPlan(s *snapshot, p *plan, c *collector) (visitPlan, error) {
	var vp visitPlan
	walk := p.text != nil && !ix.opts.BleveWalk && walkable(p.text)
	if p.text != nil && !walk {
		return vp, nil // Bleve walks the query
	}
	var matches *roaring.Bitmap
	if walk {
		pb, err := s.segments()
		if err != nil {
			return vp, err
		}
		vp.phrases = phraseSets{}
		if matches, err = pb.match(p.text, vp.phrases); err != nil {
			return vp, err
		}
		vp.walk = true
	}
	if (matches == nil && uint64(s.cols.size) >= setsFrom) || (matches != nil && matches.GetCardinality() >= setsFrom) {
		counted := &collector{}
		*counted = *c
		counted.counts = make([]int32, len(c.counts))
		vp.docs = counted.countSets(matches)
		vp.counted = counted
		return vp, nil
	}
	candidates := s.cols.filterCandidates(c.groups)
	switch {
	case matches == nil:
		vp.docs = candidates
	case candidates != nil:
		vp.docs = roaring.And(matches, candidates)
	default:
		vp.docs = matches
	}
	return vp, nil
}

// collectRange shows c every match among the documents numbered lo <= n < hi.
func (ix *Index) collectRange(ctx context.Context, s *snapshot, p *plan, vp visitPlan, c *collector, lo, hi uint64) error {
	if p.text == nil {
		// Without query text every document matches: walk the columns, no index needed.
		if vp.docs != nil {
			return visitBits(ctx, vp.docs, lo, hi, func(doc uint64) error {
				c.visit(doc, 0)
				return nil
			})
		}
		for doc := lo; doc < hi; doc++ {
			if s.cols.ids[doc] == "" {
				continue // no document has this number (deleted, or a gap)
			}
			if doc%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			c.visit(doc, 0)
		}
		return nil
	}
	if vp.walk {
		pb, err := s.segments()
		if err != nil {
			return err
		}
		return walkQuery(ctx, pb, p.text, vp.phrases, c, vp.docs, lo, hi)
	}
	q := withPairs(p.text, p.pairs)
	if lo > 0 || hi < uint64(s.cols.size) {
		q = &docRangeQuery{inner: q, lo: lo, hi: hi}
	}
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	if c.order != SortRelevance {
		sr.Score = bleve.ScoreNone
	}
	maker := bsearch.MakeDocumentMatchHandler(func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		return func(d *bsearch.DocumentMatch) error {
			if d == nil {
				return nil
			}
			c.visit(d.IndexInternalID.Value(), d.Score)
			sctx.DocumentMatchPool.Put(d)
			return nil
		}, false, nil
	})
	_, err := s.idx.SearchInContext(context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, maker), sr)
	return err
}

// visitBits calls fn with every document of docs numbered lo <= n < hi, in order.
func visitBits(ctx context.Context, docs *roaring.Bitmap, lo, hi uint64, fn func(doc uint64) error) error {
	if docs.IsEmpty() {
		return nil
	}
	within := docs
	if lo > 0 || hi <= uint64(docs.Maximum()) {
		within = roaring.New()
		within.AddRange(lo, hi)
		within.And(docs)
	}
	var buf [256]uint32
	it := within.ManyIterator()
	for n := 0; ; n++ {
		got := it.NextMany(buf[:])
		if got == 0 {
			return nil
		}
		if n%16 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		for _, d := range buf[:got] {
			if err := fn(uint64(d)); err != nil {
				return err
			}
		}
	}
}

// facetSet turns the collector's counts into facets and the histogram.
func (ix *Index) facetSetOf(c *collector, req Request) *facetSet {
	fs := &facetSet{}
	for fi, f := range FilterFields {
		fs.facets = append(fs.facets, ix.columnFacet(f, fi, c, req))
	}
	years := c.fields[yearField]
	counts := map[int]int{}
	undated := 0
	first, last := 0, 0
	for o := range years.values {
		n := c.valueCount(yearField, o)
		if n == 0 {
			continue
		}
		v := years.values[o]
		if v == schema.YearUndated {
			undated = n
			continue
		}
		y, err := strconv.Atoi(v)
		if err != nil {
			continue
		}
		counts[y] = n
		if first == 0 || y < first {
			first = y
		}
		if y > last {
			last = y
		}
	}
	for y := first; first != 0 && y <= last; y++ {
		fs.histogram = append(fs.histogram, Bar{Year: strconv.Itoa(y), Count: counts[y]})
	}
	if undated > 0 {
		fs.histogram = append(fs.histogram, Bar{Year: schema.YearUndated, Count: undated})
	}
	return fs.withRange(req)
}

// columnFacet orders a field's counts as Bleve does (count, then value), keeps the
// selected values even at 0 and trims the rest to the requested size.
func (ix *Index) columnFacet(field string, fi int, c *collector, req Request) Facet {
	col := c.fields[fi]
	counts := c.counts[c.cols.slotBase[fi] : c.cols.slotBase[fi]+len(col.values)]
	f := Facet{Field: field, Missing: c.missing(fi)}
	var order []int32
	for o, n := range counts {
		if n > 0 {
			order = append(order, int32(o))
		}
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if counts[a] != counts[b] {
			return counts[a] > counts[b]
		}
		return col.values[a] < col.values[b]
	})
	selected := map[string]bool{}
	for _, v := range req.Filters[field] {
		selected[v] = true
	}
	shown := map[string]bool{}
	for _, o := range order {
		v := col.values[o]
		if len(f.Values) >= req.FacetSize && !selected[v] {
			f.Other += int(counts[o])
			continue
		}
		f.Values = append(f.Values, FacetValue{Value: v, Label: ix.label(field, v), Count: int(counts[o]), Selected: selected[v]})
		shown[v] = true
	}
	for _, v := range req.Filters[field] {
		if !shown[v] {
			f.Values = append(f.Values, FacetValue{Value: v, Label: ix.label(field, v), Selected: true})
		}
	}
	return f
}

// more reports whether hits remain after the page just cut from the kept hits.
func (c *collector) more(req Request, shown int) bool {
	if req.After == "" {
		return (req.Page-1)*req.Size+shown < c.total
	}
	return c.afterCursor > shown
}
