package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// faulty is the real index with faults injected into some calls.
type faulty struct {
	*search.Index
	search func(ctx context.Context, req search.Request) (*search.Response, error)
	notice func(ctx context.Context, id string) (*search.Notice, error)
}

func (f *faulty) Search(ctx context.Context, req search.Request) (*search.Response, error) {
	if f.search != nil {
		return f.search(ctx, req)
	}
	return f.Index.Search(ctx, req)
}

func (f *faulty) Notice(ctx context.Context, id string) (*search.Notice, error) {
	if f.notice != nil {
		return f.notice(ctx, id)
	}
	return f.Index.Notice(ctx, id)
}

// logBuffer collects log lines safely across handler goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	id := e.findID("Ukraine Registration")
	for _, path := range []string{"/", "/?q=%22bad", "/notices/" + id, "/notices/" + id + "/original", "/countries", "/countries/et", "/advanced", "/help",
		"/api/search", "/api/notices/" + id, "/api/openapi.json", "/search.csv", "/search.atom", "/opensearch.xml", "/healthz", "/metrics", "/nowhere"} {
		resp, _ := e.get(path)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if !strings.Contains(path, "/original") && (!strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'")) {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if strings.Contains(csp, "unsafe-inline") && !strings.Contains(path, "/original") {
			t.Errorf("%s: CSP allows inline code: %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Request-Id") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestNoInlineScript(t *testing.T) {
	// The pages run only the static script file: no inline script, no handlers.
	e := newEnv(t)
	id := e.findID("Ukraine Registration")
	for _, path := range []string{"/", "/?q=registration", "/notices/" + id, "/countries", "/countries/ua", "/advanced", "/help", "/nowhere"} {
		doc := e.page(path, map[bool]int{true: 404, false: 200}[path == "/nowhere"])
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			src := s.AttrOr("src", "")
			if !strings.HasPrefix(src, "/static/") || strings.TrimSpace(s.Text()) != "" {
				t.Errorf("%s: script %q %q", path, src, s.Text())
			}
		})
		_, body := e.get(path)
		if m := eventAttr.FindString(body); m != "" {
			t.Errorf("%s: event handler %q", path, m)
		}
	}
}

func TestEscaping(t *testing.T) {
	// Markup in notice text and in the query is shown as text, never run.
	e := newEnv(t)
	id := e.findID("Ukraine Registration")
	hostile := url.QueryEscape(`registration <script>alert("q")</script> "><img src=x onerror=alert(1)>`)
	for _, path := range []string{
		"/?q=registration",
		"/?q=" + hostile,
		"/?q=" + url.QueryEscape(`"<script>alert(1)`), // a syntax error echoing the query
		"/?country=" + url.QueryEscape(`<script>alert(1)</script>`),
		"/notices/" + id,
		"/countries/ua",
		"/advanced?q=" + hostile,
		"/api/search?q=registration",
		"/api/notices/" + id,
		"/search.atom?q=registration",
	} {
		_, body := e.get(path)
		for _, bad := range []string{"<script>alert", "<img src=x", "<img src=\"x\""} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: unescaped %q", path, bad)
			}
		}
	}
	// The title reads as the text it is.
	doc := e.page("/notices/"+id, http.StatusOK)
	if got := doc.Find("h1#notice-title").Text(); !strings.Contains(got, `<script>alert("title")</script>`) {
		t.Errorf("title shown as %q", got)
	}
	if doc.Find("h1#notice-title script, h1#notice-title img").Length() != 0 {
		t.Error("markup in the title became elements")
	}
}

func TestHealthAndMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	e := newEnv(t, func(c *web.Config) { c.Registry = reg })
	resp, body := e.get("/healthz")
	var health struct {
		Status  string `json:"status"`
		Notices int    `json:"notices"`
	}
	if err := json.Unmarshal([]byte(body), &health); resp.StatusCode != http.StatusOK || err != nil || health.Status != "ok" || health.Notices != 14 {
		t.Errorf("healthz: %d %s (%v)", resp.StatusCode, body, err)
	}
	e.get("/?q=hague")
	e.get("/notices/no-such")
	_, body = e.get("/metrics")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`noticearchive_http_requests_total\{code="200",method="GET",route="/"\} 1`),
		regexp.MustCompile(`noticearchive_http_requests_total\{code="404",method="GET",route="/notices/\{id\}"\} 1`),
		regexp.MustCompile(`noticearchive_http_request_duration_seconds_count\{route="/"\} 1`),
		regexp.MustCompile(`noticearchive_search_duration_seconds_count\{outcome="ok"\} [1-9]`),
		regexp.MustCompile(`noticearchive_index_documents 14`),
	} {
		if !want.MatchString(body) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// The registry is the caller's: a second server on it is refused, not a panic.
	if _, err := web.New(web.Config{Searcher: e.ix, Registry: reg}); err == nil {
		t.Error("two servers registered the same metrics")
	}
}

