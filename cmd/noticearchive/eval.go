package main

import (
	"context"
	"fmt"
	"io"

	"github.com/noticearchive/noticearchive/search/eval"
)

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "eval [--index DIR] [--set archive|testdata|FILE.jsonl] [--queries]", stderr)
	dir := fs.String("index", defaultIndexDir, "index directory")
	name := fs.String("set", eval.SetArchive, "built-in judged query set, or a JSON-lines file of queries")
	perQuery := fs.Bool("queries", false, "also print one line per query")
	if err := fs.Parse(args); err != nil {
		return err
	}
	set, err := eval.Builtin(*name)
	if err != nil {
		if set, err = eval.LoadSet(*name); err != nil {
			return err
		}
	}
	rep, err := eval.RunDir(ctx, *dir, set)
	if err != nil {
		return err
	}
	if err := rep.Format(stdout); err != nil || !*perQuery {
		return err
	}
	fmt.Fprintln(stdout)
	return rep.FormatQueries(stdout)
}
