package web_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/indexertest"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// No route changes anything: every route refuses POST, PUT, PATCH and DELETE.
func TestRoutesRefuseWrites(t *testing.T) {
	e := newEnv(t)
	routes, ok := e.app.Handler().(chi.Routes)
	if !ok {
		t.Fatalf("the handler is a %T, not a chi router", e.app.Handler())
	}
	params := regexp.MustCompile(`\{[^}]+\}`)
	n := 0
	err := chi.Walk(routes, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method != http.MethodGet {
			return fmt.Errorf("route %s %s: a method other than GET", method, route)
		}
		path := params.ReplaceAllString(route, "x")
		for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if resp, _ := e.do(m, path); resp.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: %d, want 405", m, path, resp.StatusCode)
			}
		}
		n++
		return nil
	})
	if err != nil {
		t.Error(err)
	}
	if n < 15 {
		t.Errorf("walked %d routes", n)
	}
}

// A crawl of the app, its API and its exports leaves every file of the index directory
// as it was: the server opens the index read-only.
func TestCrawlLeavesIndexUnchanged(t *testing.T) {
	before := treeDigest(t, testIndexDir)
	e := newEnv(t)
	crawl(t, e, 150)
	id := e.findID("Ukraine Registration")
	for _, path := range []string{"/api/search?q=adoption", "/api/notices/" + id, "/search.csv?q=adoption", "/search.atom", "/notices/" + id + "/original"} {
		if resp, _ := e.get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	e.ix.Close()
	after := treeDigest(t, testIndexDir)
	for path, d := range before {
		if after[path] != d {
			t.Errorf("%s changed: %s -> %s", path, d, after[path])
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("%s appeared", path)
		}
	}
}

// treeDigest maps every file under dir to its mode, size, modification time and hash.
func treeDigest(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", sha256.Sum256(b))
		}
		out[path] = fmt.Sprintf("%v %d %s %s", fi.Mode(), fi.Size(), fi.ModTime().Format(time.RFC3339Nano), sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rebuildEnv serves an index of its own, built from a copy of testdata/pages that the
// test may change and index again.
type rebuildEnv struct {
	*env
	src, dir string
}

func newRebuildEnv(t *testing.T) *rebuildEnv {
	t.Helper()
	src, dir := t.TempDir(), t.TempDir()
	if err := os.CopyFS(src, os.DirFS("testdata/pages")); err != nil {
		t.Fatal(err)
	}
	indexertest.BuildInto(t, dir, src)
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
	return &rebuildEnv{env: serve(t, app, ix), src: src, dir: dir}
}

// rebuild indexes the sources again and switches the server to the new generation, as
// `serve` does on SIGHUP or when it sees the new generation.
func (e *rebuildEnv) rebuild() {
	e.t.Helper()
	indexertest.BuildInto(e.t, e.dir, e.src)
	if switched, err := e.ix.Reload(); err != nil || !switched {
		e.t.Fatalf("reload: switched=%v err=%v", switched, err)
	}
}

// Clients requesting pages without pause while the index is rebuilt and reloaded several
// times all get their answers.
func TestServeWhileRebuilding(t *testing.T) {
	e := newRebuildEnv(t)
	id := e.findID("Ukraine Registration")
	paths := []string{"/?q=adoption", "/api/search?q=hague&sort=newest", "/notices/" + id, "/countries", "/?country=Nepal", "/api/notices/" + id, "/notices/" + id + "/original"}
	var (
		stop     atomic.Bool
		requests atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures []string
	)
	for c := 0; c < 4; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; !stop.Load(); i++ {
				path := paths[i%len(paths)]
				resp, err := http.Get(e.srv.URL + path)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				requests.Add(1)
				if err != nil || resp.StatusCode != http.StatusOK {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%s: %v %v", path, err, resp.Status))
					mu.Unlock()
				}
			}
		}()
	}
	gens := map[string]bool{e.ix.Stats().Generation: true}
	for i := 0; i < 3; i++ {
		e.rebuild()
		gens[e.ix.Stats().Generation] = true
		time.Sleep(50 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed, first: %q", len(failures), requests.Load(), failures[:min(5, len(failures))])
	}
	if len(gens) != 4 {
		t.Errorf("served %d generations, want 4", len(gens))
	}
	t.Logf("%d requests across %d generations", requests.Load(), len(gens))
}

// A notice whose id changes when it is indexed again (its date was corrected) keeps its
// old address: it redirects to the new one.
func TestPermalinkSurvivesReindex(t *testing.T) {
	e := newRebuildEnv(t)
	oldID := e.findID("Ukraine Registration")
	if resp, _ := e.get("/notices/" + oldID); resp.StatusCode != http.StatusOK {
		t.Fatalf("/notices/%s: %d", oldID, resp.StatusCode)
	}
	page := filepath.Join(e.src, "ukraine-2011-07-12.html")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.Replace(string(b), "July 12, 2011", "July 15, 2011", 1)
	if fixed == string(b) {
		t.Fatal("the page has no date to correct")
	}
	if err := os.WriteFile(page, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	e.rebuild()
	newID := e.findID("Ukraine Registration")
	if newID == oldID {
		t.Fatalf("the id did not change (%s); the test needs a change that changes it", oldID)
	}
	for path, want := range map[string]string{
		"/notices/" + oldID:               "/notices/" + newID,
		"/notices/" + oldID + "/original": "/notices/" + newID + "/original",
		"/api/notices/" + oldID:           "/api/notices/" + newID,
	} {
		resp, _ := e.get(path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	// Following the redirect leads to the notice, with its corrected date.
	resp, err := http.Get(e.srv.URL + "/notices/" + oldID)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/notices/"+newID || !strings.Contains(string(body), "2011") {
		t.Errorf("following /notices/%s: %d at %s", oldID, resp.StatusCode, resp.Request.URL.Path)
	}
	// And the old id still answers after yet another run.
	e.rebuild()
	if resp, _ := e.get("/notices/" + oldID); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("after another run /notices/%s: %d", oldID, resp.StatusCode)
	}
	n, err := e.ix.Notice(context.Background(), newID)
	if err != nil || n.Date != "2011-07-15" {
		t.Errorf("the notice now: %v %v", n, err)
	}
}
