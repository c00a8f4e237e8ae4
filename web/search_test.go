package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

const testNotices = 14 // notices in testdata/pages (15 pages, one a second capture)

func TestSearchPageBrowse(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/", http.StatusOK)

	if got := doc.Find("ol.hits > li.hit").Length(); got != testNotices {
		t.Errorf("%d hits listed, want %d", got, testNotices)
	}
	if got := strings.Join(strings.Fields(doc.Find("[data-result-count]").Text()), " "); !strings.HasPrefix(got, "1–14 of 14 notices") {
		t.Errorf("result count %q", got)
	}
	// Without query text the newest come first.
	var dates []string
	doc.Find("li.hit .hit-meta time").Each(func(_ int, s *goquery.Selection) {
		if !s.Parent().Is(".estimate") {
			dates = append(dates, s.AttrOr("datetime", ""))
		}
	})
	if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("dates not newest first: %v", dates)
	}
	// Facets: one section per facet with counts; every country has a link.
	for _, f := range []string{"country", "topic", "ministry", "type"} {
		if doc.Find("#facet-"+f).Length() != 1 {
			t.Errorf("no %s facet", f)
		}
	}
	countries := map[string]int{}
	doc.Find(`section[aria-labelledby="facet-country"] a.facet-value`).Each(func(_ int, s *goquery.Selection) {
		n, _ := strconv.Atoi(s.Find(".count").Text())
		countries[s.Find(".label").Text()] = n
	})
	if countries["Ethiopia"] != 2 || countries["Cambodia"] != 1 || countries["Ukraine"] != 1 {
		t.Errorf("country facet = %v", countries)
	}
	// Long facet lists fold behind "more" with a filter box for scripts to show.
	more := doc.Find(`section[aria-labelledby="facet-country"] details.facet-more`)
	if more.Length() != 1 || more.Find("summary").Length() != 1 || more.Find("input[data-facet-filter]").Length() != 1 {
		t.Errorf("country facet has no fold with a filter box")
	}
	// The histogram: one bar link per year with notices, each setting from=to=year.
	bars := doc.Find("figure.histogram svg a")
	if bars.Length() < 8 {
		t.Errorf("%d histogram links", bars.Length())
	}
	bars.Each(func(_ int, s *goquery.Selection) {
		q := query(t, s.AttrOr("href", ""))
		if q.Get("from") == "" || q.Get("from") != q.Get("to") || len(q.Get("from")) != 4 {
			t.Errorf("bar link %q does not set one year", s.AttrOr("href", ""))
		}
	})
	// The sort switch offers no relevance without query text.
	if got := texts(doc.Find("nav.sort a")); !slices.Equal(got, []string{"Newest", "Oldest"}) {
		t.Errorf("sort links %v", got)
	}
	if doc.Find(`nav.sort a[aria-current]`).Text() != "Newest" {
		t.Error("newest is not marked as the current sort")
	}
	// Export links and the Atom feed of the search.
	if doc.Find(`link[rel=alternate][type="application/atom+xml"]`).Length() != 1 {
		t.Error("no feed link in the head")
	}
	if doc.Find("p.exports a").Length() != 3 {
		t.Error("no CSV/Atom/JSON links")
	}
}

func TestSearchQuery(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/?q=suspended", http.StatusOK)
	if n := doc.Find("li.hit").Length(); n == 0 || n >= testNotices {
		t.Fatalf("%d hits for 'suspended'", n)
	}
	if doc.Find("li.hit .snippet mark").Length() == 0 {
		t.Error("no highlighted words in snippets")
	}
	if v, _ := doc.Find("input#q").Attr("value"); v != "suspended" {
		t.Errorf("search box holds %q", v)
	}
	if doc.Find(`nav.sort a[aria-current]`).Text() != "Relevance" {
		t.Error("relevance is not the current sort for a query")
	}
	if !strings.Contains(doc.Find(".took").Text(), " ms)") {
		t.Error("no time taken")
	}
	// Every hit shows its country, date, type and provenance.
	doc.Find("li.hit").Each(func(i int, s *goquery.Selection) {
		if s.Find(".hit-meta a").Length() == 0 || s.Find(".type").Text() == "" || s.Find(".provenance a.external").Length() == 0 {
			t.Errorf("hit %d lacks country, type or source: %s", i, s.Text())
		}
	})
}

