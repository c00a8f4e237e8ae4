package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// The benchmark runs indexing and serving in child processes of its own binary, so that
// their memory is measured apart from the benchmark's (corpus statistics, the SQLite peer,
// the HTTP clients) and the server starts as a fresh process.
const (
	childIndexCmd = "child-index"
	childServeCmd = "child-serve"
)

// indexReport is what a child-index run prints.
type indexReport struct {
	Pages, Notices, Skipped int
	Elapsed                 time.Duration
	Merge                   time.Duration // of Elapsed, the final merge (one core)
	Pairs                   time.Duration // of Elapsed, writing the pairs file (one core)
	PairsGuessed            bool          // the pairs were encoded during the final merge
	CPU                     time.Duration // user + system time of the process
	Peak                    memSample     // each figure at its own peak
	PeakRSS                 int64         // VmHWM
	Workers                 int
}

// runChildIndex builds the index of a corpus as `noticearchive index` does and reports
// its time, CPU and memory as JSON.
func runChildIndex(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet(childIndexCmd, flag.ContinueOnError)
	corpus := fs.String("corpus", "", "corpus directory")
	dir := fs.String("index", "", "index directory")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *profile != "" {
		stop, err := startCPUProfile(*profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	smp := startSampler("self", heapInuse, 50*time.Millisecond)
	cpu0 := cpuTime()
	start := time.Now()
	sum, err := indexer.Build(ctx, []string{*corpus}, indexer.Options{Dir: *dir, MemoryLimit: indexer.DefaultMemoryLimit()})
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	peak, _, merr := smp.Stop()
	if err != nil {
		return fmt.Errorf("index %s: %w", *corpus, err)
	}
	if merr != nil {
		return merr
	}
	rep := indexReport{Pages: sum.PagesRead, Notices: sum.NoticesIndexed, Skipped: sum.PagesSkipped,
		Elapsed: elapsed, Merge: sum.MergeElapsed, Pairs: sum.PairsElapsed, PairsGuessed: sum.PairsGuessed, CPU: cpu, Peak: peak, PeakRSS: readPeakRSS("self"), Workers: runtime.NumCPU()}
	return json.NewEncoder(stdout).Encode(rep)
}

// cpuTime returns the user and system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// serveEvent is a line a child-serve process prints as it starts.
type serveEvent struct {
	Event string        // "opened", "listening"
	Since time.Duration // since the parent started the process (--t0)
	Addr  string        `json:",omitempty"`
}

// runChildServe serves an index exactly as `noticearchive serve` wires it (search.Open,
// the originals store, a Prometheus registry with Go and process metrics, web.New) until
// it is signalled.
func runChildServe(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet(childServeCmd, flag.ContinueOnError)
	dir := fs.String("index", "", "index directory")
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	t0 := fs.Int64("t0", 0, "Unix nanoseconds at which the parent started this process")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the server, until it stops, to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *profile != "" {
		stop, err := startCPUProfile(*profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	enc := json.NewEncoder(stdout)
	since := func() time.Duration { return time.Since(time.Unix(0, *t0)) }
	ix, err := search.Open(*dir, search.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	store, err := archive.OpenStore(filepath.Join(*dir, schema.OriginalsDir))
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	srv, err := web.New(web.Config{Searcher: ix, Originals: store, Registry: reg, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	enc.Encode(serveEvent{Event: "opened", Since: since()})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	enc.Encode(serveEvent{Event: "listening", Since: since(), Addr: ln.Addr().String()})
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// startCPUProfile writes a CPU profile of this process to path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// selfExe is the path of the running binary, to start children from.
func selfExe() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find own binary: %w", err)
	}
	return p, nil
}
