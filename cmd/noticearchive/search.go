package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"

	"github.com/noticearchive/noticearchive/search"
)

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", "search [--index DIR] [--n N] [--country NAME]... WORDS...", stderr)
	dir := fs.String("index", defaultIndexDir, "index directory")
	n := fs.Int("n", 10, "number of hits to print")
	sortBy := fs.String("sort", "", "relevance, newest or oldest")
	from := fs.String("from", "", "earliest date: YYYY, YYYY-MM or YYYY-MM-DD")
	to := fs.String("to", "", "latest date: YYYY, YYYY-MM or YYYY-MM-DD")
	var countries, topics, types multiFlag
	fs.Var(&countries, "country", "only notices about this country (repeatable)")
	fs.Var(&topics, "topic", "only notices with this topic id (repeatable)")
	fs.Var(&types, "type", "only notices of this type: notice, alert, other (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ix, err := search.Open(*dir, search.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	req := search.Request{
		Query: strings.Join(fs.Args(), " "), Size: *n, Sort: *sortBy, From: *from, To: *to,
		Filters: map[string][]string{"country": countries, "topic": topics, "type": types},
	}
	resp, err := ix.Search(ctx, req)
	if err != nil {
		var qe *search.QueryError
		var se *search.SyntaxError
		if errors.As(err, &qe) || errors.As(err, &se) {
			return fmt.Errorf("bad query: %w", err)
		}
		return err
	}
	printHits(stdout, resp)
	return nil
}

var markTags = regexp.MustCompile(`</?mark>`)

func printHits(w io.Writer, resp *search.Response) {
	fmt.Fprintf(w, "%d notices (%.1f ms)\n", resp.Total, float64(resp.Took.Microseconds())/1000)
	for i, h := range resp.Hits {
		date := h.Date
		if date == "" {
			date = "undated"
		}
		fmt.Fprintf(w, "\n%d. %s\n   %s · %s · %s · %s\n", i+1, h.Title, h.Country, date, h.Type, h.ID)
		snippet := html.UnescapeString(markTags.ReplaceAllStringFunc(string(h.Snippet), func(t string) string {
			if t == "<mark>" {
				return "["
			}
			return "]"
		}))
		fmt.Fprintf(w, "   %s\n", snippet)
	}
	for _, f := range resp.Facets {
		var parts []string
		for i, v := range f.Values {
			if i == 8 {
				break
			}
			parts = append(parts, fmt.Sprintf("%s (%d)", v.Label, v.Count))
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "\n%s: %s", f.Field, strings.Join(parts, ", "))
		}
	}
	fmt.Fprintln(w)
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
