package gen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nlnwa/gowarc/v3"

	"github.com/noticearchive/noticearchive/archive"
)

func TestWARCOptionsValidate(t *testing.T) {
	defaults := WARCOptions{Recaptured: DefaultRecaptured, Edited: DefaultEdited, Revisits: DefaultRevisits,
		Chunked: DefaultChunked, Gzip: DefaultGzip, NoCharset: DefaultNoCharset, Assets: DefaultAssets, Errors: DefaultErrors}
	none := WARCOptions{Edited: DefaultEdited, Revisits: DefaultRevisits, Chunked: DefaultChunked, Gzip: DefaultGzip,
		NoCharset: DefaultNoCharset, Assets: DefaultAssets, Errors: DefaultErrors}
	for _, tc := range []struct {
		name    string
		in      WARCOptions
		want    WARCOptions
		wantErr bool
	}{
		{"zero takes defaults", WARCOptions{}, defaults, false},
		{"negative means none", WARCOptions{Recaptured: -1}, none, false},
		{"explicit kept", WARCOptions{Seed: 9, Recaptured: 100, Uncompressed: true},
			func() WARCOptions { o := defaults; o.Seed, o.Recaptured, o.Uncompressed = 9, 100, true; return o }(), false},
		{"over 100", WARCOptions{Gzip: 101}, WARCOptions{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in
			err := got.Validate()
			if tc.wantErr {
				if !errors.Is(err, ErrInvalidOptions) {
					t.Fatalf("Validate() = %v, want ErrInvalidOptions", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriteWARCDeterministic(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, seed int64) ([]byte, []byte) {
		path := filepath.Join(dir, name, "c.warc.gz")
		if _, err := WriteWARC(context.Background(), path, Options{N: 25, Seed: 5, Layouts: LayoutsMixed}, WARCOptions{Seed: seed}); err != nil {
			t.Fatal(err)
		}
		return readFile(t, path), readFile(t, filepath.Join(dir, name, LabelsFile))
	}
	w1, l1 := write("a", 1)
	w2, l2 := write("b", 1)
	w3, _ := write("c", 2)
	if !bytes.Equal(w1, w2) || !bytes.Equal(l1, l2) {
		t.Error("two runs with the same seeds wrote different files")
	}
	if bytes.Equal(w1, w3) {
		t.Error("another WARC seed wrote the same file")
	}
}

func TestWriteWARCName(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name         string
		uncompressed bool
		ok           bool
	}{
		{"a.warc.gz", false, true},
		{"b.warc", true, true},
		{"c.warc", false, false},
		{"d.warc.gz", true, false},
		{"e.html", false, false},
	} {
		_, err := WriteWARC(context.Background(), filepath.Join(dir, tc.name), Options{N: 3}, WARCOptions{Uncompressed: tc.uncompressed})
		if tc.ok != (err == nil) {
			t.Errorf("WriteWARC(%s, uncompressed %t) = %v", tc.name, tc.uncompressed, err)
		}
		if !tc.ok && !errors.Is(err, ErrInvalidOptions) {
			t.Errorf("WriteWARC(%s) error %v does not wrap ErrInvalidOptions", tc.name, err)
		}
	}
}

// TestWriteWARCWalk reads a generated WARC back with archive.Walk and checks every
// capture against the labels.
func TestWriteWARCWalk(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		wo   WARCOptions
	}{
		{"c.warc.gz", 100, WARCOptions{}},
		// More of everything in fewer pages.
		{"c.warc", 40, WARCOptions{Uncompressed: true, Recaptured: 60, Edited: 60, Assets: 20, Errors: 20}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name)
			st, err := WriteWARC(context.Background(), path, Options{N: tc.n, Seed: 11, Layouts: LayoutsMixed}, tc.wo)
			if err != nil {
				t.Fatal(err)
			}
			labels := readWARCLabels(t, filepath.Join(dir, LabelsFile))
			checkWARCStats(t, tc.n, st, labels)
			checkWalk(t, path, st, labels)
		})
	}
}

func checkWARCStats(t *testing.T, n int, st WARCStats, labels []WARCLabel) {
	t.Helper()
	if st.Pages != n || len(labels) != n {
		t.Fatalf("%d pages, %d labels, want %d", st.Pages, len(labels), n)
	}
	var got WARCStats
	for _, l := range labels {
		got.Captures += len(l.Captures)
		if len(l.Captures) > 1 {
			got.Recaptured++
		}
		if l.Versions > 1 {
			got.Edited++
			got.Versions += l.Versions - 1
		}
		for i, c := range l.Captures {
			if c.Revisit {
				got.Revisits++
			}
			if i > 0 && !l.Captures[i-1].Time.Before(c.Time) {
				t.Errorf("%s: captures out of order: %v", l.File, l.Captures)
			}
		}
	}
	want := WARCStats{Captures: st.Captures, Revisits: st.Revisits, Recaptured: st.Recaptured, Edited: st.Edited, Versions: st.Versions}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("labels disagree with the stats (-stats +labels):\n%s", diff)
	}
	// Either run gives some of everything.
	if st.Recaptured < 10 || st.Edited < 3 || st.Revisits < 3 || st.Assets < 1 || st.Errors < 1 {
		t.Errorf("too little variety: %+v", st)
	}
}

func checkWalk(t *testing.T, path string, st WARCStats, labels []WARCLabel) {
	t.Helper()
	byURL := map[string]*WARCLabel{}
	for i := range labels {
		byURL[labels[i].File] = &labels[i]
	}
	bodies := map[string]map[int]string{} // url -> version -> digest
	var captures, revisits int
	skips := map[string]int{}
	err := archive.Walk(context.Background(), []string{path}, archive.Options{}, func(c *archive.Capture) error {
		captures++
		l := byURL[c.URL]
		if l == nil {
			t.Fatalf("capture of %s: no label", c.URL)
		}
		k := captureIndex(l, c.Time)
		if k < 0 {
			t.Fatalf("capture of %s at %v: not among the label's captures %v", c.URL, c.Time, l.Captures)
		}
		lc := l.Captures[k]
		if lc.Revisit != (c.RevisitOf != "") {
			t.Errorf("capture %s: revisit %t, label says %t", c.Source, c.RevisitOf != "", lc.Revisit)
		}
		if c.RevisitOf != "" {
			revisits++
		}
		if bodies[c.URL] == nil {
			bodies[c.URL] = map[int]string{}
		}
		if d, ok := bodies[c.URL][lc.Version]; ok && d != c.Digest {
			t.Errorf("%s version %d: two different bodies", c.URL, lc.Version)
		}
		bodies[c.URL][lc.Version] = c.Digest
		if lc.Version > 1 && !containsAny(string(c.Body), addedSentences[:]) && !containsAny(string(c.Body), changedSentences[:]) {
			t.Errorf("%s version %d: no edit in the page", c.URL, lc.Version)
		}
		return nil
	}, func(s archive.Skip) { skips[s.Reason]++ })
	if err != nil {
		t.Fatal(err)
	}
	if captures != st.Captures || revisits != st.Revisits {
		t.Errorf("walk read %d captures (%d revisits), want %d (%d)", captures, revisits, st.Captures, st.Revisits)
	}
	wantSkips := map[string]int{archive.ReasonNotHTML: st.Assets, archive.ReasonHTTPStatus: st.Errors}
	if diff := cmp.Diff(wantSkips, skips); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}
	for _, l := range labels {
		distinct := map[string]bool{}
		for _, d := range bodies[l.File] {
			distinct[d] = true
		}
		if len(distinct) != l.Versions {
			t.Errorf("%s: %d distinct bodies, label says %d versions", l.File, len(distinct), l.Versions)
		}
	}
}

