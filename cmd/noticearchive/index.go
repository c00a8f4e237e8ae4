package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", "index [--index DIR] [--max-size BYTES] [--workers N] [--writers N] [--memory-limit SIZE] SOURCE...", stderr)
	var opts indexer.Options
	fs.StringVar(&opts.Dir, "index", defaultIndexDir, "index directory (generations and original pages)")
	fs.Int64Var(&opts.Archive.MaxSize, "max-size", 20<<20, "skip pages larger than this many bytes")
	fs.IntVar(&opts.Workers, "workers", 0, "pages parsed at once (default: number of CPUs)")
	fs.IntVar(&opts.BatchSize, "batch", 500, "notices per index batch")
	fs.IntVar(&opts.Writers, "writers", 0, "index batches written at once, each building its own segment (default: one per CPU, at most 2)")
	memLimit := byteSize(indexer.DefaultMemoryLimit())
	fs.Var(&memLimit, "memory-limit", "soft limit on the build's memory, `SIZE` in bytes or with a unit (768MiB, 2GiB), under which garbage collection runs less often (saves CPU); 0 leaves the Go runtime's settings, as does setting GOGC or GOMEMLIMIT")
	quiet := fs.Bool("quiet", false, "print no progress bar")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts.MemoryLimit = int64(memLimit)
	if !flagSet(fs, "memory-limit") && (os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "") {
		opts.MemoryLimit = 0 // the environment chose
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("index: name at least one folder, page or WARC file to read")
	}
	if !*quiet && isTerminal(stderr) {
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("indexing"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
		opts.Progress = func(p indexer.Progress) { bar.Set(p.PagesRead) }
		defer bar.Finish()
	}
	sum, err := indexer.Build(ctx, fs.Args(), opts)
	if sum != nil {
		printSummary(stdout, opts.Dir, sum)
	}
	return err
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func printSummary(w io.Writer, dir string, sum *indexer.Summary) {
	for _, s := range sum.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", s.Source, s.Reason)
	}
	rate := 0.0
	if sum.Elapsed > 0 {
		rate = float64(sum.PagesRead) / sum.Elapsed.Seconds()
	}
	pairsNote := ""
	if sum.PairsGuessed {
		pairsNote = ", encoded during the merge"
	}
	fmt.Fprintf(w, "pages read %d, notices indexed %d, captures merged %d, pages skipped %d, ids aliased %d (%.1fs, %.0f pages/s; final merge %.1fs, word pairs %.1fs%s)\n",
		sum.PagesRead, sum.NoticesIndexed, sum.CapturesMerged, sum.PagesSkipped, sum.Aliases, sum.Elapsed.Seconds(), rate, sum.MergeElapsed.Seconds(), sum.PairsElapsed.Seconds(), pairsNote)
	if sum.Generation != "" && sum.NoticesIndexed > 0 {
		gen := filepath.Join(dir, schema.GenerationsDir, sum.Generation)
		fmt.Fprintf(w, "index %s is current; skipped pages are listed in %s\n", gen, filepath.Join(gen, schema.ReportFile))
	}
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
