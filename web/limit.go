package web

import (
	"context"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// Limits on the requests that search the index at once. A request takes a free slot, or
// waits in a queue of bounded length for at most a short time; when the queue is full or
// the wait runs out it is refused with 503 and Retry-After. An overload then sheds
// requests at once instead of piling up goroutines, memory and latency.
//
// The sizes let 64 clients that search without pause through (the soak test,
// cmd/noticesoak): with 4 slots per CPU and 256 places in the queue none of them is
// ever refused, and a request waits in the queue about as long as the searches ahead of
// it take.
const (
	searchSlotsPerCPU = 4
	searchQueue       = 256
	searchWait        = 5 * time.Second
	// CSV and Atom exports run for up to ExportTimeout: one per CPU (at least 2) at once,
	// in a pool of their own, so that they never hold the slots of interactive searches.
	// A download may wait longer for its turn than a page.
	exportSlotsPerCPU = 1
	exportSlotsMin    = 2
	exportQueue       = 64
	exportWait        = 15 * time.Second
	// retryAfter is the Retry-After of a refused request, in seconds.
	retryAfter = 2
)

// unlimited are the paths that never search: they are served even when every slot is taken.
var unlimited = []string{"/static/", "/favicon.ico", "/healthz", "/metrics", "/help", "/opensearch.xml", "/api/openapi.json"}

// exportPaths are the paths that take an export slot.
var exportPaths = []string{"/search.csv", "/search.atom"}

// limiter bounds how many requests run at once, with a bounded queue and wait.
type limiter struct {
	slots   chan struct{}
	queue   int64
	waiting atomic.Int64
	wait    time.Duration
}

func newLimiter(slots, queue int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, slots), queue: int64(queue), wait: wait}
}

// acquire takes a slot, waiting for one if the queue has room. It returns false, with
// the reason, when the request is to be refused.
func (l *limiter) acquire(ctx context.Context) (bool, string) {
	select {
	case l.slots <- struct{}{}:
		return true, ""
	default:
	}
	if l.waiting.Add(1) > l.queue {
		l.waiting.Add(-1)
		return false, "queue full"
	}
	defer l.waiting.Add(-1)
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return true, ""
	case <-t.C:
		return false, "waited too long"
	case <-ctx.Done():
		return false, "client went away"
	}
}

func (l *limiter) release() { <-l.slots }

// limitSearches returns the middleware that bounds concurrent searches and exports; each
// call makes new limiters, so Routes calls it once.
func (s *Server) limitSearches() func(http.Handler) http.Handler {
	searches := newLimiter(searchSlotsPerCPU*runtime.GOMAXPROCS(0), searchQueue, searchWait)
	exports := newLimiter(max(exportSlotsMin, exportSlotsPerCPU*runtime.GOMAXPROCS(0)), exportQueue, exportWait)
	return s.limitWith(searches, exports)
}

// limitWith is the middleware over the given limiters.
func (s *Server) limitWith(searches, exports *limiter) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			l := searches
			switch {
			case hasAnyPrefix(r.URL.Path, unlimited):
				next.ServeHTTP(w, r)
				return
			case hasAnyPrefix(r.URL.Path, exportPaths):
				l = exports
			}
			ok, why := l.acquire(r.Context())
			if !ok {
				s.shed(w, r, why)
				return
			}
			defer l.release()
			next.ServeHTTP(w, r)
		})
	}
}

// shed refuses a request for want of a slot: 503 with Retry-After, as JSON under /api/
// and as an HTML page elsewhere. It logs a warning, not an error: the server is well.
func (s *Server) shed(w http.ResponseWriter, r *http.Request, why string) {
	if r.Context().Err() != nil {
		return // the client has gone; nobody reads the answer
	}
	reqID := middleware.GetReqID(r.Context())
	s.log.Warn("request shed", slog.String("request_id", reqID), slog.String("path", r.URL.Path), slog.String("why", why))
	const msg = "The archive is busy. Please try again in a moment."
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, http.StatusServiceUnavailable, apiErrorBody{Error: msg, Status: http.StatusServiceUnavailable, RequestID: reqID})
		return
	}
	p := &ErrorPage{Base: s.base(r, http.StatusText(http.StatusServiceUnavailable)), Status: http.StatusServiceUnavailable, Message: msg, RequestID: reqID}
	p.Robots, p.HideHeaderSearch = "noindex", true
	if err := s.render(w, r, http.StatusServiceUnavailable, "error", p); err != nil {
		http.Error(w, msg, http.StatusServiceUnavailable)
	}
}

func hasAnyPrefix(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}
