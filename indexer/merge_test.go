package indexer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// A full build (with its force merge) of enough small batches to write many segments
// leaves one segment, and on disk nothing but that segment's file: the files the merges
// replaced are deleted before Build returns. The segments are merged in tiers while the
// build runs, each a few times at most (30 batches: two merges of ten, then the last).
func TestBuildMergesOnceAndReclaimsDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index of 300 pages")
	}
	src, dir := t.TempDir(), t.TempDir()
	if _, err := gen.Write(context.Background(), src, gen.Options{N: 300, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	sum, err := indexer.Build(context.Background(), []string{src}, indexer.Options{Dir: dir, BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NoticesIndexed < 250 {
		t.Fatalf("%d notices indexed, want most of 300", sum.NoticesIndexed)
	}
	if sum.Segments != 1 {
		t.Errorf("%d segments after the build, want 1", sum.Segments)
	}
	t.Logf("%d merges", sum.Merges)
	if sum.Merges < 2 || sum.Merges > 6 {
		t.Errorf("%d segment merges during the build, want 2 to 6 (in tiers, then the final one)", sum.Merges)
	}

	gen, err := schema.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(gen, schema.BleveDir, "store")
	entries, err := os.ReadDir(store)
	if err != nil {
		t.Fatal(err)
	}
	var zaps []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			zaps = append(zaps, e.Name())
		}
	}

	idx, err := bleve.OpenUsing(filepath.Join(gen, schema.BleveDir), map[string]interface{}{"read_only": true, "bolt_timeout": "2s"})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	root, _ := adv.(*scorch.Scorch).StatsMap()["num_root_filesegments"].(uint64)
	if root != 1 || len(zaps) != 1 {
		t.Errorf("root snapshot has %d segment files, the store holds %d .zap files %v; want exactly the root's one", root, len(zaps), zaps)
	}
	if n, err := idx.DocCount(); err != nil || int(n) != sum.NoticesIndexed+sum.Versions {
		t.Errorf("index holds %d documents (%v), want %d", n, err, sum.NoticesIndexed+sum.Versions)
	}
}
