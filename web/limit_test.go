package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// Beyond the slots and the queue, requests are refused at once with 503 and Retry-After;
// a request that waits too long in the queue too; pages that do not search still answer.
func TestSearchLimitSheds(t *testing.T) {
	var logs logBuffer
	entered, release := make(chan struct{}, 10), make(chan struct{})
	e := newEnv(t, func(c *web.Config) {
		f := &faulty{Index: c.Searcher.(*search.Index)}
		f.search = func(ctx context.Context, req search.Request) (*search.Response, error) {
			if req.Query == "block" {
				entered <- struct{}{}
				select {
				case <-release:
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}
			return f.Index.Search(ctx, req)
		}
		c.Searcher = f
		c.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	srv := httptest.NewServer(e.app.HandlerWithLimits(1, 1, 300*time.Millisecond))
	defer srv.Close()
	get := func(path string) (*http.Response, string, time.Duration) {
		start := time.Now()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Error(err)
			return nil, "", 0
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b), time.Since(start)
	}

	// A takes the one slot and blocks; B waits in the one place of the queue.
	var wg sync.WaitGroup
	var statusA, statusB int
	var bodyB string
	var tookB time.Duration
	wg.Add(1)
	go func() {
		defer wg.Done()
		if resp, _, _ := get("/api/search?q=block"); resp != nil {
			statusA = resp.StatusCode
		}
	}()
	<-entered
	wg.Add(1)
	go func() {
		defer wg.Done()
		var resp *http.Response
		if resp, bodyB, tookB = get("/?q=adoption"); resp != nil {
			statusB = resp.StatusCode
			if resp.Header.Get("Retry-After") == "" {
				t.Error("B: no Retry-After")
			}
		}
	}()
	time.Sleep(100 * time.Millisecond)

	// C finds the queue full: refused at once, as JSON under /api/.
	resp, body, took := get("/api/search?q=adoption")
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") != "2" {
		t.Errorf("C: %d Retry-After %q, want 503 with Retry-After 2", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if took > 250*time.Millisecond {
		t.Errorf("C waited %v with the queue full", took)
	}
	var api struct {
		Error     string
		Status    int
		RequestID string `json:"request_id"`
	}
	if err := json.Unmarshal([]byte(body), &api); err != nil || api.Status != 503 || api.RequestID == "" {
		t.Errorf("C: body %s (%v)", body, err)
	}
	// Pages that do not search answer while the slots are taken.
	for _, path := range []string{"/healthz", "/help", "/api/openapi.json"} {
		if resp, _, _ := get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s while the slots are taken: %d", path, resp.StatusCode)
		}
	}
	// B gives up after the wait, with an HTML page.
	time.Sleep(300 * time.Millisecond)
	close(release)
	wg.Wait()
	if statusA != http.StatusOK {
		t.Errorf("A: %d", statusA)
	}
	if statusB != http.StatusServiceUnavailable || !strings.Contains(bodyB, "busy") || !strings.Contains(bodyB, "<html") {
		t.Errorf("B: %d after %v\n%s", statusB, tookB, shortBody(bodyB))
	}
	if tookB < 250*time.Millisecond {
		t.Errorf("B refused after %v, before its wait ran out", tookB)
	}
	// The slot is free again.
	if resp, _, _ := get("/?q=adoption"); resp.StatusCode != http.StatusOK {
		t.Errorf("after release: %d", resp.StatusCode)
	}
	if n := strings.Count(logs.String(), `"msg":"request shed"`); n != 2 {
		t.Errorf("%d sheds logged, want 2:\n%s", n, logs.String())
	}
	if strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("a shed was logged as an error:\n%s", logs.String())
	}
}

// The default limits let 64 clients searching at once through without a refusal.
func TestSearchLimitLets64ClientsThrough(t *testing.T) {
	e := newEnv(t)
	id := e.findID("Ukraine Registration")
	paths := []string{"/?q=adoption", "/api/search?q=hague&sort=newest", "/notices/" + id, "/countries", "/?country=Nepal&from=2009"}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for c := 0; c < 64; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2; i++ {
				resp, err := client.Get(e.srv.URL + paths[(c+i)%len(paths)])
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mu.Lock()
				codes[resp.StatusCode]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(codes) != 1 || codes[http.StatusOK] != 64*2 {
		t.Errorf("status codes %v, want only 200s", codes)
	}
}
