package search_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/indexer/indexertest"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// testIndexDir holds the index of testdata/pages, built once by TestMain.
var testIndexDir string

func TestMain(m *testing.M) { indexertest.Main(m, &testIndexDir, "testdata/pages") }

// openTestIndex opens the shared test index.
func openTestIndex(t *testing.T) *search.Index {
	t.Helper()
	ix, err := search.Open(testIndexDir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func mustSearch(t *testing.T, ix *search.Index, req search.Request) *search.Response {
	t.Helper()
	resp, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %+v: %v", req, err)
	}
	return resp
}

func titles(hits []search.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Title)
	}
	return out
}

func facet(t *testing.T, resp *search.Response, field string) search.Facet {
	t.Helper()
	for _, f := range resp.Facets {
		if f.Field == field {
			return f
		}
	}
	t.Fatalf("no facet %s in response", field)
	return search.Facet{}
}

func count(f search.Facet, value string) (int, bool) {
	for _, v := range f.Values {
		if v.Value == value {
			return v.Count, v.Selected
		}
	}
	return -1, false
}

const testNotices = 12

func TestBrowseAllNewestFirst(t *testing.T) {
	ix := openTestIndex(t)
	resp := mustSearch(t, ix, search.Request{Size: 100})
	if resp.Total != testNotices {
		t.Fatalf("total = %d, want %d: %v", resp.Total, testNotices, titles(resp.Hits))
	}
	if resp.Request.Sort != search.SortNewest {
		t.Errorf("default sort without text = %q, want newest", resp.Request.Sort)
	}
	if got := resp.Hits[0].Title; got != "Universal Accreditation Act Reminder" {
		t.Errorf("newest first: first hit %q", got)
	}
	// The undated notice sorts after every dated one... unless its estimate places it.
	for i := 1; i < len(resp.Hits); i++ {
		a, b := resp.Hits[i-1].Date, resp.Hits[i].Date
		if a != "" && b != "" && a < b {
			t.Errorf("hits %d and %d out of order: %s before %s", i-1, i, a, b)
		}
	}
}

// Without its own filter, a single-valued facet's counts plus the notices without a value
// sum to the total.
func TestFacetCountsSumToTotal(t *testing.T) {
	ix := openTestIndex(t)
	for _, req := range []search.Request{
		{},
		{Query: "adoption"},
		{Query: "suspended"},
		{From: "2010", To: "2014"},
		{Filters: map[string][]string{schema.FieldType: {"alert"}}},
	} {
		req.FacetSize = 1000
		resp := mustSearch(t, ix, req)
		for _, field := range []string{schema.FieldCountry, schema.FieldType} {
			f := facet(t, resp, field)
			sum := f.Missing
			for _, v := range f.Values {
				sum += v.Count
			}
			if len(req.Filters[field]) == 0 && uint64(sum) != resp.Total {
				t.Errorf("%+v: %s counts sum to %d, total %d", req, field, sum, resp.Total)
			}
		}
	}
}

// With a country selected, the other countries' counts equal what a search for them
// alone gives (disjunctive faceting), and the selection stays marked.
func TestDisjunctiveCountryFacet(t *testing.T) {
	ix := openTestIndex(t)
	resp := mustSearch(t, ix, search.Request{Filters: map[string][]string{schema.FieldCountry: {"Cambodia"}}})
	if resp.Total != 2 {
		t.Fatalf("Cambodia: total %d, want 2 (%v)", resp.Total, titles(resp.Hits))
	}
	f := facet(t, resp, schema.FieldCountry)
	if n, sel := count(f, "Cambodia"); n != 2 || !sel {
		t.Errorf("Cambodia facet value = %d selected=%v, want 2 selected", n, sel)
	}
	for _, other := range []string{"Vietnam", "Guatemala", "Nepal"} {
		alone := mustSearch(t, ix, search.Request{Filters: map[string][]string{schema.FieldCountry: {other}}})
		if n, sel := count(f, other); uint64(n) != alone.Total || sel {
			t.Errorf("%s: facet count %d selected=%v, alone %d", other, n, sel, alone.Total)
		}
	}
	both := mustSearch(t, ix, search.Request{Filters: map[string][]string{schema.FieldCountry: {"Cambodia", "Vietnam"}}})
	if both.Total != 4 {
		t.Errorf("Cambodia OR Vietnam: total %d, want 4", both.Total)
	}
	// AND across facets: alerts of Vietnam only.
	and := mustSearch(t, ix, search.Request{Filters: map[string][]string{schema.FieldCountry: {"Vietnam"}, schema.FieldType: {"alert"}}})
	if diff := cmp.Diff([]string{"Concerns about Fraud in Vietnam Adoptions"}, titles(and.Hits)); diff != "" {
		t.Errorf("Vietnam alerts (-want +got):\n%s", diff)
	}
}

