package web

import (
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

func TestParseStateEncodeRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		raw  string // query string as a user may write it
		want string // the canonical form
	}{
		{"", ""},
		{"q=hague", "q=hague"},
		{"q=+hague++", "q=hague"},
		{"q=%2Bhague+-visa", "q=%2Bhague+-visa"},
		{"country=Cambodia&q=x", "q=x&country=Cambodia"},
		{"type=alert&country=Nepal&country=Cambodia&country=Nepal", "country=Nepal&country=Cambodia&type=alert"},
		{"topic=fees&ministry=Ministry+of+Justice", "topic=fees&ministry=Ministry+of+Justice"},
		{"to=2014&from=2010", "from=2010&to=2014"},
		{"page=1", ""},
		{"page=3&size=50&sort=oldest", "sort=oldest&size=50&page=3"},
		{"page=3&after=abc", "after=abc"},
		{"versions=latest", ""},
		{"versions=all&facet_size=1000", "facet_size=1000&versions=all"},
		{"country=+&unknown=1", ""},
		{"country=C%C3%B4te+d%27Ivoire", "country=C%C3%B4te+d%27Ivoire"},
	} {
		v, err := url.ParseQuery(tc.raw)
		if err != nil {
			t.Fatal(err)
		}
		st, err := ParseState(v)
		if err != nil {
			t.Errorf("ParseState(%q): %v", tc.raw, err)
			continue
		}
		if got := st.Encode(); got != tc.want {
			t.Errorf("ParseState(%q).Encode() = %q, want %q", tc.raw, got, tc.want)
		}
		// The canonical form parses to itself.
		v2, _ := url.ParseQuery(st.Encode())
		st2, err := ParseState(v2)
		if err != nil || st2.Encode() != st.Encode() {
			t.Errorf("canonical form %q does not round-trip: %q, %v", st.Encode(), st2.Encode(), err)
		}
	}
}

func TestParseStateErrors(t *testing.T) {
	for _, raw := range []string{"page=x", "page=0", "page=-2", "size=ten", "facet_size=1.5", "versions=some"} {
		v, _ := url.ParseQuery(raw)
		_, err := ParseState(v)
		if _, ok := err.(*search.QueryError); !ok {
			t.Errorf("ParseState(%q) = %v, want a *search.QueryError", raw, err)
		}
	}
}