func captureIndex(l *WARCLabel, ts time.Time) int {
	for i, c := range l.Captures {
		if c.Time.Equal(ts) {
			return i
		}
	}
	return -1
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// TestWriteWARCRecords checks the records themselves: requests paired with responses,
// revisits that refer to an earlier response with the same payload digest, and the
// variety of HTTP encodings.
func TestWriteWARCRecords(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.warc.gz")
	st, err := WriteWARC(context.Background(), path, Options{N: 80, Seed: 4}, WARCOptions{Assets: 20, Errors: 20})
	if err != nil {
		t.Fatal(err)
	}
	r, err := gowarc.NewWarcFileReader(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	types := map[string]int{}
	digests := map[string]string{} // response id -> payload digest
	headers := map[string]int{}
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		wr := rec.WarcRecord
		if len(rec.Validation) > 0 {
			t.Errorf("record %s: %v", wr.RecordId(), rec.Validation)
		}
		types[wr.Type().String()]++
		h := wr.WarcHeader()
		switch wr.Type() {
		case gowarc.Response:
			digests[wr.RecordId()] = h.Get(gowarc.WarcPayloadDigest)
			raw, err := wr.Block().RawBytes()
			if err != nil {
				t.Fatal(err)
			}
			countHeaders(t, raw, headers)
		case gowarc.Revisit:
			ref := h.GetId(gowarc.WarcRefersTo)
			if d, ok := digests[ref]; !ok || d != h.Get(gowarc.WarcPayloadDigest) || d == "" {
				t.Errorf("revisit %s refers to %s (digest %q), an earlier response with digest %q", wr.RecordId(), ref, h.Get(gowarc.WarcPayloadDigest), d)
			}
			if h.Get(gowarc.WarcProfile) != gowarc.ProfileIdenticalPayloadDigestV1_1 || h.Get(gowarc.WarcRefersToDate) == "" {
				t.Errorf("revisit %s: header %v", wr.RecordId(), h)
			}
		}
		rec.Close()
	}
	want := map[string]int{
		"warcinfo": 1,
		"request":  st.Captures + st.Assets + st.Errors,
		"response": st.Captures - st.Revisits + st.Assets + st.Errors,
		"revisit":  st.Revisits,
	}
	if diff := cmp.Diff(want, types); diff != "" {
		t.Errorf("record types (-want +got):\n%s", diff)
	}
	if st.Records != 1+2*(st.Captures+st.Assets+st.Errors) {
		t.Errorf("Records %d, want %d", st.Records, 1+2*(st.Captures+st.Assets+st.Errors))
	}
	for _, h := range []string{"chunked", "gzip", "charset=UTF-8", "charset=windows-1252", "no charset", "not 200"} {
		if headers[h] == 0 {
			t.Errorf("no response with %s: %v", h, headers)
		}
	}
}

// countHeaders notes the status and encodings of an HTTP response, and checks that an
// HTML one decodes.
func countHeaders(t *testing.T, raw io.Reader, seen map[string]int) {
	t.Helper()
	resp, err := http.ReadResponse(bufio.NewReader(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		seen["not 200"]++
		return
	}
	ct := resp.Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "text/html") {
		return
	}
	if len(resp.TransferEncoding) > 0 {
		seen[resp.TransferEncoding[0]]++
	}
	var body io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		seen["gzip"]++
		zr, err := gzip.NewReader(body)
		if err != nil {
			t.Fatal(err)
		}
		body = zr
	}
	if _, cs, ok := strings.Cut(ct, "; "); ok {
		seen[cs]++
	} else {
		seen["no charset"]++
	}
	html, err := io.ReadAll(body)
	if err != nil || !bytes.Contains(html, []byte("</html>")) {
		t.Errorf("response body (%d bytes) does not decode: %v", len(html), err)
	}
}

