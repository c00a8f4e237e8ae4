package search

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// pairsTestNotices extracts n generated notices with ids of their own (n0000, n0001, ...):
// the test needs only distinct ids.
func pairsTestNotices(t *testing.T, n int) []*indexer.Notice {
	t.Helper()
	ex, err := indexer.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	var out []*indexer.Notice
	err = gen.Generate(gen.Options{N: n, Seed: 7}, func(p gen.Page) error {
		notice, err := ex.Extract(&archive.Capture{Source: p.Path, Body: p.HTML, Time: p.Captured})
		if err != nil {
			return nil // a page the extractor skips is not this test's business
		}
		notice.ID = fmt.Sprintf("n%04d", len(out))
		notice.Latest = true
		out = append(out, notice)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// buildPairsGeneration writes notices as the current generation of an index directory:
// with the word pairs in Bleve (inBleve, as built before 2026-12-07) or in the pairs file.
func buildPairsGeneration(t *testing.T, notices []*indexer.Notice, countries *schema.Countries, inBleve bool) string {
	t.Helper()
	dir := t.TempDir()
	gen := filepath.Join(dir, schema.GenerationsDir, "g1")
	m, err := schema.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	if inBleve {
		bleveBigrams(m.(*mapping.IndexMappingImpl))
	}
	idx, err := bleve.New(filepath.Join(gen, schema.BleveDir), m)
	if err != nil {
		t.Fatal(err)
	}
	analyzer := m.AnalyzerNamed(schema.AnalyzerBigrams)
	builder := pairs.NewBuilder()
	b := idx.NewBatch()
	for _, n := range notices {
		doc, err := n.Document(countries)
		if err != nil {
			t.Fatal(err)
		}
		if inBleve {
			doc[schema.FieldBigrams] = []string{n.Body, n.Title}
		} else {
			builder.Add(n.ID, analyzer.Analyze([]byte(n.Body)), analyzer.Analyze([]byte(n.Title)))
		}
		if err := b.Index(n.ID, doc); err != nil {
			t.Fatal(err)
		}
	}
	// One batch, one segment, as a finished build is merged to: Bleve counts a field's
	// cardinality (its distinct terms, for BM25) per segment and adds the counts up.
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if !inBleve {
		if err := writePairsOf(idx, builder, filepath.Join(gen, schema.PairsFile)); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, schema.CurrentFile), []byte("g1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writePairsOf writes the pairs file of idx's documents as the indexer does.
func writePairsOf(idx bleve.Index, b *pairs.Builder, path string) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	order, err := pairs.DocOrder(r)
	if err != nil {
		return err
	}
	return b.Write(path, order)
}

// pairQueries draws queries that use the word pairs: phrases of two to four words of the
// notices (stop words included), runs of plain words, stop words alone, and phrases
// beside what Bleve walks itself (prefixes, fuzzy words).
func pairQueries(notices []*indexer.Notice, n int) []string {
	r := rand.New(rand.NewPCG(3, 4))
	qs := []string{`"of the"`, `the who`, `"hague adoption convention"`, `hague convention`,
		`special needs`, `"central authority" adopt*`, `"not to issue"`, `prospective adoptive parents`,
		`"adoption" OR "central authority"`, `"ministry of justice" -suspension`, `title:"adoption"`}
	for len(qs) < n {
		words := strings.Fields(notices[r.IntN(len(notices))].Body)
		if len(words) < 8 {
			continue
		}
		k := 2 + r.IntN(3)
		i := r.IntN(len(words) - k)
		text := strings.Trim(strings.Join(words[i:i+k], " "), ".,;:()\"'")
		if strings.ContainsAny(text, `"()*?~:^\-+[]{}!/`) {
			continue
		}
		switch r.IntN(4) {
		case 0, 1:
			qs = append(qs, `"`+text+`"`)
		case 2:
			qs = append(qs, text)
		default:
			qs = append(qs, `"`+text+`" `+prefixOf(words[r.IntN(len(words))]))
		}
	}
	return qs
}

// TestPairsFileAnswersAsBleve holds the pairs file to the bigram field it replaces: the
// same notices indexed both ways give the same totals, facet counts, hits and scores, on
// the direct walk and on Bleve's.
func TestPairsFileAnswersAsBleve(t *testing.T) {
	notices := pairsTestNotices(t, 300)
	ex, err := indexer.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	old := buildPairsGeneration(t, notices, ex.Countries(), true)
	apart := buildPairsGeneration(t, notices, ex.Countries(), false)
	queries := pairQueries(notices, 80)
	for _, opts := range []Options{{}, {BleveWalk: true}} {
		a, err := Open(old, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := Open(apart, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if b.current.Load().pairs == nil {
			t.Fatal("the pairs file was not opened")
		}
		found := 0
		for _, q := range queries {
			for _, req := range []Request{{Query: q}, {Query: q, Filters: map[string][]string{"type": {"notice"}}, Page: 2, Size: 5}} {
				want, err := a.Search(t.Context(), req)
				if err != nil {
					t.Fatalf("%q (pairs in Bleve): %v", q, err)
				}
				got, err := b.Search(t.Context(), req)
				if err != nil {
					t.Fatalf("%q (pairs apart): %v", q, err)
				}
				if want.Total > 0 {
					found++
				}
				ignore := cmpopts.IgnoreFields(Response{}, "Took")
				if diff := cmp.Diff(want, got, ignore, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
					t.Errorf("BleveWalk=%v %q: answers differ (-pairs in Bleve +pairs apart):\n%s", opts.BleveWalk, q, diff)
				}
			}
		}
		if found < len(queries) {
			t.Errorf("only %d of %d requests found something: the queries test little", found, 2*len(queries))
		}
	}
}

// prefixOf returns a prefix query of a word's first three letters, or the word itself.
func prefixOf(w string) string {
	w = strings.Trim(w, ".,;:()\"'")
	if len(w) < 4 || strings.ContainsAny(w, `"()*?~:^\-+[]{}!/`) {
		return "adopt*"
	}
	return w[:3] + "*"
}
