package indexer_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/internal/score"
)

// The accuracy test of the shared corpus, with the same goals, on pages in layouts the
// extractor has no selectors for (and on the three known designs).
func TestAccuracyGeneratedLayouts(t *testing.T) {
	for _, tc := range []struct {
		layouts string
		n       int
		seed    int64
	}{
		{"random", 300, 11},
		{"standard", 150, 12},
	} {
		t.Run(tc.layouts, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := gen.Write(context.Background(), dir, gen.Options{N: tc.n, Seed: tc.seed, Layouts: tc.layouts}); err != nil {
				t.Fatal(err)
			}
			e, err := indexer.NewExtractor()
			if err != nil {
				t.Fatal(err)
			}
			s, err := score.ScoreLabels(filepath.Join(dir, "labels.jsonl"), dir, fileExtractor(e))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s layouts, %d pages: %v", tc.layouts, tc.n, s)
			if below := s.Below(score.Goal); len(below) > 0 {
				for _, m := range s.SortedMisses() {
					t.Log("  miss", m)
				}
				t.Errorf("below goal: %v", below)
			}
		})
	}
}
