package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/indexertest"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

func TestServeCorpus(t *testing.T) {
	addr := os.Getenv("NOTICE_SERVE_CORPUS")
	if addr == "" {
		t.Skip()
	}
	dir := t.TempDir()
	start := time.Now()
	sum, err := indexertest.BuildDir(dir, "/work/shared/corpus")
	t.Logf("build %v %+v %v", time.Since(start), sum, err)
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store, _ := archive.OpenStore(filepath.Join(dir, schema.OriginalsDir))
	app, err := web.New(web.Config{Searcher: ix, Originals: store, Dev: true, DevDir: "/work/main/web"})
	if err != nil {
		t.Fatal(err)
	}
	http.ListenAndServe(addr, app.Handler())
}
