package indexer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// hostileCap is the page size cap of TestBuildHostilePages: small, so that the page just
// under it is extracted quickly (the default cap is measured by TestBuildHostileHeavy).
const hostileCap = 512 << 10

// TestBuildHostilePages indexes a tree of bad pages: the committed ones under
// testdata/hostile and the ones generated here (binary data, a 50 MB page, 100,000 nested
// elements, a page just under the size cap, a symlink loop, an unreadable file, the same
// page under two names and a file that vanishes during the run). The run completes,
// indexes every good page, reports every skipped page with its reason and keeps its heap
// bounded.
func TestBuildHostilePages(t *testing.T) {
	src, fill := t.TempDir(), t.TempDir()
	copyDir(t, filepath.Join("testdata", "hostile"), src)
	writeHostile(t, src, hostileCap)

	// A file that vanishes during the run: listed with 200 files before it, removed when
	// the first of them has been reported. The pipeline between the walk and the report
	// holds far fewer than 200 pages, so the walk has not reached it yet.
	for i := 0; i < 200; i++ {
		writeFile(t, filepath.Join(fill, fmt.Sprintf("f%03d.txt", i)), []byte("filler"))
	}
	vanishing := filepath.Join(fill, "zz-vanishes.html")
	writeFile(t, vanishing, []byte(page("Chile", "May 2, 2012", "Chile Notice That Vanishes", nepalBody, "")))
	removed := false
	progress := func(p indexer.Progress) {
		if !removed && p.PagesRead >= 1 {
			removed = true
			if err := os.Remove(vanishing); err != nil {
				t.Error(err)
			}
		}
	}

	dir := t.TempDir()
	opts := indexer.Options{Dir: dir, SkipForceMerge: true, Progress: progress}
	opts.Archive.MaxSize = hostileCap
	var sum *indexer.Summary
	peak := peakHeap(func() {
		var err error
		sum, err = indexer.Build(context.Background(), []string{fill, src}, opts)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
	})
	t.Logf("peak heap during the build: %.1f MB; %d pages read, %d notices, %d skipped, %d merged",
		float64(peak)/(1<<20), sum.PagesRead, sum.NoticesIndexed, sum.PagesSkipped, sum.CapturesMerged)
	if peak > 256<<20 {
		t.Errorf("peak heap %d MB, want under 256 MB", peak>>20)
	}

	// Every bad page is reported with its reason, and nothing else is skipped.
	skips := map[string]archive.Skip{}
	for _, s := range sum.Skipped {
		rel, err := filepath.Rel(src, s.Source)
		if strings.HasPrefix(s.Source, fill) {
			rel, err = filepath.Rel(fill, s.Source)
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(rel, ".txt") && s.Reason == archive.ReasonNotHTML {
			continue
		}
		skips[filepath.ToSlash(rel)] = s
	}
	wantSkips := map[string]string{
		"empty.html":       "empty page",
		"binary.html":      "binary data",
		"huge-50mb.html":   archive.ReasonTooLarge,
		"over-cap.html":    archive.ReasonTooLarge,
		"nested.html":      "open stack of elements exceeds 512",
		"same-inode.html":  archive.ReasonDuplicate,
		"loop/back":        archive.ReasonSymlinkLoop,
		"zz-vanishes.html": archive.ReasonVanished,
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: chmod 000 does not stop root from reading, so the unreadable-file case is left out")
	} else {
		wantSkips["unreadable.html"] = archive.ReasonUnreadable
	}
	for name, reason := range wantSkips {
		s, ok := skips[name]
		if !ok {
			t.Errorf("%s: not reported as skipped (want %q)", name, reason)
			continue
		}
		if got := s.String(); !strings.Contains(got, reason) {
			t.Errorf("%s: skipped as %q, want %q", name, got, reason)
		}
		delete(skips, name)
	}
	for name, s := range skips {
		t.Errorf("%s: skipped unexpectedly: %s", name, s)
	}

	// The report of the generation lists the same skips.
	gen, err := schema.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(filepath.Join(gen, schema.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	for name := range wantSkips {
		if !strings.Contains(string(report), name+"\t") {
			t.Errorf("%s is missing from %s", name, schema.ReportFile)
		}
	}

	// Every good page is indexed, by its title.
	byTitle := map[string]map[string]interface{}{}
	for _, d := range storedDocs(t, dir) {
		byTitle[d[schema.FieldTitle].(string)] = d
	}
	goodTitles := []string{
		"Guatemala Adoption Processing Paused",                       // truncated.html
		"Haiti Dossier Review “Update”",                              // invalid-utf8.html
		"Viet Nam Special Adoption Program",                          // utf16le-bom.html
		"Côte d’Ivoire Adoption Notice",                              // wrong-charset.html
		"Moldova Adoption Information",                               // undated.html
		"Kazakhstan Adoptions Suspended",                             // two-dates.html
		`<script>alert("title")</script> Peru Adoption Update`,       // script-title.html
		"Bulgaria Adoption Notice <img src=x onerror=alert(1)>",      // onerror-body.html
		"javascript:alert(document.cookie) Colombia Adoption Notice", // javascript-link.html
		"Ghana Notice Just Under The Size Cap",                       // near-cap.html
		"Nepal Adoptions Suspended Twice",                            // dup-a.html, dup-b.html
	}
	for _, title := range goodTitles {
		if byTitle[title] == nil {
			t.Errorf("not indexed: %q", title)
		}
	}
	if len(byTitle) != len(goodTitles) {
		var got []string
		for title := range byTitle {
			got = append(got, title)
		}
		t.Errorf("%d notices indexed, want %d: %q", len(byTitle), len(goodTitles), got)
	}
	for title, d := range byTitle {
		for field, v := range d {
			if s, ok := v.(string); ok && (strings.ContainsRune(s, '\uFFFD') || !utf8.ValidString(s)) {
				t.Errorf("%q: field %s holds invalid or replaced characters: %q", title, field, short(s))
			}
		}
	}

	// The same page under two names is one notice with two captures.
	if sum.CapturesMerged != 1 {
		t.Errorf("captures merged: %d, want 1 (dup-a.html and dup-b.html)", sum.CapturesMerged)
	}
	if d := byTitle["Nepal Adoptions Suspended Twice"]; d != nil {
		var meta schema.Meta
		if err := json.Unmarshal([]byte(d[schema.FieldMeta].(string)), &meta); err != nil {
			t.Fatal(err)
		}
		if len(meta.Captures) != 2 {
			t.Errorf("the duplicated page has %d captures, want 2", len(meta.Captures))
		}
	}

	// Dates: none for the undated page, the first (posted) date of the page with two.
	for title, want := range map[string]string{"Moldova Adoption Information": "", "Kazakhstan Adoptions Suspended": "2012-07-15"} {
		if d := byTitle[title]; d != nil && d[schema.FieldDateText] != want {
			t.Errorf("%q: date %v, want %q", title, d[schema.FieldDateText], want)
		}
	}
	if d := byTitle["Haiti Dossier Review “Update”"]; d != nil && !strings.Contains(d[schema.FieldBody].(string), "again—families") {
		t.Errorf("invalid UTF-8 page: windows-1252 dash not decoded: %q", d[schema.FieldBody])
	}
	if d := byTitle["Viet Nam Special Adoption Program"]; d != nil && !strings.Contains(d[schema.FieldBody].(string), "Hà Nội") {
		t.Errorf("UTF-16 page: body %q", d[schema.FieldBody])
	}

	// Markup written as text is stored as text (the web app escapes it); markup that was
	// code (script elements, event handlers, javascript: links) leaves nothing behind.
	text := map[string][]string{
		`<script>alert("title")</script> Peru Adoption Update`:       {`<script>alert("shown")</script>`},
		"Bulgaria Adoption Notice <img src=x onerror=alert(1)>":      {"<img src=x onerror=alert(2)>"},
		"javascript:alert(document.cookie) Colombia Adoption Notice": {"javascript:alert(3)", "the ICBF announcement"},
	}
	for title, wants := range text {
		d := byTitle[title]
		if d == nil {
			continue
		}
		body := d[schema.FieldBody].(string)
		for _, want := range wants {
			if !strings.Contains(body, want) {
				t.Errorf("%q: body lacks the text %q: %q", title, want, body)
			}
		}
		all := fmt.Sprint(d)
		for _, code := range []string{"head-script-text", "body-script-text", "onerror-attr", "onload-attr", "svg-onload", "href-attr", "onclick-attr"} {
			if strings.Contains(all, code) {
				t.Errorf("%q: code %q reached the index", title, code)
			}
		}
	}
}

// TestBuildHostileHeavy measures the heap of a build at the default size cap, with a page
// just under it next to the 50 MB page and the deep nesting. It takes a minute and a
// gigabyte: NOTICEARCHIVE_HEAVY=1 runs it (see docs/robustness.md).
func TestBuildHostileHeavy(t *testing.T) {
	if os.Getenv("NOTICEARCHIVE_HEAVY") == "" {
		t.Skip("set NOTICEARCHIVE_HEAVY=1 to build a page just under the default 20 MB cap")
	}
	for _, c := range []struct {
		name  string
		size  int64
		pages func(src string)
	}{
		{"50 MB page + 100k nesting", 0, func(src string) {
			writeFile(t, filepath.Join(src, "huge-50mb.html"), hugePage(50<<20))
			writeFile(t, filepath.Join(src, "nested.html"), nestedPage(100000))
			writeFile(t, filepath.Join(src, "good.html"), []byte(page("Nepal", "August 13, 2010", "Nepal Adoptions Suspended", nepalBody, "")))
		}},
		{"page just under the 20 MB cap", archive.DefaultMaxSize - 1, nil},
		{"8 pages of 2 MB", 0, func(src string) {
			for i, country := range []string{"Ghana", "Kenya", "Nepal", "Chile", "Haiti", "Benin", "Congo", "Gabon"} {
				b := strings.ReplaceAll(string(hugePage(2<<20)), "Ghana", country)
				writeFile(t, filepath.Join(src, fmt.Sprintf("p%d.html", i)), []byte(b))
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := t.TempDir()
			if c.pages != nil {
				c.pages(src)
			} else {
				writeFile(t, filepath.Join(src, "near-cap.html"), hugePage(int(c.size)))
			}
			start := time.Now()
			var sum *indexer.Summary
			peak := peakHeap(func() {
				var err error
				sum, err = indexer.Build(context.Background(), []string{src}, indexer.Options{Dir: t.TempDir(), SkipForceMerge: true})
				if err != nil {
					t.Fatal(err)
				}
			})
			t.Logf("%s: %v, peak heap %.0f MB, %d notices, %d skipped (GOMAXPROCS %d)",
				c.name, time.Since(start).Round(100*time.Millisecond), float64(peak)/(1<<20), sum.NoticesIndexed, sum.PagesSkipped, runtime.GOMAXPROCS(0))
		})
	}
}

// writeHostile writes the generated bad pages into src.
func writeHostile(t *testing.T, src string, maxSize int) {
	t.Helper()
	// Binary data with an .html name.
	rng := rand.New(rand.NewPCG(1, 2))
	bin := make([]byte, 64<<10)
	for i := range bin {
		bin[i] = byte(rng.UintN(256))
	}
	writeFile(t, filepath.Join(src, "binary.html"), bin)
	// A 50 MB page, and pages one byte under and one byte over the cap.
	writeFile(t, filepath.Join(src, "huge-50mb.html"), hugePage(50<<20))
	writeFile(t, filepath.Join(src, "near-cap.html"), hugePage(maxSize-1))
	writeFile(t, filepath.Join(src, "over-cap.html"), hugePage(maxSize+1))
	// 100,000 nested elements.
	writeFile(t, filepath.Join(src, "nested.html"), nestedPage(100000))
	// The same page under two names, and the same file reached twice (a hard link).
	dup := []byte(page("Nepal", "August 13, 2010", "Nepal Adoptions Suspended Twice", nepalBody, ""))
	writeFile(t, filepath.Join(src, "dup-a.html"), dup)
	writeFile(t, filepath.Join(src, "dup-b.html"), dup)
	if err := os.Link(filepath.Join(src, "dup-a.html"), filepath.Join(src, "same-inode.html")); err != nil {
		t.Fatal(err)
	}
	// A symlink loop: loop/back leads to the tree being walked.
	if err := os.Mkdir(filepath.Join(src, "loop"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(src, "loop", "back")); err != nil {
		t.Fatal(err)
	}
	// An unreadable file (read anyway by root, which the test allows for).
	unreadable := filepath.Join(src, "unreadable.html")
	writeFile(t, unreadable, []byte(page("Chad", "May 2, 2012", "Chad Notice Nobody May Read", nepalBody, "")))
	if os.Geteuid() == 0 {
		os.Remove(unreadable)
	} else if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
}

// hugePage is a notice page of exactly size bytes: a real head and many paragraphs.
func hugePage(size int) []byte {
	head := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ghana Notice Just Under The Size Cap</title></head>` +
		"<body><div id=\"main\"><h1>Ghana Notice Just Under The Size Cap</h1><p class=\"date\">May 5, 2011</p>\n"
	const tail = "</div></body></html>\n"
	var para strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&para, "<p>Paragraph %d: the Department of Social Welfare in Accra reviews adoption dossiers, visas and court orders.</p>\n", i)
	}
	b := make([]byte, 0, size)
	b = append(b, head...)
	for len(b)+para.Len() < size-len(tail)-len("<p></p>") {
		b = append(b, para.String()...)
	}
	fill := size - len(tail) - len(b) - len("<p></p>")
	b = append(b, "<p>"...)
	b = append(b, strings.Repeat("x", fill)...)
	b = append(b, "</p>"...)
	return append(b, tail...)
}

// nestedPage is a notice whose text sits inside depth nested elements.
func nestedPage(depth int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><title>Deeply Nested Notice</title></head><body>` +
		"<h1>Deeply Nested Notice</h1><p>Posted March 3, 2012. The Department of State informs families about Kenya.</p>")
	for i := 0; i < depth; i++ {
		b.WriteString("<i>")
	}
	b.WriteString("the innermost text")
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// peakHeap runs fn and returns the largest heap (live and not yet swept objects) seen
// while it ran, sampled every millisecond. It collects the garbage of earlier work first.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	var (
		peak uint64
		mu   sync.Mutex
		wg   sync.WaitGroup
	)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			v := read()
			mu.Lock()
			peak = max(peak, v)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return max(peak, read())
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(to, e.Name()), b)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
