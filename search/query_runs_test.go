package search

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

func TestCompileRuns(t *testing.T) {
	idx := newQueryIndex(t)
	treaty := func(text string) []string {
		if strings.EqualFold(text, "hague treaty") {
			return []string{"Hague Convention"}
		}
		return nil
	}
	tests := []struct {
		query string
		opts  CompileOptions
		want  string
	}{
		// A run of words that names a country matches notices filed under it.
		{"Viet Nam", CompileOptions{}, ""},
		{"Viet Nam", CompileOptions{CountryBoost: 2}, "vn"},
		{"Viet Nam special", CompileOptions{CountryBoost: 2}, "vn"},
		{"Viet Nam haiti", CompileOptions{CountryBoost: 2}, ""},
		// A run that is a synonym entry matches through its synonyms.
		{"hague treaty", CompileOptions{}, ""},
		{"hague treaty", CompileOptions{Synonyms: treaty}, "gt"},
		{"the hague treaty update", CompileOptions{Synonyms: treaty}, "gt"},
		{"hague treaty OR haiti", CompileOptions{Synonyms: treaty}, "gt ht"},
		// Word pairs only rank: they never add or drop a hit.
		{"special needs", CompileOptions{PairBoost: 1}, "vn"},
		{"needs special", CompileOptions{PairBoost: 1}, "vn"},
		{"the who", CompileOptions{PairBoost: 1}, "gen"},
		// A word of several terms is a phrase.
		{"e-mail", CompileOptions{}, "vn"},
		{"mail-e", CompileOptions{}, ""},
	}
	for _, tt := range tests {
		got := strings.Join(searchIDs(t, idx, tt.query, withPairFields(idx, tt.opts)), " ")
		want := strings.Join(sortedFields(tt.want), " ")
		if got != want {
			t.Errorf("%s with %+v: got [%s], want [%s]", tt.query, tt.opts, got, want)
		}
	}
}

// TestRankingOptions checks the weights the index searches with on the compile test index:
// a country's own notice first, a year's notices above a text that only says it.
func TestRankingOptions(t *testing.T) {
	idx := newYearIndex(t)
	opts := withPairFields(idx, rankingOptions(nil, nil))
	if opts.Synonyms == nil || opts.CountryBoost <= 0 || opts.YearBoost <= 0 || opts.PairBoost <= 0 {
		t.Fatalf("ranking options not all on: %+v", opts)
	}
	for _, tt := range []struct{ query, first string }{
		{"burma", "mm"},
		{"2012", "ht"},          // ht and mm are dated 2012; gen only says it
		{"special needs", "vn"}, // the pair side by side
		{"haiti earthquake", "ht"},
	} {
		q, err := Compile(mustParse(t, tt.query), opts)
		if err != nil {
			t.Fatal(err)
		}
		res, err := idx.Search(bleve.NewSearchRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != tt.first && !(tt.query == "2012" && res.Hits[0].ID == "mm") {
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			t.Errorf("%s: hits %v, want %s first", tt.query, ids, tt.first)
		}
	}
}

// newYearIndex is the compile test index with the year keyword the indexer writes.
func newYearIndex(t *testing.T) bleve.Index {
	t.Helper()
	return buildQueryIndex(t, func(d queryDoc, f map[string]interface{}) {
		f[schema.FieldYear] = schema.YearUndated
		if d.date != "" {
			f[schema.FieldYear] = d.date[:4]
		}
	})
}
