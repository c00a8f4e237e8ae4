package search

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// A search with many matches counts its facets from sets instead of visiting each match:
// every facet value (every slot of the columns) has the set of documents holding it, so a
// count is the size of an intersection, which roaring computes a machine word at a time.
// The matches, the filters and the date range are sets too; their intersections are the
// bases the facets are counted over, as a collector counts them one document at a time:
//
//   - the histogram over the matches passing every filter, whatever the date range;
//   - a field without a selection over the matches passing every filter and the range;
//   - a field with a selection over the matches passing every other filter and the range.
//
// The hits are then the matches passing everything: a date order takes them from the
// documents sorted once by date, a ranked search scores only them.

// setsFrom is the number of matches from which a search counts from sets: below it,
// visiting each match costs less than intersecting every facet value's set.
var setsFrom = uint64(8192)

// slotSets holds, for one snapshot, the documents of each slot and of each order.
type slotSets struct {
	slots  []*roaring.Bitmap // by slot: the documents with that value (or missing it)
	live   *roaring.Bitmap   // documents with a number in use
	latest *roaring.Bitmap   // live documents that are their notice's newest version

	newest []uint32 // live documents in SortNewest order
	oldest []uint32 // live documents in SortOldest order
}

// buildSets fills c.sets from the slots and columns.
func (c *columns) buildSets() {
	lists := make([][]uint32, c.slots)
	var live, latest []uint32
	for doc := 0; doc < c.size; doc++ {
		if c.ids[doc] == "" {
			continue
		}
		live = append(live, uint32(doc))
		if c.latest[doc] {
			latest = append(latest, uint32(doc))
		}
		for _, slot := range c.docSlots[c.docStart[doc]:c.docStart[doc+1]] {
			lists[slot] = append(lists[slot], uint32(doc))
		}
	}
	c.sets = &slotSets{slots: make([]*roaring.Bitmap, c.slots),
		live: bitmapOf(live), latest: bitmapOf(latest)}
	for slot, docs := range lists {
		c.sets.slots[slot] = bitmapOf(docs)
	}
	c.buildOrders()
}

// bitmapOf returns the set of ascending document numbers.
func bitmapOf(docs []uint32) *roaring.Bitmap {
	b := roaring.New()
	b.AddMany(docs)
	b.RunOptimize()
	return b
}

// order returns the live documents in a date order.
func (c *columns) order(order string) []uint32 {
	if order == SortOldest {
		return c.sets.oldest
	}
	return c.sets.newest
}

// buildOrders sorts the live documents in both date orders, one per core.
func (c *columns) buildOrders() {
	s := c.sets
	keys := make([]sortKey, 0, s.live.GetCardinality())
	it := s.live.Iterator()
	for it.HasNext() {
		doc := uint64(it.Next())
		d := c.sortDate[doc]
		keys = append(keys, sortKey{doc: doc, id: c.ids[doc], value: float64(d), none: d == noDate})
	}
	sorted := func(order string) []uint32 {
		ks := slices.Clone(keys)
		slices.SortFunc(ks, func(a, b sortKey) int { return compareKeys(order, &a, &b) })
		docs := make([]uint32, len(ks))
		for i, k := range ks {
			docs[i] = uint32(k.doc)
		}
		return docs
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.oldest = sorted(SortOldest)
	}()
	s.newest = sorted(SortNewest)
	wg.Wait()
}

// compareKeys orders keys as before does: -1 when a comes first.
func compareKeys(order string, a, b *sortKey) int {
	if a.none != b.none {
		if b.none {
			return -1
		}
		return 1
	}
	if a.value != b.value {
		if (a.value < b.value) == (order == SortOldest) {
			return -1
		}
		return 1
	}
	return strings.Compare(a.id, b.id)
}

// groupSet returns the documents passing filter group g.
func (c *columns) groupSet(g filterGroup) *roaring.Bitmap {
	var sets []*roaring.Bitmap
	for o, want := range g.want {
		if want {
			sets = append(sets, c.sets.slots[c.slotBase[g.field]+o])
		}
	}
	if len(sets) == 0 {
		return roaring.New()
	}
	return roaring.FastOr(sets...)
}

// dateSet returns the documents published from..to (Unix seconds, inclusive).
func (c *columns) dateSet(from, to int64) *roaring.Bitmap {
	words := make([]uint64, (c.size+63)/64)
	for doc, d := range c.date {
		if d != noDate && d >= from && d <= to {
			words[doc>>6] |= 1 << (doc & 63)
		}
	}
	return roaring.FromDense(words, false)
}