func TestSelectedValueWithoutHitsStillShown(t *testing.T) {
	ix := openTestIndex(t)
	resp := mustSearch(t, ix, search.Request{Query: "moratorium", Filters: map[string][]string{schema.FieldCountry: {"Vietnam"}}})
	if resp.Total != 0 {
		t.Fatalf("total %d, want 0", resp.Total)
	}
	f := facet(t, resp, schema.FieldCountry)
	if n, sel := count(f, "Vietnam"); n != 0 || !sel {
		t.Errorf("Vietnam = %d selected=%v, want 0 and selected", n, sel)
	}
	if n, _ := count(f, "Kenya"); n != 1 {
		t.Errorf("Kenya count = %d, want 1 (moratorium ignoring the country filter)", n)
	}
}

func TestDateRangeAndHistogram(t *testing.T) {
	ix := openTestIndex(t)
	resp := mustSearch(t, ix, search.Request{From: "2010", To: "2011", Size: 50})
	var got []string
	for _, h := range resp.Hits {
		got = append(got, h.Date)
	}
	want := []string{"2011-06-02", "2011-01-31", "2010-10-05", "2010-08-13"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("2010..2011 dates (-want +got):\n%s", diff)
	}
	month := mustSearch(t, ix, search.Request{From: "2012-03", To: "2012-03"})
	if month.Total != 1 || month.Hits[0].Date != "2012-03" {
		t.Errorf("March 2012: %d hits %v", month.Total, titles(month.Hits))
	}
	// The histogram ignores the date range it sets, is zero-filled and in year order,
	// and has a bar for the undated notice.
	var years []string
	inRange := map[string]bool{}
	counts := map[string]int{}
	for _, b := range resp.Histogram {
		years = append(years, b.Year)
		inRange[b.Year] = b.InRange
		counts[b.Year] = b.Count
	}
	wantYears := []string{"2007", "2008", "2009", "2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017", "2018", "2019", schema.YearUndated}
	if diff := cmp.Diff(wantYears, years); diff != "" {
		t.Errorf("histogram years (-want +got):\n%s", diff)
	}
	if counts["2009"] != 0 || counts["2010"] != 2 || counts[schema.YearUndated] != 1 {
		t.Errorf("histogram counts %v", counts)
	}
	if !inRange["2010"] || !inRange["2011"] || inRange["2012"] || inRange[schema.YearUndated] {
		t.Errorf("bars in range: %v", inRange)
	}
}

func TestQueries(t *testing.T) {
	ix := openTestIndex(t)
	for _, tc := range []struct {
		q    string
		want []string // titles, any order
	}{
		{`"second DNA test"`, []string{"Second DNA Test Required for Guatemala Adoptions"}},
		{`suspended NOT nepal`, []string{"Update on Status of Intercountry Adoptions from Cambodia", "Cambodia Delegation Visit", "Guatemala Pilot Program"}},
		{`moratorium OR duma`, []string{"Kenya Moratorium", "Russian Federation Adoption Ban"}},
		{`country:burma`, nil},
		{`country:"russian federation"`, []string{"Russian Federation Adoption Ban"}},
		{`fraud vietnam`, []string{"Concerns about Fraud in Vietnam Adoptions"}},
		{`date:2016`, []string{"Cambodia Delegation Visit"}},
		{`accredit*`, []string{"Universal Accreditation Act Reminder", "Vietnam Special Needs Program"}},
	} {
		resp := mustSearch(t, ix, search.Request{Query: tc.q, Size: 50})
		got := titles(resp.Hits)
		if diff := cmp.Diff(tc.want, got, cmpSorted); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.q, diff)
		}
	}
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
})

func TestBadQueriesAreUserErrors(t *testing.T) {
	ix := openTestIndex(t)
	for _, req := range []search.Request{
		{Query: `"Hague`},
		{Query: `(adoption`},
		{Query: `adoption~3`},
		{Query: `country:atlantis`},
		{Query: strings.Repeat("a", 2000)},
		{From: "20x0"},
		{From: "2014", To: "2010"},
		{Page: 101},
		{Size: 1000},
		{Sort: "random"},
		{After: "not-a-cursor"},
		{Filters: map[string][]string{"colour": {"red"}}},
	} {
		_, err := ix.Search(context.Background(), req)
		var qe *search.QueryError
		var se *search.SyntaxError
		if !errors.As(err, &qe) && !errors.As(err, &se) {
			t.Errorf("%+v: error %v (%T), want a user error", req, err, err)
		}
	}
}

