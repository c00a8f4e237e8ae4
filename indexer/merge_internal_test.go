package indexer

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// reclaimDisk deletes a segment file that the root snapshot does not use, even though
// Scorch does it in the background after the opening.
func TestReclaimDiskDeletesUnusedSegments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bleve")
	idx, err := openForBuild(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		b := idx.NewBatch()
		for j := 0; j < 5; j++ {
			if err := b.Index(fmt.Sprintf("n%d-%d", i, j), map[string]interface{}{"title": "notice", "body": "adoption notice"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	if segs, err := forceMerge(idx); err != nil || segs != 1 {
		t.Fatalf("force merge: %d segments, %v", segs, err)
	}
	if n := merges(idx); n != 1 {
		t.Errorf("%d merges, want 1", n)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	// The merged snapshot was persisted before the writer closed.
	ro, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	if n := fileSegments(scorchOf(ro)); n != 1 {
		t.Errorf("the persisted root snapshot has %d segments, want the merged one", n)
	}
	ro.Close()
	// A file left behind by a merge, as a writer that closed too soon leaves it.
	store := filepath.Join(path, "store")
	if err := os.WriteFile(filepath.Join(store, "000000000001.zap"), []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := reclaimDisk(path); err != nil {
			t.Fatal(err)
		}
		if files := zapFiles(store); len(files) != 1 || files[0] == "000000000001.zap" {
			t.Fatalf("after reclaimDisk the store holds the segment files %v, want the merged one", files)
		}
	}
}
