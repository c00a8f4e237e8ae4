package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	zap "github.com/blevesearch/zapx/v17"
)

// rawPosting is one posting as both readings give it.
type rawPosting struct{ doc, freq, length uint64 }

// TestRawPostingsReadWhatZapReads compares, term by term and window by window, the
// postings read straight from the segments' bytes with those zap's iterator reads: lists
// of one to thousands of documents over several chunks, one-hit lists, windows that start
// and end inside chunks, one segment and several.
func TestRawPostingsReadWhatZapReads(t *testing.T) {
	if !rawLayout.ok {
		t.Fatal("zap's PostingsList no longer has the fields rawPostings reads: update rawLayout")
	}
	const docs = 5000
	for _, tc := range []struct {
		name  string
		batch int
	}{{"one segment", docs}, {"several segments", 1300}} {
		t.Run(tc.name, func(t *testing.T) {
			idx := rawTestIndex(t, docs, tc.batch)
			pb, err := openPostings(idx)
			if err != nil {
				t.Fatal(err)
			}
			defer pb.Close()
			if tc.batch < docs && len(pb.segs) < 2 {
				t.Fatalf("%d segments, want several", len(pb.segs))
			}
			terms := []string{"every", "solo", "absent", "w1", "w2", "w3", "w7", "w13", "w50", "w333"}
			windows := [][2]uint64{{0, 1 << 40}, {0, 1}, {1, 1000}, {999, 2049}, {1234, 1235}, {2500, 4100}, {4999, 5000}}
			checked := 0
			for _, s := range pb.segs {
				size := s.seg.Segment().Count()
				for _, field := range []string{"text", "plain"} {
					dict, err := s.seg.Segment().Dictionary(field)
					if err != nil {
						t.Fatal(err)
					}
					for _, term := range terms {
						pl, err := dict.PostingsList([]byte(term), nil, nil)
						if err != nil {
							t.Fatal(err)
						}
						raw, ok := rawFrom(pl)
						if !ok {
							t.Fatalf("%s %s: not read raw", field, term)
						}
						var all []rawPosting
						it := pl.Iterator(true, true, false, nil)
						for p, err := it.Next(); p != nil || err != nil; p, err = it.Next() {
							if err != nil {
								t.Fatal(err)
							}
							all = append(all, rawPosting{p.Number(), p.Frequency(), p.(*zap.Posting).NormUint64()})
						}
						checkCursor(t, field+" "+term, raw, all, size)
						for _, w := range windows {
							lo, hi := w[0], min(w[1], size)
							var want, got []rawPosting
							for _, p := range all {
								if p.doc >= lo && p.doc < hi {
									want = append(want, p)
								}
							}
							if err := raw.each(lo, hi, func(doc, freq, length uint64) {
								got = append(got, rawPosting{doc, freq, length})
							}); err != nil {
								t.Fatalf("%s %s [%d,%d): %v", field, term, lo, hi, err)
							}
							if fmt.Sprint(got) != fmt.Sprint(want) {
								t.Fatalf("%s %s [%d,%d): raw %d postings %v..., zap %d %v...", field, term, lo, hi,
									len(got), got[:min(len(got), 5)], len(want), want[:min(len(want), 5)])
							}
							checked += len(want)
						}
					}
				}
			}
			if checked < docs {
				t.Fatalf("only %d postings compared", checked)
			}
		})
	}
}

// TestRawPostingsLeaveDeletionsToZap: a list with deleted documents is read through zap.
func TestRawPostingsLeaveDeletionsToZap(t *testing.T) {
	idx := rawTestIndex(t, 300, 300)
	if err := idx.Delete("d00007"); err != nil {
		t.Fatal(err)
	}
	pb, err := openPostings(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer pb.Close()
	s := pb.segs[0]
	dict, err := s.seg.Segment().Dictionary("text")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := dict.PostingsList([]byte("every"), s.deleted, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rawFrom(pl); ok {
		t.Error("a list with a deleted document was read raw")
	}
}

// rawTestIndex indexes docs documents in batches: "text" with term vectors, "plain"
// without (where a term in one document with frequency 1 gets zap's one-hit encoding).
// Word wK is in every Kth document, up to three times; lengths vary.
func rawTestIndex(t *testing.T, docs, batch int) bleve.Index {
	t.Helper()
	im := mapping.NewIndexMapping()
	dm := mapping.NewDocumentStaticMapping()
	text := mapping.NewTextFieldMapping()
	text.Analyzer = "standard"
	plain := mapping.NewTextFieldMapping()
	plain.Analyzer = "standard"
	plain.IncludeTermVectors = false
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("plain", plain)
	im.DefaultMapping = dm
	im.ScoringModel = "bm25"
	idx, err := bleve.New(t.TempDir()+"/index", im)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for i := range docs {
		var words []string
		for _, k := range []int{1, 2, 3, 7, 13, 50, 333} {
			if i%k == 0 {
				for range i%3 + 1 {
					words = append(words, fmt.Sprintf("w%d", k))
				}
			}
		}
		for range i % 37 {
			words = append(words, "filler")
		}
		words = append(words, "every")
		doc := map[string]any{"text": strings.Join(words, " "), "plain": strings.Join(words, " ")}
		if i == 1234 {
			doc["plain"] = doc["plain"].(string) + " solo"
			doc["text"] = doc["text"].(string) + " solo"
		}
		if err := b.Index(fmt.Sprintf("d%05d", i), doc); err != nil {
			t.Fatal(err)
		}
		if b.Size() >= batch {
			if err := idx.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = idx.NewBatch()
		}
	}
	if b.Size() > 0 {
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

// checkCursor walks a rawCursor over the list with advances of several strides mixed with
// next, and compares every position with the list's postings (all, as zap reads them).
func checkCursor(t *testing.T, name string, raw rawPostings, all []rawPosting, size uint64) {
	t.Helper()
	for _, stride := range []uint64{1, 3, 97, 1000, 2600} {
		c := raw.cursor()
		pos := -1 // index in all of where the cursor must be
		for target, step := uint64(0), 0; target <= size+1; target, step = target+stride, step+1 {
			var ok bool
			var err error
			if step%3 == 2 && pos >= 0 { // a next instead of an advance
				ok, err = c.next()
				pos++
			} else {
				ok, err = c.advance(target)
				if pos < 0 || all[pos].doc < target { // else it stays
					pos = 0
					for pos < len(all) && all[pos].doc < target {
						pos++
					}
				}
			}
			if err != nil {
				t.Fatalf("%s stride %d: %v", name, stride, err)
			}
			if ok != (pos < len(all)) {
				t.Fatalf("%s stride %d target %d: cursor found %v, want posting %d of %d", name, stride, target, ok, pos, len(all))
			}
			if !ok {
				break
			}
			if got := (rawPosting{c.doc, c.freq, c.length}); got != all[pos] {
				t.Fatalf("%s stride %d target %d: cursor at %v, want %v", name, stride, target, got, all[pos])
			}
		}
	}
}

// each (a test helper) calls fn with every document of the list in lo <= doc < hi, its frequency and its
// field length as zap stores it (Posting.NormUint64), in increasing order of document.
func (r *rawPostings) each(lo, hi uint64, fn func(doc, freq, length uint64)) error {
	b := r.blocks(lo, hi)
	for {
		n, err := b.next()
		if n == 0 || err != nil {
			return err
		}
		for i := range n {
			fn(uint64(b.docs[i]), uint64(b.freqs[i]), uint64(b.lengths[i]))
		}
	}
}
