package archive

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/noticearchive/noticearchive/archive/archivetest"
)

func htmlPage(title string) []byte {
	return []byte("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><p>" +
		strings.Repeat(title+" ", 40) + "</p></body></html>")
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

var (
	day1 = time.Date(2015, 3, 1, 10, 0, 0, 0, time.UTC)
	day2 = time.Date(2016, 4, 2, 11, 0, 0, 0, time.UTC)
)

// warcRecords is a crawl with every kind of record Walk must handle.
func warcRecords() []archivetest.Record {
	a := htmlPage("Notice A")
	hdrHTML := "Content-Type: text/html; charset=utf-8"
	return []archivetest.Record{
		0: {Type: "warcinfo", ContentType: "application/warc-fields", Block: []byte("software: archivetest\r\n")},
		1: {Type: "request", URI: "http://travel.state.gov/a.html", ContentType: "application/http;msgtype=request",
			Block: []byte("GET /a.html HTTP/1.1\r\nHost: travel.state.gov\r\n\r\n")},
		2: {URI: "http://travel.state.gov/a.html", Date: day1,
			Header: map[string]string{"WARC-Payload-Digest": archivetest.PayloadDigest(a)},
			Block:  archivetest.HTTPResponse(200, []string{hdrHTML, fmt.Sprintf("Content-Length: %d", len(a))}, a)},
		3: {URI: "http://travel.state.gov/b.html#top", Date: day1,
			Block: archivetest.HTTPResponse(200, []string{hdrHTML, "Transfer-Encoding: chunked", "Content-Encoding: gzip"},
				archivetest.Chunked(archivetest.Gzip(htmlPage("Notice B")), 37))},
		4: {URI: "http://travel.state.gov/c.html", Date: day1,
			Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html", "Content-Encoding: deflate"}, zlibBytes(htmlPage("Notice C")))},
		5: {URI: "http://travel.state.gov/missing.html", Date: day1,
			Block: archivetest.HTTPResponse(404, []string{hdrHTML}, htmlPage("Not Found"))},
		6: {URI: "http://travel.state.gov/logo.png", Date: day1,
			Block: archivetest.HTTPResponse(200, []string{"Content-Type: image/png"}, []byte("\x89PNG\r\n\x1a\n"))},
		7: {URI: "http://travel.state.gov/old.html", Date: day1,
			Block: archivetest.HTTPResponse(301, []string{"Location: http://travel.state.gov/a.html"}, nil)},
		8: {URI: "http://travel.state.gov/untyped", Date: day1,
			Block: archivetest.HTTPResponse(200, nil, htmlPage("Untyped"))},
		9: {URI: "http://travel.state.gov/blob", Date: day1,
			Block: archivetest.HTTPResponse(200, []string{"Content-Type: application/octet-stream"}, []byte("\x00\x01binary"))},
		10: {Type: "resource", URI: "http://travel.state.gov/saved.html", Date: day1, ContentType: "text/html", Block: htmlPage("Resource")},
		11: {Type: "metadata", URI: "http://travel.state.gov/a.html", ContentType: "application/warc-fields", Block: []byte("outlink: x\r\n")},
		// Revisits: by record id, by target URI and date, by payload digest alone, of nothing known.
		12: {Type: "revisit", URI: "http://travel.state.gov/a.html", Date: day2,
			Header: map[string]string{
				"WARC-Profile":        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
				"WARC-Refers-To":      "<" + archivetest.ID(2) + ">",
				"WARC-Payload-Digest": archivetest.PayloadDigest(a),
			},
			Block: archivetest.HTTPResponse(200, []string{hdrHTML}, nil)},
		13: {Type: "revisit", URI: "http://travel.state.gov/b.html", Date: day2,
			Header: map[string]string{
				"WARC-Profile":              "http://netpreserve.org/warc/1.1/revisit/server-not-modified",
				"WARC-Refers-To-Target-URI": "http://travel.state.gov/b.html#top",
				"WARC-Refers-To-Date":       day1.Format(time.RFC3339),
			},
			Block: archivetest.HTTPResponse(304, nil, nil)},
		14: {Type: "revisit", URI: "http://travel.state.gov/a-copy.html", Date: day2,
			Header: map[string]string{"WARC-Payload-Digest": archivetest.PayloadDigest(a)}},
		15: {Type: "revisit", URI: "http://travel.state.gov/z.html", Date: day2,
			Header: map[string]string{"WARC-Refers-To": "<urn:uuid:ffffffff-0000-0000-0000-000000000000>"},
			Block:  archivetest.HTTPResponse(200, []string{hdrHTML}, nil)},
		16: {Type: "revisit", URI: "http://travel.state.gov/logo.png", Date: day2,
			Header: map[string]string{"WARC-Payload-Digest": "sha1:AAAA"},
			Block:  archivetest.HTTPResponse(200, []string{"Content-Type: image/png"}, nil)},
		// A capture replayed from the Wayback Machine; a payload in an encoding we lack.
		17: {URI: "https://web.archive.org/web/20090212083000id_/http://travel.state.gov/family/d.html", Date: day2,
			Block: archivetest.HTTPResponse(200, []string{hdrHTML}, htmlPage("Notice D"))},
		18: {URI: "http://travel.state.gov/e.html", Date: day2,
			Block: archivetest.HTTPResponse(200, []string{hdrHTML, "Content-Encoding: br"}, []byte("\x1b\x00"))},
	}
}

// warcResult is one WARC capture, comparable.
type warcResult struct {
	Record    int // index into the written records
	URL       string
	Time      time.Time
	Type      string
	Body      string
	RevisitOf int // record index, -1 if none
}

func TestWalkWARC(t *testing.T) {
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			dir := t.TempDir()
			name := "crawl.warc"
			if gz {
				name += ".gz"
			}
			path := filepath.Join(dir, name)
			offsets := archivetest.WriteWARCFile(t, path, gz, warcRecords()...)
			index := func(source string) int {
				for i, off := range offsets {
					if source == fmt.Sprintf("%s#%d", path, off) {
						return i
					}
				}
				t.Fatalf("source %q is no record's", source)
				return -1
			}
			var got []warcResult
			var skips []string
			err := Walk(context.Background(), []string{dir}, Options{}, func(c *Capture) error {
				r := warcResult{Record: index(c.Source), URL: c.URL, Time: c.Time, Type: c.ContentType, Body: string(c.Body), RevisitOf: -1}
				if c.RevisitOf != "" {
					r.RevisitOf = index(c.RevisitOf)
				}
				if c.Digest != Digest(c.Body) {
					t.Errorf("%s: digest %s does not match body", c.Source, c.Digest)
				}
				if c.ModTime.IsZero() {
					t.Errorf("%s: no ModTime", c.Source)
				}
				got = append(got, r)
				return nil
			}, func(s Skip) {
				skips = append(skips, fmt.Sprintf("%d: %s", index(s.Source), s.Reason))
			})
			if err != nil {
				t.Fatal(err)
			}
			const typ = "text/html; charset=utf-8"
			want := []warcResult{
				{2, "http://travel.state.gov/a.html", day1, typ, string(htmlPage("Notice A")), -1},
				{3, "http://travel.state.gov/b.html", day1, typ, string(htmlPage("Notice B")), -1},
				{4, "http://travel.state.gov/c.html", day1, "text/html", string(htmlPage("Notice C")), -1},
				{8, "http://travel.state.gov/untyped", day1, "", string(htmlPage("Untyped")), -1},
				{10, "http://travel.state.gov/saved.html", day1, "text/html", string(htmlPage("Resource")), -1},
				{12, "http://travel.state.gov/a.html", day2, typ, string(htmlPage("Notice A")), 2},
				{13, "http://travel.state.gov/b.html", day2, typ, string(htmlPage("Notice B")), 3},
				{14, "http://travel.state.gov/a-copy.html", day2, typ, string(htmlPage("Notice A")), 2},
				{17, "http://travel.state.gov/family/d.html", time.Date(2009, 2, 12, 8, 30, 0, 0, time.UTC), typ, string(htmlPage("Notice D")), -1},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("captures (-want +got):\n%s", diff)
			}
			wantSkips := []string{
				"5: HTTP status not 200", "6: not HTML", "7: HTTP status not 200", "9: not HTML",
				"15: revisit of unknown page", "16: not HTML", "18: bad WARC record",
			}
			if diff := cmp.Diff(wantSkips, skips); diff != "" {
				t.Errorf("skips (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWalkWARCTruncated: the records before the break are yielded, the break is a skip.
func TestWalkWARCTruncated(t *testing.T) {
	recs := []archivetest.Record{
		{URI: "http://example.com/1", Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, htmlPage("One"))},
		{URI: "http://example.com/2", Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, htmlPage("Two"))},
		{URI: "http://example.com/3", Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, htmlPage("Three"))},
	}
	for _, gz := range []bool{false, true} {
		var full bytes.Buffer
		offsets, err := archivetest.WriteWARC(&full, gz, recs...)
		if err != nil {
			t.Fatal(err)
		}
		last := int(offsets[2])
		end := full.Len()
		// Cut inside the WARC header, inside the HTTP header, inside the payload, and
		// just before the end of the last record's payload.
		for _, cut := range []int{last + 5, last + 60, last + 200, (last + end) / 2, end - 10} {
			t.Run(fmt.Sprintf("gzip=%v/cut=%d", gz, cut), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "cut.warc")
				if gz {
					path += ".gz"
				}
				if err := os.WriteFile(path, full.Bytes()[:cut], 0o644); err != nil {
					t.Fatal(err)
				}
				got, _, err := walkAll(t, "", []string{path}, Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := result{
					Captures: []string{
						fmt.Sprintf("%s#%d http://example.com/1 2015-01-02T03:04:05Z", path, offsets[0]),
						fmt.Sprintf("%s#%d http://example.com/2 2015-01-02T03:04:05Z", path, offsets[1]),
					},
					Skips: []string{fmt.Sprintf("%s#%d: truncated WARC", path, offsets[2])},
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Walk (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// TestWalkWARCSingleStream: a .warc.gz compressed as one gzip stream (gzip file.warc)
// is read whole; its offsets count uncompressed bytes. A revisit in it is resolved.
func TestWalkWARCSingleStream(t *testing.T) {
	a := htmlPage("Stream A")
	recs := []archivetest.Record{
		{Type: "warcinfo", ContentType: "application/warc-fields", Block: []byte("software: archivetest\r\n")},
		{URI: "http://example.com/a", Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, a)},
		{URI: "http://example.com/b", Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, htmlPage("Stream B"))},
		{Type: "revisit", URI: "http://example.com/a", Date: day2,
			Header: map[string]string{"WARC-Refers-To": "<" + archivetest.ID(1) + ">"}},
	}
	var plain bytes.Buffer
	offsets, err := archivetest.WriteWARC(&plain, false, recs...)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "whole.warc.gz")
	if err := os.WriteFile(path, archivetest.Gzip(plain.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	got, caps, err := walkAll(t, "", []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{Captures: []string{
		fmt.Sprintf("%s#%d http://example.com/a 2015-01-02T03:04:05Z", path, offsets[1]),
		fmt.Sprintf("%s#%d http://example.com/b 2015-01-02T03:04:05Z", path, offsets[2]),
		fmt.Sprintf("%s#%d http://example.com/a 2016-04-02T11:00:00Z", path, offsets[3]),
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
	if len(caps) == 3 && (string(caps[2].Body) != string(a) || caps[2].RevisitOf != caps[0].Source) {
		t.Errorf("revisit: body %q, RevisitOf %q", caps[2].Body, caps[2].RevisitOf)
	}

	// Broken off: the records before the break still come.
	whole := archivetest.Gzip(plain.Bytes())
	if err := os.WriteFile(path, whole[:len(whole)-40], 0o644); err != nil {
		t.Fatal(err)
	}
	got, _, err = walkAll(t, "", []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Captures) < 2 || len(got.Skips) != 1 || !strings.HasSuffix(got.Skips[0], ": truncated WARC") {
		t.Errorf("truncated stream: %+v", got)
	}
}

// TestWalkWARCAcrossFiles: a revisit refers to a record in an earlier WARC file of the
// same walk; WARC and HTML files mix in one folder.
func TestWalkWARCAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a := htmlPage("Across")
	offA := archivetest.WriteWARCFile(t, filepath.Join(dir, "1.warc.gz"), true,
		archivetest.Record{URI: "http://example.com/a", ID: "urn:uuid:aaaa",
			Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, a)})
	offB := archivetest.WriteWARCFile(t, filepath.Join(dir, "2.warc.gz"), true,
		archivetest.Record{Type: "revisit", URI: "http://example.com/a", Date: day2, ID: "urn:uuid:bbbb",
			Header: map[string]string{"WARC-Refers-To": "<urn:uuid:aaaa>"}})
	writeFile(t, filepath.Join(dir, "3.html"), string(htmlPage("Loose page")))
	var got []string
	err := Walk(context.Background(), []string{dir}, Options{}, func(c *Capture) error {
		rel, _ := filepath.Rel(dir, c.Source)
		revisit, _ := filepath.Rel(dir, c.RevisitOf)
		if c.RevisitOf == "" {
			revisit = "-"
		}
		got = append(got, fmt.Sprintf("%s %s %s", rel, revisit, c.Body[len(c.Body)-20:]))
		return nil
	}, func(s Skip) { t.Errorf("skip %v", s) })
	if err != nil {
		t.Fatal(err)
	}
	tail := string(a[len(a)-20:])
	want := []string{
		fmt.Sprintf("1.warc.gz#%d - %s", offA[0], tail),
		fmt.Sprintf("2.warc.gz#%d 1.warc.gz#%d %s", offB[0], offA[0], tail),
		"3.html - e </p></body></html>",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}

func TestWalkWARCSizeCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.warc.gz")
	big := htmlPage(strings.Repeat("x", 5000))
	archivetest.WriteWARCFile(t, path, true,
		archivetest.Record{URI: "http://example.com/big", Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html", "Content-Encoding: gzip"}, archivetest.Gzip(big))},
		archivetest.Record{URI: "http://example.com/small", Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, htmlPage("small"))},
	)
	got, _, err := walkAll(t, "", []string{path}, Options{MaxSize: 4096})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Captures) != 1 || !strings.Contains(got.Captures[0], "/small") ||
		len(got.Skips) != 1 || !strings.HasSuffix(got.Skips[0], ": too large") {
		t.Errorf("Walk = %+v, want the small page and the big one skipped as too large", got)
	}
}

// BenchmarkWalkWARC reads a per-record gzip WARC of 300 pages of 50 KB.
func BenchmarkWalkWARC(b *testing.B) {
	page := []byte(`<!DOCTYPE html><html><head><title>Notice</title></head><body>` +
		strings.Repeat(`<div class="tsg-rwd-text"><p>The Department of State <a href="/content/y.html">notes</a> that.</p></div>`+"\n", 480) +
		`</body></html>`)
	const n = 300
	recs := make([]archivetest.Record, n)
	for i := range recs {
		recs[i] = archivetest.Record{URI: fmt.Sprintf("http://example.com/%d.html", i),
			Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip"},
				archivetest.Chunked(archivetest.Gzip(page), 8192))}
	}
	path := filepath.Join(b.TempDir(), "bench.warc.gz")
	archivetest.WriteWARCFile(b, path, true, recs...)
	b.SetBytes(int64(n * len(page)))
	for b.Loop() {
		pages := 0
		err := Walk(context.Background(), []string{path}, Options{}, func(*Capture) error { pages++; return nil }, nil)
		if err != nil || pages != n {
			b.Fatalf("Walk: %d pages, %v", pages, err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// TestWalkWARCOddFiles: files named like WARCs that hold no records are skipped or
// passed over, never fatal; a gzipped WARC named .warc is read.
func TestWalkWARCOddFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a-empty.warc"), "")
	writeFile(t, filepath.Join(dir, "b-garbage.warc"), "this is not a WARC file at all\n")
	writeFile(t, filepath.Join(dir, "c-garbage.warc.gz"), string(archivetest.Gzip([]byte("nor is this"))))
	var plain bytes.Buffer
	if _, err := archivetest.WriteWARC(&plain, false, archivetest.Record{URI: "http://example.com/d",
		Block: archivetest.HTTPResponse(200, []string{"Content-Type: text/html"}, htmlPage("D"))}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "d-gzipped.warc"), string(archivetest.Gzip(plain.Bytes())))
	got, _, err := walkAll(t, dir, []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Captures: []string{"d-gzipped.warc#0 http://example.com/d 2015-01-02T03:04:05Z"},
		Skips:    []string{"b-garbage.warc#27: bad WARC record", "c-garbage.warc.gz#0: bad WARC record"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk (-want +got):\n%s", diff)
	}
}
