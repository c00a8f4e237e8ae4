package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestMeasure(t *testing.T) {
	rel := func(ids ...string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	ranked := func(n int, at map[int]string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "x" + string(rune('a'+i))
		}
		for r, id := range at {
			out[r-1] = id
		}
		return out
	}
	ln := func(r float64) float64 { return 1 / math.Log2(r+1) }
	tests := []struct {
		name     string
		ranked   []string
		relevant map[string]bool
		want     Metrics
	}{
		{"first", []string{"a", "b"}, rel("a"), Metrics{MRR: 1, NDCG: 1, Recall: 1}},
		{"second", []string{"b", "a"}, rel("a"), Metrics{MRR: 0.5, NDCG: ln(2), Recall: 1}},
		{"none", []string{"b", "c"}, rel("a"), Metrics{}},
		{"two of three", []string{"a", "x", "b"}, rel("a", "b", "c"),
			Metrics{MRR: 1, NDCG: (1 + ln(3)) / (1 + ln(2) + ln(3)), Recall: 2.0 / 3}},
		{"rank 11 counts for recall only", ranked(20, map[int]string{11: "a"}), rel("a"), Metrics{Recall: 1}},
		{"rank 21 counts for nothing", ranked(25, map[int]string{21: "a"}), rel("a"), Metrics{}},
		{"nothing judged", []string{"a"}, rel(), Metrics{}},
	}
	for _, tt := range tests {
		got := measure(tt.ranked, tt.relevant)
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestReadSet(t *testing.T) {
	s, err := ReadSet(strings.NewReader(`# judged by hand
{"query": "Nepal 2010", "class": "country+year", "relevant": ["a/nepal.html"]}

// another
{"query": "DRC", "class": "synonym", "relevant": ["a/drc.html", "b/drc.html"], "note": "alias"}
{"query": "Nepal", "class": "country+year", "relevant": ["a/nepal.html"]}
`), "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Queries) != 3 || s.Queries[1].Note != "alias" {
		t.Errorf("queries %+v", s.Queries)
	}
	if diff := cmp.Diff([]string{"country+year", "synonym"}, s.Classes()); diff != "" {
		t.Errorf("classes (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		``,
		`{"query": "", "class": "c", "relevant": ["x"]}`,
		`{"query": "q", "relevant": ["x"]}`,
		`{"query": "q", "class": "c", "relevant": []}`,
		`{"query": "q", "class": "c", "relevant": ["x"], "grade": 2}`,
		`not json`,
	} {
		if _, err := ReadSet(strings.NewReader(bad), "bad"); err == nil {
			t.Errorf("ReadSet(%q): no error", bad)
		}
	}
}

func TestBuiltinSets(t *testing.T) {
	for _, name := range []string{SetArchive, SetTestdata} {
		s, err := Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, q := range s.Queries {
			if seen[q.Query] {
				t.Errorf("%s: query %q twice", name, q.Query)
			}
			seen[q.Query] = true
		}
	}
	if s, _ := Builtin(SetArchive); len(s.Queries) < 40 {
		t.Errorf("the archive set has %d queries, want 40 or more", len(s.Queries))
	}
	if _, err := Builtin("nope"); err == nil {
		t.Error("Builtin(nope): no error")
	}
}

func TestResolve(t *testing.T) {
	s := sources{}
	s.add("/data/corpus/aem/cambodia-2014.html", "kh-1")
	s.add("/data/corpus/family-2004/cambodia-2014.html", "kh-1") // a capture of the same notice
	s.add("/data/corpus/aem/nepal.html", "np-1")
	s.add("/other/adoption-gov/nepal.html", "np-2")
	for _, tt := range []struct {
		page, id string
		ok       bool
	}{
		{"aem/cambodia-2014.html", "kh-1", true},
		{"cambodia-2014.html", "kh-1", true}, // two pages, one notice
		{"aem/nepal.html", "np-1", true},
		{"nepal.html", "", false}, // ambiguous
		{"/data/corpus/aem/nepal.html", "np-1", true},
		{"m/nepal.html", "", false}, // not at a path boundary
		{"haiti.html", "", false},
	} {
		id, ok := s.resolve(tt.page)
		if ok != tt.ok || ok && id != tt.id {
			t.Errorf("resolve(%q) = %q, %v; want %q, %v", tt.page, id, ok, tt.id, tt.ok)
		}
	}
}

func TestReportCheckAndFormat(t *testing.T) {
	rep := &Report{Set: "s", Results: []Result{
		{Query: Query{Query: "a", Class: "x"}, Metrics: Metrics{MRR: 1, NDCG: 1, Recall: 1}, Ranks: []int{1}},
		{Query: Query{Query: "b", Class: "y"}, Metrics: Metrics{MRR: 0.5}, Ranks: []int{2}, Fuzzy: true, DidYouMean: "bb"},
	}}
	rep.summarize([]string{"x", "y"})
	if rep.Overall.MRR != 0.75 {
		t.Errorf("overall MRR %v, want 0.75", rep.Overall.MRR)
	}
	if err := rep.Check(0.7, 0.5); err != nil {
		t.Errorf("Check(0.7, 0.5): %v", err)
	}
	err := rep.Check(0.9, 0.75)
	if err == nil || !strings.Contains(err.Error(), "overall MRR@10 0.750 < 0.90") || !strings.Contains(err.Error(), `class "y"`) {
		t.Errorf("Check(0.9, 0.75) = %v", err)
	}
	var b strings.Builder
	if err := rep.Format(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "| y | 1 | 0.500 | 0.000 | 0.000 |") {
		t.Errorf("Format:\n%s", b.String())
	}
	b.Reset()
	if err := rep.FormatQueries(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `fuzzy; did you mean "bb"`) {
		t.Errorf("FormatQueries:\n%s", b.String())
	}
}
