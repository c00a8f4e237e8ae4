package pairs_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/indexer/pairs"
)

// seq returns a token stream of terms at positions 1, 2, 3...
func seq(terms ...string) analysis.TokenStream {
	s := make(analysis.TokenStream, len(terms))
	for i, t := range terms {
		s[i] = &analysis.Token{Term: []byte(t), Position: i + 1, Type: analysis.Shingle}
	}
	return s
}

// at returns a token of term at pos.
func at(term string, pos int) *analysis.Token {
	return &analysis.Token{Term: []byte(term), Position: pos, Type: analysis.Shingle}
}

// posting is one document of a term's postings, as a test compares it.
type posting struct {
	Doc uint64
	Pos []uint64
}

// write writes b with order to a file in a temporary directory and opens it.
func write(t testing.TB, b *pairs.Builder, order []string) *pairs.Index {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pairs")
	if err := b.Write(path, order); err != nil {
		t.Fatal(err)
	}
	x, err := pairs.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// read returns the postings of term by Next, checking that Count, Freq and Bitmap agree
// with them; nil when the term is not found.
func read(t *testing.T, x *pairs.Index, term string) []posting {
	t.Helper()
	p, ok := x.Postings([]byte(term))
	if !ok {
		if p.Count() != 0 {
			t.Errorf("%q: not found, yet Count %d", term, p.Count())
		}
		return nil
	}
	var got []posting
	docs := roaring.New()
	for it := p.Iterator(); it.Next(); {
		pos := append([]uint64(nil), it.Positions()...)
		if it.Freq() != uint64(len(pos)) {
			t.Errorf("%q doc %d: Freq %d, %d positions", term, it.Doc(), it.Freq(), len(pos))
		}
		got = append(got, posting{it.Doc(), pos})
		docs.Add(uint32(it.Doc()))
	}
	if p.Count() != uint64(len(got)) {
		t.Errorf("%q: Count %d, iterated %d documents", term, p.Count(), len(got))
	}
	if bm := p.Bitmap(); !bm.Equals(docs) {
		t.Errorf("%q: Bitmap %v, iterated %v", term, bm.ToArray(), docs.ToArray())
	}
	return got
}

func TestRoundTrip(t *testing.T) {
	b := pairs.NewBuilder()
	b.Add("A", seq("hague convent", "convent of", "of the"), seq("the title"))
	b.Add("B", seq("lost pair"))
	b.Add("B", seq("of the", "the of", "of the")) // replaces the first B
	b.Add("C", seq("dropped pair"))               // not in order
	b.Add("D", seq(), analysis.TokenStream{at("title late", 3), at("title early", 1), at("title early", 1)})
	if b.Len() != 4 {
		t.Errorf("Len = %d, want 4", b.Len())
	}
	x := write(t, b, []string{"A", "never added", "B", "D"})

	if x.Docs() != 4 || x.Tokens() != 4+0+3+3 || x.Terms() != 7 {
		t.Errorf("Docs, Tokens, Terms = %d, %d, %d; want 4, 10, 7", x.Docs(), x.Tokens(), x.Terms())
	}
	for doc, want := range []uint64{4, 0, 3, 3, 0} {
		if got := x.Length(uint64(doc)); got != want {
			t.Errorf("Length(%d) = %d, want %d", doc, got, want)
		}
	}
	want := map[string][]posting{
		"hague convent": {{0, []uint64{1}}},
		"convent of":    {{0, []uint64{2}}},
		"of the":        {{0, []uint64{3}}, {2, []uint64{1, 3}}},
		"the title":     {{0, []uint64{5}}}, // the body ends at 3: the title starts at 3+2
		"the of":        {{2, []uint64{2}}},
		"title early":   {{3, []uint64{1, 1}}}, // an empty body shifts nothing
		"title late":    {{3, []uint64{3}}},
		"lost pair":     nil,
		"dropped pair":  nil,
		"of":            nil,
		"":              nil,
	}
	for term, w := range want {
		if diff := cmp.Diff(w, read(t, x, term)); diff != "" {
			t.Errorf("postings of %q (-want +got):\n%s", term, diff)
		}
	}
}

func TestEmpty(t *testing.T) {
	for _, order := range [][]string{nil, {"x", "y"}} {
		x := write(t, pairs.NewBuilder(), order)
		if x.Docs() != len(order) || x.Tokens() != 0 || x.Terms() != 0 || x.Length(0) != 0 {
			t.Errorf("order %q: Docs %d, Tokens %d, Terms %d, Length(0) %d", order, x.Docs(), x.Tokens(), x.Terms(), x.Length(0))
		}
		if p, ok := x.Postings([]byte("a b")); ok || p.Count() != 0 || p.Iterator().Next() || !p.Bitmap().IsEmpty() {
			t.Errorf("order %q: found a term", order)
		}
		if err := x.Verify(); err != nil {
			t.Error(err)
		}
	}
}

func TestAdvance(t *testing.T) {
	// A term in every third document of 1000 crosses many skip blocks.
	b := pairs.NewBuilder()
	var order []string
	for d := range 1000 {
		key := string(rune('a'+d%26)) + string(rune('0'+d))
		order = append(order, key)
		if d%3 == 0 {
			b.Add(key, seq("x y", "y z", "x y"))
		}
	}
	x := write(t, b, order)
	p, _ := x.Postings([]byte("x y"))
	it := p.Iterator()
	for _, target := range []uint64{0, 0, 5, 6, 7, 200, 199, 640, 641, 999} {
		want := (target + 2) / 3 * 3
		if it.Doc() > want { // Advance does not go back
			want = it.Doc()
		}
		if !it.Advance(target) || it.Doc() != want || it.Freq() != 2 {
			t.Fatalf("Advance(%d): doc %d freq %d, want doc %d", target, it.Doc(), it.Freq(), want)
		}
		if diff := cmp.Diff([]uint64{1, 3}, it.Positions()); diff != "" {
			t.Errorf("Advance(%d): positions (-want +got):\n%s", target, diff)
		}
	}
	if it.Advance(1000) || it.Next() || it.Advance(0) {
		t.Error("the iterator goes on past its last document")
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := pairs.Open(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	path := filepath.Join(dir, "text")
	if err := os.WriteFile(path, []byte("not a pairs file, but long enough for a header: "+string(make([]byte, 200))), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pairs.Open(path); !errors.Is(err, pairs.ErrCorrupt) {
		t.Errorf("text file: %v", err)
	}
}
