package search

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

//go:embed synonyms.txt
var synonymsTxt string

// maxSynonyms bounds the alternatives one word or phrase expands to, since each is a clause.
const maxSynonyms = 8

// Synonyms holds groups of equivalent words and phrases: the Convention's names, form
// numbers, acronyms of authorities. Entries match after English analysis, so case, plurals,
// stop words and punctuation do not matter. It is safe for concurrent use.
type Synonyms struct {
	groups [][]string
	byKey  map[string][]int // analysed entry -> groups holding it
	text   analysis.Analyzer
}

// LoadSynonyms returns the embedded synonym list (search/synonyms.txt), parsed once.
var LoadSynonyms = sync.OnceValues(func() (*Synonyms, error) {
	return ParseSynonyms(synonymsTxt)
})

// ParseSynonyms reads a synonym list: one group a line, entries separated by '|'; blank
// lines and lines starting with '#' are skipped.
func ParseSynonyms(text string) (*Synonyms, error) {
	d, err := loadDefaults()
	if err != nil {
		return nil, err
	}
	s := &Synonyms{byKey: map[string][]int{}, text: d.text}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var group []string
		for _, e := range strings.Split(line, "|") {
			if e = strings.Join(strings.Fields(e), " "); e != "" {
				group = append(group, e)
			}
		}
		if len(group) < 2 {
			return nil, fmt.Errorf("synonyms line %d: a group needs two entries or more, separated by '|'", i+1)
		}
		g := len(s.groups)
		s.groups = append(s.groups, group)
		for _, e := range group {
			k := s.key(e)
			if k == "" {
				return nil, fmt.Errorf("synonyms line %d: %q has only stop words", i+1, e)
			}
			if n := len(s.byKey[k]); n == 0 || s.byKey[k][n-1] != g {
				s.byKey[k] = append(s.byKey[k], g)
			}
		}
	}
	return s, nil
}

// key is the analysed form of an entry or a query text.
func (s *Synonyms) key(text string) string {
	return strings.Join(analyze(s.text, text), " ")
}

// Lookup returns the other entries of the groups text belongs to (at most maxSynonyms), or
// nil. It fits CompileOptions.Synonyms.
func (s *Synonyms) Lookup(text string) []string {
	if s == nil {
		return nil
	}
	k := s.key(text)
	var out []string
	seen := map[string]bool{k: true}
	for _, g := range s.byKey[k] {
		for _, e := range s.groups[g] {
			ek := s.key(e)
			if seen[ek] || len(out) == maxSynonyms {
				continue
			}
			seen[ek] = true
			out = append(out, e)
		}
	}
	return out
}

// Has reports whether text is an entry of some group.
func (s *Synonyms) Has(text string) bool {
	return s != nil && len(s.byKey[s.key(text)]) > 0
}
