package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

func TestServeForever(t *testing.T) {
	addr := os.Getenv("NOTICE_SERVE")
	if addr == "" {
		t.Skip()
	}
	ix, err := search.Open(testIndexDir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	store, _ := archive.OpenStore(filepath.Join(testIndexDir, schema.OriginalsDir))
	app, err := web.New(web.Config{Searcher: ix, Originals: store, Dev: true, DevDir: "/work/main/web"})
	if err != nil {
		t.Fatal(err)
	}
	http.ListenAndServe(addr, app.Handler())
}
