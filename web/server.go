// Package web is the Notice Archive web app: faceted search over archived notices with
// permalinks for every state, notice pages with their captures and citations, the
// archived originals (sanitised), a JSON API with an OpenAPI document, CSV and Atom
// exports, and Prometheus metrics. Every page works without JavaScript; one small
// script makes the results follow typing.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/microcosm-cc/bluemonday"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/noticearchive/noticearchive/search"
)

// Searcher is what the web app asks of the search index (*search.Index).
type Searcher interface {
	Search(ctx context.Context, req search.Request) (*search.Response, error)
	Notice(ctx context.Context, id string) (*search.Notice, error)
	Related(ctx context.Context, n *search.Notice, k int) ([]search.Hit, error)
	Cited(ctx context.Context, n *search.Notice) ([]search.CitationLink, error)
	CitedBy(ctx context.Context, n *search.Notice, k int) ([]search.Hit, error)
	Countries(ctx context.Context) ([]search.CountryCount, error)
	TopicLabel(id string) string
	CountryByCode(code string) (string, bool)
	Stats() search.Stats
}

// Originals holds the archived bytes of pages by digest (*archive.Store). A digest it
// does not hold is archive.ErrNotFound.
type Originals interface {
	Get(digest string) ([]byte, error)
}

// Defaults of Config.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultExportTimeout  = 60 * time.Second
	// DefaultCSVRowLimit is the most rows /search.csv writes.
	DefaultCSVRowLimit = 10000
	// DefaultFeedSize is the number of entries in /search.atom.
	DefaultFeedSize = 50
)

// Config holds what a Server needs.
type Config struct {
	Searcher  Searcher
	Originals Originals // optional: without it originals are 404
	// BaseURL is the public address of the app ("https://archive.example.org") used in
	// absolute links (feeds, citations, OpenSearch). Default: the request's scheme+host.
	BaseURL  string
	Logger   *slog.Logger         // default: discard
	Registry *prometheus.Registry // default: a new registry with Go and process metrics
	// Dev reloads templates and static files from DevDir (the web/ directory of a
	// checkout) on every request.
	Dev    bool
	DevDir string
	// RequestTimeout bounds each request; ExportTimeout bounds CSV and Atom exports.
	RequestTimeout, ExportTimeout time.Duration
	// CSVRowLimit is the most rows a CSV export writes.
	CSVRowLimit int
}

// SetDefaults fills in the zero fields.
func (c *Config) SetDefaults() {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.ExportTimeout <= 0 {
		c.ExportTimeout = DefaultExportTimeout
	}
	if c.CSVRowLimit <= 0 {
		c.CSVRowLimit = DefaultCSVRowLimit
	}
	if c.Dev && c.DevDir == "" {
		c.DevDir = "web"
	}
}

// Validate checks the configuration.
func (c *Config) Validate() error {
	if c.Searcher == nil {
		return errors.New("web: Config.Searcher is required")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("web: BaseURL %q must be an absolute http(s) URL", c.BaseURL)
		}
	}
	return nil
}

// Server is the web app.
type Server struct {
	cfg       Config
	search    Searcher // instrumented
	originals Originals
	log       *slog.Logger
	baseURL   string // without trailing slash; "" to use the request's
	views     *views
	assets    *assets
	metrics   *metrics
	sanitizer *bluemonday.Policy
	handler   http.Handler
	// exportPageSize is the page size exports read results in (tests lower it).
	exportPageSize int
}

// New builds a server. It parses the templates and hashes the static files once, and
// fails when any of them is broken.
func New(cfg Config) (*Server, error) {
	cfg.SetDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{
		cfg:       cfg,
		originals: cfg.Originals,
		log:       cfg.Logger,
		baseURL:   strings.TrimRight(cfg.BaseURL, "/"),
		sanitizer: originalSanitizer(),

		exportPageSize: exportPageSize,
	}
	var err error
	if s.assets, err = loadAssets(staticFS(cfg)); err != nil {
		return nil, err
	}
	if s.views, err = loadViews(templateFS(cfg), s.funcs()); err != nil {
		return nil, err
	}
	if s.metrics, err = newMetrics(cfg.Registry, cfg.Searcher); err != nil {
		return nil, err
	}
	s.search = instrumented{Searcher: cfg.Searcher, m: s.metrics}
	r := chi.NewRouter()
	s.Routes(r)
	s.handler = r
	return s, nil
}

