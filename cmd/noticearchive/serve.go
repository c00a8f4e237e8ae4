package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// serveConfig is what `serve` needs, from its flags.
type serveConfig struct {
	indexDir string
	addr     string
	baseURL  string
	poll     time.Duration
	dev      bool
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--index DIR] [--addr ADDR] [--base-url URL]", stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.indexDir, "index", defaultIndexDir, "index directory")
	fs.StringVar(&cfg.addr, "addr", "localhost:8080", "address to listen on")
	fs.StringVar(&cfg.baseURL, "base-url", "", "absolute URL of the site for feeds and links (default: the request's host)")
	fs.DurationVar(&cfg.poll, "poll", 2*time.Second, "how often to look for a rebuilt index (0: only on SIGHUP)")
	fs.BoolVar(&cfg.dev, "dev", false, "reload templates from disk on every request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	return serve(ctx, cfg, logger, stdout)
}

func serve(ctx context.Context, cfg serveConfig, logger *slog.Logger, stdout io.Writer) error {
	ix, err := search.Open(cfg.indexDir, search.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	store, err := archive.OpenStore(filepath.Join(cfg.indexDir, schema.OriginalsDir))
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	srv, err := web.New(web.Config{Searcher: ix, Originals: store, BaseURL: cfg.baseURL, Logger: logger, Registry: reg, Dev: cfg.dev})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // CSV exports stream for a while
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	st := ix.Stats()
	fmt.Fprintf(stdout, "serving %d notices of %s at http://%s/\n", st.Notices, st.Generation, ln.Addr())
	logger.Info("serving", "addr", ln.Addr().String(), "generation", st.Generation, "notices", st.Notices)

	go watchIndex(ctx, ix, cfg.poll, logger)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// watchIndex switches the server to a rebuilt index on SIGHUP and when the index
// directory's current generation changes.
func watchIndex(ctx context.Context, ix *search.Index, poll time.Duration, logger *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	var tick <-chan time.Time
	if poll > 0 {
		t := time.NewTicker(poll)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
		case <-tick:
		}
		switched, err := ix.Reload()
		if err != nil {
			logger.Error("reload index", "err", err)
			continue
		}
		if switched {
			st := ix.Stats()
			logger.Info("switched to rebuilt index", "generation", st.Generation, "notices", st.Notices)
		}
	}
}
