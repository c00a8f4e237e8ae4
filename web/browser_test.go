package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless chromium tab on the test server.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped with -short")
	}
	path := chromiumPath()
	if path == "" {
		t.Skip("no chromium found: install it with `apt-get install -y chromium` to run the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	// The deadline bounds the browser's whole life, not one action.
	life, cancelLife := context.WithTimeout(context.Background(), 45*time.Second)
	alloc, cancelAlloc := chromedp.NewExecAllocator(life, opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancelCtx(); cancelAlloc(); cancelLife() })
	if err := chromedp.Do(ctx); err != nil { // start the browser now
		t.Fatalf("start chromium: %v", err)
	}
	return &browser{t: t, ctx: ctx, base: base}
}

// do runs steps and fails the test on error.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// open navigates to a path of the test server.
func (b *browser) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path))
}

// click clicks the element and waits for the page it loads.
func (b *browser) click(sel string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
		b.t.Fatalf("click %s: %v", sel, err)
	}
}

// wait polls a JavaScript condition until it holds. It survives navigations (an
// evaluation during one fails and is retried).
func (b *browser) wait(what, cond string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("waiting for %s (%s): %v", what, cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (b *browser) eval(expr string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return s
}

func (b *browser) count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+quoteJS(sel)+`).length`))
	if err != nil {
		b.t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

// screenshot saves the whole page as a test artifact.
func (b *browser) screenshot(dir, name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

func quoteJS(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// artifactDir is where screenshots go: $NOTICE_ARTIFACTS, else a temporary directory.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("NOTICE_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// on returns the browser reporting to another test.
func (b *browser) on(t *testing.T) *browser {
	c := *b
	c.t = t
	return &c
}

// TestBrowser drives the app in one headless chromium: at desktop width as a person
// would use it, then at phone width.
func TestBrowser(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	artifacts := artifactDir(t)
	t.Run("desktop", func(t *testing.T) { browseDesktop(t, e, b.on(t), artifacts) })
	t.Run("phone", func(t *testing.T) { browsePhone(t, e, b.on(t), artifacts) })
	t.Run("versions", func(t *testing.T) { browseVersions(t, b.on(t), artifacts) })
}

// browseVersions opens a notice whose text changed between captures, follows its
// versions table to the comparison and takes a picture of it.
func browseVersions(t *testing.T, b *browser, artifacts string) {
	ve := newVersionsEnv(t)
	b.base = ve.srv.URL
	b.do("desktop", chromedp.EmulateViewport(1280, 900))
	b.open("/notices/" + ve.findID("Processing Update"))
	if got := b.count("table.versions-table tbody tr"); got != 2 {
		t.Fatalf("%d versions listed", got)
	}
	b.click("table.versions-table td a")
	if got := b.eval(`document.querySelector('.diff-body ins').textContent`); got != addedSentence {
		t.Errorf("added text %q", got)
	}
	if got := b.eval(`getComputedStyle(document.querySelector('.diff-body ins')).textDecorationLine`); got != "underline" {
		t.Errorf("added text decorated %q", got)
	}
	if got := b.eval(`String(document.documentElement.scrollWidth)`); got != "1280" {
		t.Errorf("the comparison is %s px wide", got)
	}
	b.screenshot(artifacts, "diff.png")

	// Nothing is wider than a phone's screen.
	diff := b.eval(`location.pathname + location.search`)
	b.do("phone", chromedp.EmulateViewport(390, 844))
	for _, path := range []string{diff, "/notices/" + ve.findID("Processing Update") + "-v1"} {
		b.open(path)
		if got := b.eval(`String(document.documentElement.scrollWidth)`); got != "390" {
			t.Errorf("%s: page is %s px wide at a 390 px screen", path, got)
		}
	}
}

// browseDesktop searches as one types, picks a facet and removes it, selects a year in
// the histogram, opens a notice, follows a citation and opens the archived original.
func browseDesktop(t *testing.T, e *env, b *browser, artifacts string) {
	// Results follow typing, without a page load, and the URL follows the results.
	b.open("/")
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__sameDocument = true`))
	b.do("type", chromedp.SendKeys(chromedp.ID("q"), "suspended"))
	b.wait("live results", `location.search === '?q=suspended' && document.querySelectorAll('li.hit').length === 3`)
	if b.eval(`String(window.__sameDocument)`) != "true" {
		t.Error("typing reloaded the page")
	}
	if got := b.count("li.hit .snippet mark"); got == 0 {
		t.Error("live results have no highlights")
	}

	// A query that cannot run shows why, as one types.
	b.do("type a quote", chromedp.SendKeys(chromedp.ID("q"), ` "open`))
	b.wait("live error", `document.querySelector('#search-results .error-message') !== null`)
	if got := b.eval(`document.querySelector('[data-live-status]').textContent`); !strings.Contains(got, "quote") {
		t.Errorf("status region says %q", got)
	}
	b.do("clear", chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""`))
	b.do("retype", chromedp.SendKeys(chromedp.ID("q"), "suspended"))
	b.wait("live results again", `location.search === '?q=suspended' && document.querySelectorAll('li.hit').length === 3`)

	// Pick a facet: the chip appears; remove it: the chip goes.
	b.click(`section[aria-labelledby="facet-country"] a.facet-value[href*="country=Nepal"]`)
	if !strings.Contains(b.eval(`location.search`), "country=Nepal") || b.count(".chips li.chip") != 1 || b.count("li.hit") != 2 {
		t.Errorf("after picking Nepal: %s, %d chips, %d hits", b.eval(`location.search`), b.count(".chips li.chip"), b.count("li.hit"))
	}
	b.click(".chips a.chip-remove")
	if b.count(".chips li.chip") != 0 || b.eval(`location.search`) != "?q=suspended" {
		t.Errorf("after removing the chip: %s", b.eval(`location.search`))
	}
	// The back button returns to the filtered search.
	b.do("back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	b.wait("back to the filter", `location.search.includes('country=Nepal') && document.querySelectorAll('.chips li.chip').length === 1`)

	// Facet filter box: typing narrows a long list.
	b.open("/")
	b.do("open the fold", chromedp.Click(chromedp.CSS(`section[aria-labelledby="facet-country"] details summary`)))
	b.do("filter", chromedp.SendKeys(chromedp.ID("filter-country"), "uk"))
	b.wait("filtered facet", `[...document.querySelectorAll('section[aria-labelledby="facet-country"] .facet-values li')].filter(li => !li.hidden).map(li => li.querySelector('.label').textContent).join() === 'Ukraine'`)

	// A histogram bar sets the year.
	b.open("/")
	b.click(`figure.histogram svg a[aria-label^="2013:"]`)
	if got := b.eval(`location.search`); got != "?from=2013&to=2013" {
		t.Errorf("bar click went to %q", got)
	}
	if got := b.count("li.hit"); got != 2 {
		t.Errorf("2013: %d hits", got)
	}
	b.screenshot(artifacts, "search.png")

	// Open a notice from the results, then follow its citation.
	b.open("/?q=pilot+program+concludes")
	b.click("li.hit h3 a")
	if got := b.eval(`document.querySelector('h1#notice-title').textContent`); got != "Guatemala Pilot Program Concludes" {
		t.Errorf("opened %q", got)
	}
	b.screenshot(artifacts, "notice.png")
	b.click(`section[aria-labelledby="cites-heading"] a`)
	if got := b.eval(`document.querySelector('h1#notice-title').textContent`); got != "Guatemala Pilot Program for Pending Cases" {
		t.Errorf("citation led to %q", got)
	}

	// The archived original: the banner shows and no script of the page runs.
	b.open("/notices/" + e.findID("Ukraine Registration"))
	b.click(".provenance-box a.button")
	if got := b.eval(`document.querySelector('[role=banner]').textContent`); !strings.Contains(got, "Archived copy") {
		t.Errorf("banner %q", got)
	}
	if got := b.eval(`document.title`); !strings.HasPrefix(got, "Archived copy") {
		t.Errorf("the original's script ran: title %q", got)
	}
	if got := b.count("script, iframe, form"); got != 0 {
		t.Errorf("%d scripts, frames or forms in the original", got)
	}
}

// browsePhone checks the layout at phone width: nothing wider than the screen, facets
// below the results.
func browsePhone(t *testing.T, e *env, b *browser, artifacts string) {
	b.do("phone", chromedp.EmulateViewport(390, 844))
	for _, path := range []string{"/?q=adoption", "/notices/" + e.findID("Pilot Program Concludes"), "/countries", "/advanced"} {
		b.open(path)
		if got := b.eval(`String(document.documentElement.scrollWidth)`); got != "390" {
			t.Errorf("%s: page is %s px wide at a 390 px screen", path, got)
		}
	}
	b.open("/?q=adoption")
	if b.eval(`String(document.querySelector('aside.facets').getBoundingClientRect().top > document.querySelector('section.results').getBoundingClientRect().bottom - 1)`) != "true" {
		t.Error("facets are not below the results on a phone")
	}
	b.screenshot(artifacts, "search-phone.png")
}
