package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/noticearchive/noticearchive/indexer/gen"
)

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("gen", "gen --out DIR | --warc FILE.warc.gz [--n N] [--seed S] [--layouts standard|random|mixed]", stderr)
	out := fs.String("out", "", "directory to write the corpus into, one file per page")
	warc := fs.String("warc", "", "WARC file (.warc.gz, or .warc uncompressed) to write the corpus into as crawled captures, labels.jsonl beside it")
	var opts gen.Options
	fs.IntVar(&opts.N, "n", 1000, "number of notice pages")
	fs.Int64Var(&opts.Seed, "seed", 1, "random seed: the same seed writes the same corpus")
	fs.StringVar(&opts.Layouts, "layouts", "standard", "standard (the three known site designs), random (designs the extractor has no selectors for) or mixed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" && *warc == "" {
		fs.Usage()
		return errors.New("gen: --out or --warc is required")
	}
	if *out != "" {
		st, err := gen.Write(ctx, *out, opts)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d pages (%.1f MB) and labels.jsonl to %s\n", st.Pages, float64(st.Bytes)/(1<<20), *out)
	}
	if *warc != "" {
		st, err := gen.WriteWARC(ctx, *warc, opts, gen.WARCOptions{Seed: opts.Seed, Uncompressed: strings.HasSuffix(*warc, ".warc")})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %d notices as %d captures (%d revisits, %d notices edited) and %d other responses to %s, labels.jsonl beside it\n",
			st.Pages, st.Captures, st.Revisits, st.Edited, st.Assets+st.Errors, *warc)
	}
	return nil
}