// Handler returns the app with every route and middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Routes lists every route and the middleware order.
func (s *Server) Routes(r chi.Router) {
	r.Use(
		middleware.RequestID,
		s.requestIDHeader,
		s.metrics.middleware, // outside the recoverer, so panics count as 500s
		securityHeaders,
		s.recoverer,
		limitURL,
		s.limitSearches(), // bounds concurrent searches: 503 with Retry-After beyond (limit.go)
		middleware.Compress(5, compressible...),
		middleware.GetHead,
		middleware.RedirectSlashes,
	)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		err := notFound("There is no page at this address.")
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.apiError(w, r, err)
			return
		}
		s.pageError(w, r, err)
	})
	r.MethodNotAllowed(s.page(func(w http.ResponseWriter, r *http.Request) error {
		return errorf(http.StatusMethodNotAllowed, "This address answers GET requests only.")
	}))

	r.Group(func(r chi.Router) {
		r.Use(timeout(s.cfg.RequestTimeout))
		r.Get("/", s.page(s.handleSearch))
		r.Get("/advanced", s.page(s.handleAdvanced))
		r.Get("/help", s.page(s.handleHelp))
		r.Get("/notices/{id}", s.page(s.handleNotice))
		r.Get("/notices/{id}/original", s.page(s.handleOriginal))
		r.Get("/notices/{id}/diff", s.page(s.handleDiff))
		r.Get("/countries", s.page(s.handleCountries))
		r.Get("/countries/{code}", s.page(s.handleCountry))
		r.Get("/opensearch.xml", s.page(s.handleOpenSearch))
		r.Get("/static/{hash}/{name}", s.page(s.handleStatic))
		r.Get("/favicon.ico", s.handleFavicon)

		r.Get("/api/search", s.api(s.handleAPISearch))
		r.Get("/api/notices/{id}", s.api(s.handleAPINotice))
		r.Get("/api/openapi.json", s.api(s.handleOpenAPI))
	})
	r.Group(func(r chi.Router) {
		r.Use(timeout(s.cfg.ExportTimeout))
		r.Get("/search.csv", s.page(s.handleCSV))
		r.Get("/search.atom", s.page(s.handleAtom))
	})
	r.Get("/healthz", s.handleHealth)
	r.Method(http.MethodGet, "/metrics", s.metrics.handler())
}

// timeout bounds the time a request may take: its context ends after d, and search
// calls still running then fail with context.DeadlineExceeded (a 503).
func timeout(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// compressible are the content types sent gzipped to clients that accept it.
var compressible = []string{
	"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
	"text/csv", "application/atom+xml", "application/opensearchdescription+xml", "image/svg+xml",
	"text/plain",
}

// maxURLLength bounds the path and query of a request; a search fits well within it.
const maxURLLength = 8 << 10

// limitURL refuses overlong addresses before anything parses them.
func limitURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.RawQuery)+len(r.URL.Path) > maxURLLength {
			http.Error(w, "The address is too long.", http.StatusRequestURITooLong)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requestIDHeader returns the request id to the client, to quote in a report.
func (s *Server) requestIDHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id := middleware.GetReqID(r.Context()); id != "" {
			w.Header().Set("X-Request-Id", id)
		}
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy of every page but the archived originals: scripts only from our
// own files, nothing inline.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'"

// originalPolicy is the policy of an archived original: no script at all, sandboxed.
const originalPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a 500 logged with the request id, and keeps serving.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			rec := recover()
			if rec == nil {
				return
			}
			if rec == http.ErrAbortHandler {
				panic(rec)
			}
			err := fmt.Errorf("panic: %v\n%s", rec, debug.Stack())
			if strings.HasPrefix(r.URL.Path, "/api/") {
				s.apiError(w, r, err)
			} else {
				s.pageError(w, r, err)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// absURL returns path as an absolute URL, on Config.BaseURL or the request's own host.
func (s *Server) absURL(r *http.Request, path string) string {
	if s.baseURL != "" {
		return s.baseURL + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// host returns the host name of the public address, for tag URIs.
func (s *Server) host(r *http.Request) string {
	u, err := url.Parse(s.absURL(r, "/"))
	if err != nil {
		return r.Host
	}
	return u.Hostname()
}
