package indexer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/archive/archivetest"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// warcNotice is a small notice page in markup of its own; chrome varies its navigation
// without changing the notice's text.
func warcNotice(country, date, title, body, chrome string) []byte {
	return []byte(fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head>
<body><nav><ul><li><a href="/a">Albania</a></li><li><a href="/c">Chile</a></li>%s</ul></nav>
<main><h1>%s</h1><h2>Notice: %s</h2><p class="date">%s</p>
<p>%s</p><p>The Department of State continues to monitor intercountry adoption from %s closely.</p></main>
<footer>Bureau of Consular Affairs</footer></body></html>`, title, chrome, country, title, date, body, country))
}

const (
	warcHTML     = "Content-Type: text/html; charset=utf-8"
	warcGhanaURL = "https://travel.state.gov/adoption/ghana.html"
	warcGhana    = "Ghana's Department of Social Welfare is reviewing all adoption cases. The office hours are Monday through Thursday."
	warcPeruBody = "Peru's central authority announced new procedures for matching children with families abroad."
	warcLaosBody = "The Embassy in Vientiane reminds families that Laos is not a party to the Hague Adoption Convention."
)

// warcResponse is a 200 response record for an HTML page, with the header lines given.
func warcResponse(uri string, date time.Time, body []byte, header ...string) archivetest.Record {
	if len(header) == 0 {
		header = []string{warcHTML, fmt.Sprintf("Content-Length: %d", len(body))}
	}
	return archivetest.Record{URI: uri, Date: date, Block: archivetest.HTTPResponse(200, header, body),
		Header: map[string]string{"WARC-Payload-Digest": archivetest.PayloadDigest(body)}}
}

// warcRevisit is a revisit record of the n-th record, whose payload was body.
func warcRevisit(uri string, date time.Time, n int, body []byte) archivetest.Record {
	return archivetest.Record{Type: "revisit", URI: uri, Date: date,
		Header: map[string]string{
			"WARC-Profile":        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
			"WARC-Refers-To":      "<" + archivetest.ID(n) + ">",
			"WARC-Payload-Digest": archivetest.PayloadDigest(body),
		},
		Block: archivetest.HTTPResponse(200, []string{warcHTML}, nil)}
}

func warcDay(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 10, 30, 0, 0, time.UTC) }

// warcBuild indexes the sources into a new index directory.
func warcBuild(t *testing.T, sources ...string) (string, *indexer.Summary) {
	t.Helper()
	dir := t.TempDir()
	sum, err := indexer.Build(context.Background(), sources, indexer.Options{Dir: dir, SkipForceMerge: true, Workers: 2})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return dir, sum
}

// warcDoc is one stored document of the index.
type warcDoc struct {
	ID, URL, Title, Body, Country, Date, Version string
	Topics                                       []string
	Meta                                         schema.Meta
}

// warcDocs reads every document of the current generation, by id.
func warcDocs(t *testing.T, dir string) map[string]warcDoc {
	t.Helper()
	gen, err := schema.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.OpenUsing(filepath.Join(gen, schema.BleveDir), map[string]interface{}{"read_only": true, "bolt_timeout": "2s"})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
	req.Fields = []string{"*"}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	str := func(v interface{}) string { s, _ := v.(string); return s }
	docs := map[string]warcDoc{}
	for _, h := range res.Hits {
		d := warcDoc{ID: h.ID, URL: str(h.Fields[schema.FieldURL]), Title: str(h.Fields[schema.FieldTitle]),
			Body: str(h.Fields[schema.FieldBody]), Country: str(h.Fields[schema.FieldCountry]),
			Date: str(h.Fields[schema.FieldDateText]), Version: str(h.Fields[schema.FieldVersion])}
		switch v := h.Fields[schema.FieldTopic].(type) {
		case string:
			d.Topics = []string{v}
		case []interface{}:
			for _, x := range v {
				d.Topics = append(d.Topics, str(x))
			}
		}
		sort.Strings(d.Topics)
		if err := json.Unmarshal([]byte(str(h.Fields[schema.FieldMeta])), &d.Meta); err != nil {
			t.Fatalf("meta of %s: %v", h.ID, err)
		}
		d.Version = schema.VersionLatest
		docs[h.ID] = d
	}
	// The version field is indexed, not stored: ask which documents are earlier versions.
	q := bleve.NewTermQuery(schema.VersionEarlier)
	q.SetField(schema.FieldVersion)
	res, err = idx.Search(bleve.NewSearchRequestOptions(q, 10000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		d := docs[h.ID]
		d.Version = schema.VersionEarlier
		docs[h.ID] = d
	}
	return docs
}

// warcOnly returns the single document of docs.
func warcOnly(t *testing.T, docs map[string]warcDoc) warcDoc {
	t.Helper()
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	for _, d := range docs {
		return d
	}
	panic("unreachable")
}

// warcOriginals counts the bodies of the original-page store.
func warcOriginals(t *testing.T, dir string) int {
	t.Helper()
	s, err := archive.OpenStore(filepath.Join(dir, schema.OriginalsDir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Len()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// warcCaptures lists the source and time of a notice's captures.
func warcCaptures(m schema.Meta) []string {
	var out []string
	for _, c := range m.Captures {
		out = append(out, c.Source+" "+c.Time.UTC().Format(time.RFC3339))
	}
	return out
}

func warcSkips(sum *indexer.Summary) map[string]int {
	out := map[string]int{}
	for _, s := range sum.Skipped {
		out[s.Reason]++
	}
	return out
}

// TestBuildWARCGzipPerRecord indexes a WARC compressed record by record, with request,
// warcinfo and metadata records around chunked and gzip-encoded responses. The capture
// time is the WARC-Date and the source names the record's offset.
func TestBuildWARCGzipPerRecord(t *testing.T) {
	src := t.TempDir()
	path := filepath.Join(src, "crawl.warc.gz")
	ghana := warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", warcGhana, "")
	peru := warcNotice("Peru", "June 1, 2011", "New Procedures in Peru", warcPeruBody, "")
	laos := warcNotice("Laos", "May 9, 2012", "Laos and the Hague Convention", warcLaosBody, "")
	offsets := archivetest.WriteWARCFile(t, path, true,
		archivetest.Record{Type: "warcinfo", ContentType: "application/warc-fields", Block: []byte("software: test\r\n")},
		archivetest.Record{Type: "request", URI: warcGhanaURL, ContentType: "application/http;msgtype=request",
			Block: []byte("GET /adoption/ghana.html HTTP/1.1\r\nHost: travel.state.gov\r\n\r\n")},
		warcResponse(warcGhanaURL, warcDay(2013, 4, 2), ghana),
		warcResponse("http://travel.state.gov/peru.html", warcDay(2011, 7, 3), archivetest.Chunked(archivetest.Gzip(peru), 100),
			warcHTML, "Transfer-Encoding: chunked", "Content-Encoding: gzip"),
		archivetest.Record{Type: "metadata", URI: warcGhanaURL, ContentType: "application/warc-fields", Block: []byte("outlinks: none\r\n")},
		warcResponse("http://travel.state.gov/laos.html", warcDay(2012, 6, 10), archivetest.Gzip(laos), warcHTML, "Content-Encoding: gzip"),
	)
	dir, sum := warcBuild(t, src)
	if sum.PagesRead != 3 || sum.NoticesIndexed != 3 || sum.PagesSkipped != 0 || sum.CapturesMerged != 0 {
		t.Fatalf("summary %+v", sum)
	}
	got := map[string]string{}
	for _, d := range warcDocs(t, dir) {
		got[d.Country] = d.URL + " " + strings.Join(warcCaptures(d.Meta), ",")
	}
	want := map[string]string{
		"Ghana": fmt.Sprintf("%s %s#%d 2013-04-02T10:30:00Z", warcGhanaURL, path, offsets[2]),
		"Peru":  fmt.Sprintf("http://travel.state.gov/peru.html %s#%d 2011-07-03T10:30:00Z", path, offsets[3]),
		"Laos":  fmt.Sprintf("http://travel.state.gov/laos.html %s#%d 2012-06-10T10:30:00Z", path, offsets[5]),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("notices (-want +got):\n%s", diff)
	}
}

// TestBuildWARCTruncated indexes the records before a WARC breaks off and reports the
// break as a skipped source with its reason.
func TestBuildWARCTruncated(t *testing.T) {
	for _, gz := range []bool{true, false} {
		name := "cut.warc"
		if gz {
			name += ".gz"
		}
		t.Run(name, func(t *testing.T) {
			src := t.TempDir()
			path := filepath.Join(src, name)
			offsets := archivetest.WriteWARCFile(t, path, gz,
				warcResponse(warcGhanaURL, warcDay(2013, 4, 2), warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", warcGhana, "")),
				warcResponse("http://travel.state.gov/peru.html", warcDay(2011, 7, 3), warcNotice("Peru", "June 1, 2011", "New Procedures in Peru", warcPeruBody, "")),
				warcResponse("http://travel.state.gov/laos.html", warcDay(2012, 6, 10), warcNotice("Laos", "May 9, 2012", "Laos and the Hague Convention", warcLaosBody, "")),
			)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			// Cut the last record in the middle.
			if err := os.Truncate(path, offsets[2]+(fi.Size()-offsets[2])/2); err != nil {
				t.Fatal(err)
			}
			dir, sum := warcBuild(t, src)
			if sum.NoticesIndexed != 2 || sum.PagesSkipped != 1 {
				t.Fatalf("summary %+v, skipped %v", sum, sum.Skipped)
			}
			skip := sum.Skipped[0]
			if skip.Reason != archive.ReasonTruncated || skip.Source != fmt.Sprintf("%s#%d", path, offsets[2]) || skip.Err == nil {
				t.Errorf("skipped %v, want %s#%d: %s", skip, path, offsets[2], archive.ReasonTruncated)
			}
			var countries []string
			for _, d := range warcDocs(t, dir) {
				countries = append(countries, d.Country)
			}
			sort.Strings(countries)
			if diff := cmp.Diff([]string{"Ghana", "Peru"}, countries); diff != "" {
				t.Errorf("notices (-want +got):\n%s", diff)
			}
			gen, err := schema.CurrentGeneration(dir)
			if err != nil {
				t.Fatal(err)
			}
			report, err := os.ReadFile(filepath.Join(gen, schema.ReportFile))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(report), archive.ReasonTruncated) {
				t.Errorf("report does not name the break:\n%s", report)
			}
		})
	}
}

// TestBuildWARCRevisits merges revisit records into the notice whose capture they
// repeat, found by WARC-Refers-To or by payload digest; a revisit of a page never read
// is skipped.
func TestBuildWARCRevisits(t *testing.T) {
	src := t.TempDir()
	path := filepath.Join(src, "revisits.warc.gz")
	ghana := warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", warcGhana, "")
	byDigest := warcRevisit(warcGhanaURL, warcDay(2015, 1, 1), 0, ghana)
	delete(byDigest.Header, "WARC-Refers-To")
	offsets := archivetest.WriteWARCFile(t, path, true,
		warcResponse(warcGhanaURL, warcDay(2013, 4, 2), ghana),
		warcResponse("http://travel.state.gov/peru.html", warcDay(2011, 7, 3), warcNotice("Peru", "June 1, 2011", "New Procedures in Peru", warcPeruBody, "")),
		warcRevisit(warcGhanaURL, warcDay(2014, 2, 1), 0, ghana),
		byDigest,
		warcRevisit("http://travel.state.gov/gone.html", warcDay(2014, 2, 1), 99, []byte("never archived")),
	)
	dir, sum := warcBuild(t, src)
	if sum.PagesRead != 5 || sum.NoticesIndexed != 2 || sum.CapturesMerged != 2 || sum.Versions != 0 || sum.PagesSkipped != 1 {
		t.Fatalf("summary %+v, skipped %v", sum, sum.Skipped)
	}
	if diff := cmp.Diff(map[string]int{archive.ReasonRevisitUnref: 1}, warcSkips(sum)); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
	var ghanaDoc warcDoc
	for _, d := range warcDocs(t, dir) {
		if d.Country == "Ghana" {
			ghanaDoc = d
		}
	}
	want := []string{
		fmt.Sprintf("%s#%d 2013-04-02T10:30:00Z", path, offsets[0]),
		fmt.Sprintf("%s#%d 2014-02-01T10:30:00Z", path, offsets[2]),
		fmt.Sprintf("%s#%d 2015-01-01T10:30:00Z", path, offsets[3]),
	}
	if diff := cmp.Diff(want, warcCaptures(ghanaDoc.Meta)); diff != "" {
		t.Errorf("Ghana captures (-want +got):\n%s", diff)
	}
	if len(ghanaDoc.Meta.Versions) != 0 {
		t.Errorf("versions %+v, want none: the revisits repeat the same text", ghanaDoc.Meta.Versions)
	}
	if n := warcOriginals(t, dir); n != 2 {
		t.Errorf("%d originals stored, want 2 (a revisit adds none)", n)
	}
}

// TestBuildWARCSkipsNonHTML skips and counts non-HTML and non-200 responses.
func TestBuildWARCSkipsNonHTML(t *testing.T) {
	src := t.TempDir()
	css := []byte("body{color:#222}")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	notFound := []byte("<html><head><title>Not Found</title></head><body><h1>Not Found</h1></body></html>")
	archivetest.WriteWARCFile(t, filepath.Join(src, "mixed.warc.gz"), true,
		warcResponse(warcGhanaURL, warcDay(2013, 4, 2), warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", warcGhana, "")),
		warcResponse("https://travel.state.gov/site.css", warcDay(2013, 4, 2), css, "Content-Type: text/css", fmt.Sprintf("Content-Length: %d", len(css))),
		warcResponse("https://travel.state.gov/seal.png", warcDay(2013, 4, 2), png, "Content-Type: image/png", fmt.Sprintf("Content-Length: %d", len(png))),
		archivetest.Record{URI: "https://travel.state.gov/missing.html", Date: warcDay(2013, 4, 2),
			Block: archivetest.HTTPResponse(404, []string{warcHTML}, notFound)},
		archivetest.Record{URI: "http://travel.state.gov/adoption", Date: warcDay(2013, 4, 2),
			Block: archivetest.HTTPResponse(302, []string{"Location: " + warcGhanaURL, warcHTML}, []byte("<html><body>Moved</body></html>"))},
	)
	_, sum := warcBuild(t, src)
	if sum.PagesRead != 5 || sum.NoticesIndexed != 1 || sum.PagesSkipped != 4 {
		t.Fatalf("summary %+v", sum)
	}
	want := map[string]int{archive.ReasonNotHTML: 2, archive.ReasonHTTPStatus: 2}
	if diff := cmp.Diff(want, warcSkips(sum)); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
}

// TestBuildWARCMergesCaptures merges captures of one notice, sent with different
// encodings and in different markup, into one notice, and stores identical captures
// once.
func TestBuildWARCMergesCaptures(t *testing.T) {
	src := t.TempDir()
	ghana := warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", warcGhana, "")
	redesigned := warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", warcGhana, `<li><a href="/k">Kenya</a></li>`)
	archivetest.WriteWARCFile(t, filepath.Join(src, "a.warc.gz"), true,
		warcResponse(warcGhanaURL, warcDay(2013, 4, 2), ghana),
		warcResponse("http://travel.state.gov/peru.html", warcDay(2011, 7, 3), warcNotice("Peru", "June 1, 2011", "New Procedures in Peru", warcPeruBody, "")),
	)
	// A second crawl, uncompressed: the same bytes sent chunked and gzip-encoded, then
	// the page in its new design.
	archivetest.WriteWARCFile(t, filepath.Join(src, "b.warc"), false,
		warcResponse(warcGhanaURL, warcDay(2014, 5, 6), archivetest.Chunked(archivetest.Gzip(ghana), 64),
			warcHTML, "Transfer-Encoding: chunked", "Content-Encoding: gzip"),
		warcResponse(warcGhanaURL, warcDay(2016, 8, 9), redesigned),
	)
	dir, sum := warcBuild(t, src)
	if sum.PagesRead != 4 || sum.NoticesIndexed != 2 || sum.CapturesMerged != 2 || sum.Versions != 0 {
		t.Fatalf("summary %+v", sum)
	}
	docs := warcDocs(t, dir)
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	for _, d := range docs {
		if d.Country == "Ghana" && len(d.Meta.Captures) != 3 {
			t.Errorf("Ghana captures %v, want 3", warcCaptures(d.Meta))
		}
	}
	if n := warcOriginals(t, dir); n != 3 {
		t.Errorf("%d originals stored, want 3 (two identical captures stored once)", n)
	}
}

// TestBuildWARCEditedVersions keeps an edited notice as two versions: the latest is
// found by default, the earlier one only with AllVersions.
func TestBuildWARCEditedVersions(t *testing.T) {
	src := t.TempDir()
	v1 := warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", warcGhana, "")
	v2 := warcNotice("Ghana", "March 4, 2013", "Ghana Adoption Update", strings.Replace(warcGhana, "Thursday", "Friday", 1), "")
	archivetest.WriteWARCFile(t, filepath.Join(src, "edits.warc.gz"), true,
		warcResponse(warcGhanaURL, warcDay(2013, 4, 2), v1),
		warcRevisit(warcGhanaURL, warcDay(2013, 9, 2), 0, v1),
		warcResponse(warcGhanaURL, warcDay(2014, 5, 6), v2),
		warcResponse("http://travel.state.gov/peru.html", warcDay(2011, 7, 3), warcNotice("Peru", "June 1, 2011", "New Procedures in Peru", warcPeruBody, "")),
	)
	dir, sum := warcBuild(t, src)
	if sum.NoticesIndexed != 2 || sum.CapturesMerged != 2 || sum.Versions != 1 {
		t.Fatalf("summary %+v", sum)
	}
	docs := warcDocs(t, dir)
	var latest, earlier warcDoc
	for _, d := range docs {
		switch {
		case d.Country != "Ghana":
		case d.Version == schema.VersionLatest:
			latest = d
		default:
			earlier = d
		}
	}
	if latest.ID == "" || earlier.ID != latest.ID+"-v1" || earlier.Version != schema.VersionEarlier {
		t.Fatalf("Ghana documents %q (%s) and %q (%s)", latest.ID, latest.Version, earlier.ID, earlier.Version)
	}
	if !strings.Contains(latest.Body, "Friday") || !strings.Contains(earlier.Body, "Thursday") {
		t.Errorf("latest body %q, earlier body %q", latest.Body, earlier.Body)
	}
	wantVersions := []schema.Version{
		{ID: earlier.ID, First: warcDay(2013, 4, 2), Last: warcDay(2013, 9, 2), Captures: 2},
		{ID: latest.ID, First: warcDay(2014, 5, 6), Last: warcDay(2014, 5, 6), Captures: 1, Latest: true},
	}
	ignoreDigest := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Digest" }, cmp.Ignore())
	if diff := cmp.Diff(wantVersions, latest.Meta.Versions, ignoreDigest); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}

	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, tc := range []struct {
		query string
		all   bool
		want  []string
	}{
		{"thursday", false, nil},
		{"thursday", true, []string{earlier.ID}},
		{"friday", false, []string{latest.ID}},
		{"friday", true, []string{latest.ID}},
		{"social welfare", false, []string{latest.ID}},
		{"social welfare", true, []string{latest.ID, earlier.ID}}, // sorted
	} {
		resp, err := ix.Search(context.Background(), search.Request{Query: tc.query, AllVersions: tc.all})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range resp.Hits {
			ids = append(ids, h.ID)
		}
		sort.Strings(ids)
		if diff := cmp.Diff(tc.want, ids); diff != "" {
			t.Errorf("search %q (all versions %t) (-want +got):\n%s", tc.query, tc.all, diff)
		}
	}
	n, err := ix.Notice(context.Background(), earlier.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n.Latest || len(n.Versions) != 2 || len(n.Captures) != 3 {
		t.Errorf("earlier version: latest %t, %d versions, %d captures", n.Latest, len(n.Versions), len(n.Captures))
	}
}

// TestBuildWARCCharsetFromHeader reads a page without a meta charset in the charset
// its HTTP Content-Type names.
func TestBuildWARCCharsetFromHeader(t *testing.T) {
	for _, tc := range []struct {
		name, charset string
		body          []byte // the text of the page, in its charset
		want          string // what the body must hold, in UTF-8
	}{
		{"windows-1252", "windows-1252",
			[]byte("Ghana\x92s Department of Social Welfare calls the process \x93transparent\x94 \x96 and fair."),
			"Ghana’s Department of Social Welfare calls the process “transparent” – and fair."},
		// In windows-1250 0xEC is ě and 0x9A is š; read as windows-1252 they would be ì and š.
		{"windows-1250", "windows-1250",
			[]byte("The Ministerstvo pr\xe1ce a soci\xe1ln\xedch v\xecc\xed reviews each case, in \x9aumperk and elsewhere."),
			"The Ministerstvo práce a sociálních věcí reviews each case, in šumperk and elsewhere."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			page := []byte("<html><head><title>Czech and Ghana Adoption Update</title></head><body><main><h1>Ghana</h1>" +
				"<h2>Notice: Adoption Update</h2><p>March 4, 2013</p><p>")
			page = append(append(page, tc.body...), "</p><p>The Department of State continues to monitor intercountry adoption closely.</p></main></body></html>"...)
			archivetest.WriteWARCFile(t, filepath.Join(src, "cs.warc.gz"), true,
				warcResponse(warcGhanaURL, warcDay(2013, 4, 2), page, "Content-Type: text/html; charset="+tc.charset))
			dir, _ := warcBuild(t, src)
			d := warcOnly(t, warcDocs(t, dir))
			if !utf8.ValidString(d.Body) || !strings.Contains(d.Body, tc.want) {
				t.Errorf("body %q, want it to hold %q", d.Body, tc.want)
			}
		})
	}
}

// TestBuildWARCCharsetMergedCaptures is the same as the windows-1250 case above with
// the page captured twice: the builder writes merged notices again from the stored
// originals, and reads those without the HTTP Content-Type.
func TestBuildWARCCharsetMergedCaptures(t *testing.T) {
	src := t.TempDir()
	page := []byte("<html><head><title>Adoption Update</title></head><body><main><h1>Ghana</h1>" +
		"<h2>Notice: Adoption Update</h2><p>March 4, 2013</p><p>The Ministerstvo pr\xe1ce a soci\xe1ln\xedch v\xecc\xed reviews each case.</p>" +
		"<p>The Department of State continues to monitor intercountry adoption closely.</p></main></body></html>")
	archivetest.WriteWARCFile(t, filepath.Join(src, "cs.warc.gz"), true,
		warcResponse(warcGhanaURL, warcDay(2013, 4, 2), page, "Content-Type: text/html; charset=windows-1250"),
		warcResponse(warcGhanaURL, warcDay(2014, 4, 2), page, "Content-Type: text/html; charset=windows-1250"))
	dir, _ := warcBuild(t, src)
	d := warcOnly(t, warcDocs(t, dir))
	if want := "Ministerstvo práce a sociálních věcí"; !strings.Contains(d.Body, want) {
		t.Errorf("body %q, want it to hold %q", d.Body, want)
	}
}
