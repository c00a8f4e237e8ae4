package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// errUntranslatable marks a query whose meaning FTS5 cannot match exactly; the pools
// never draw one.
var errUntranslatable = errors.New("no FTS5 equivalent")

// textAnalyzer is the analyzer of our text fields ("en": possessives, lower case, stop
// words, Porter), to tell which words our index drops.
var textAnalyzer = sync.OnceValues(func() (analysis.Analyzer, error) {
	m, err := schema.NewMapping()
	if err != nil {
		return nil, err
	}
	a := m.AnalyzerNamed(schema.AnalyzerText)
	if a == nil {
		return nil, fmt.Errorf("mapping has no analyzer %q", schema.AnalyzerText)
	}
	return a, nil
})

// termCache remembers the terms of texts already analysed: pool drawing asks for every
// word of thousands of notices.
var termCache sync.Map // string -> []string

// analyzedTerms returns the terms our index holds for text.
func analyzedTerms(text string) []string {
	if v, ok := termCache.Load(text); ok {
		return v.([]string)
	}
	a, err := textAnalyzer()
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range a.Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	termCache.Store(text, out)
	return out
}

// synonyms is our compiler's synonym list: a word, phrase or run of words in it also
// finds its synonyms, which FTS5 does not know.
var synonyms = sync.OnceValues(search.LoadSynonyms)

// hasSynonyms reports whether our compiler expands text with synonyms.
func hasSynonyms(text string) bool {
	s, err := synonyms()
	return err != nil || s.Has(text)
}

// ftsMatch translates a parsed query into an FTS5 MATCH expression with the same meaning
// as our compiled query: a plain word must occur in any of title, body, country (name and
// aliases) and ministries (FTS5 searches every column by default), a phrase is exact in
// title or body, AND, OR and a NOT inside an AND keep their meaning. Words that our
// analyzer drops (stop words) drop out here too. It returns "" for a query of stop words
// only. Queries that our compiler widens with synonyms are untranslatable. (A word or run
// of words naming a country also finds the notices filed under it; the country's name and
// aliases are in its notices' country column, so FTS5 finds them as well.)
func ftsMatch(n search.Node) (string, error) {
	switch n := n.(type) {
	case *search.TermNode:
		if n.Field != "" || n.Prefix || n.Fuzzy != 0 || hasSynonyms(n.Text) {
			return "", fmt.Errorf("%w: %s", errUntranslatable, n)
		}
		switch len(analyzedTerms(n.Text)) {
		case 0:
			return "", nil
		case 1:
			return ftsString(n.Text), nil
		}
		// Our index wants every part of "e-mail" in one field, FTS5 the adjacent pair.
		return "", fmt.Errorf("%w: %q is several words to our analyzer", errUntranslatable, n.Text)
	case *search.PhraseNode:
		if n.Field != "" || hasSynonyms(n.Text) {
			return "", fmt.Errorf("%w: %s", errUntranslatable, n)
		}
		words := strings.Fields(n.Text)
		if len(analyzedTerms(n.Text)) != len(words) {
			return "", fmt.Errorf("%w: phrase %q has stop words or compound words", errUntranslatable, n.Text)
		}
		return "{title body} : " + ftsString(n.Text), nil
	case *search.AndNode:
		return ftsAnd(n.Children)
	case *search.OrNode:
		var parts []string
		for _, c := range n.Children {
			if _, ok := c.(*search.NotNode); ok {
				return "", fmt.Errorf("%w: NOT inside OR", errUntranslatable)
			}
			s, err := ftsMatch(c)
			if err != nil {
				return "", err
			}
			if s != "" {
				parts = append(parts, s)
			}
		}
		return group(parts, " OR "), nil
	case *search.NotNode:
		return "", fmt.Errorf("%w: a query of NOT alone", errUntranslatable)
	}
	return "", fmt.Errorf("%w: %T", errUntranslatable, n)
}

func ftsAnd(children []search.Node) (string, error) {
	if err := runSynonyms(children); err != nil {
		return "", err
	}
	var must, not []string
	for _, c := range children {
		list := &must
		if nn, ok := c.(*search.NotNode); ok {
			c, list = nn.Child, &not
		}
		s, err := ftsMatch(c)
		if err != nil {
			return "", err
		}
		if s != "" {
			*list = append(*list, s)
		}
	}
	if len(must) == 0 {
		if len(not) > 0 {
			return "", fmt.Errorf("%w: only NOT terms", errUntranslatable)
		}
		return "", nil
	}
	out := group(must, " AND ")
	if len(not) > 0 {
		out = "(" + out + " NOT " + group(not, " OR ") + ")"
	}
	return out, nil
}

// group joins parts with op, in parentheses when there are several.
func group(parts []string, op string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return "(" + strings.Join(parts, op) + ")"
}

// ftsString quotes text as an FTS5 string (a phrase of its tokens).
func ftsString(text string) string {
	return `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
}

// runSynonyms fails for consecutive plain words of an AND that our compiler reads as one
// synonym entry ("hague convention").
func runSynonyms(children []search.Node) error {
	var run []string
	check := func() error {
		for i := range run {
			for j := i + 2; j <= len(run); j++ {
				if text := strings.Join(run[i:j], " "); hasSynonyms(text) {
					return fmt.Errorf("%w: %q has synonyms", errUntranslatable, text)
				}
			}
		}
		run = run[:0]
		return nil
	}
	for _, c := range children {
		t, ok := c.(*search.TermNode)
		if !ok || t.Field != "" || t.Prefix || t.Fuzzy != 0 {
			if err := check(); err != nil {
				return err
			}
			continue
		}
		run = append(run, t.Text)
	}
	return check()
}
