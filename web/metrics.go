package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/noticearchive/noticearchive/search"
)

// metrics are the app's Prometheus metrics, on a registry of its own.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	searches *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry, s Searcher) (*metrics, error) {
	if reg == nil {
		reg = prometheus.NewRegistry()
		if err := registerAll(reg,
			collectors.NewGoCollector(),
			collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		); err != nil {
			return nil, err
		}
	}
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "noticearchive_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "noticearchive_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		searches: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "noticearchive_search_duration_seconds",
			Help:    "Time the index took to run a search, by outcome (ok, error).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"outcome"}),
	}
	docs := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "noticearchive_index_documents",
		Help: "Documents in the index generation being served.",
	}, func() float64 { return float64(s.Stats().Notices) })
	if err := registerAll(reg, m.requests, m.latency, m.searches, docs); err != nil {
		return nil, err
	}
	return m, nil
}

func registerAll(reg *prometheus.Registry, cs ...prometheus.Collector) error {
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return fmt.Errorf("web: register metrics: %w", err)
		}
	}
	return nil
}

// middleware counts requests and their latency by chi route pattern.
func (m *metrics) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		defer func() {
			route := "unmatched"
			if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
				route = rc.RoutePattern()
			}
			code := ww.Status()
			if code == 0 {
				code = http.StatusOK
			}
			m.requests.WithLabelValues(route, r.Method, strconv.Itoa(code)).Inc()
			m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
		}()
		next.ServeHTTP(ww, r)
	})
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// instrumented times the searches of a Searcher.
type instrumented struct {
	Searcher
	m *metrics
}

func (in instrumented) Search(ctx context.Context, req search.Request) (*search.Response, error) {
	start := time.Now()
	resp, err := in.Searcher.Search(ctx, req)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	in.m.searches.WithLabelValues(outcome).Observe(time.Since(start).Seconds())
	return resp, err
}
