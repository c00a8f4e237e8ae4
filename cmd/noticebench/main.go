// Command noticebench measures the notice archive end to end on a generated corpus:
// indexing speed, index size and memory; search latency per query class in process and
// over HTTP; throughput under concurrent clients; memory while serving; the time from
// start to the first answered search. In the same run it builds and queries a peer, the
// same archive in SQLite FTS5 (pure-Go driver), checks that both engines find the same
// notices with the same facet counts, and writes a markdown report.
//
// It is a command of its own so that the archive's binary does not carry SQLite.
//
//	go run ./cmd/noticebench --n 10000 --out BENCHMARKS.md
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "noticebench:", err)
		os.Exit(1)
	}
}

// run dispatches between the benchmark and the child modes it starts itself.
func run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case childIndexCmd:
			return runChildIndex(ctx, args[1:], os.Stdout)
		case childServeCmd:
			return runChildServe(ctx, args[1:], os.Stdout)
		}
	}
	cfg, err := parseFlags(args, os.Stderr)
	if err != nil {
		return err
	}
	return benchmark(ctx, cfg, os.Stderr)
}