func TestFacetSelectAndRemove(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/?q=adoption", http.StatusOK)
	total := doc.Find("li.hit").Length()

	// Select a country, then a type: the URL carries exactly the facet's values.
	link := doc.Find(`section[aria-labelledby="facet-country"] a.facet-value`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(".label").Text() == "Ethiopia"
	})
	href, ok := link.Attr("href")
	if !ok {
		t.Fatal("no Ethiopia facet value")
	}
	if q := query(t, href); q.Get("country") != "Ethiopia" || q.Get("q") != "adoption" {
		t.Fatalf("facet link %q", href)
	}
	doc = e.page(href, http.StatusOK)
	if n := doc.Find("li.hit").Length(); n != 2 {
		t.Errorf("%d Ethiopia hits, want 2", n)
	}
	doc.Find("li.hit .hit-meta a").First().Each(func(_ int, s *goquery.Selection) {
		if s.Text() != "Ethiopia" {
			t.Errorf("hit from %s", s.Text())
		}
	})
	if got := texts(doc.Find(".chips li.chip")); len(got) != 1 || !strings.Contains(got[0], "Country: Ethiopia") {
		t.Errorf("chips %v", got)
	}
	sel := doc.Find(`section[aria-labelledby="facet-country"] a.facet-value.selected`)
	if sel.Length() != 1 || sel.AttrOr("aria-current", "") != "true" {
		t.Errorf("selected facet value not marked")
	}
	// The search form keeps the filter as a hidden field.
	if doc.Find(`form.search-form input[type=hidden][name=country][value=Ethiopia]`).Length() != 1 {
		t.Error("the search form drops the country filter")
	}
	typeLink := doc.Find(`section[aria-labelledby="facet-type"] a.facet-value`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(".label").Text() == "Alert"
	}).AttrOr("href", "")
	if q := query(t, typeLink); q.Get("type") != "alert" || q.Get("country") != "Ethiopia" {
		t.Fatalf("type link %q", typeLink)
	}
	doc = e.page(typeLink, http.StatusOK)
	if n := doc.Find("li.hit").Length(); n != 1 {
		t.Errorf("%d Ethiopian alerts, want 1", n)
	}
	// Removing the country chip leaves the type filter; clearing leaves the query.
	remove := doc.Find(".chips li.chip").First().Find("a.chip-remove").AttrOr("href", "")
	if q := query(t, remove); q.Get("country") != "" || q.Get("type") != "alert" || q.Get("q") != "adoption" {
		t.Errorf("chip removal link %q", remove)
	}
	clear := doc.Find(".chips a.clear-all").AttrOr("href", "")
	if clear != "/?q=adoption" {
		t.Errorf("clear link %q", clear)
	}
	doc = e.page(clear, http.StatusOK)
	if n := doc.Find("li.hit").Length(); n != total {
		t.Errorf("after clearing: %d hits, want %d", n, total)
	}
	// Toggling the selected value off is the same as removing the chip.
	doc = e.page("/?q=adoption&country=Ethiopia", http.StatusOK)
	off := doc.Find(`a.facet-value.selected`).AttrOr("href", "")
	if off != "/?q=adoption" {
		t.Errorf("toggle-off link %q", off)
	}
}

func TestFacetValuesRoundTrip(t *testing.T) {
	// Every facet value link filters to exactly its count.
	e := newEnv(t)
	doc := e.page("/?facet_size=1000", http.StatusOK)
	n := 0
	doc.Find("a.facet-value").Each(func(_ int, s *goquery.Selection) {
		href := s.AttrOr("href", "")
		want, _ := strconv.Atoi(s.Find(".count").Text())
		page := e.page(href, http.StatusOK)
		if got := page.Find("li.hit").Length(); got != want {
			t.Errorf("%s: %d hits, facet said %d", href, got, want)
		}
		n++
	})
	if n < 20 {
		t.Errorf("only %d facet values", n)
	}
}

