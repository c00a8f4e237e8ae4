package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// logCounter is a slog handler that counts the server's log records by level and message.
type logCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (l *logCounter) Enabled(context.Context, slog.Level) bool { return true }
func (l *logCounter) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logCounter) WithGroup(string) slog.Handler            { return l }
func (l *logCounter) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.n == nil {
		l.n = map[string]int{}
	}
	l.n[r.Level.String()+" "+r.Message]++
	return nil
}

func (l *logCounter) counts() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]int{}
	for k, v := range l.n {
		out[k] = v
	}
	return out
}

// Growth allowed between the first and the last window.
const (
	goroutineSlack = 16       // goroutines, on top of 10%
	heapSlack      = 16 << 20 // bytes of live heap, on top of 25%
)

// total returns the number of requests and of 5xx answers.
func (r *result) total() (requests, fivexx int) {
	for _, ks := range r.kinds {
		for code, n := range ks.codes {
			requests += n
			if code >= 500 {
				fivexx += n
			}
		}
	}
	return requests, fivexx
}

// window summarises the samples taken in [from, to).
type window struct {
	goroutines, fds   int
	heapLive, heapObj uint64
	n                 int
}

// medianWindow returns the medians of the samples in [from, to).
func (r *result) medianWindow(from, to time.Duration) window {
	var g, f []int
	var hl, ho []uint64
	for _, s := range r.samples {
		if s.at >= from && s.at < to {
			g, f, hl, ho = append(g, s.goroutines), append(f, s.fds), append(hl, s.heapLive), append(ho, s.heapObj)
		}
	}
	if len(g) == 0 {
		return window{}
	}
	slices.Sort(g)
	slices.Sort(f)
	slices.Sort(hl)
	slices.Sort(ho)
	return window{goroutines: g[len(g)/2], fds: f[len(f)/2], heapLive: hl[len(hl)/2], heapObj: ho[len(ho)/2], n: len(g)}
}

func (r *result) windows(cfg config) (first, last window) {
	return r.medianWindow(0, cfg.window), r.medianWindow(r.elapsed-cfg.window, r.elapsed+time.Second)
}

// growth lists what grew past its slack between the first and the last window.
func (r *result) growth(cfg config) []string {
	first, last := r.windows(cfg)
	var out []string
	if first.n == 0 || last.n == 0 {
		return []string{"too few samples to compare the windows"}
	}
	if last.goroutines > first.goroutines+first.goroutines/10+goroutineSlack {
		out = append(out, fmt.Sprintf("goroutines grew from %d to %d", first.goroutines, last.goroutines))
	}
	if last.heapLive > first.heapLive+first.heapLive/4+heapSlack {
		out = append(out, fmt.Sprintf("live heap grew from %s to %s", mb(first.heapLive), mb(last.heapLive)))
	}
	if first.fds >= 0 && last.fds > first.fds+first.fds/10+goroutineSlack {
		out = append(out, fmt.Sprintf("open files grew from %d to %d", first.fds, last.fds))
	}
	return out
}

// passed reports whether the run had no 5xx, no request without an answer and no growth.
func (r *result) passed(cfg config) bool {
	_, fivexx := r.total()
	return fivexx == 0 && r.errors == 0 && len(r.growth(cfg)) == 0
}

func mb(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(p * float64(len(d)-1))
	return d[i]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

// markdown renders the report of the run.
func (r *result) markdown(cfg config) string {
	var b strings.Builder
	requests, fivexx := r.total()
	verdict := "PASS"
	if !r.passed(cfg) {
		verdict = "FAIL"
	}
	fmt.Fprintf(&b, "\n## Soak run: %s\n\n", verdict)
	fmt.Fprintf(&b, "%d notices, %d connections, %v, GOMAXPROCS %d, %s.\n", r.notices, cfg.conns, r.elapsed.Round(time.Second), runtime.GOMAXPROCS(0), runtime.Version())
	if r.setup.built {
		fmt.Fprintf(&b, "Corpus generated in %v, indexed in %v.\n", r.setup.gen.Round(time.Second), r.setup.index.Round(time.Second))
	}
	fmt.Fprintf(&b, "\n%d requests (%.0f/s), %d answered 5xx, %d without an answer.\n\n", requests, float64(requests)/r.elapsed.Seconds(), fivexx, r.errors)

	b.WriteString("| class | kind | requests | status codes | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---:|---|---:|---:|---:|---:|\n")
	keys := make([]string, 0, len(r.kinds))
	for k := range r.kinds {
		keys = append(keys, k)
	}
	order := map[string]int{classGood: 0, classMalformed: 1, classHostile: 2}
	sort.Slice(keys, func(i, j int) bool {
		a, c := r.kinds[keys[i]], r.kinds[keys[j]]
		if order[a.class] != order[c.class] {
			return order[a.class] < order[c.class]
		}
		return a.kind < c.kind
	})
	for _, k := range keys {
		ks := r.kinds[k]
		slices.Sort(ks.latencies)
		var codes []string
		for code, n := range ks.codes {
			codes = append(codes, fmt.Sprintf("%d×%d", code, n))
		}
		sort.Strings(codes)
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %s |\n", ks.class, ks.kind, len(ks.latencies), strings.Join(codes, " "),
			ms(percentile(ks.latencies, 0.5)), ms(percentile(ks.latencies, 0.95)), ms(percentile(ks.latencies, 0.99)), ms(percentile(ks.latencies, 1)))
	}

	first, last := r.windows(cfg)
	fmt.Fprintf(&b, "\nMedians of the samples (every 0.5 s) in the first and the last %v:\n\n", cfg.window)
	b.WriteString("| window | goroutines | live heap | heap objects | open files |\n|---|---:|---:|---:|---:|\n")
	for _, w := range []struct {
		name string
		w    window
	}{{"first", first}, {"last", last}} {
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %d |\n", w.name, w.w.goroutines, mb(w.w.heapLive), mb(w.w.heapObj), w.w.fds)
	}
	if g := r.growth(cfg); len(g) > 0 {
		fmt.Fprintf(&b, "\nGrowth: %s.\n", strings.Join(g, "; "))
	} else {
		b.WriteString("\nNo growth beyond the slack (goroutines and open files +10%+16, live heap +25%+16 MB).\n")
	}
	if len(r.logs) > 0 {
		b.WriteString("\nServer log records:")
		var ls []string
		for k, n := range r.logs {
			ls = append(ls, fmt.Sprintf(" %s ×%d", k, n))
		}
		sort.Strings(ls)
		b.WriteString(strings.Join(ls, ";") + ".\n")
	}
	if len(r.firstErr) > 0 {
		b.WriteString("\nFirst failures:\n\n")
		for _, e := range r.firstErr {
			fmt.Fprintf(&b, "- %s\n", e)
		}
	}
	return b.String()
}
