package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// The collector keeps exactly the first hits of the full order, however the documents
// arrive and however many tie on score or date, and merging collectors that saw parts of
// the documents keeps the same hits.
func TestCollectorKeepsTheFirstHitsOfTheOrder(t *testing.T) {
	const docs = 400
	rng := rand.New(rand.NewPCG(1, 2))
	cols := &columns{size: docs, ids: make([]string, docs), sortDate: make([]int64, docs)}
	scores := make([]float64, docs)
	for d := range docs {
		cols.ids[d] = fmt.Sprintf("n%04d", rng.IntN(10000)*docs+d) // ids in no relation to numbers
		cols.sortDate[d] = int64(rng.IntN(6)) * 86400              // many ties
		if rng.IntN(5) == 0 {
			cols.sortDate[d] = noDate
		}
		scores[d] = float64(rng.IntN(4)) // many ties
	}
	for _, order := range []string{SortRelevance, SortNewest, SortOldest} {
		for _, keep := range []int{1, 3, 20, 399, 500} {
			ref := &collector{cols: cols, order: order}
			var all []sortKey
			for d := range docs {
				all = append(all, ref.key(uint64(d), scores[d]))
			}
			sort.Slice(all, func(i, j int) bool { return ref.before(all[i], all[j]) })
			want := all[:min(keep, len(all))]
			for _, parts := range []int{1, 3} {
				cs := make([]*collector, parts)
				for i := range cs {
					cs[i] = &collector{cols: cols, order: order, keep: keep, top: hitHeap{order: order}}
				}
				for _, d := range rng.Perm(docs) {
					cs[d%parts].offer(uint64(d), scores[d])
				}
				for _, o := range cs[1:] {
					cs[0].merge(o)
				}
				got := slices.Clone(cs[0].top.keys)
				sort.Slice(got, func(i, j int) bool { return ref.before(got[i], got[j]) })
				if !slices.Equal(idsOf(got), idsOf(want)) {
					t.Errorf("order %s, keep %d, %d parts: kept %v, want %v", order, keep, parts, idsOf(got), idsOf(want))
				}
			}
		}
	}
}

func idsOf(keys []sortKey) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.id)
	}
	return out
}

// Parts cover every document number once, and searches running at once share them.
func TestPartsShareTheCores(t *testing.T) {
	defer SetPartsForTest(4, 1000)()
	for _, tt := range []struct{ size, running, want int }{
		{100000, 1, 4}, {100000, 2, 2}, {100000, 3, 1}, {100000, 8, 1}, {2500, 1, 2}, {999, 1, 1},
	} {
		got := parts(tt.size, tt.running)
		if len(got) != tt.want {
			t.Errorf("parts(%d, %d): %d parts, want %d", tt.size, tt.running, len(got), tt.want)
		}
		next := uint64(0)
		for _, r := range got {
			if r[0] != next || r[1] <= r[0] {
				t.Errorf("parts(%d, %d) = %v: not consecutive ranges", tt.size, tt.running, got)
			}
			next = r[1]
		}
		if next != uint64(tt.size) {
			t.Errorf("parts(%d, %d) = %v: end at %d", tt.size, tt.running, got, next)
		}
	}
}

// The date orders of sets.go are sorted with compareKeys, which must agree with before.
func TestCompareKeysAgreesWithBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ids := []string{"a", "b", "c"}
	for n := 0; n < 100000; n++ {
		k := func() sortKey {
			return sortKey{value: float64(r.IntN(3)), none: r.IntN(4) == 0, id: ids[r.IntN(3)]}
		}
		a, b := k(), k()
		for _, o := range []string{SortNewest, SortOldest} {
			c := compareKeys(o, &a, &b)
			if (c < 0) != before(o, &a, &b) || (c > 0) != before(o, &b, &a) {
				t.Fatalf("%s %+v %+v: %d", o, a, b, c)
			}
		}
	}
}
