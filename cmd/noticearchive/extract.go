package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
)

// extractResult is one line of `extract` output.
type extractResult struct {
	*indexer.Notice
	Source string `json:"source"`
	Error  string `json:"error,omitempty"`
}

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [--body] PATH...", stderr)
	var opts archive.Options
	fs.Int64Var(&opts.MaxSize, "max-size", 20<<20, "skip pages larger than this many bytes")
	withBody := fs.Bool("body", false, "include the body text")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("extract: name at least one page or folder")
	}
	opts.SetDefaults()
	ex, err := indexer.NewExtractor()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	good := 0
	err = archive.Walk(ctx, fs.Args(), opts, func(c *archive.Capture) error {
		n, err := ex.Extract(c)
		if err != nil {
			return enc.Encode(extractResult{Source: c.Source, Error: err.Error()})
		}
		good++
		n.ID = indexer.NoticeID(indexer.IdentityKey(n), n, 4)
		if !*withBody {
			n.Body = ""
		}
		return enc.Encode(extractResult{Notice: n, Source: c.Source})
	}, func(s archive.Skip) {
		enc.Encode(extractResult{Source: s.Source, Error: s.Reason})
	})
	if err != nil {
		return err
	}
	if good == 0 {
		return errors.New("extract: no page could be read as a notice")
	}
	return nil
}