func TestHistogramBarSetsYear(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/", http.StatusOK)
	href := doc.Find(`figure.histogram svg a[aria-label^="2013:"]`).AttrOr("href", "")
	if href != "/?from=2013&to=2013" {
		t.Fatalf("2013 bar links to %q", href)
	}
	doc = e.page(href, http.StatusOK)
	dates := attrs(doc.Find("li.hit .hit-meta time"), "datetime")
	if len(dates) != 2 {
		t.Errorf("2013 has %d notices, want 2: %v", len(dates), dates)
	}
	for _, d := range dates {
		if !strings.HasPrefix(d, "2013") {
			t.Errorf("notice of %s in 2013", d)
		}
	}
	if got := texts(doc.Find(".chips li.chip")); len(got) != 1 || !strings.Contains(got[0], "Date: 2013") {
		t.Errorf("chips %v", got)
	}
}

func TestPagination(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	path := "/?size=4"
	for pages := 0; path != ""; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		doc := e.page(path, http.StatusOK)
		doc.Find("li.hit h3 a").Each(func(_ int, s *goquery.Selection) {
			href := s.AttrOr("href", "")
			if seen[href] {
				t.Errorf("%s listed twice", href)
			}
			seen[href] = true
		})
		if cur := doc.Find(`nav.pager a[aria-current=page]`).Text(); cur != strconv.Itoa(pages+1) {
			t.Errorf("page %d marked as %q", pages+1, cur)
		}
		path = doc.Find(`nav.pager a[rel=next]`).AttrOr("href", "")
	}
	if len(seen) != testNotices {
		t.Errorf("pages listed %d notices, want %d", len(seen), testNotices)
	}
	doc := e.page("/?size=4&page=2", http.StatusOK)
	if got := doc.Find(`nav.pager a[rel=prev]`).AttrOr("href", ""); got != "/?size=4" {
		t.Errorf("prev link %q", got)
	}
	if got := doc.Find("ol.hits").AttrOr("start", ""); got != "5" {
		t.Errorf("second page starts at %q", got)
	}
}

func TestSortSwitch(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/?sort=oldest", http.StatusOK)
	first := doc.Find("li.hit .hit-meta time").First().AttrOr("datetime", "")
	if first != "2008-08-19" {
		t.Errorf("oldest first is %q", first)
	}
	if got := doc.Find(`nav.sort a[aria-current]`).Text(); got != "Oldest" {
		t.Errorf("current sort %q", got)
	}
}

func TestDidYouMean(t *testing.T) {
	e := newEnv(t)
	var api struct {
		DidYouMean string `json:"did_you_mean"`
		Total      int    `json:"total"`
	}
	e.json("/api/search?q=guatamala+pilot", http.StatusOK, &api)
	doc := e.page("/?q=guatamala+pilot", http.StatusOK)
	link := doc.Find("p.did-you-mean a")
	if api.DidYouMean == "" {
		if link.Length() != 0 {
			t.Error("a suggestion shows though the search made none")
		}
		t.Skip("the search suggests nothing for this typo")
	}
	if link.Text() != api.DidYouMean || query(t, link.AttrOr("href", "")).Get("q") != api.DidYouMean {
		t.Errorf("did-you-mean link %q %q, want %q", link.Text(), link.AttrOr("href", ""), api.DidYouMean)
	}
}

