package indexer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/internal/score"
)

// corpusDir is the shared corpus of real pages: $NOTICE_CORPUS, else ../../shared/corpus
// next to the repository.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("NOTICE_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(filepath.Join(dir, "labels.jsonl")); err != nil {
		t.Skipf("shared corpus absent (%v); set NOTICE_CORPUS to its folder", err)
	}
	return dir
}

// fileExtractor reads a saved page into a capture and extracts it.
func fileExtractor(e *indexer.Extractor) func(path string) (*indexer.Notice, error) {
	return func(path string) (*indexer.Notice, error) {
		body, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return e.Extract(&archive.Capture{Source: path, Body: body})
	}
}

func TestAccuracy(t *testing.T) {
	dir := corpusDir(t)
	e, err := indexer.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		e      *indexer.Extractor
		fields bool // also hold topics and ministries to their goals
	}{
		{"profiles", e, true},
		{"generic", indexer.GenericOnly(e), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := score.ScoreLabels(filepath.Join(dir, "labels.jsonl"), dir, fileExtractor(tc.e))
			if err != nil {
				t.Fatal(err)
			}
			t.Log(s)
			for _, m := range s.SortedMisses() {
				t.Log("  miss", m)
			}
			goal := score.Goal
			if !tc.fields {
				goal.Topics, goal.Ministries = 0, 0
			}
			if below := s.Below(goal); len(below) > 0 {
				t.Errorf("below goal: %s", strings.Join(below, ", "))
			}
		})
	}
}
