// Package eval measures search relevance: a set of queries, each with a class and the pages
// judged relevant to it, is run against an index, and the ranks of the judged pages give
// MRR@10, nDCG@10 and recall@20 per query class and overall.
//
// Judgments name pages, not notice ids, so that they survive a rebuild: a judged path such
// as "aem/cambodia-2014-02-17.html" matches the notice whose source (or any capture's
// source) ends with that path.
package eval

import (
	"bufio"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// Query is one judged query.
type Query struct {
	Query    string   `json:"query"`
	Class    string   `json:"class"`
	Relevant []string `json:"relevant"` // judged pages, paths relative to the set's root
	Note     string   `json:"note,omitempty"`
}

// Set is a named list of judged queries.
type Set struct {
	Name    string
	Queries []Query
}

// ReadSet reads a set written as JSON lines, one Query per line. Blank lines and lines
// starting with '#' or "//" are skipped.
func ReadSet(r io.Reader, name string) (*Set, error) {
	s := &Set{Name: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "//") {
			continue
		}
		var q Query
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, fmt.Errorf("read set %s line %d: %w", name, line, err)
		}
		if err := q.validate(); err != nil {
			return nil, fmt.Errorf("read set %s line %d: %w", name, line, err)
		}
		s.Queries = append(s.Queries, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read set %s: %w", name, err)
	}
	if len(s.Queries) == 0 {
		return nil, fmt.Errorf("read set %s: no queries", name)
	}
	return s, nil
}

func (q Query) validate() error {
	switch {
	case strings.TrimSpace(q.Query) == "":
		return errors.New("empty query")
	case q.Class == "":
		return fmt.Errorf("query %q has no class", q.Query)
	case len(q.Relevant) == 0:
		return fmt.Errorf("query %q has no relevant page", q.Query)
	}
	return nil
}

// LoadSet reads a set from a JSON-lines file; the set is named after the file.
func LoadSet(file string) (*Set, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("load set: %w", err)
	}
	defer f.Close()
	return ReadSet(f, strings.TrimSuffix(path.Base(file), ".jsonl"))
}

//go:embed sets/*.jsonl
var builtin embed.FS

// Built-in sets.
const (
	// SetArchive is judged on the real pages of the shared corpus (folders aem,
	// adoption-gov, family-2004).
	SetArchive = "archive"
	// SetTestdata is judged on the project's own pages in search/testdata/pages.
	SetTestdata = "testdata"
)

// Builtin returns a set kept in the repository: SetArchive or SetTestdata.
func Builtin(name string) (*Set, error) {
	f, err := builtin.Open("sets/" + name + ".jsonl")
	if err != nil {
		return nil, fmt.Errorf("built-in set %q: %w", name, err)
	}
	defer f.Close()
	return ReadSet(f, name)
}

// Classes returns the set's query classes in order of first appearance.
func (s *Set) Classes() []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range s.Queries {
		if !seen[q.Class] {
			seen[q.Class] = true
			out = append(out, q.Class)
		}
	}
	return out
}
