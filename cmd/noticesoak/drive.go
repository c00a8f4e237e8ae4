package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// kindStats counts the answers to one kind of request.
type kindStats struct {
	class, kind string
	codes       map[int]int
	latencies   []time.Duration
}

// sample is the state of the process at one moment of the run.
type sample struct {
	at         time.Duration
	goroutines int
	heapLive   uint64 // live heap after the last GC
	heapObj    uint64 // heap objects, live and not yet swept
	fds        int    // open file descriptors, -1 where unknown
}

// result is the outcome of a run.
type result struct {
	elapsed  time.Duration
	kinds    map[string]*kindStats // by class/kind
	errors   int                   // requests that got no answer
	firstErr []string
	samples  []sample
	setup    setupInfo
	logs     map[string]int
	notices  uint64
}

// drive runs cfg.conns clients against base for cfg.duration.
func drive(ctx context.Context, base string, m *mix, cfg config) *result {
	transport := &http.Transport{MaxIdleConnsPerHost: cfg.conns, MaxConnsPerHost: cfg.conns}
	defer transport.CloseIdleConnections()
	client := &http.Client{
		Transport:     transport,
		Timeout:       2 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	start := time.Now()

	res := &result{kinds: map[string]*kindStats{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for c := 0; c < cfg.conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(cfg.seed), uint64(c)))
			local := map[string]*kindStats{}
			var (
				nerr         int      // requests without an answer
				errs, failed []string // the first of them; the first 5xx answers
			)
			for ctx.Err() == nil {
				r := m.next(rng)
				t0 := time.Now()
				code, err := get(client, base+r.path)
				if err != nil {
					if ctx.Err() != nil {
						break // the run ended during the request
					}
					if nerr++; len(errs) < 20 {
						errs = append(errs, fmt.Sprintf("%s: %v", r.path, err))
					}
					continue
				}
				key := r.class + "/" + r.kind
				ks := local[key]
				if ks == nil {
					ks = &kindStats{class: r.class, kind: r.kind, codes: map[int]int{}}
					local[key] = ks
				}
				ks.codes[code]++
				ks.latencies = append(ks.latencies, time.Since(t0))
				if code >= 500 && len(failed) < 20 {
					failed = append(failed, fmt.Sprintf("%d for %s", code, r.path))
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for key, ks := range local {
				all := res.kinds[key]
				if all == nil {
					res.kinds[key] = ks
					continue
				}
				for code, n := range ks.codes {
					all.codes[code] += n
				}
				all.latencies = append(all.latencies, ks.latencies...)
			}
			res.errors += nerr
			for _, e := range append(failed, errs...) {
				if len(res.firstErr) < 20 {
					res.firstErr = append(res.firstErr, e)
				}
			}
		}()
	}
	samples := make(chan []sample, 1)
	go func() { samples <- sampleUntil(ctx, start) }()
	wg.Wait()
	res.elapsed = time.Since(start)
	res.samples = <-samples
	return res
}

// get fetches url and reads the whole answer.
func get(client *http.Client, url string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// sampleUntil records the process's goroutines, heap and open files every half second.
func sampleUntil(ctx context.Context, start time.Time) []sample {
	ms := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	var out []sample
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return out
		case <-tick.C:
		}
		metrics.Read(ms)
		out = append(out, sample{
			at:         time.Since(start),
			goroutines: runtime.NumGoroutine(),
			heapLive:   ms[0].Value.Uint64(),
			heapObj:    ms[1].Value.Uint64(),
			fds:        openFiles(),
		})
	}
}

func openFiles() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}