// countSets counts the collector's facets and total over matches (the documents the query
// text matches, or nil for all) and returns the documents that are hits.
func (c *collector) countSets(matches *roaring.Bitmap) *roaring.Bitmap {
	sets := c.cols.sets
	base := sets.latest
	if c.allVersions {
		base = sets.live
	}
	if matches != nil {
		base = roaring.And(matches, base)
	}
	passing := c.cols.groupSets(c.groups)
	allBut := func(skip int) *roaring.Bitmap { return passingAllBut(base, passing, skip) }
	every := allBut(-1)
	var dates *roaring.Bitmap
	if c.hasRange {
		dates = c.cols.dateSet(c.from, c.to)
	}
	within := func(b *roaring.Bitmap) *roaring.Bitmap {
		if dates != nil {
			b.And(dates)
		}
		return b
	}
	hits := every
	if dates != nil {
		hits = within(every.Clone())
	}
	c.total = int(hits.GetCardinality())
	// Each field is counted over its set (the histogram ignores the date range, a
	// filtered field its own filter); fields over the same set are counted together.
	overs := []*roaring.Bitmap{every}
	fields := [][]int{{yearField}}
	add := func(fi int, over *roaring.Bitmap) {
		for i, o := range overs {
			if o == over {
				fields[i] = append(fields[i], fi)
				return
			}
		}
		overs, fields = append(overs, over), append(fields, []int{fi})
	}
	for fi := range FilterFields {
		over := hits
		for gi, g := range c.groups {
			if g.field == fi {
				over = within(allBut(gi))
			}
		}
		add(fi, over)
	}
	for i, over := range overs {
		c.countFields(fields[i], over)
	}
	return hits
}

// countFields sets the counts of every value of the fields fis, and of their missing
// slots, to the size of their sets within over. An intersection can cost as much as the
// slot's whole set (a run container against an array one walks the array), so a small
// over is counted document by document from the documents' slots instead, in one pass
// for all the fields.
func (c *collector) countFields(fis []int, over *roaring.Bitmap) {
	cols := c.cols
	if !countByDocument(over.GetCardinality(), uint64(len(cols.docSlots)), uint64(cols.size)) {
		for _, fi := range fis {
			for slot := cols.slotBase[fi]; slot <= cols.missingSlot(fi); slot++ {
				c.counts[slot] = int32(over.AndCardinality(cols.sets.slots[slot]))
			}
		}
		return
	}
	counted := make([]bool, cols.slots)
	for _, fi := range fis {
		first, last := cols.slotBase[fi], cols.missingSlot(fi)
		clear(c.counts[first : last+1])
		for slot := first; slot <= last; slot++ {
			counted[slot] = true
		}
	}
	var buf [256]uint32
	it := over.ManyIterator()
	for got := it.NextMany(buf[:]); got > 0; got = it.NextMany(buf[:]) {
		for _, doc := range buf[:got] {
			for _, slot := range cols.docSlots[cols.docStart[doc]:cols.docStart[doc+1]] {
				if counted[slot] {
					c.counts[slot]++
				}
			}
		}
	}
}

// countByDocument reports whether n documents with slots slots in all, among size, are
// counted faster one by one than by intersecting every slot's set (whose sizes add up to
// slots): when reading their slots costs less than reading all slots once.
var countByDocument = func(n, slots, size uint64) bool { return n*slots < size*size }

// takeInOrder keeps the first hits in the collector's date order, after its cursor when it
// has one, walking the documents sorted by date.
func (c *collector) takeInOrder(hits *roaring.Bitmap) {
	order := c.cols.order(c.order)
	start := 0
	if c.after != nil {
		start = sort.Search(len(order), func(i int) bool {
			return c.before(*c.after, c.key(uint64(order[i]), 0))
		})
	}
	want := c.keep
	if c.after != nil {
		want++ // one more tells whether a page follows
	}
	for _, doc := range order[start:] {
		if want == 0 {
			break
		}
		if !hits.Contains(doc) {
			continue
		}
		want--
		if c.after != nil {
			c.afterCursor++
		}
		if len(c.top.keys) < c.keep {
			c.top.push(c.key(uint64(doc), 0))
		}
	}
}

// filterCandidates returns the documents that can count in a search with filter groups:
// those failing at most one group (a document failing one is counted in that group's
// facet). It returns nil, meaning every document, when there are fewer than two groups.
func (c *columns) filterCandidates(groups []filterGroup) *roaring.Bitmap {
	if len(groups) < 2 {
		return nil
	}
	passing := c.groupSets(groups)
	out := roaring.New()
	for skip := range groups {
		out.Or(passingAllBut(c.sets.live, passing, skip))
	}
	return out
}

// groupSets returns the documents passing each filter group.
func (c *columns) groupSets(groups []filterGroup) []*roaring.Bitmap {
	passing := make([]*roaring.Bitmap, len(groups))
	for i, g := range groups {
		passing[i] = c.groupSet(g)
	}
	return passing
}

// passingAllBut returns a new set: the documents of base in every passing set but the
// skipped one (-1 skips none).
func passingAllBut(base *roaring.Bitmap, passing []*roaring.Bitmap, skip int) *roaring.Bitmap {
	out := base
	for i, p := range passing {
		if i != skip {
			out = roaring.And(out, p)
		}
	}
	if out == base {
		out = base.Clone()
	}
	return out
}
