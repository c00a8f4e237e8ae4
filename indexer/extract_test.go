package indexer_test

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
)

var update = flag.Bool("update", false, "rewrite the golden files testdata/*.json")

// golden is what the golden files hold of a notice: the fields extraction decides.
type golden struct {
	URL          string `json:"url,omitempty"`
	Country      string `json:"country"`
	CountryCode  string `json:"country_code"`
	Date         string `json:"date"`
	DateEstimate string `json:"date_estimate,omitempty"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	Body         string `json:"body"`
}

func goldenOf(n *indexer.Notice) golden {
	return golden{URL: n.URL, Country: n.Country, CountryCode: n.CountryCode, Date: n.Date,
		DateEstimate: n.DateEstimate, Type: n.Type, Title: n.Title, Body: n.Body}
}

func newExtractor(t testing.TB) *indexer.Extractor {
	t.Helper()
	e, err := indexer.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestExtractGolden extracts every testdata page and compares with its golden file;
// -update rewrites the goldens.
func TestExtractGolden(t *testing.T) {
	e := newExtractor(t)
	pages, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no testdata pages: %v", err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			n, err := fileExtractor(e)(page)
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, n)
			got := goldenOf(n)
			path := strings.TrimSuffix(page, ".html") + ".json"
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			var want golden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("notice mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// checkClean holds every text field to valid UTF-8 without replacement characters and
// with white space normalised.
func checkClean(t *testing.T, n *indexer.Notice) {
	t.Helper()
	for field, s := range map[string]string{"title": n.Title, "body": n.Body, "country": n.Country} {
		switch {
		case !utf8.ValidString(s):
			t.Errorf("%s is not valid UTF-8: %q", field, s)
		case strings.ContainsRune(s, utf8.RuneError):
			t.Errorf("%s holds U+FFFD: %q", field, s)
		case strings.Contains(s, "  ") || strings.ContainsAny(s, "\r\t\u00a0"):
			t.Errorf("%s white space not normalised: %q", field, s)
		case strings.Contains(s, "\n\n\n"):
			t.Errorf("%s has empty paragraphs: %q", field, s)
		}
	}
}

// TestExtractChrome checks that no page chrome reaches a body: Wayback toolbar, scripts,
// navigation, side lists of countries, share links, footers.
func TestExtractChrome(t *testing.T) {
	e := newExtractor(t)
	pages, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	chrome := []string{"captures", "Wayback", "2099", "Back to Top", "Print", "Browse by Country",
		"Related Notices", "Albania", "Laos", "Zolova", "managed by", "Country Information",
		"Posted by", "Home", "Sierra Leone", "Togo", "U.S. Department of State\n"}
	for _, page := range pages {
		n, err := fileExtractor(e)(page)
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		for _, c := range chrome {
			if strings.Contains(n.Body, c) {
				t.Errorf("%s: body holds chrome %q", page, c)
			}
		}
	}
}

// TestExtractCapture checks the fields Extract copies from the capture.
func TestExtractCapture(t *testing.T) {
	e := newExtractor(t)
	body, err := os.ReadFile(filepath.Join("testdata", "undated.html"))
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2012, 5, 6, 7, 8, 9, 0, time.FixedZone("EST", -5*3600))
	n, err := e.Extract(&archive.Capture{
		Source: "a.warc.gz#123",
		URL:    "https://web.archive.org/web/20120506120809/http://adoption.state.gov/cambodia.php",
		Time:   when,
		Body:   body,
		Digest: "sha256-abc",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := golden{URL: "http://adoption.state.gov/cambodia.php", Country: "Cambodia", CountryCode: "KH",
		DateEstimate: "2012-05-06", Type: "notice", Title: "Cambodia"}
	got := goldenOf(n)
	got.Body = ""
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n.Source != "a.warc.gz#123" || n.Digest != "sha256-abc" {
		t.Errorf("source %q digest %q", n.Source, n.Digest)
	}
	if len(n.CapturedAt) != 1 || !n.CapturedAt[0].Equal(when) || n.CapturedAt[0].Location() != time.UTC {
		t.Errorf("captured at %v, want %v in UTC", n.CapturedAt, when)
	}
	if n.ID != "" {
		t.Errorf("ID %q: the index builder sets it", n.ID)
	}
}

// TestExtractContentType checks that a Content-Type header overrules the page's meta.
func TestExtractContentType(t *testing.T) {
	e := newExtractor(t)
	page := "<html><head><meta charset=\"iso-8859-5\"><title>x</title></head><body><h1>Notice: Kenya\x92s Rules</h1>" +
		"<p>February 3, 2014</p><p>Kenya\x92s National Adoption Committee has written new rules for the matching of children.</p></body></html>"
	n, err := e.Extract(&archive.Capture{Source: "x", ContentType: "text/html; charset=windows-1252", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if n.Title != "Kenya’s Rules" || n.Date != "2014-02-03" || n.CountryCode != "KE" {
		t.Errorf("got title %q date %q country %q", n.Title, n.Date, n.CountryCode)
	}
}

// TestExtractNotNotice checks that pages holding no notice are refused with ErrNotNotice.
func TestExtractNotNotice(t *testing.T) {
	e := newExtractor(t)
	for name, body := range map[string]string{
		"empty":      "",
		"blank":      " \n\t ",
		"png":        "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"pdf":        "%PDF-1.4\n%âãÏÓ\n1 0 obj",
		"binary":     "\x00\x01\x02\x03\x04\x05\x06\x07 some \x00\x00 bytes \x01\x02",
		"script":     "<html><head><script>var a = 'A long script that is not text at all, February 17, 2014';</script></head><body><script>go()</script></body></html>",
		"navigation": "<html><body><nav><ul><li><a href=/a>Albania</a></li><li><a href=/b>Benin</a></li><li><a href=/c>Chad</a></li></ul></nav></body></html>",
		"wayback":    "<html><body><p>Got an HTTP 302 response at crawl time</p><p>Redirecting to...</p><p>http://travel.state.gov/</p></body></html>",
	} {
		t.Run(name, func(t *testing.T) {
			n, err := e.Extract(&archive.Capture{Source: name, Body: []byte(body)})
			if !errors.Is(err, indexer.ErrNotNotice) {
				t.Fatalf("got %+v, %v; want ErrNotNotice", n, err)
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the source", err)
			}
		})
	}
	if _, err := e.Extract(nil); !errors.Is(err, indexer.ErrNotNotice) {
		t.Errorf("nil capture: %v", err)
	}
}

// TestExtractConcurrent runs one Extractor from several goroutines (run with -race).
func TestExtractConcurrent(t *testing.T) {
	e := newExtractor(t)
	pages, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	want := map[string]golden{}
	for _, p := range pages {
		n, err := fileExtractor(e)(p)
		if err != nil {
			t.Fatal(err)
		}
		want[p] = goldenOf(n)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(pages))
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range pages {
				n, err := fileExtractor(e)(p)
				if err != nil {
					errs <- err.Error()
					continue
				}
				if diff := cmp.Diff(want[p], goldenOf(n)); diff != "" {
					errs <- p + ": " + diff
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func BenchmarkExtract(b *testing.B) {
	e := newExtractor(b)
	pages, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	var bodies [][]byte
	for _, p := range pages {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := e.Extract(&archive.Capture{Source: "bench", Body: bodies[i%len(bodies)]}); err != nil {
			b.Fatal(err)
		}
	}
}
