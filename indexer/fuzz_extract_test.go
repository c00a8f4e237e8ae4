package indexer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// FuzzExtract feeds the extractor arbitrary bytes under arbitrary Content-Type headers.
// It never panics; a page it refuses gives an error and no notice; a notice it reads has
// valid UTF-8 text, a valid date, a country of the vocabulary, an id of the permalink
// shape and a document the index accepts. Seeds: the testdata pages (golden and hostile)
// and testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	for _, pattern := range []string{"testdata/*.html", "testdata/hostile/*.html"} {
		pages, _ := filepath.Glob(pattern)
		for _, p := range pages {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, "")
		}
	}
	f.Add([]byte(page("Nepal", "August 13, 2010", "Nepal Adoptions Suspended", nepalBody, "")), "text/html; charset=windows-1252")
	e, err := indexer.NewExtractor()
	if err != nil {
		f.Fatal(err)
	}
	countries, err := schema.LoadCountries()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		n, err := e.Extract(&archive.Capture{Source: "fuzz.html", Body: body, ContentType: contentType})
		if err != nil {
			if n != nil {
				t.Fatalf("error %v with a notice", err)
			}
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		if n == nil {
			t.Fatal("no notice and no error")
		}
		for field, s := range map[string]string{"title": n.Title, "body": n.Body, "country": n.Country, "type": n.Type, "date": n.Date, "url": n.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", field, s)
			}
		}
		if n.Title == "" && strings.TrimSpace(n.Body) == "" {
			t.Fatal("a notice without title or text")
		}
		if n.Date != "" {
			if _, ok := indexer.ParseNoticeDate(n.Date); !ok {
				t.Fatalf("date %q does not parse", n.Date)
			}
		}
		if n.Country != "" && n.Country != schema.GeneralCountry {
			if _, ok := countries.Lookup(n.Country); !ok {
				t.Fatalf("country %q is not in the vocabulary", n.Country)
			}
		}
		if id := indexer.NoticeID(indexer.IdentityKey(n), n, 4); !schema.ValidID(id) {
			t.Fatalf("id %q is not a valid permalink id", id)
		}
		if _, err := n.Document(countries); err != nil {
			t.Fatalf("document: %v", err)
		}
	})
}
