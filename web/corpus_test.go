package web_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// corpusDir holds real archived notice pages, outside the repository.
const corpusDir = "../../shared/corpus"

// TestCorpusCrawl serves an index of the real archived pages and crawls the app: real
// pages bring long titles, many facet values, odd charsets and hostile markup.
func TestCorpusCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus crawl skipped with -short")
	}
	var sources []string
	for _, layout := range []string{"aem", "adoption-gov", "family-2004"} {
		if fi, err := os.Stat(filepath.Join(corpusDir, layout)); err == nil && fi.IsDir() {
			sources = append(sources, filepath.Join(corpusDir, layout))
		}
	}
	if len(sources) == 0 {
		t.Skipf("no corpus of real pages at %s", corpusDir)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := indexer.Build(ctx, sources, indexer.Options{Dir: dir, SkipForceMerge: true}); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	store, err := archive.OpenStore(filepath.Join(dir, schema.OriginalsDir))
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(web.Config{Searcher: ix, Originals: store})
	if err != nil {
		t.Fatal(err)
	}
	e := serve(t, app, ix)
	n := crawl(t, e, 300)
	t.Logf("crawled %d pages", n)
}
