package pairs_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/indexer/pairs"
)

// randomTerms returns n distinct terms: short and long ones, with spaces, non-ASCII and
// arbitrary bytes.
func randomTerms(r *rand.Rand, n int) []string {
	seen := map[string]bool{}
	var terms []string
	for len(terms) < n {
		var b []byte
		switch r.IntN(4) {
		case 0: // arbitrary bytes, any length up to 300
			b = make([]byte, r.IntN(300))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
		case 1:
			b = fmt.Appendf(nil, "zürich %d", r.IntN(1000))
		default:
			b = fmt.Appendf(nil, "w%d w%d", r.IntN(40), r.IntN(40))
		}
		if !seen[string(b)] {
			seen[string(b)] = true
			terms = append(terms, string(b))
		}
	}
	return terms
}

// randomValues returns a document's values: mostly consecutive positions from 1, at
// times with gaps, repeated positions, out of order or below 1. Frequent terms come
// first in terms.
func randomValues(r *rand.Rand, terms []string) []analysis.TokenStream {
	values := make([]analysis.TokenStream, r.IntN(4))
	for v := range values {
		n := r.IntN(40)
		if r.IntN(10) == 0 {
			n = r.IntN(400)
		}
		pos := 0
		for range n {
			switch r.IntN(20) {
			case 0:
				pos += 2 + r.IntN(100)
			case 1: // same position
			case 2:
				pos = r.IntN(10) - 3 // back, possibly below 1
			default:
				pos++
			}
			term := terms[min(int(r.ExpFloat64()*float64(len(terms))/16), len(terms)-1)]
			values[v] = append(values[v], at(term, pos))
		}
	}
	return values
}

// model is the naive reading of Add and Write: for each term, each document's positions.
type model map[string]map[uint64][]uint64

// add records a document numbered doc with values as Add documents it.
func (m model) add(doc uint64, values []analysis.TokenStream) (length uint64) {
	shift := 0
	for _, v := range values {
		last := 0
		for _, t := range v {
			p := max(t.Position, 1) + shift
			last = max(last, p)
			if m[string(t.Term)] == nil {
				m[string(t.Term)] = map[uint64][]uint64{}
			}
			m[string(t.Term)][doc] = append(m[string(t.Term)][doc], uint64(p))
			length++
		}
		if len(v) > 0 {
			shift = last + 1
		}
	}
	return length
}

func (m model) postings(term string) []posting {
	var ps []posting
	for doc, pos := range m[term] {
		slices.Sort(pos)
		ps = append(ps, posting{doc, pos})
	}
	slices.SortFunc(ps, func(a, b posting) int { return int(a.Doc) - int(b.Doc) })
	return ps
}

// TestRandom compares a file with the naive model, for random documents added from
// several goroutines at once, some replaced, some not in order, and order keys never
// added.
func TestRandom(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { testRandom(t, seed) })
	}
}

func testRandom(t *testing.T, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1))
	terms := randomTerms(r, 500)
	const keys, workers = 700, 4
	// Each key's adds, in order: the last one counts. Keys go to workers by number, so
	// that one key's adds keep their order.
	adds := make([][][]analysis.TokenStream, keys)
	for range keys * 3 / 2 {
		k := r.IntN(keys)
		adds[k] = append(adds[k], randomValues(r, terms))
	}
	b := pairs.NewBuilder()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w; k < keys; k += workers {
				for _, values := range adds[k] {
					b.Add(fmt.Sprint("key", k), values...)
				}
			}
		})
	}
	wg.Wait()

	// order: most added keys shuffled, some left out, some never added.
	var order []string
	for k := range keys {
		if r.IntN(10) > 0 {
			order = append(order, fmt.Sprint("key", k))
		}
		if r.IntN(20) == 0 {
			order = append(order, fmt.Sprint("never", k))
		}
	}
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })

	m, lengths, tokens := model{}, make([]uint64, len(order)), uint64(0)
	for doc, key := range order {
		var k int
		if _, err := fmt.Sscanf(key, "key%d", &k); err == nil && len(adds[k]) > 0 {
			lengths[doc] = m.add(uint64(doc), adds[k][len(adds[k])-1])
			tokens += lengths[doc]
		}
	}

	x := write(t, b, order)
	// One goroutine or several encode the same bytes.
	if want, got := encodedBytes(t, b, order, 2), encodedBytes(t, b, order, 1); !bytes.Equal(got, want) {
		t.Errorf("encoded on one goroutine: %d bytes differ from the %d on two", len(got), len(want))
	}
	if x.Docs() != len(order) || x.Tokens() != tokens || x.Terms() != len(m) {
		t.Errorf("Docs, Tokens, Terms = %d, %d, %d; want %d, %d, %d", x.Docs(), x.Tokens(), x.Terms(), len(order), tokens, len(m))
	}
	for doc, want := range lengths {
		if got := x.Length(uint64(doc)); got != want {
			t.Errorf("Length(%d) = %d, want %d", doc, got, want)
		}
	}
	most := 0
	for _, term := range terms {
		want := m.postings(term)
		most = max(most, len(want))
		if diff := cmp.Diff(want, read(t, x, term)); diff != "" {
			t.Fatalf("postings of %q (-want +got):\n%s", term, diff)
		}
		checkAdvance(t, x, term, want, r)
	}
	if most < 3*64 {
		t.Errorf("the most frequent term is in %d documents: too few to cover bitmaps and skips", most)
	}
}

// checkAdvance advances through the postings of term by random steps, at times to a
// document at or before the current one (where Advance stays), and compares with want.
func checkAdvance(t *testing.T, x *pairs.Index, term string, want []posting, r *rand.Rand) {
	t.Helper()
	p, _ := x.Postings([]byte(term))
	it, i := p.Iterator(), 0 // want[i] is where the iterator should be
	for target := uint64(r.IntN(3)); ; {
		for i < len(want) && want[i].Doc < target {
			i++
		}
		if !it.Advance(target) {
			if i < len(want) {
				t.Fatalf("%q: Advance(%d) false, want doc %d", term, target, want[i].Doc)
			}
			return
		}
		if i == len(want) || it.Doc() != want[i].Doc || !slices.Equal(it.Positions(), want[i].Pos) {
			t.Fatalf("%q: Advance(%d) at doc %d %v, want %v", term, target, it.Doc(), it.Positions(), want[i:min(i+1, len(want))])
		}
		if r.IntN(4) == 0 {
			target = it.Doc() - uint64(r.IntN(int(it.Doc())+1))
		} else {
			target = it.Doc() + 1 + uint64(r.ExpFloat64()*20)
		}
	}
}

// encodedBytes returns the file Encode makes for order on this many goroutines.
func encodedBytes(t *testing.T, b *pairs.Builder, order []string, workers int) []byte {
	t.Helper()
	e, err := b.Encode(order, workers)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pairs.idx")
	if err := e.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