func TestStateChanges(t *testing.T) {
	st := State{Query: "fees", Page: 4, Sort: "newest", Filters: map[string][]string{"country": {"Nepal"}}}
	for _, tc := range []struct {
		name string
		got  State
		want string
	}{
		{"add filter", st.WithFilter("country", "Haiti"), "q=fees&country=Nepal&country=Haiti&sort=newest"},
		{"add twice", st.WithFilter("country", "Nepal"), "q=fees&country=Nepal&sort=newest"},
		{"remove", st.WithoutFilter("country", "Nepal"), "q=fees&sort=newest"},
		{"toggle off", st.Toggle("country", "Nepal"), "q=fees&sort=newest"},
		{"toggle on", st.Toggle("type", "alert"), "q=fees&country=Nepal&type=alert&sort=newest"},
		{"range", st.WithRange("2012", "2012"), "q=fees&country=Nepal&from=2012&to=2012&sort=newest"},
		{"query", st.WithQuery("visa"), "q=visa&country=Nepal&sort=newest"},
		{"sort", st.WithSort("oldest"), "q=fees&country=Nepal&sort=oldest"},
		{"page", st.WithPage(2), "q=fees&country=Nepal&sort=newest&page=2"},
		{"after", st.WithAfter("c1"), "q=fees&country=Nepal&sort=newest&after=c1"},
		{"facet size keeps page", st.WithFacetSize(1000), "q=fees&country=Nepal&sort=newest&facet_size=1000&page=4"},
	} {
		if got := tc.got.Encode(); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := st.Encode(); got != "q=fees&country=Nepal&sort=newest&page=4" {
		t.Errorf("changes leaked into the original state: %q", got)
	}
}

func TestStateRequest(t *testing.T) {
	v, _ := url.ParseQuery("q=hague&country=Nepal&from=2010&page=2&size=5&versions=all&after=x")
	st, err := ParseState(v)
	if err != nil {
		t.Fatal(err)
	}
	got := st.Request()
	want := search.Request{
		Query: "hague", Filters: map[string][]string{"country": {"Nepal"}}, From: "2010",
		Page: 0, Size: 5, After: "x", AllVersions: true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Request() mismatch (-want +got):\n%s", diff)
	}
}

func TestPageWindow(t *testing.T) {
	for _, tc := range []struct {
		cur, last int
		want      []int
	}{
		{1, 1, nil},
		{1, 2, []int{1, 2}},
		{1, 10, []int{1, 2, 3, 0, 10}},
		{5, 10, []int{1, 0, 3, 4, 5, 6, 7, 0, 10}},
		{4, 10, []int{1, 2, 3, 4, 5, 6, 0, 10}},
		{10, 10, []int{1, 0, 8, 9, 10}},
		{99, 100, []int{1, 0, 97, 98, 99, 100}},
	} {
		if diff := cmp.Diff(tc.want, pageWindow(tc.cur, tc.last)); diff != "" {
			t.Errorf("pageWindow(%d, %d) (-want +got):\n%s", tc.cur, tc.last, diff)
		}
	}
}

func TestPager(t *testing.T) {
	st := State{Query: "x"}
	resp := func(page, pages int, after, next string) *search.Response {
		return &search.Response{Request: search.Request{Page: page, After: after}, Pages: pages, NextAfter: next}
	}
	for _, tc := range []struct {
		name string
		st   State
		resp *search.Response
		want pagerView
	}{
		{"one page", st, resp(1, 1, "", ""), pagerView{}},
		{"first of three", st, resp(1, 3, "", ""), pagerView{
			Next:  "/?q=x&page=2",
			Pages: []pageLink{{N: 1, URL: "/?q=x", Current: true}, {N: 2, URL: "/?q=x&page=2"}, {N: 3, URL: "/?q=x&page=3"}},
		}},
		{"last numbered page continues with the cursor", st.WithPage(100), resp(100, 100, "", "c100"), pagerView{
			Prev:  "/?q=x&page=99",
			Next:  "/?q=x&after=c100",
			Pages: []pageLink{{N: 1, URL: "/?q=x"}, {}, {N: 98, URL: "/?q=x&page=98"}, {N: 99, URL: "/?q=x&page=99"}, {N: 100, URL: "/?q=x&page=100", Current: true}},
		}},
		{"cursor page", st.WithAfter("c100"), resp(1, 100, "c100", "c101"), pagerView{
			First: "/?q=x", Next: "/?q=x&after=c101",
		}},
		{"last cursor page", st.WithAfter("c200"), resp(1, 100, "c200", ""), pagerView{First: "/?q=x"}},
	} {
		if diff := cmp.Diff(tc.want, pager(tc.st, tc.resp, "/")); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestAdvancedQueryBuild(t *testing.T) {
	for _, tc := range []struct {
		in   AdvancedQuery
		want string
	}{
		{AdvancedQuery{}, ""},
		{AdvancedQuery{All: "hague  convention"}, "hague convention"},
		{AdvancedQuery{Phrase: `central "authority"`}, `"central authority"`},
		{AdvancedQuery{Any: "haiti"}, "haiti"},
		{AdvancedQuery{Any: "haiti nepal kenya"}, "(haiti OR nepal OR kenya)"},
		{AdvancedQuery{None: "orphan visa"}, "-orphan -visa"},
		{AdvancedQuery{All: "fees", Phrase: "pending cases", Any: "a b", None: "c"}, `fees "pending cases" (a OR b) -c`},
		// Input that the syntax would read as operators or fields means itself.
		{AdvancedQuery{All: "AND country:x -y +z (w)"}, `"AND" "country:x" y z w`},
		{AdvancedQuery{Any: "OR"}, `"OR"`},
		{AdvancedQuery{None: "-- +"}, ""},
	} {
		if got := tc.in.Build(); got != tc.want {
			t.Errorf("%+v.Build() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAdvancedQueryParses(t *testing.T) {
	// Whatever is typed into the form, the query it writes is valid syntax.
	for _, in := range []AdvancedQuery{
		{All: `"`, Phrase: `"`, Any: `( )`, None: `"`},
		{All: "AND OR NOT", Any: "title: date:", None: "+ -"},
		{All: "adopt* fuzzy~", Phrase: "a:b c", Any: "“curly” „quotes”"},
	} {
		q := in.Build()
		if q == "" {
			continue
		}
		if _, err := search.Parse(q); err != nil {
			t.Errorf("%+v.Build() = %q, which does not parse: %v", in, q, err)
		}
	}
}

func TestAdvancedState(t *testing.T) {
	v, _ := url.ParseQuery("adv=1&all=hague&phrase=&any=a+b&none=&country=Cambodia&from=2010&page=3")
	st, submitted, err := advancedState(v)
	if err != nil || !submitted {
		t.Fatalf("advancedState: %v, %v", submitted, err)
	}
	if got, want := st.URL("/"), "/?q=hague+%28a+OR+b%29&country=Cambodia&from=2010"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
	v, _ = url.ParseQuery("q=visa&country=Nepal")
	if st, submitted, _ := advancedState(v); submitted || st.Query != "visa" {
		t.Errorf("an unsubmitted form is prefilled: got submitted=%v, %+v", submitted, st)
	}
}

func TestMarkQuery(t *testing.T) {
	for _, tc := range []struct {
		q    string
		pos  int
		want *QueryMark
	}{
		{"", 0, nil},
		{"abc", -1, nil},
		{`visa "open`, 5, &QueryMark{Before: "visa ", At: `"open`}},
		{"a ) b", 2, &QueryMark{Before: "a ", At: ")", After: " b"}},
		{"abc", 3, &QueryMark{Before: "abc", At: " "}},
		{"héllo wörld", 6, &QueryMark{Before: "héllo ", At: "wörld"}},
	} {
		if diff := cmp.Diff(tc.want, markQuery(tc.q, tc.pos)); diff != "" {
			t.Errorf("markQuery(%q, %d) (-want +got):\n%s", tc.q, tc.pos, diff)
		}
	}
}

func TestHistogram(t *testing.T) {
	bars := []search.Bar{{Year: "2010", Count: 4}, {Year: "2011", Count: 0}, {Year: "2012", Count: 2, InRange: true}, {Year: "undated", Count: 1}}
	h := histogram(bars, State{From: "2012", To: "2012"}, "/")
	if h == nil || len(h.Bars) != 4 || h.Max != 4 || h.Total != 7 {
		t.Fatalf("histogram = %+v", h)
	}
	for i, want := range []struct {
		url string
		out bool
	}{
		{"/?from=2010&to=2010", true},
		{"", true}, // an empty year links nowhere
		{"/?from=2012&to=2012", false},
		{"", true}, // no date range selects undated notices
	} {
		if b := h.Bars[i]; b.URL != want.url || b.Out != want.out {
			t.Errorf("bar %s: URL %q out %v, want %q %v", b.Year, b.URL, b.Out, want.url, want.out)
		}
	}
	if h.Bars[0].H <= h.Bars[2].H || h.Bars[1].H != 0 {
		t.Errorf("bar heights not proportional: %v %v %v", h.Bars[0].H, h.Bars[1].H, h.Bars[2].H)
	}
	if histogram(nil, State{}, "/") != nil || histogram([]search.Bar{{Year: "2010"}}, State{}, "/") != nil {
		t.Error("an empty histogram is drawn")
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{formatDate("2014-02-17"), "February 17, 2014"},
		{formatDate("2010-03"), "March 2010"},
		{formatDate("2014"), "2014"},
		{formatDate(""), ""},
		{formatCount(1234567), "1,234,567"},
		{formatCount(uint64(999)), "999"},
		{plural(1, "notice", "notices"), "1 notice"},
		{plural(uint64(2500), "notice", "notices"), "2,500 notices"},
		{bibEscape(`50% of {x} & y_z`), `50\% of \{x\} \& y\_z`},
		{cell("=HYPERLINK(x)"), "'=HYPERLINK(x)"},
		{cell("Nepal"), "Nepal"},
		{countryURL("KH", "Cambodia"), "/countries/kh"},
		{formatTook(400 * time.Microsecond), "0.4 ms"},
		{formatTook(123 * time.Millisecond), "123 ms"},
		{formatTook(1250 * time.Millisecond), "1.25 s"},
		{countryURL("", "General"), "/?country=General"},
		{rangeLabel("2010", "2014"), "2010 – 2014"},
		{rangeLabel("2012-06", ""), "from June 2012"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"cambodia-2014-02-17-kcfq": true,
		"a":                        true,
		"":                         false,
		"-lead":                    false,
		"Upper":                    false,
		"under_score":              false,
		"../etc":                   false,
		string(make([]byte, 81)):   false,
	} {
		if got := schema.ValidID(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}
