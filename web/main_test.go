package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/indexertest"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// testIndexDir holds the index of testdata/pages, built once by TestMain. Each test
// opens it read-only for itself.
var testIndexDir string

func TestMain(m *testing.M) { indexertest.Main(m, &testIndexDir, "testdata/pages") }

// env is a running app over the test index.
type env struct {
	t   *testing.T
	srv *httptest.Server
	ix  *search.Index
	app *web.Server
}

// newEnv serves the app over the test index; change adjusts the configuration.
func newEnv(t *testing.T, change ...func(*web.Config)) *env {
	t.Helper()
	ix, err := search.Open(testIndexDir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	store, err := archive.OpenStore(filepath.Join(testIndexDir, schema.OriginalsDir))
	if err != nil {
		t.Fatal(err)
	}
	cfg := web.Config{Searcher: ix, Originals: store}
	for _, c := range change {
		c(&cfg)
	}
	app, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, app, ix)
}

// serve runs app on a test server.
func serve(t *testing.T, app *web.Server, ix *search.Index) *env {
	t.Helper()
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, ix: ix, app: app}
}

// noRedirect is a client that reports redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// get fetches path and returns the response with its body read.
func (e *env) get(path string) (*http.Response, string) {
	e.t.Helper()
	return e.do(http.MethodGet, path)
}

func (e *env) do(method, path string) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return resp, string(body)
}

// page fetches an HTML page that must answer want and parses it.
func (e *env) page(path string, want int) *goquery.Document {
	e.t.Helper()
	resp, body := e.get(path)
	if resp.StatusCode != want {
		e.t.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, shortBody(body))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		e.t.Fatalf("GET %s: Content-Type %q, want text/html", path, ct)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	return doc
}

// json fetches an API path that must answer want and decodes it into v.
func (e *env) json(path string, want int, v any) {
	e.t.Helper()
	resp, body := e.get(path)
	if resp.StatusCode != want {
		e.t.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, shortBody(body))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		e.t.Fatalf("GET %s: Content-Type %q, want application/json", path, ct)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		e.t.Fatalf("GET %s: %v\n%s", path, err, shortBody(body))
	}
}

// findID returns the id of the one notice whose title contains words.
func (e *env) findID(words string) string {
	e.t.Helper()
	resp, err := e.ix.Search(context.Background(), search.Request{Query: `title:"` + words + `"`, Size: 5})
	if err != nil {
		e.t.Fatal(err)
	}
	if len(resp.Hits) != 1 {
		e.t.Fatalf("title %q: %d hits, want 1", words, len(resp.Hits))
	}
	return resp.Hits[0].ID
}

func shortBody(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// query returns the parameters of a link.
func query(t *testing.T, href string) url.Values {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// texts returns the trimmed texts of a selection.
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, s *goquery.Selection) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
	return out
}

// attrs returns an attribute of each element of a selection.
func attrs(s *goquery.Selection, name string) []string {
	var out []string
	s.Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr(name, "")) })
	return out
}
