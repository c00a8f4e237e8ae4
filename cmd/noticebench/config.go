package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/noticearchive/noticearchive/indexer/gen"
)

// config is what one benchmark run does, from its flags.
type config struct {
	N          int
	Seed       int64
	Layouts    string
	Dir        string // work directory; "" for a temporary one
	Keep       bool   // keep a temporary work directory
	Reuse      bool   // reuse the corpus and indexes already in Dir
	Queries    int    // queries per class
	Warmup     int    // warm-up queries before each engine's measured loop
	Clients    []int
	Duration   time.Duration // per throughput level
	Out        string        // markdown report file; "" prints it
	SkipPeer   bool
	HTTPOnly   bool // skip the in-process latency loop
	SkipHTTP   bool // skip everything over HTTP
	CPUProfile string
	// ProfileClass limits the CPU profile to one query class's loop ("" for all).
	ProfileClass string
	// IndexCPUProfile profiles our index build (in its child process).
	IndexCPUProfile string
	// ServerCPUProfile profiles our HTTP server (in its child process) while it serves.
	ServerCPUProfile string
	// PeerHTTPQueries is the number of queries per class sent to the peer over HTTP.
	PeerHTTPQueries int
	Command         string // the command line, for the report
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("noticebench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: noticebench [--n 10000] [--seed 1] [--dir DIR] [--queries 200] [--clients 1,16,64] [--duration 5s] [--out FILE] [--skip-peer] [--http-only] [--cpuprofile FILE]")
		fs.PrintDefaults()
	}
	var c config
	fs.IntVar(&c.N, "n", 10000, "number of notices to generate (the targets are set at 100000)")
	fs.Int64Var(&c.Seed, "seed", 1, "seed of the corpus and of the query pools")
	fs.StringVar(&c.Layouts, "layouts", gen.LayoutsStandard, "page designs of the corpus: standard, random or mixed")
	fs.StringVar(&c.Dir, "dir", "", "work directory (corpus, indexes, peer database); default a temporary directory, removed at the end")
	fs.BoolVar(&c.Keep, "keep", false, "keep the temporary work directory")
	fs.BoolVar(&c.Reuse, "reuse", false, "reuse the corpus, index and peer database already in --dir (skips the indexing measurements)")
	fs.IntVar(&c.Queries, "queries", 200, "queries per class")
	fs.IntVar(&c.Warmup, "warmup", 30, "warm-up queries (not measured) before each engine's measured loop")
	clients := fs.String("clients", "1,16,64", "concurrent HTTP clients of each throughput level")
	fs.DurationVar(&c.Duration, "duration", 4*time.Second, "duration of each throughput level")
	fs.StringVar(&c.Out, "out", "", "write the markdown report to this file (default: standard output)")
	fs.BoolVar(&c.SkipPeer, "skip-peer", false, "do not build or query the SQLite FTS5 peer")
	fs.BoolVar(&c.HTTPOnly, "http-only", false, "measure over HTTP only (skip the in-process latency loop and the result check)")
	fs.BoolVar(&c.SkipHTTP, "skip-http", false, "skip the HTTP measurements (start time, per-class latency, throughput, serving memory)")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the in-process search loop (our engine only) to this file")
	fs.StringVar(&c.ProfileClass, "profile-class", "", "with --cpuprofile: profile only this query class (rare, country, phrase, boolean, facets, daterange, broad, filters, page50)")
	fs.StringVar(&c.IndexCPUProfile, "index-cpuprofile", "", "write a CPU profile of our index build to this file")
	fs.StringVar(&c.ServerCPUProfile, "server-cpuprofile", "", "write a CPU profile of our HTTP server, from start to stop, to this file")
	fs.IntVar(&c.PeerHTTPQueries, "peer-http-queries", 50, "queries per class sent to the peer over HTTP (its in-process figures use --queries)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	var err error
	if c.Clients, err = parseInts(*clients); err != nil {
		return c, fmt.Errorf("--clients: %w", err)
	}
	c.Command = "go run ./cmd/noticebench " + strings.Join(args, " ")
	return c, c.validate()
}

func (c *config) validate() error {
	switch {
	case c.N < 100:
		return errors.New("--n must be at least 100")
	case c.Queries < 1 || c.PeerHTTPQueries < 1:
		return errors.New("--queries and --peer-http-queries must be at least 1")
	case c.Duration <= 0:
		return errors.New("--duration must be positive")
	case c.Reuse && c.Dir == "":
		return errors.New("--reuse needs --dir")
	case c.ProfileClass != "" && !knownClass(c.ProfileClass):
		return fmt.Errorf("--profile-class: unknown class %q", c.ProfileClass)
	case c.HTTPOnly && c.SkipHTTP:
		return errors.New("--http-only and --skip-http exclude each other")
	}
	return nil
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, errors.New("no value")
	}
	return out, nil
}
