// Command noticearchive builds a faceted, full-text searchable archive of government notice
// pages and serves it.
//
//	noticearchive index   [--index DIR] SOURCE...   build a new index generation
//	noticearchive extract PATH...                   print what the extractor understood
//	noticearchive search  [--index DIR] WORDS...    print the top hits
//	noticearchive gen     --out DIR [--n N]         write a synthetic corpus
//	noticearchive serve   [--index DIR] [--addr A]  serve the web app
//	noticearchive eval    [--index DIR] [--set S]   measure search relevance
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"index", "build a new generation of the index from folders, files and WARCs", runIndex},
		{"extract", "print, as JSON lines, what the extractor understood of each page", runExtract},
		{"search", "search the index and print the top hits", runSearch},
		{"gen", "write a synthetic corpus of notice pages", runGen},
		{"serve", "serve the web app", runServe},
		{"eval", "measure search relevance (MRR@10, nDCG@10, recall@20) on a judged query set", runEval},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "noticearchive:", err)
		os.Exit(1)
	}
}

// run dispatches to a subcommand.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return flag.ErrHelp
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: noticearchive COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'noticearchive COMMAND --help' for a command's flags.")
}

// newFlags returns a flag set that prints its usage with the command's synopsis.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: noticearchive %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

const defaultIndexDir = "data/index"
