// Package indexertest builds small on-disk indexes from testdata pages for the tests of
// the search and web packages. Import it only from _test.go files.
package indexertest

import (
	"context"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/indexer"
)

// Build indexes the pages under sources into a new index directory inside t.TempDir()
// and returns that directory. It fails the test if any page is skipped.
func Build(t testing.TB, sources ...string) string {
	t.Helper()
	dir := t.TempDir()
	BuildInto(t, dir, sources...)
	return dir
}

// BuildInto runs an index build of sources into dir, as `noticearchive index` would.
func BuildInto(t testing.TB, dir string, sources ...string) *indexer.Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sum, err := indexer.Build(ctx, sources, indexer.Options{Dir: dir, SkipForceMerge: true})
	if err != nil {
		t.Fatalf("build index from %v: %v", sources, err)
	}
	for _, s := range sum.Skipped {
		t.Errorf("page skipped while building the test index: %s: %s", s.Source, s.Reason)
	}
	return sum
}
