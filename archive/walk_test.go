package archive

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// result is what one Walk yielded, with paths relative to root.
type result struct {
	Captures []string // source, URL, capture time
	Skips    []string // source: reason
}

// walkAll runs Walk and records captures and skips.
func walkAll(t *testing.T, root string, sources []string, opts Options) (result, []*Capture, error) {
	t.Helper()
	var r result
	var caps []*Capture
	rel := func(p string) string {
		if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
		return p
	}
	err := Walk(context.Background(), sources, opts, func(c *Capture) error {
		ts := ""
		if !c.Time.IsZero() {
			ts = c.Time.Format(time.RFC3339)
		}
		r.Captures = append(r.Captures, strings.TrimRight(fmt.Sprintf("%s %s %s", rel(c.Source), c.URL, ts), " "))
		caps = append(caps, c)
		return nil
	}, func(s Skip) {
		r.Skips = append(r.Skips, rel(s.Source)+": "+s.Reason)
	})
	return r, caps, err
}

func TestWalkTree(t *testing.T) {
	root := filepath.Join("testdata", "tree")
	got, caps, err := walkAll(t, root, []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Captures: []string{
			"a.html https://travel.state.gov/content/adoption/example-notice.html",
			"b.htm http://adoption.state.gov/country_information/alert.php?id=7&lang=en",
			"sub/c.php http://example.org/2010/06/alert.html 2013-07-26T02:20:52Z",
			"sub/deeper/d.shtml",
			"sub/deeper/page",
		},
		Skips: []string{"style.css: not HTML", "sub/notes: not HTML"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
	for _, c := range caps {
		data, err := os.ReadFile(c.Source)
		if err != nil {
			t.Fatal(err)
		}
		if string(c.Body) != string(data) || c.Digest != Digest(data) || c.ModTime.IsZero() {
			t.Errorf("%s: body, digest or mod time wrong", c.Source)
		}
	}
}

// TestWalkSources: single files, several sources in the caller's order, a missing source.
func TestWalkSources(t *testing.T) {
	root := filepath.Join("testdata", "tree")
	got, _, err := walkAll(t, root, []string{filepath.Join(root, "sub"), filepath.Join(root, "a.html"), filepath.Join(root, "style.css")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Captures: []string{
			"sub/c.php http://example.org/2010/06/alert.html 2013-07-26T02:20:52Z",
			"sub/deeper/d.shtml",
			"sub/deeper/page",
			"a.html https://travel.state.gov/content/adoption/example-notice.html",
		},
		Skips: []string{"sub/notes: not HTML", "style.css: not HTML"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}

	got, _, err = walkAll(t, root, []string{root, filepath.Join(root, "missing")}, Options{})
	if !errors.Is(err, ErrSourceNotFound) {
		t.Errorf("missing source: err = %v, want ErrSourceNotFound", err)
	}
	if len(got.Captures) != 0 {
		t.Errorf("missing source: %d captures yielded before the error, want none", len(got.Captures))
	}
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// page returns an HTML page of exactly n bytes.
func page(n int) string {
	const head, tail = "<html><body><p>", "</p></body></html>"
	return head + strings.Repeat("x", n-len(head)-len(tail)) + tail
}

func TestWalkSizeCap(t *testing.T) {
	dir := t.TempDir()
	const limit = 4096
	writeFile(t, filepath.Join(dir, "a-under.html"), page(limit-1))
	writeFile(t, filepath.Join(dir, "b-exact.html"), page(limit))
	writeFile(t, filepath.Join(dir, "c-over.html"), page(limit+1))
	writeFile(t, filepath.Join(dir, "d-over-noext"), page(limit+1))
	got, _, err := walkAll(t, dir, []string{dir}, Options{MaxSize: limit})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Captures: []string{"a-under.html", "b-exact.html"},
		Skips:    []string{"c-over.html: too large", "d-over-noext: too large"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

func TestWalkUnreadable(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.html"), page(100))
	writeFile(t, filepath.Join(dir, "locked.html"), page(100))
	writeFile(t, filepath.Join(dir, "lockeddir", "b.html"), page(100))
	writeFile(t, filepath.Join(dir, "z.html"), page(100))
	if err := os.Chmod(filepath.Join(dir, "locked.html"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "lockeddir"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(dir, "lockeddir"), 0o755) })
	if _, err := os.ReadFile(filepath.Join(dir, "locked.html")); err == nil {
		t.Skip("chmod 000 does not block reads here (running as root?); unreadable-file case not testable")
	}
	got, _, err := walkAll(t, dir, []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Captures: []string{"a.html", "z.html"},
		Skips:    []string{"locked.html: unreadable", "lockeddir: unreadable"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

func TestWalkSymlinks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	outside := filepath.Join(dir, "outside")
	writeFile(t, filepath.Join(root, "a.html"), page(100))
	writeFile(t, filepath.Join(root, "sub", "b.html"), page(100))
	writeFile(t, filepath.Join(outside, "c.html"), page(100))
	writeFile(t, filepath.Join(outside, "d.html"), page(100))
	links := map[string]string{
		"sub/loop":      "..",                                    // a loop back to root
		"self.html":     "self.html",                             // a link to itself
		"broken.html":   "nowhere.html",                          // a link to nothing
		"e-link.html":   filepath.Join(outside, "c.html"),        // a file outside
		"f-dir":         outside,                                 // a directory outside
		"g-again.html":  "a.html",                                // the same file twice
		"sub/up-f-dir":  filepath.Join("..", "f-dir"),            // the outside directory twice
		"sub/deep/root": filepath.Join("..", "..", "..", "root"), // a loop from deeper down
	}
	for name, target := range links {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("symlinks not supported: %v", err)
		}
	}

	got, _, err := walkAll(t, root, []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Captures: []string{"a.html", "e-link.html", "f-dir/d.html", "sub/b.html"},
		Skips: []string{
			"broken.html: broken symlink",
			"f-dir/c.html: already read",
			"g-again.html: already read",
			"self.html: symlink loop",
			"sub/deep/root: symlink loop",
			"sub/loop: symlink loop",
			"sub/up-f-dir: already read",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk following links (-want +got):\n%s", diff)
	}

	got, _, err = walkAll(t, root, []string{root}, Options{NoFollowSymlinks: true})
	if err != nil {
		t.Fatal(err)
	}
	want = result{
		Captures: []string{"a.html", "sub/b.html"},
		Skips: []string{
			"broken.html: symlink not followed", "e-link.html: symlink not followed",
			"f-dir: symlink not followed", "g-again.html: symlink not followed",
			"self.html: symlink not followed", "sub/deep/root: symlink not followed",
			"sub/loop: symlink not followed", "sub/up-f-dir: symlink not followed",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk not following links (-want +got):\n%s", diff)
	}
}

// TestWalkVanished: a file listed with its directory but deleted before it is read is a
// skip, and the walk goes on.
func TestWalkVanished(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.html", "b.html", "c", "d.html"} {
		writeFile(t, filepath.Join(dir, name), page(100))
	}
	var got result
	err := Walk(context.Background(), []string{dir}, Options{}, func(c *Capture) error {
		got.Captures = append(got.Captures, filepath.Base(c.Source))
		if filepath.Base(c.Source) == "a.html" {
			for _, name := range []string{"b.html", "c"} {
				if err := os.Remove(filepath.Join(dir, name)); err != nil {
					return err
				}
			}
		}
		return nil
	}, func(s Skip) {
		got.Skips = append(got.Skips, filepath.Base(s.Source)+": "+s.Reason)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := result{Captures: []string{"a.html", "d.html"}, Skips: []string{"b.html: vanished", "c: vanished"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

func TestWalkStops(t *testing.T) {
	root := filepath.Join("testdata", "tree")
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{root}, Options{}, func(*Capture) error {
		n++
		return stop
	}, nil)
	if err != stop || n != 1 {
		t.Errorf("fn error: Walk = %v after %d captures, want %v after 1", err, n, stop)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Walk(ctx, []string{root}, Options{}, func(*Capture) error {
		n++
		cancel()
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || n != 1 {
		t.Errorf("cancelled: Walk = %v after %d captures, want context.Canceled after 1", err, n)
	}

	if err := Walk(context.Background(), []string{root}, Options{MaxSize: -1}, nil, nil); err == nil {
		t.Error("Walk with negative MaxSize succeeded")
	}
}

// TestWalkWaybackPath: a mirror of the Wayback Machine keeps URL and time in the path;
// what the page says comes first.
func TestWalkWaybackPath(t *testing.T) {
	dir := t.TempDir()
	mirror := filepath.Join(dir, "web.archive.org", "web", "20090212083000", "http:", "travel.state.gov", "family")
	writeFile(t, filepath.Join(mirror, "a.html"), page(100))
	writeFile(t, filepath.Join(mirror, "b.html"), `<link rel="canonical" href="http://travel.state.gov/family/b-canonical.html">`)
	got, _, err := walkAll(t, dir, []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pre := "web.archive.org/web/20090212083000/http:/travel.state.gov/family/"
	want := result{Captures: []string{
		pre + "a.html http://travel.state.gov/family/a.html 2009-02-12T08:30:00Z",
		pre + "b.html http://travel.state.gov/family/b-canonical.html 2009-02-12T08:30:00Z",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

// TestWalkCorpus reads the shared real pages when present: every page is yielded, and
// every URL found agrees with the labelled source URL.
func TestWalkCorpus(t *testing.T) {
	const corpus = "/work/shared/corpus"
	labels, err := os.Open(filepath.Join(corpus, "labels.jsonl"))
	if err != nil {
		t.Skipf("real corpus not available: %v", err)
	}
	defer labels.Close()
	sourceURL := map[string]string{}
	sc := bufio.NewScanner(labels)
	for sc.Scan() {
		var l struct {
			File      string `json:"file"`
			SourceURL string `json:"source_url"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		sourceURL[l.File] = l.SourceURL
	}
	var skips []Skip
	var pages, withURL, withTime int
	err = Walk(context.Background(), []string{corpus}, Options{}, func(c *Capture) error {
		pages++
		rel, _ := filepath.Rel(corpus, c.Source)
		want, labelled := sourceURL[filepath.ToSlash(rel)]
		if c.URL != "" {
			withURL++
			if labelled && c.URL != want {
				t.Errorf("%s: URL %q, labelled %q", rel, c.URL, want)
			}
		}
		if !c.Time.IsZero() {
			withTime++
			if c.Time.After(time.Now()) {
				t.Errorf("%s: capture time %v in the future", rel, c.Time)
			}
		}
		return nil
	}, func(s Skip) { skips = append(skips, s) })
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range skips {
		if !strings.HasSuffix(s.Source, ".jsonl") && !strings.HasSuffix(s.Source, ".md") {
			t.Errorf("unexpected skip %v", s)
		}
	}
	t.Logf("%d pages: %d with URL, %d with capture time", pages, withURL, withTime)
}

// BenchmarkWalk reads a folder of 500 pages of 50 KB; pages/s is the figure to watch.
func BenchmarkWalk(b *testing.B) {
	dir := b.TempDir()
	body := `<!DOCTYPE html><html><head><title>Notice</title>
<link rel="canonical" href="https://travel.state.gov/content/x.html"></head><body>` +
		strings.Repeat(`<div class="tsg-rwd-text"><p>The Department of State <a href="/content/y.html">notes</a> that.</p></div>`+"\n", 480) +
		`</body></html>`
	const n = 500
	for i := range n {
		writeFile(b, filepath.Join(dir, fmt.Sprintf("d%02d", i%20), fmt.Sprintf("p%03d.html", i)), body)
	}
	b.SetBytes(int64(n * len(body)))
	for b.Loop() {
		pages := 0
		err := Walk(context.Background(), []string{dir}, Options{}, func(*Capture) error { pages++; return nil }, nil)
		if err != nil || pages != n {
			b.Fatalf("Walk: %d pages, %v", pages, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}
