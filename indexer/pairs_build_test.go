package indexer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// checkPairs holds the current generation's pairs file to its Bleve index: every
// document, by the number Bleve gives it, has exactly the word pairs of its stored body
// and title (in that order, as two values), with their counts and its length; numbers
// no document has are empty. It also checks that each body term is in the body field
// as often as the text analyzer finds it there.
func checkPairs(t *testing.T, indexDir string) {
	t.Helper()
	gen, err := schema.CurrentGeneration(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	x, err := pairs.Open(filepath.Join(gen, schema.PairsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	idx, err := bleve.OpenUsing(filepath.Join(gen, schema.BleveDir), map[string]interface{}{"read_only": true, "bolt_timeout": "2s"})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	analyzer := idx.Mapping().AnalyzerNamed(schema.AnalyzerBigrams)
	text := idx.Mapping().AnalyzerNamed(schema.AnalyzerText)
	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ids, err := r.DocIDReaderAll()
	if err != nil {
		t.Fatal(err)
	}
	defer ids.Close()
	seen := map[uint64]bool{}
	for {
		id, err := ids.Next()
		if err != nil {
			t.Fatal(err)
		}
		if id == nil {
			break
		}
		num := id.Value()
		seen[num] = true
		ext, err := r.ExternalID(id)
		if err != nil {
			t.Fatal(err)
		}
		fields := storedFields(t, idx, ext)
		title, _ := fields[schema.FieldTitle].(string)
		body, _ := fields[schema.FieldBody].(string)
		want := map[string]uint64{}
		var tokens uint64
		for _, v := range []string{body, title} {
			for _, tok := range analyzer.Analyze([]byte(v)) {
				want[string(tok.Term)]++
				tokens++
			}
		}
		bodyTerms := map[string]uint64{}
		for _, tok := range text.Analyze([]byte(body)) {
			bodyTerms[string(tok.Term)]++
		}
		for term, freq := range bodyTerms { // the body analysed once for both (schema.TextAndPairs)
			tfr, err := r.TermFieldReader(context.Background(), []byte(term), schema.FieldBody, true, false, false)
			if err != nil {
				t.Fatal(err)
			}
			d, err := tfr.Advance(id, nil)
			if err != nil {
				t.Fatal(err)
			}
			if d == nil || d.ID.Value() != num || d.Freq != freq {
				t.Errorf("%s: body term %q not there %d times (%+v)", ext, term, freq, d)
			}
			tfr.Close()
		}
		if got := x.Length(num); got != tokens {
			t.Errorf("%s (document %d): length %d, want %d", ext, num, got, tokens)
		}
		for term, freq := range want {
			p, ok := x.Postings([]byte(term))
			if !ok {
				t.Errorf("%s: pair %q missing", ext, term)
				continue
			}
			it := p.Iterator()
			if !it.Advance(num) || it.Doc() != num {
				t.Errorf("%s (document %d): pair %q not in its postings", ext, num, term)
				continue
			}
			if it.Freq() != freq {
				t.Errorf("%s: pair %q %d times, want %d", ext, term, it.Freq(), freq)
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("no documents")
	}
	for num := uint64(0); num < uint64(x.Docs()); num++ {
		if !seen[num] && x.Length(num) != 0 {
			t.Errorf("document number %d is no document's, yet has %d pairs", num, x.Length(num))
		}
	}
}

// storedFields returns the stored fields of the document id.
func storedFields(t *testing.T, idx bleve.Index, id string) map[string]interface{} {
	t.Helper()
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = []string{schema.FieldTitle, schema.FieldBody}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("document %s: %d hits", id, len(res.Hits))
	}
	return res.Hits[0].Fields
}

// TestBuildWritesPairs builds generated pages in small batches on two writers, merged to
// one segment and left in many: either way the pairs file numbers documents as Bleve does.
func TestBuildWritesPairs(t *testing.T) {
	src := t.TempDir()
	err := gen.Generate(gen.Options{N: 120, Seed: 5}, func(p gen.Page) error {
		path := filepath.Join(src, filepath.FromSlash(p.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, p.HTML, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, skip := range []bool{false, true} {
		dir := t.TempDir()
		sum, err := indexer.Build(context.Background(), []string{src}, indexer.Options{Dir: dir, SkipForceMerge: skip, BatchSize: 16, Writers: 2})
		if err != nil {
			t.Fatal(err)
		}
		if sum.NoticesIndexed < 100 {
			t.Fatalf("summary %+v", sum)
		}
		// Merged, the pairs were encoded during the merge for the order it was expected
		// to give (the index settled first); checkPairs holds them to Bleve's numbering.
		if sum.PairsGuessed == skip {
			t.Errorf("force merge skipped %v: pairs encoded during the merge %v", skip, sum.PairsGuessed)
		}
		checkPairs(t, dir)
	}
}
