package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/noticearchive/noticearchive/search"
)

// searchPath is the API URL of a request, with the parameters of the web app.
func searchPath(req search.Request) string {
	v := url.Values{}
	if req.Query != "" {
		v.Set("q", req.Query)
	}
	for _, f := range search.FilterFields {
		for _, val := range req.Filters[f] {
			v.Add(f, val)
		}
	}
	if req.From != "" {
		v.Set("from", req.From)
	}
	if req.To != "" {
		v.Set("to", req.To)
	}
	if req.Sort != "" {
		v.Set("sort", req.Sort)
	}
	if req.Page > 1 {
		v.Set("page", strconv.Itoa(req.Page))
	}
	return "/api/search?" + v.Encode()
}

// newClient is an HTTP client that keeps a connection per concurrent client.
func newClient(conns int) *http.Client {
	return &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        conns + 8,
			MaxIdleConnsPerHost: conns + 8,
			IdleConnTimeout:     time.Minute,
			DisableCompression:  true,
		},
	}
}

// get fetches a URL and reads the whole body; a status other than 200 is an error.
func get(ctx context.Context, c *http.Client, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("GET %s: status %d: %.200s", u, resp.StatusCode, body)
	}
	return body, nil
}

// apiAnswer is the part of an /api/search answer the benchmark checks.
type apiAnswer struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		Snippet string `json:"snippet"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
	Histogram []json.RawMessage `json:"histogram"`
}

// httpEngine runs benchmark queries against an /api/search endpoint.
type httpEngine struct {
	base   string
	client *http.Client
	last   []byte // the last answer, decoded after the clock stopped
}

func (e *httpEngine) run(ctx context.Context, q benchQuery) (outcome, error) {
	body, err := get(ctx, e.client, e.base+searchPath(q.Req))
	e.last = body
	return outcome{}, err
}

// decodeLast checks the last answer: a total, hits with snippets, facets and a histogram.
func (e *httpEngine) decodeLast() (outcome, error) {
	var a apiAnswer
	if err := json.Unmarshal(e.last, &a); err != nil {
		return outcome{}, fmt.Errorf("decode answer: %w", err)
	}
	o := outcome{OK: true, Total: a.Total, Hits: len(a.Hits), Bars: len(a.Histogram), Facets: len(a.Facets)}
	for _, h := range a.Hits {
		if h.Snippet != "" {
			o.Snippets++
		}
	}
	return o, nil
}

// loadResult is one throughput level.
type loadResult struct {
	Clients   int
	Requests  int64
	Errors    int64
	FirstErr  string
	Elapsed   time.Duration
	PerSecond float64
	Latency   latencies
}

// load sends the paths round robin from clients goroutines for d, each waiting for its
// answer before sending the next, and reports the answers per second.
func load(ctx context.Context, base string, paths []string, clients int, d time.Duration) loadResult {
	client := newClient(clients)
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var next, errs atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, clients)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				t := time.Now()
				_, err := get(ctx, client, base+paths[int(i)%len(paths)])
				if ctx.Err() != nil {
					return // cut off by the end of the level, not a failure
				}
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				lat[c] = append(lat[c], time.Since(t))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	r := loadResult{Clients: clients, Requests: int64(len(all)), Errors: errs.Load(), Elapsed: elapsed,
		PerSecond: float64(len(all)) / elapsed.Seconds(), Latency: summarize(all)}
	if s, ok := firstErr.Load().(string); ok {
		r.FirstErr = s
	}
	return r
}

// mixPaths interleaves the pools' queries: an even mix of the classes.
func mixPaths(pools map[string]*pool) []string {
	var out []string
	for i := 0; ; i++ {
		added := false
		for _, c := range classes {
			p := pools[c.Name]
			if i < len(p.Queries) {
				out = append(out, searchPath(p.Queries[i].Req))
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// waitFirstAnswer polls u until it answers 200, and returns when it did.
func waitFirstAnswer(ctx context.Context, u string, deadline time.Duration) (time.Time, error) {
	c := newClient(1)
	defer c.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	for {
		if _, err := get(ctx, c, u); err == nil {
			return time.Now(), nil
		} else if ctx.Err() != nil {
			return time.Time{}, fmt.Errorf("no answer from %s within %s: %w", u, deadline, err)
		}
		time.Sleep(time.Millisecond)
	}
}
