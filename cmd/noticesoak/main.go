// Command noticesoak is the soak test of the web app (not part of CI): it serves an index
// of a generated corpus with the real server (web.New behind net/http, as `serve` runs
// it), drives it with many connections for a while with a mix of good, malformed and
// hostile requests, and checks that no answer is a 5xx and that neither goroutines nor
// memory grow between the first and the last part of the run.
//
//	go run ./cmd/noticesoak [--n 5000] [--conns 64] [--duration 60s] [--index DIR] [--out FILE]
//
// It exits 1 when the check fails. docs/robustness.md keeps the figures of a run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// config is what a soak run needs, from its flags.
type config struct {
	n        int
	seed     int64
	conns    int
	duration time.Duration
	window   time.Duration
	indexDir string
	out      string
}

func main() {
	var cfg config
	flag.IntVar(&cfg.n, "n", 5000, "notices in the generated corpus")
	flag.Int64Var(&cfg.seed, "seed", 1, "seed of the corpus and of the request mix")
	flag.IntVar(&cfg.conns, "conns", 64, "concurrent connections")
	flag.DurationVar(&cfg.duration, "duration", 60*time.Second, "how long to drive the server")
	flag.DurationVar(&cfg.window, "window", 10*time.Second, "length of the first and last windows compared for growth")
	flag.StringVar(&cfg.indexDir, "index", "", "index directory to use, built there if it holds none (default: a temporary one)")
	flag.StringVar(&cfg.out, "out", "", "also write the report (markdown) to this file")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ok, err := run(ctx, cfg, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "noticesoak:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config, stdout io.Writer) (bool, error) {
	if cfg.duration < 2*cfg.window {
		return false, fmt.Errorf("--duration %v is shorter than two windows of %v", cfg.duration, cfg.window)
	}
	dir := cfg.indexDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "noticesoak-")
		if err != nil {
			return false, err
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "index")
	}
	setup, err := ensureIndex(ctx, dir, cfg, stdout)
	if err != nil {
		return false, err
	}
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		return false, err
	}
	defer ix.Close()
	store, err := archive.OpenStore(filepath.Join(dir, schema.OriginalsDir))
	if err != nil {
		return false, err
	}
	logs := &logCounter{}
	app, err := web.New(web.Config{Searcher: ix, Originals: store, Logger: slog.New(logs), Registry: prometheus.NewRegistry()})
	if err != nil {
		return false, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return false, err
	}
	// The timeouts of `serve` (cmd/noticearchive/serve.go).
	hs := &http.Server{
		Handler:           app.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logs, slog.LevelWarn),
	}
	go hs.Serve(ln)
	defer hs.Close()

	mix, err := newMix(ctx, ix, cfg.seed)
	if err != nil {
		return false, err
	}
	fmt.Fprintf(stdout, "serving %d notices at http://%s/; %d connections for %v\n", ix.Stats().Notices, ln.Addr(), cfg.conns, cfg.duration)
	res := drive(ctx, "http://"+ln.Addr().String(), mix, cfg)
	res.setup = setup
	res.logs = logs.counts()
	res.notices = ix.Stats().Notices

	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return false, fmt.Errorf("shut down: %w", err)
	}
	report := res.markdown(cfg)
	fmt.Fprint(stdout, report)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(report), 0o644); err != nil {
			return false, err
		}
	}
	return res.passed(cfg), nil
}

// setupInfo is how the index was made.
type setupInfo struct {
	built          bool
	gen, index     time.Duration
	pages, notices int
}

// ensureIndex builds an index of a generated corpus in dir unless dir holds one already.
func ensureIndex(ctx context.Context, dir string, cfg config, stdout io.Writer) (setupInfo, error) {
	var info setupInfo
	if _, err := schema.CurrentGeneration(dir); err == nil {
		fmt.Fprintf(stdout, "using the index in %s\n", dir)
		return info, nil
	}
	corpus, err := os.MkdirTemp("", "noticesoak-corpus-")
	if err != nil {
		return info, err
	}
	defer os.RemoveAll(corpus)
	start := time.Now()
	st, err := gen.Write(ctx, corpus, gen.Options{N: cfg.n, Seed: cfg.seed, Layouts: "mixed"})
	if err != nil {
		return info, fmt.Errorf("generate corpus: %w", err)
	}
	info.gen = time.Since(start)
	fmt.Fprintf(stdout, "generated %d pages in %v; indexing\n", st.Pages, info.gen.Round(time.Millisecond))
	start = time.Now()
	sum, err := indexer.Build(ctx, []string{corpus}, indexer.Options{Dir: dir})
	if err != nil {
		return info, fmt.Errorf("index corpus: %w", err)
	}
	info.index = time.Since(start)
	info.built, info.pages, info.notices = true, sum.PagesRead, sum.NoticesIndexed
	fmt.Fprintf(stdout, "indexed %d notices in %v (GOMAXPROCS %d)\n", sum.NoticesIndexed, info.index.Round(time.Millisecond), runtime.GOMAXPROCS(0))
	return info, nil
}
