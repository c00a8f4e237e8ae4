package search_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// A search walked in parallel parts, with plain words walked over the postings directly,
// gives exactly the answer of one walk through Bleve's searchers: totals, every facet
// count, the histogram, the hits in order with their scores, and the cursors; all agree
// with Bleve's own facets.
func TestPartsAndDirectWalkGiveTheAnswerOfBleve(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := gen.Write(ctx, dir+"/corpus", gen.Options{N: 300, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		merge bool
	}{{"one segment", true}, {"many segments", false}} {
		t.Run(tc.name, func(t *testing.T) {
			index := dir + "/index-" + strconv.FormatBool(tc.merge)
			opts := indexer.Options{Dir: index, BatchSize: 40, SkipForceMerge: !tc.merge}
			if _, err := indexer.Build(ctx, []string{dir + "/corpus"}, opts); err != nil {
				t.Fatal(err)
			}
			segs, _ := filepath.Glob(index + "/generations/*/bleve/store/*.zap")
			if !tc.merge && len(segs) < 2 {
				t.Fatalf("%d segment files (%v): the test needs an index of several", len(segs), segs)
			}
			checkPartsAndDirectWalk(t, index)
		})
	}
}

func checkPartsAndDirectWalk(t *testing.T, index string) {
	countries := map[string][]string{schema.FieldCountry: {"Russia", "China", "Guatemala", "Ethiopia"}}
	countriesTopic := map[string][]string{schema.FieldCountry: countries[schema.FieldCountry],
		schema.FieldTopic: {"hague-convention", "suspension"}}
	threeGroups := map[string][]string{schema.FieldCountry: countries[schema.FieldCountry],
		schema.FieldTopic: {"hague-convention"}, schema.FieldType: {"notice"}}
	requests := []search.Request{
		{},
		{Sort: search.SortOldest, Page: 3},
		{Query: "adoption"},
		{Query: "adoption", Page: 4, Size: 7},
		{Query: "adoption", Sort: search.SortNewest},
		{Query: "adoption", Sort: search.SortOldest},
		{Query: "adoption", Sort: search.SortOldest, Page: 5, Size: 9},
		{Query: "children", Sort: search.SortNewest, Page: 3, Size: 13},
		{Sort: search.SortNewest, Page: 7, Size: 11},
		{Query: "adoption", Filters: countries},
		{Query: "adoption", Filters: countriesTopic},
		{Query: "adoption", Filters: threeGroups, Sort: search.SortNewest},
		{Query: "children AND (visa OR orphan)", Filters: threeGroups},
		{Filters: countriesTopic},
		{Filters: threeGroups, From: "2006", To: "2014"},
		{Query: "hague", Filters: countriesTopic, From: "2006"},
		{Query: "(visa OR hague) AND adoption NOT suspended"},
		{Query: `"central authority"`},
		{Query: `"the central adoption"`},
		{Query: `"prospective adoptive parents"`},
		{Query: `"the department of state"`, Sort: search.SortNewest},
		{Query: `"the department of state" AND (visa OR "prospective adoptive parents")`},
		{Query: `adoption NOT "department of state"`},
		// Many notices hold the pairs of these phrases, few the phrases.
		{Query: `visa OR "in the case"`},
		{Query: `children OR "for the children"`, Size: 50},
		{Query: `title:"adoption notice for"`},
		{Query: `"the department of state"`, Filters: countries},
		{Query: "children", From: "2005", To: "2012-06"},
		{Filters: countries, From: "2008"},
		{Query: "-adoption"},
		{Query: "adoption", AllVersions: true},
		{Query: "russia"},
		{Query: "Guatemala", Sort: search.SortNewest},
		{Query: "hague"},
		{Query: "title:adoption"},
		{Query: "ministry"},
		{Query: "2010"},
		{Query: "zzyzxnotaword"},
		{Query: "adoption visa"},
		{Query: "hague convention children"},
		{Query: "adoption -russia"},
		{Query: "children AND (visa OR orphan)"},
		{Query: "adoption NOT (russia OR china)"},
		{Query: "russia OR (china -visa)"},
		{Query: "adoption OR (visa -hague)", Size: 100},
		{Query: "processing cases", Sort: search.SortOldest},
		{Query: "adoption visa zzyzxnotaword"},
		{Query: "central adoption"},
		{Query: "prospective adoptive parents"},
		{Query: "adoptive parents -russia"},
	}
	answers := func(parts int, opts search.Options) []*search.Response {
		defer search.SetPartsForTest(parts, 10)()
		ix, err := search.Open(index, opts) // a fresh index: no kept answers
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		var out []*search.Response
		for _, req := range requests {
			req.FacetSize = 100
			resp := mustSearch(t, ix, req)
			out = append(out, resp)
			// Follow the cursor twice: every page must agree too.
			for i := 0; i < 2 && resp.NextAfter != ""; i++ {
				next := req
				next.Page, next.After = 0, resp.NextAfter
				resp = mustSearch(t, ix, next)
				out = append(out, resp)
			}
		}
		return out
	}
	one := answers(1, search.Options{BleveWalk: true})
	for _, other := range []struct {
		name  string
		resps []*search.Response
	}{
		{"direct, one part", answers(1, search.Options{})},
		{"direct, 3 parts", answers(3, search.Options{})},
		{"direct, 3 parts, dense", dense(true, func() []*search.Response { return answers(3, search.Options{}) })},
		{"direct, 2 parts, dense, zap's iterator", dense(true, func() []*search.Response {
			defer search.SetRawPostingsForTest(false)()
			return answers(2, search.Options{})
		})},
		{"direct, 2 parts, sparse", dense(false, func() []*search.Response { return answers(2, search.Options{}) })},
		{"direct, 2 parts, positioned", positioned(func() []*search.Response { return answers(2, search.Options{}) })},
		{"direct, 3 parts, sets", sets(func() []*search.Response { return answers(3, search.Options{}) })},
		{"direct, 3 parts, sets counted by document", sets(func() []*search.Response {
			defer search.SetCountByDocumentForTest(true)()
			return answers(3, search.Options{})
		})},
		{"direct, 2 parts, sets counted by intersections", sets(func() []*search.Response {
			defer search.SetCountByDocumentForTest(false)()
			return answers(2, search.Options{})
		})},
		{"direct, 2 parts, sets, sparse", sets(func() []*search.Response {
			return dense(false, func() []*search.Response { return answers(2, search.Options{}) })
		})},
		{"direct, 2 parts, sets, positioned", sets(func() []*search.Response {
			return positioned(func() []*search.Response { return answers(2, search.Options{}) })
		})},
		{"Bleve, 3 parts", answers(3, search.Options{BleveWalk: true})},
	} {
		compareAnswers(t, other.name, one, other.resps)
	}

	ref, err := search.Open(index, search.Options{BleveFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	defer search.SetPartsForTest(3, 10)()
	ix, err := search.Open(index, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.BigramPhrasesForTest() {
		t.Error("a new index does not check long phrases as phrases of word pairs")
	}
	for _, req := range requests {
		req.FacetSize = 100
		a, b := mustSearch(t, ix, req), mustSearch(t, ref, req)
		if a.Total != b.Total {
			t.Errorf("%+v: total %d in parts, Bleve %d", req, a.Total, b.Total)
		}
		if diff := cmp.Diff(b.Facets, a.Facets); diff != "" {
			t.Errorf("%+v: facets (-bleve +parts):\n%s", req, diff)
		}
		if a.Request.Sort != search.SortRelevance { // Bleve's own sort: date, then id
			if diff := cmp.Diff(hitIDs(b), hitIDs(a)); diff != "" {
				t.Errorf("%+v: hits (-bleve +parts):\n%s", req, diff)
			}
			// Hits read by internal number show what hits read by id through Bleve do.
			if diff := cmp.Diff(withoutScores(b.Hits), withoutScores(a.Hits)); diff != "" {
				t.Errorf("%+v: hit fields (-bleve +parts):\n%s", req, diff)
			}
		}
	}
}

// dense runs answers with ranked walks scored at once over each range, or, off, on the
// matches: by a sparse filler where every term is read raw, else positioned on each.
func dense(on bool, answers func() []*search.Response) []*search.Response {
	defer search.SetDenseForTest(on)()
	return answers()
}

// positioned runs answers with ranked walks positioned on each match.
func positioned(answers func() []*search.Response) []*search.Response {
	defer search.SetDenseForTest(false)()
	defer search.SetSparseForTest(false)()
	return answers()
}

// sets runs answers with every search counted from sets.
func sets(answers func() []*search.Response) []*search.Response {
	defer search.SetSetsForTest(0)()
	return answers()
}

func withoutScores(hits []search.Hit) []search.Hit {
	out := append([]search.Hit(nil), hits...)
	for i := range out {
		out[i].Score = 0
	}
	return out
}

func hitIDs(r *search.Response) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

// compareAnswers checks that other answered every request exactly as one did.
func compareAnswers(t *testing.T, name string, one, many []*search.Response) {
	t.Helper()
	if len(one) != len(many) {
		t.Fatalf("%s: %d answers, %d in one walk through Bleve", name, len(many), len(one))
	}
	type view struct {
		Total     uint64
		IDs       []string
		Scores    []float64
		Facets    []search.Facet
		Histogram []search.Bar
		NextAfter string
	}
	viewOf := func(r *search.Response) view {
		v := view{Total: r.Total, Facets: r.Facets, Histogram: r.Histogram, NextAfter: r.NextAfter}
		for _, h := range r.Hits {
			v.IDs = append(v.IDs, h.ID)
			v.Scores = append(v.Scores, h.Score)
		}
		return v
	}
	for i := range one {
		if one[i].Total == 0 && one[i].Request.Query != "" && !strings.Contains(one[i].Request.Query, "notaword") {
			t.Errorf("%+v finds nothing in the test corpus: the test would prove little", one[i].Request)
		}
		if diff := cmp.Diff(viewOf(one[i]), viewOf(many[i])); diff != "" {
			t.Errorf("%s: %+v: (-one walk through Bleve +this):\n%s", name, one[i].Request, diff)
		}
	}
}
