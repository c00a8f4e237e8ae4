package eval_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/search/eval"
)

// Targets of the relevance issue: MRR@10 overall and per query class, on the sets judged on
// the shared corpus.
const (
	targetOverall = 0.90
	targetClass   = 0.75
)

// corpusDir is the shared corpus of real pages: $NOTICE_CORPUS, else ../../../shared/corpus
// next to the repository.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("NOTICE_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(dir, "queries.jsonl")); err != nil {
		t.Skipf("shared corpus absent (%v); set NOTICE_CORPUS to its folder", err)
	}
	return dir
}

// openIndex builds an index of the pages under sources and opens it.
func openIndex(t *testing.T, sources ...string) *search.Index {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dir := t.TempDir()
	if _, err := indexer.Build(ctx, sources, indexer.Options{Dir: dir, SkipForceMerge: true}); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// run runs a set, logs its tables and returns the report.
func run(t *testing.T, ix *search.Index, set *eval.Set) *eval.Report {
	t.Helper()
	rep, err := eval.Run(context.Background(), ix, set)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.Format(&b); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\n")
	if err := rep.FormatQueries(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", b.String())
	return rep
}

// TestCorpusRelevance measures ranking on the real pages with the repository's set and the
// corpus's own queries.jsonl, and fails when a target is missed.
func TestCorpusRelevance(t *testing.T) {
	dir := corpusDir(t)
	var sources []string
	for _, layout := range []string{"aem", "adoption-gov", "family-2004"} {
		sources = append(sources, filepath.Join(dir, layout))
	}
	ix := openIndex(t, sources...)
	ours, err := eval.Builtin(eval.SetArchive)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := eval.LoadSet(filepath.Join(dir, "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []*eval.Set{ours, theirs} {
		t.Run(set.Name, func(t *testing.T) {
			rep := run(t, ix, set)
			if len(rep.Missing) > 0 {
				t.Errorf("judged pages missing from the index: %v", rep.Missing)
			}
			if err := rep.Check(targetOverall, targetClass); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestTestdataRelevance runs the set judged on the project's own pages, which are always
// present. Its table is logged; only pages missing from the index fail it.
func TestTestdataRelevance(t *testing.T) {
	ix := openIndex(t, filepath.Join("..", "testdata", "pages"), filepath.Join("testdata", "pages"))
	set, err := eval.Builtin(eval.SetTestdata)
	if err != nil {
		t.Fatal(err)
	}
	rep := run(t, ix, set)
	if len(rep.Missing) > 0 {
		t.Errorf("judged pages missing from the index: %v", rep.Missing)
	}
	if len(rep.Results) != len(set.Queries) || len(rep.Classes) != len(set.Classes()) {
		t.Errorf("report has %d results in %d classes, want %d in %d", len(rep.Results), len(rep.Classes), len(set.Queries), len(set.Classes()))
	}
}
