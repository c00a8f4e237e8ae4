package web_test

import (
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/web"
)

func TestCSV(t *testing.T) {
	e := newEnv(t)
	e.app.SetExportPageSize(3) // many pages over the small index
	resp, body := e.get("/search.csv?sort=oldest")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Error("not offered as a download")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"id", "date", "country", "type", "title", "topics", "ministries", "url", "permalink"}; !slices.Equal(rows[0], want) {
		t.Errorf("header %v", rows[0])
	}
	rows = rows[1:]
	if len(rows) != testNotices {
		t.Fatalf("%d rows, want %d", len(rows), testNotices)
	}
	ids := map[string]bool{}
	var dates []string
	for _, r := range rows {
		if ids[r[0]] {
			t.Errorf("%s twice", r[0])
		}
		ids[r[0]] = true
		if r[8] != e.srv.URL+"/notices/"+r[0] {
			t.Errorf("permalink %q", r[8])
		}
		if r[1] != "" {
			dates = append(dates, r[1])
		}
	}
	if !slices.IsSorted(dates) {
		t.Errorf("rows not in the search's order: %v", dates)
	}
	// Filters apply.
	_, body = e.get("/search.csv?country=Nepal")
	if rows, _ := csv.NewReader(strings.NewReader(body)).ReadAll(); len(rows) != 3 {
		t.Errorf("Nepal: %d lines, want header and 2", len(rows))
	}
	// A bad query is an error page, not a broken file.
	if resp, _ := e.get(`/search.csv?q=%22open`); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad query: status %d", resp.StatusCode)
	}
}

func TestCSVRowLimit(t *testing.T) {
	e := newEnv(t, func(c *web.Config) { c.CSVRowLimit = 5 })
	e.app.SetExportPageSize(2)
	resp, body := e.get("/search.csv")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Errorf("%d lines, want header and 5", len(rows))
	}
	if resp.Header.Get("X-Truncated") != "true" || resp.Header.Get("X-Total-Count") != "14" {
		t.Errorf("headers %v", resp.Header)
	}
}

// atomFeed is the part of an Atom feed the tests read.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func TestAtom(t *testing.T) {
	e := newEnv(t, func(c *web.Config) { c.BaseURL = "https://archive.example.org" })
	resp, body := e.get("/search.atom?q=adoption&country=Ethiopia")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var f atomFeed
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	if len(f.Entries) != 2 || !strings.Contains(f.Title, "Ethiopia") {
		t.Fatalf("feed %q with %d entries", f.Title, len(f.Entries))
	}
	first := f.Entries[0]
	id := e.findID("Bans Intercountry Adoption")
	if first.ID != "tag:archive.example.org,2025:notice:"+id {
		t.Errorf("entry id %q", first.ID)
	}
	if first.Link.Href != "https://archive.example.org/notices/"+id {
		t.Errorf("entry link %q", first.Link.Href)
	}
	if first.Published != "2018-01-09T00:00:00Z" {
		t.Errorf("published %q, want the notice date", first.Published)
	}
	n, err := e.ix.Notice(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if first.Updated != n.FirstHeld.UTC().Format(time.RFC3339) {
		t.Errorf("updated %q, want first held %v", first.Updated, n.FirstHeld)
	}
	// Newest first, whatever the search's sort; ids stable between requests.
	if f.Entries[1].Published > first.Published {
		t.Error("entries not newest first")
	}
	_, again := e.get("/search.atom?q=adoption&country=Ethiopia&sort=oldest")
	var g atomFeed
	xml.Unmarshal([]byte(again), &g)
	if len(g.Entries) != 2 || g.Entries[0].ID != first.ID || g.ID != f.ID {
		t.Error("feed or entry ids change between requests")
	}
}

func TestOpenSearch(t *testing.T) {
	e := newEnv(t)
	resp, body := e.get("/opensearch.xml")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/opensearchdescription+xml; charset=utf-8" {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var d struct {
		ShortName string `xml:"ShortName"`
		URLs      []struct {
			Type     string `xml:"type,attr"`
			Template string `xml:"template,attr"`
		} `xml:"Url"`
	}
	if err := xml.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if d.ShortName == "" || len(d.URLs) == 0 || d.URLs[0].Template != e.srv.URL+"/?q={searchTerms}" {
		t.Errorf("description %+v", d)
	}
	doc := e.page("/help", http.StatusOK)
	if doc.Find(`link[rel=search][href="/opensearch.xml"]`).Length() != 1 {
		t.Error("pages do not link the OpenSearch description")
	}
}
