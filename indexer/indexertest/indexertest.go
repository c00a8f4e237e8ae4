// Package indexertest builds small on-disk indexes from testdata pages for the tests of
// the search and web packages. Import it only from _test.go files.
package indexertest

import (
	"context"
	"fmt"
	"os"
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
	sum, err := BuildDir(dir, sources...)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// Main builds an index of sources into a temporary directory, stores the directory in
// *dir, runs the package's tests and removes it: the TestMain of a package whose tests share
// one index.
func Main(m *testing.M, dir *string, sources ...string) {
	tmp, err := os.MkdirTemp("", "notice-index-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := BuildDir(tmp, sources...); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(tmp)
		os.Exit(1)
	}
	*dir = tmp
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// BuildDir builds an index of sources into dir, for a TestMain that shares one index
// between tests. Any skipped page is an error: test pages are all meant to be read.
func BuildDir(dir string, sources ...string) (*indexer.Summary, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sum, err := indexer.Build(ctx, sources, indexer.Options{Dir: dir, SkipForceMerge: true})
	if err != nil {
		return nil, fmt.Errorf("build index from %v: %w", sources, err)
	}
	for _, s := range sum.Skipped {
		return sum, fmt.Errorf("page skipped while building the test index: %s: %s", s.Source, s.Reason)
	}
	return sum, nil
}
