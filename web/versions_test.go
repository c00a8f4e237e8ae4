package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/indexertest"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
	"github.com/noticearchive/noticearchive/web"
)

// The notice whose text changes: the same in the 2014 and 2015 captures, with a
// sentence added (holding markup-like text) in the 2016 capture.
const (
	versionsTitle = "Kyrgyzstan Adoption Processing Update"
	addedSentence = `Families should write to <script>alert("v")</script> & wait for an answer.`
)

var versionsParagraphs = []string{
	"The Department of State informs prospective adoptive parents that the State Agency for Social Protection of Kyrgyzstan has resumed the review of intercountry adoption dossiers.",
	"Cases registered before the moratorium will be processed first. The Agency has not announced when it will accept new applications, and the Department continues to seek information on the procedures that will apply.",
	"Adoption service providers should confirm the status of each case with the Agency before families travel to Bishkek.",
}

// versionPage is an archived notice page with these paragraphs.
func versionPage(paras []string) string {
	var body strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&body, "<p>%s</p>\n", p)
	}
	return fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>
<link rel="canonical" href="https://travel.state.gov/content/adoptionsabroad/en/country-information/alerts-and-notices/kyrgyzstan-update.html"></head>
<body><nav><ul><li><a href="/a">Albania</a></li><li><a href="/c">Chile</a></li></ul></nav>
<main><h1>Kyrgyzstan</h1><h2>Notice: %s</h2><p class="date">April 2, 2013</p>
%s</main><footer>Bureau of Consular Affairs</footer></body></html>`, versionsTitle, versionsTitle, body.String())
}

// newVersionsEnv serves an index built from three Wayback captures of one notice, whose
// text changes in the last, and one notice captured once.
func newVersionsEnv(t *testing.T) *env {
	t.Helper()
	src := t.TempDir()
	changed := append([]string(nil), versionsParagraphs...)
	changed[1] += " " + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(addedSentence)
	pages := map[string]string{
		"web/20140301000000/travel.state.gov/kyrgyzstan-update.html": versionPage(versionsParagraphs),
		"web/20150301000000/travel.state.gov/kyrgyzstan-update.html": versionPage(versionsParagraphs),
		"web/20160301000000/travel.state.gov/kyrgyzstan-update.html": versionPage(changed),
		"web/20160301000000/travel.state.gov/belarus.html": strings.NewReplacer("Kyrgyzstan Adoption Processing Update", "Belarus Adoption Notice", "<h1>Kyrgyzstan</h1>", "<h1>Belarus</h1>",
			"kyrgyzstan-update", "belarus", "Bishkek", "Minsk", "of Kyrgyzstan", "of Belarus").Replace(versionPage(versionsParagraphs[:1])),
	}
	for name, html := range pages {
		path := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := indexertest.Build(t, src)
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	store, err := archive.OpenStore(filepath.Join(dir, schema.OriginalsDir))
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(web.Config{Searcher: ix, Originals: store})
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, app, ix)
}

func TestVersions(t *testing.T) {
	e := newVersionsEnv(t)
	latest := e.findID("Processing Update")
	earlier := latest + "-v1"
	other := e.findID("Belarus Adoption Notice")

	t.Run("notice page lists the versions", func(t *testing.T) {
		doc := e.page("/notices/"+latest, http.StatusOK)
		if doc.Find(".version-banner").Length() != 0 {
			t.Error("the current version says it is an earlier one")
		}
		if !strings.Contains(doc.Find(".notice-body").Text(), "wait for an answer") {
			t.Error("the current version lacks the added sentence")
		}
		rows := doc.Find("table.versions-table tbody tr")
		want := [][]string{
			{"Version 2 newest shown", "March 1, 2016", "1", "what changed"},
			{"Version 1", "March 1, 2014 to March 1, 2015", "2", ""},
		}
		if rows.Length() != len(want) {
			t.Fatalf("%d version rows, want %d", rows.Length(), len(want))
		}
		rows.Each(func(i int, row *goquery.Selection) {
			if got := texts(row.Children()); strings.Join(got, "|") != strings.Join(want[i], "|") {
				t.Errorf("row %d: %q, want %q", i, got, want[i])
			}
		})
		if got := rows.Eq(1).Find("th a").AttrOr("href", ""); got != "/notices/"+earlier {
			t.Errorf("earlier version links to %q", got)
		}
		if !rows.Eq(0).HasClass("current") || rows.Eq(1).HasClass("current") {
			t.Error("the row of the version shown is not marked")
		}
		if got := rows.Eq(0).Find("td a").AttrOr("href", ""); got != "/notices/"+latest+"/diff?from="+earlier+"&to="+latest {
			t.Errorf("what changed links to %q", got)
		}
		if got := rows.Eq(1).Find("time").AttrOr("datetime", ""); got != "2014-03-01T00:00:00Z" {
			t.Errorf("first capture datetime %q", got)
		}
		// Related notices do not list the notice's own versions.
		doc.Find("aside.related a").Each(func(_ int, a *goquery.Selection) {
			if href := a.AttrOr("href", ""); href == "/notices/"+earlier {
				t.Errorf("related lists the earlier version")
			}
		})
	})

	t.Run("earlier version page", func(t *testing.T) {
		doc := e.page("/notices/"+earlier, http.StatusOK)
		banner := doc.Find(".version-banner")
		text := strings.Join(strings.Fields(banner.Text()), " ")
		if !strings.Contains(text, "This is an earlier version of "+versionsTitle+" (version 1 of 2, captured March 1, 2014 to March 1, 2015)") {
			t.Errorf("banner %q", text)
		}
		if got := attrs(banner.Find("a"), "href"); strings.Join(got, " ") != "/notices/"+latest+" /notices/"+latest+" /notices/"+latest+"/diff?from="+earlier+"&to="+latest {
			t.Errorf("banner links %q", got)
		}
		if strings.Contains(doc.Find(".notice-body").Text(), "wait for an answer") {
			t.Error("the earlier version shows the added sentence")
		}
		if got := texts(doc.Find("table.versions-table tr.current th")); len(got) != 1 || got[0] != "Version 1 shown" {
			t.Errorf("current row %q", got)
		}
		if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != e.srv.URL+"/notices/"+earlier {
			t.Errorf("canonical %q", got)
		}
	})

	t.Run("diff shows the added sentence", func(t *testing.T) {
		for _, path := range []string{
			"/notices/" + latest + "/diff",
			"/notices/" + latest + "/diff?from=" + earlier + "&to=" + latest,
			"/notices/" + earlier + "/diff?to=" + latest, // from an earlier version's id too
		} {
			resp, body := e.get(path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d", path, resp.StatusCode)
			}
			if strings.Contains(body, "<script>alert") {
				t.Errorf("%s: the added text is not escaped", path)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			ins := texts(doc.Find(".diff-body ins"))
			if len(ins) != 1 || ins[0] != addedSentence {
				t.Errorf("%s: added %q, want %q", path, ins, addedSentence)
			}
			if n := doc.Find(".diff-body del").Length(); n != 0 {
				t.Errorf("%s: %d removals", path, n)
			}
			// Paragraphs are kept; the unchanged ones are left out, the changed one
			// shows its context.
			paras := doc.Find(".diff-body > p")
			if got := texts(paras.Filter(".diff-gap-para")); strings.Join(got, "|") != "… 25 unchanged words|… 18 unchanged words" {
				t.Errorf("%s: gaps %q", path, got)
			}
			changed := strings.Join(strings.Fields(paras.Not(".diff-gap-para").Text()), " ")
			if !strings.HasPrefix(changed, "… the Department continues to seek") || !strings.HasSuffix(changed, addedSentence) {
				t.Errorf("%s: changed paragraph %q", path, changed)
			}
			if got := strings.Join(strings.Fields(doc.Find(".lead").Text()), " "); !strings.Contains(got, "From version 1 (captured March 1, 2014 to March 1, 2015) to version 2 (captured March 1, 2016), the current version: 10 words added, 0 words removed.") {
				t.Errorf("%s: lead %q", path, got)
			}
			if got := doc.Find(`select[name=from] option[selected]`).AttrOr("value", ""); got != earlier {
				t.Errorf("%s: from selected %q", path, got)
			}
			if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != e.srv.URL+"/notices/"+latest+"/diff?from="+earlier+"&to="+latest {
				t.Errorf("%s: canonical %q", path, got)
			}
		}
		// The other way round, the sentence is removed.
		doc := e.page("/notices/"+latest+"/diff?from="+latest+"&to="+earlier, http.StatusOK)
		if got := texts(doc.Find(".diff-body del")); len(got) != 1 || got[0] != addedSentence {
			t.Errorf("removed %q", got)
		}
		if doc.Find(".diff-body ins").Length() != 0 {
			t.Error("additions in the reverse comparison")
		}
		// The form works without JavaScript: it submits to the same page.
		form := doc.Find("form.diff-form")
		if form.AttrOr("action", "") != "/notices/"+latest+"/diff" || form.AttrOr("method", "") != "get" {
			t.Errorf("form %q %q", form.AttrOr("action", ""), form.AttrOr("method", ""))
		}
	})

	t.Run("diff ids are checked", func(t *testing.T) {
		for _, tc := range []struct {
			path   string
			status int
		}{
			{"/notices/" + latest + "/diff?from=" + other, http.StatusBadRequest},
			{"/notices/" + latest + "/diff?to=" + latest + "-v7", http.StatusBadRequest},
			{"/notices/" + latest + "/diff?from=" + url.QueryEscape(`<script>alert(1)</script>`), http.StatusBadRequest},
			{"/notices/" + other + "/diff", http.StatusNotFound}, // one version
			{"/notices/no-such-notice/diff", http.StatusNotFound},
			{"/notices/" + url.PathEscape("Bad Id") + "/diff", http.StatusNotFound},
		} {
			resp, body := e.get(tc.path)
			if resp.StatusCode != tc.status {
				t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
			}
			if strings.Contains(body, "<script>alert") {
				t.Errorf("%s: unescaped input", tc.path)
			}
		}
	})

	t.Run("search includes earlier versions on request", func(t *testing.T) {
		ids := func(doc *goquery.Document) []string {
			return attrs(doc.Find("li.hit h3 a"), "href")
		}
		doc := e.page("/?q=moratorium", http.StatusOK)
		if got := ids(doc); strings.Join(got, " ") != "/notices/"+latest {
			t.Errorf("default search finds %q", got)
		}
		if doc.Find(".hit-version").Length() != 0 {
			t.Error("a current version is labelled earlier")
		}
		// The switch: current versions marked, earlier ones a link away.
		sw := doc.Find("nav.versions-switch a")
		if got := attrs(sw.Filter(".current"), "href"); len(got) != 1 || query(t, got[0]).Get("versions") != "" {
			t.Errorf("current switch %q", got)
		}
		all := sw.Not(".current").AttrOr("href", "")
		if q := query(t, all); q.Get("versions") != "all" || q.Get("q") != "moratorium" {
			t.Fatalf("switch links to %q", all)
		}

		doc = e.page(all, http.StatusOK)
		got := ids(doc)
		if len(got) != 2 || !strings.Contains(strings.Join(got, " "), "/notices/"+earlier) {
			t.Fatalf("versions=all finds %q", got)
		}
		labels := doc.Find(".hit-version")
		if labels.Length() != 1 {
			t.Fatalf("%d hits labelled as earlier versions", labels.Length())
		}
		hit := labels.Closest("li.hit")
		if href := hit.Find("h3 a").AttrOr("href", ""); href != "/notices/"+earlier {
			t.Errorf("the label is on %q", href)
		}
		if text := strings.Join(strings.Fields(labels.Text()), " "); text != "Earlier version Version 1 of 2, captured March 1, 2014 to March 1, 2015. Current version" {
			t.Errorf("label %q", text)
		}
		if href := labels.Find("a").AttrOr("href", ""); href != "/notices/"+latest {
			t.Errorf("label links to %q", href)
		}
		if got := attrs(doc.Find("nav.versions-switch a.current"), "href"); len(got) != 1 || query(t, got[0]).Get("versions") != "all" {
			t.Errorf("current switch %q", got)
		}
		// The query form keeps the choice.
		if doc.Find(`form.search-form input[type=hidden][name=versions][value=all]`).Length() != 1 {
			t.Error("the search form drops versions=all")
		}
		// The country timeline labels them too.
		doc = e.page("/countries/kg?versions=all", http.StatusOK)
		if doc.Find(".hit-version").Length() != 1 {
			t.Errorf("country timeline: %d earlier versions labelled", doc.Find(".hit-version").Length())
		}
	})

	t.Run("advanced form", func(t *testing.T) {
		doc := e.page("/advanced", http.StatusOK)
		box := doc.Find(`input[type=checkbox][name=versions]`)
		if box.AttrOr("value", "") != "all" || box.AttrOr("checked", "none") != "none" {
			t.Errorf("versions checkbox %v", box.Nodes)
		}
		if e.page("/advanced?versions=all", http.StatusOK).Find(`input[name=versions][checked]`).Length() != 1 {
			t.Error("the form does not show versions=all")
		}
		resp, _ := e.get("/advanced?adv=1&all=moratorium&versions=all")
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/?q=moratorium&versions=all" {
			t.Errorf("submitted form: %d %q", resp.StatusCode, loc)
		}
	})

	t.Run("api lists the versions", func(t *testing.T) {
		var n struct {
			ID       string `json:"id"`
			Latest   bool   `json:"latest"`
			Versions []struct {
				ID        string `json:"id"`
				Number    int    `json:"number"`
				Latest    bool   `json:"latest"`
				First     string `json:"first"`
				Last      string `json:"last"`
				Captures  int    `json:"captures"`
				Permalink string `json:"permalink"`
				Changes   string `json:"changes"`
			} `json:"versions"`
		}
		e.json("/api/notices/"+latest, http.StatusOK, &n)
		if !n.Latest || len(n.Versions) != 2 {
			t.Fatalf("latest %v, versions %+v", n.Latest, n.Versions)
		}
		v1, v2 := n.Versions[0], n.Versions[1]
		if v1.ID != earlier || v1.Number != 1 || v1.Latest || v1.Captures != 2 || v1.First != "2014-03-01T00:00:00Z" || v1.Last != "2015-03-01T00:00:00Z" || v1.Changes != "" || v1.Permalink != e.srv.URL+"/notices/"+earlier {
			t.Errorf("version 1 %+v", v1)
		}
		if v2.ID != latest || v2.Number != 2 || !v2.Latest || v2.Captures != 1 || v2.Changes != e.srv.URL+"/notices/"+latest+"/diff?from="+earlier+"&to="+latest {
			t.Errorf("version 2 %+v", v2)
		}
		e.json("/api/notices/"+earlier, http.StatusOK, &n)
		if n.ID != earlier || n.Latest || len(n.Versions) != 2 {
			t.Errorf("earlier: id %s latest %v versions %d", n.ID, n.Latest, len(n.Versions))
		}
		e.json("/api/notices/"+other, http.StatusOK, &n)
		if !n.Latest || n.Versions == nil || len(n.Versions) != 0 {
			t.Errorf("one version: latest %v versions %+v", n.Latest, n.Versions)
		}
	})

	t.Run("openapi describes the versions", func(t *testing.T) {
		var doc map[string]any
		e.json("/api/openapi.json", http.StatusOK, &doc)
		schema := resolve(t, doc, map[string]any{"$ref": "#/components/schemas/Notice"})
		for _, id := range []string{latest, earlier} {
			var v any
			e.json("/api/notices/"+id, http.StatusOK, &v)
			for _, missing := range undescribed(t, doc, schema, v, "") {
				t.Errorf("%s: %s is not described", id, missing)
			}
		}
	})

	t.Run("every link works", func(t *testing.T) {
		if n := crawl(t, e, 120); n < 20 {
			t.Errorf("crawled only %d pages", n)
		}
	})
}