func TestWARCSinkPendingBounded(t *testing.T) {
	s, err := NewWARCSink(io.Discard, io.Discard, WARCOptions{Recaptured: 100, Uncompressed: true})
	if err != nil {
		t.Fatal(err)
	}
	most := 0
	err = Generate(Options{N: 100, Seed: 2}, func(p Page) error {
		most = max(most, len(s.pending))
		return s.WritePage(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Each page leaves at most 3 later captures, due within 3*24 pages.
	if most == 0 || most > 3*3*24 {
		t.Errorf("at most %d captures pending, want a bounded window", most)
	}
	if len(s.pending) != 0 {
		t.Errorf("%d captures left after Close", len(s.pending))
	}
}

func TestInsertSentence(t *testing.T) {
	const added = "Please read the frequently asked questions for additional details."
	for _, tc := range []struct {
		name, html, body, want string
		ok                     bool
	}{
		{
			name: "last paragraph",
			html: "<p>First paragraph of the notice text here.</p>\n<p>Second and last paragraph of the notice text.</p>",
			body: "First paragraph of the notice text here.\n\nSecond and last paragraph of the notice text.",
			want: "<p>First paragraph of the notice text here.</p>\n<p>Second and last paragraph of the notice text. " + added + "</p>",
			ok:   true,
		},
		{
			name: "last paragraph not plain, earlier one used",
			html: "<p>First paragraph of the notice text here.</p>\n<p>Write to the office at adoption@state.gov</p>",
			body: "First paragraph of the notice text here.\n\nWrite to the office at adoption@state.gov",
			want: "<p>First paragraph of the notice text here. " + added + "</p>\n<p>Write to the office at adoption@state.gov</p>",
			ok:   true,
		},
		{
			name: "words written otherwise in HTML",
			html: "<p>Families &amp; agencies should read the notice closely.</p>",
			body: "Families & agencies should read the notice closely.",
			want: "<p>Families &amp; agencies should read the notice closely. " + added + "</p>",
			ok:   true,
		},
		{
			name: "ending found twice",
			html: `<meta name="description" content="Read the rest of the notice text here."><p>Read the rest of the notice text here.</p>`,
			body: "Read the rest of the notice text here.",
			ok:   false,
		},
		{name: "too short", html: "<p>Short.</p>", body: "Short.", ok: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := insertSentence([]byte(tc.html), tc.body, added)
			if ok != tc.ok || string(got) != tc.want {
				t.Errorf("insertSentence = %q, %t; want %q, %t", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestPageCharset(t *testing.T) {
	for _, tc := range []struct{ html, want string }{
		{`<meta charset="utf-8"><p>x</p>`, "UTF-8"},
		{`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`, "windows-1252"},
		{`<script charset="utf-8"></script><p>caf` + "\xe9</p>", "windows-1252"},
		{"<p>caf\u00e9</p>", "UTF-8"},
	} {
		if got := pageCharset([]byte(tc.html)); got != tc.want {
			t.Errorf("pageCharset(%q) = %q, want %q", tc.html, got, tc.want)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readWARCLabels(t *testing.T, path string) []WARCLabel {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	labels, err := ReadWARCLabels(f)
	if err != nil {
		t.Fatal(err)
	}
	return labels
}
