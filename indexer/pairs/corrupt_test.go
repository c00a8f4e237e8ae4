package pairs_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/noticearchive/noticearchive/indexer/pairs"
)

// smallFile writes a small file with every section present (a term in enough
// documents for a stored bitmap and skip entries) and returns its bytes and terms.
func smallFile(t *testing.T) ([]byte, []string) {
	t.Helper()
	b := pairs.NewBuilder()
	var order []string
	for d := range 150 {
		key := fmt.Sprint(d)
		order = append(order, key)
		b.Add(key, seq("common pair", fmt.Sprint("pair ", d%7), "common pair"), seq("zürich title"))
	}
	path := filepath.Join(t.TempDir(), "pairs")
	if err := b.Write(path, order); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data, []string{"common pair", "pair 0", "pair 6", "zürich title"}
}

// openBytes writes data to a file and opens it.
func openBytes(t *testing.T, dir string, data []byte) (*pairs.Index, error) {
	path := filepath.Join(dir, "damaged")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return pairs.Open(path)
}

func TestTruncated(t *testing.T) {
	data, _ := smallFile(t)
	dir := t.TempDir()
	for n := range len(data) {
		x, err := openBytes(t, dir, data[:n])
		if err == nil {
			x.Close()
			t.Fatalf("a file cut at %d of %d bytes opens", n, len(data))
		}
		if !errors.Is(err, pairs.ErrCorrupt) {
			t.Fatalf("cut at %d: %v, want ErrCorrupt", n, err)
		}
	}
	x, err := openBytes(t, dir, append(data, 0))
	if err == nil {
		x.Close()
		t.Fatal("a file with a byte too many opens")
	}
}

func TestDamagedHeader(t *testing.T) {
	data, _ := smallFile(t)
	dir := t.TempDir()
	for i := range 128 {
		for _, flip := range []byte{1, 0x80, 0xff} {
			d := append([]byte(nil), data...)
			d[i] ^= flip
			if x, err := openBytes(t, dir, d); err == nil {
				x.Close()
				t.Fatalf("a file with byte %d of its header flipped (^%#x) opens", i, flip)
			}
		}
	}
}

// TestDamagedData flips each byte after the header: Open does not read there, but
// Verify sees it, and no lookup, iteration or bitmap panics.
func TestDamagedData(t *testing.T) {
	data, terms := smallFile(t)
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	for i := 128; i < len(data); i++ {
		d := append([]byte(nil), data...)
		d[i] ^= byte(1 + r.IntN(255))
		x, err := openBytes(t, dir, d)
		if err != nil {
			t.Fatalf("byte %d flipped: %v", i, err)
		}
		if x.Verify() == nil {
			t.Errorf("byte %d flipped: Verify finds nothing wrong", i)
		}
		for doc := range uint64(x.Docs() + 1) {
			x.Length(doc)
		}
		for _, term := range terms {
			exercise(x, []byte(term))
		}
		x.Close()
	}
}

// exercise reads every part of the postings of term.
func exercise(x *pairs.Index, term []byte) {
	p, _ := x.Postings(term)
	p.Count()
	p.Bitmap()
	for it := p.Iterator(); it.Next(); {
		it.Freq()
		it.Positions()
	}
	it := p.Iterator()
	for doc := uint64(0); it.Advance(doc); doc = it.Doc() + 3 {
		it.Positions()
	}
}

func TestGarbageTerms(t *testing.T) {
	data, _ := smallFile(t)
	x, err := openBytes(t, t.TempDir(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		term := make([]byte, r.IntN(20))
		for i := range term {
			term[i] = byte(r.Uint32())
		}
		if _, ok := x.Postings(term); ok {
			t.Errorf("garbage term %q found", term)
		}
		exercise(x, term)
	}
}