func TestPanicRecovered(t *testing.T) {
	var logs logBuffer
	var f *faulty
	e := newEnv(t, func(c *web.Config) {
		f = &faulty{Index: c.Searcher.(*search.Index)}
		f.notice = func(ctx context.Context, id string) (*search.Notice, error) {
			if id == "boom" {
				panic("injected")
			}
			return f.Index.Notice(ctx, id)
		}
		c.Searcher = f
		c.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	for _, path := range []string{"/notices/boom", "/api/notices/boom"} {
		resp, body := e.get(path)
		if resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("%s: status %d", path, resp.StatusCode)
		}
		reqID := resp.Header.Get("X-Request-Id")
		if reqID == "" || !strings.Contains(body, reqID) {
			t.Errorf("%s: the page does not quote the request id %q", path, reqID)
		}
		if !strings.Contains(logs.String(), `"request_id":"`+reqID+`"`) || !strings.Contains(logs.String(), "injected") {
			t.Errorf("%s: panic not logged with the request id:\n%s", path, logs.String())
		}
		if strings.Contains(body, "injected") || strings.Contains(body, "goroutine") {
			t.Errorf("%s: the panic's text reached the client", path)
		}
	}
	if resp, _ := e.get("/"); resp.StatusCode != http.StatusOK {
		t.Errorf("after a panic: status %d", resp.StatusCode)
	}
}

func TestTimeoutIs503(t *testing.T) {
	e := newEnv(t, func(c *web.Config) {
		c.RequestTimeout = 50 * time.Millisecond
		c.Searcher = &faulty{Index: c.Searcher.(*search.Index), search: func(ctx context.Context, _ search.Request) (*search.Response, error) {
			<-ctx.Done()
			return nil, ctx.Err()
		}}
	})
	resp, _ := e.get("/?q=visa")
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("page: status %d, want 503", resp.StatusCode)
	}
	var api struct{ Status int }
	e.json("/api/search?q=visa", http.StatusServiceUnavailable, &api)
}

func TestMovedRedirects(t *testing.T) {
	var to string
	e := newEnv(t, func(c *web.Config) {
		f := &faulty{Index: c.Searcher.(*search.Index)}
		f.notice = func(ctx context.Context, id string) (*search.Notice, error) {
			if id == "old-id" {
				return nil, &search.MovedError{From: "old-id", To: to}
			}
			return f.Index.Notice(ctx, id)
		}
		c.Searcher = f
	})
	to = e.findID("Kenya Moratorium")
	for path, want := range map[string]string{
		"/notices/old-id":              "/notices/" + to,
		"/notices/old-id/original?x=1": "/notices/" + to + "/original?x=1",
		"/api/notices/old-id":          "/api/notices/" + to,
	} {
		resp, _ := e.get(path)
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %q", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

func TestStaticAssets(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/", http.StatusOK)
	for _, sel := range []string{`link[rel=stylesheet]`, `script[src]`} {
		s := doc.Find(sel)
		href := s.AttrOr("href", s.AttrOr("src", ""))
		resp, body := e.get(href)
		if resp.StatusCode != http.StatusOK || body == "" {
			t.Fatalf("%s: status %d", href, resp.StatusCode)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
			t.Errorf("%s: Cache-Control %q", href, cc)
		}
		// An old page's URL still gets the file, without the long lifetime.
		old := regexp.MustCompile(`/static/[0-9a-f]+/`).ReplaceAllString(href, "/static/000000000000/")
		resp, _ = e.get(old)
		if resp.StatusCode != http.StatusOK || strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %q", old, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	if resp, _ := e.get("/favicon.ico"); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("favicon: %d", resp.StatusCode)
	}
}

func TestMethods(t *testing.T) {
	e := newEnv(t)
	if resp, body := e.do(http.MethodHead, "/"); resp.StatusCode != http.StatusOK || body != "" {
		t.Errorf("HEAD /: %d, %d bytes", resp.StatusCode, len(body))
	}
	if resp, _ := e.do(http.MethodPost, "/"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", resp.StatusCode)
	}
	if resp, _ := e.get("/countries/"); resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("trailing slash: %d", resp.StatusCode)
	}
	if resp, _ := e.get("/?q=" + strings.Repeat("x", 10000)); resp.StatusCode != http.StatusRequestURITooLong {
		t.Errorf("overlong URL: %d", resp.StatusCode)
	}
}

func TestCompression(t *testing.T) {
	e := newEnv(t)
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("the search page is not compressed: %v", resp.Header)
	}
}

func TestConfig(t *testing.T) {
	if _, err := web.New(web.Config{}); err == nil {
		t.Error("a server without a searcher")
	}
	e := newEnv(t)
	if _, err := web.New(web.Config{Searcher: e.ix, BaseURL: "archive.example.org"}); err == nil {
		t.Error("a relative base URL is accepted")
	}
}

// TestCrawl follows every link from the search page, breadth first, and checks that no
// link of the app leads to an error.
func TestCrawl(t *testing.T) {
	e := newEnv(t)
	if n := crawl(t, e, 400); n < 60 {
		t.Errorf("crawled only %d pages", n)
	}
}

// crawl visits up to limit pages linked from the main pages, notices and their originals
// first, and returns how many it visited. Every page must answer 200 and run no script
// but the app's own.
func crawl(t *testing.T, e *env, limit int) int {
	t.Helper()
	seen := map[string]bool{}
	queue := []string{"/", "/?q=adoption", "/countries", "/help", "/advanced"}
	for len(queue) > 0 && len(seen) < limit {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		resp, body := e.get(path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d (linked from the app)", path, resp.StatusCode)
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		doc.Find("script").Each(func(_ int, s *goquery.Selection) {
			if !strings.HasPrefix(s.AttrOr("src", ""), "/static/") {
				t.Errorf("%s: a script not of the app: %q", path, shortBody(s.Text()))
			}
		})
		if m := eventAttr.FindString(body); m != "" {
			t.Errorf("%s: event handler %q", path, m)
		}
		if strings.Contains(path, "/original") {
			continue // an archived page's links lead to its own site (see its <base>)
		}
		doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
			href := strings.TrimPrefix(s.AttrOr("href", ""), e.srv.URL)
			switch {
			case !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") || seen[href]:
			case strings.HasPrefix(href, "/notices/"):
				queue = append([]string{href}, queue...)
			default:
				queue = append(queue, href)
			}
		})
	}
	return len(seen)
}