func TestSnippetsAreEscapedAndMarked(t *testing.T) {
	ix := openTestIndex(t)
	resp := mustSearch(t, ix, search.Request{Query: "slowdown"})
	if resp.Total != 1 {
		t.Fatalf("slowdown: %d hits", resp.Total)
	}
	h := resp.Hits[0]
	s := string(h.Snippet)
	if !strings.Contains(s, "<mark>slowdown</mark>") {
		t.Errorf("snippet has no mark: %s", s)
	}
	if strings.Contains(s, "<img") || strings.Contains(s, "<script") {
		t.Errorf("snippet carries markup from the page: %s", s)
	}
	if strings.Contains(string(h.TitleHTML), "<script") {
		t.Errorf("title carries markup: %s", h.TitleHTML)
	}
}

func TestPagesAndCursor(t *testing.T) {
	ix := openTestIndex(t)
	all := mustSearch(t, ix, search.Request{Size: 100, NoFacets: true})
	var paged []string
	for page := 1; page <= 3; page++ {
		resp := mustSearch(t, ix, search.Request{Size: 5, Page: page, NoFacets: true})
		if resp.Pages != 3 {
			t.Errorf("pages = %d, want 3", resp.Pages)
		}
		for _, h := range resp.Hits {
			paged = append(paged, h.ID)
		}
	}
	var cursor []string
	after := ""
	for i := 0; i < 10; i++ {
		resp := mustSearch(t, ix, search.Request{Size: 5, After: after, NoFacets: true})
		for _, h := range resp.Hits {
			cursor = append(cursor, h.ID)
		}
		if after = resp.NextAfter; after == "" {
			break
		}
	}
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	if diff := cmp.Diff(want, paged); diff != "" {
		t.Errorf("pages 1-3 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, cursor); diff != "" {
		t.Errorf("cursor walk (-want +got):\n%s", diff)
	}
}

func TestNoticeCitationsAndAliases(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	resp := mustSearch(t, ix, search.Request{Query: `title:"delegation visit"`})
	if resp.Total != 1 {
		t.Fatalf("delegation visit: %d hits", resp.Total)
	}
	n, err := ix.Notice(ctx, resp.Hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(n.Body, "Ministry of Justice") || len(n.Captures) != 1 {
		t.Errorf("notice body/captures: %q %v", n.Body, n.Captures)
	}
	links, err := ix.Cited(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || len(links[0].Targets) != 1 || links[0].Targets[0].Date != "2014-02-17" {
		t.Fatalf("citations of %s: %+v", n.ID, links)
	}
	cited, err := ix.Notice(ctx, links[0].Targets[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	by, err := ix.CitedBy(ctx, cited, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(by) != 1 || by[0].ID != n.ID {
		t.Errorf("cited by: %v, want %s", titles(by), n.ID)
	}
	related, err := ix.Related(ctx, cited, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(related) == 0 || related[0].Country != "Cambodia" {
		t.Errorf("related to %s: %v", cited.ID, titles(related))
	}
	if _, err := ix.Notice(ctx, "atlantis-2020-01-01-aaaa"); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("unknown id: %v, want ErrNotFound", err)
	}
}

func TestCountries(t *testing.T) {
	ix := openTestIndex(t)
	list, err := ix.Countries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]search.CountryCount{}
	for _, c := range list {
		got[c.Name] = c
	}
	if c := got["Cambodia"]; c.Code != "KH" || c.Count != 2 || c.Latest != "2016-02-17" {
		t.Errorf("Cambodia: %+v", c)
	}
	if c := got[schema.GeneralCountry]; c.Count != 1 || c.Code != "" {
		t.Errorf("General: %+v", c)
	}
}

// The column path (facets counted from in-memory columns in one pass) must answer exactly
// as Bleve's own facet code does.
func TestColumnsAgreeWithBleveFacets(t *testing.T) {
	cols := openTestIndex(t)
	ref, err := search.Open(testIndexDir, search.Options{BleveFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	for _, req := range []search.Request{
		{},
		{Query: "adoption"},
		{Query: "suspended OR fraud"},
		{Query: `"special needs"`},
		{Filters: map[string][]string{schema.FieldCountry: {"Cambodia", "Vietnam"}}},
		{Query: "adoption", Filters: map[string][]string{schema.FieldCountry: {"Nepal", "Guatemala"}, schema.FieldType: {"alert"}}},
		{From: "2010", To: "2013-06"},
		{Query: "cases", From: "2007", Sort: search.SortOldest},
		{Filters: map[string][]string{schema.FieldCountry: {"Atlantis"}}},
		{Size: 3, Page: 2},
	} {
		req.FacetSize = 100
		a := mustSearch(t, cols, req)
		b := mustSearch(t, ref, req)
		if a.Total != b.Total {
			t.Errorf("%+v: total %d, Bleve %d", req, a.Total, b.Total)
		}
		if diff := cmp.Diff(b.Facets, a.Facets); diff != "" {
			t.Errorf("%+v: facets (-bleve +columns):\n%s", req, diff)
		}
		if diff := cmp.Diff(b.Histogram, a.Histogram); diff != "" {
			t.Errorf("%+v: histogram (-bleve +columns):\n%s", req, diff)
		}
		ids := func(r *search.Response) []string {
			var out []string
			for _, h := range r.Hits {
				out = append(out, h.ID)
			}
			return out
		}
		opt := cmp.Options{}
		if a.Request.Sort == search.SortRelevance {
			opt = cmp.Options{cmpSorted} // equal scores may tie-break differently
		}
		if diff := cmp.Diff(ids(b), ids(a), opt); diff != "" {
			t.Errorf("%+v: hits (-bleve +columns):\n%s", req, diff)
		}
	}
}

// Phrases are found through word pairs, but their snippets still mark the words.
func TestPhraseSnippetsAreMarked(t *testing.T) {
	ix := openTestIndex(t)
	for _, q := range []string{`"second DNA test"`, `"pilot program"`, `guatemala "pilot program" -nepal`} {
		resp := mustSearch(t, ix, search.Request{Query: q})
		if resp.Total == 0 {
			t.Fatalf("%s: no hits", q)
		}
		if s := string(resp.Hits[0].Snippet); !strings.Contains(s, "<mark>") {
			t.Errorf("%s: snippet without marks: %s", q, s)
		}
	}
}

// Browsing answers are kept per generation; a kept answer equals a fresh one.
func TestBrowseAnswersAreKept(t *testing.T) {
	ix := openTestIndex(t)
	first := mustSearch(t, ix, search.Request{Page: 2, Size: 5})
	second := mustSearch(t, ix, search.Request{Page: 2, Size: 5})
	fresh, err := search.Open(testIndexDir, search.Options{BleveFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	ref := mustSearch(t, fresh, search.Request{Page: 2, Size: 5})
	for _, r := range []*search.Response{second, ref} {
		if diff := cmp.Diff(titles(first.Hits), titles(r.Hits)); diff != "" {
			t.Errorf("hits differ (-first +other):\n%s", diff)
		}
		if diff := cmp.Diff(first.Facets, r.Facets); diff != "" {
			t.Errorf("facets differ (-first +other):\n%s", diff)
		}
	}
}

// Kept browsing answers and the country list are shared by concurrent searches (run with
// -race).
func TestConcurrentBrowsingAndCountries(t *testing.T) {
	ix := openTestIndex(t)
	done := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			var err error
			for j := 0; j < 20 && err == nil; j++ {
				if _, err = ix.Search(context.Background(), search.Request{Page: 1 + j%2, Size: 5}); err == nil {
					_, err = ix.Countries(context.Background())
				}
			}
			done <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// A phrase holds within the title or within the body, never across them: "Nepal Update"
// followed by the body "Adoptions from Nepal remain suspended" holds neither
// "update adoptions" nor "nepal update adoptions".
func TestPhrasesDoNotJoinTitleAndBody(t *testing.T) {
	ix := openTestIndex(t)
	for _, q := range []string{`"update adoptions"`, `"nepal update adoptions"`, `"moratorium kenya has"`} {
		if resp := mustSearch(t, ix, search.Request{Query: q}); resp.Total != 0 {
			t.Errorf("%s: %d hits %v, want none", q, resp.Total, titles(resp.Hits))
		}
	}
	for _, q := range []string{`"adoptions from nepal"`, `"nepal update"`, `"kenya has imposed"`} {
		if resp := mustSearch(t, ix, search.Request{Query: q}); resp.Total == 0 {
			t.Errorf("%s: no hits", q)
		}
	}
}