func TestBadQueries(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		params string
		msg    string // part of the message shown
	}{
		{`q="unclosed+quote`, "unclosed quote"},
		{`q=visa+)`, ""},
		{`q=date:2014-13`, ""},
		{`q=` + strings.Repeat("a", 1001), "too long"},
		{`page=0`, "page"},
		{`page=101`, "page"},
		{`page=two`, "page"},
		{`size=1000`, "size"},
		{`sort=best`, "sort"},
		{`from=2014-13`, "from"},
		{`from=2014&to=2010`, "ends"},
		{`versions=some`, "versions"},
		{`facet_size=1001`, "facet_size"},
		{`country=Atlantis`, ""},
	} {
		resp, body := e.get("/?" + tc.params)
		if tc.params == "country=Atlantis" && resp.StatusCode == http.StatusOK {
			continue // an unknown filter value may simply find nothing
		}
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("/?%s: status %d, want 400", tc.params, resp.StatusCode)
			continue
		}
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(body))
		msg := doc.Find("#search-results .error-box .error-message").Text()
		if msg == "" || !strings.Contains(strings.ToLower(msg), tc.msg) {
			t.Errorf("/?%s: message %q, want one about %q", tc.params, msg, tc.msg)
		}
		// The form stays, holding the query to fix.
		if doc.Find("form.search-form input#q").Length() != 1 {
			t.Errorf("/?%s: no search form on the error page", tc.params)
		}
		var api struct {
			Error  string `json:"error"`
			Status int    `json:"status"`
		}
		e.json("/api/search?"+tc.params, http.StatusBadRequest, &api)
		if api.Status != 400 || api.Error != msg {
			t.Errorf("/api/search?%s: %+v, want the page's message %q", tc.params, api, msg)
		}
	}
	// A syntax error marks where it is.
	doc := e.page(`/?q=visa+"open`, http.StatusBadRequest)
	if got := doc.Find(".query-mark mark").Text(); got != `"open` {
		t.Errorf("marked %q", got)
	}
}

func TestEmptyResults(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/?q=zzzzqqqq", http.StatusOK)
	if doc.Find("li.hit").Length() != 0 || doc.Find(".empty").Length() != 1 {
		t.Error("no empty-result advice")
	}
	if !strings.Contains(doc.Find("[data-result-count]").Text(), "No notices") {
		t.Errorf("count %q", doc.Find("[data-result-count]").Text())
	}
}

func TestAdvancedSearch(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/advanced?country=Nepal", http.StatusOK)
	if doc.Find(`select[name=country] option[value=Nepal][selected]`).Length() != 1 {
		t.Error("the form is not prefilled from the URL")
	}
	for _, name := range []string{"all", "phrase", "any", "none", "from", "to"} {
		id := doc.Find(`[name=`+name+`]`).AttrOr("id", "")
		if id == "" || doc.Find(`label[for=`+id+`]`).Length() != 1 {
			t.Errorf("field %s has no label", name)
		}
	}
	if doc.Find(`input[name=topic]`).Length() == 0 || doc.Find(`input[name=type]`).Length() == 0 {
		t.Error("no topic or type choices")
	}
	v := url.Values{"adv": {"1"}, "all": {"adoption"}, "phrase": {"pending cases"}, "any": {"guatemala ethiopia"}, "none": {"ban"}, "country": {"Guatemala"}, "from": {"2013"}}
	resp, _ := e.get("/advanced?" + v.Encode())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: status %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	want := `/?q=` + url.QueryEscape(`adoption "pending cases" (guatemala OR ethiopia) -ban`) + `&country=Guatemala&from=2013`
	if loc != want {
		t.Errorf("redirect to %q, want %q", loc, want)
	}
	doc = e.page(loc, http.StatusOK)
	if n := doc.Find("li.hit").Length(); n != 2 {
		t.Errorf("%d hits, want the 2 Guatemala notices", n)
	}
}

func TestHelpExamplesRun(t *testing.T) {
	e := newEnv(t)
	doc := e.page("/help", http.StatusOK)
	links := doc.Find("table.syntax a")
	if links.Length() < 12 {
		t.Fatalf("%d examples", links.Length())
	}
	links.Each(func(_ int, s *goquery.Selection) {
		if resp, _ := e.get(s.AttrOr("href", "")); resp.StatusCode != http.StatusOK {
			t.Errorf("example %q: status %d", s.Text(), resp.StatusCode)
		}
	})
}
