package indexer

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// The fast text scanners of the extractor (mTokenize, citeFindDates, citeSpan, findDates,
// schema.TopicWords, Taxonomy.Assign) are checked against straightforward reference versions, kept in the
// *_ref_test.go files, on the texts below: the bodies and titles of a generated corpus and
// of the shared corpus when present, odd strings, and random strings made of the pieces
// that the fast paths treat specially.

// equivalenceOddTexts are inputs at the edges of the fast paths.
var equivalenceOddTexts = []string{
	"", " ", "\n", "\n\n\n", "a", "A", "s", "'", "’", "’s", "\xff", "\xe2\x80", "é", "\u00a0", "\u0085",
	"U.S.", "U.S", "D.C. and U.S.A.", "the U.S.’ policy", "DHS’ office", "Issues’ web site",
	"L’Institut d’Immigration", "l'Office", "d’Haïti", "L’É", "ASPs", "MOJ/DA", "SDA's", "SDA’S",
	"www.state.gov", "WWW.STATE.GOV", "Www.x", "adoption@state.gov", "snake_case", "a/b", "x.y",
	"Bien-Etre", "Bien‐Etre", "AT&T", "O'Neill", "O’Neill’s", "‘quoted’", "“Ministry of Justice”",
	"Procuraduría General", "PROCURADURÍA", "Ministère de la Famille", "İstanbul", "\u212a", "Straße",
	"co\u0301te", "e\u0301", "10th", "1st May", "2nd", "12/01/03", "12/01/2003", "2013-01-02",
	"January 2, 2013", "2 January 2013", "October 2009", "Jan. 5, 2010", "Sept. 30 , 2011",
	"Sepember 1, 2000", "March 10 and December 13, 2014", "May 2010", "June\t3,\f2012", "Dec\v1, 2012",
	"Mar 123, 2010", "12/01/20035", "99/99/99", "2013-13-45", "January 32, 2013", "Feb 29, 1899",
	"Notice: January 2, 2013", "our notice of March 5, 2010", "the October 2009 alert",
	"Ministry of Justice (MOJ)", "the Ministry\u00a0of\u00a0Justice", "A1B2", "ABC123s", "word.\nword",
	"Suspended Adoptions", "authorities' processing", "Authorities’s", "Children’s", "HAGUE convention",
	"classes", "churches", "boxes", "stopped", "status", "analysis", "ÉTATS-UNIS",
}

// equivalencePieces are joined at random into more odd inputs.
var equivalencePieces = []string{
	" ", " ", " ", "\n", "\n\n", "\t", "\v", "\f", "\r", "\u00a0", "\u0085", "\u2009", ",", ".", ";", ":",
	"(", ")", "'", "’", "‘", "“", "”", "-", "‐", "–", "/", "@", "_", "&", "s", "S", "'s", "’s", "’S",
	"a", "l", "L", "d", "D", "the", "The", "of", "Ministry", "MINISTRY", "Court", "Central", "Authority",
	"Justice", "Social", "Welfare", "notice", "Notice", "alert", "update", "dated", "on", "and", "or",
	"U", "U.S", "www", "WWW", "gov", "x", "é", "É", "ü", "ß", "İ", "\u212a", "\u0301", "\u0308", "ñ",
	"\xff", "\xc3", "\xe2\x80", "0", "1", "2", "9", "10", "12", "31", "123", "2013", "1999", "20035",
	"st", "nd", "rd", "th", "Jan", "January", "Feb", "Mar", "March", "Apr", "May", "Jun", "June",
	"Jul", "Aug", "Sep", "Sept", "September", "Sepember", "Oct", "Nov", "Dec", "December", "ies", "ied",
	"ing", "ed", "es", "ches", "sses", "Hague", "convention", "special", "needs", "suspend", "Cambodia",
	"Guatemalan", "Vietnam’s", "ASP", "MOJ", "x_y", "a@b", "A.B.", "k",
}

// equivalenceRandomTexts returns n random strings of equivalencePieces.
func equivalenceRandomTexts(seed uint64, n int) []string {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 1 + rng.IntN(40) {
			b.WriteString(equivalencePieces[rng.IntN(len(equivalencePieces))])
		}
		out[i] = b.String()
	}
	return out
}

// equivalenceCorpus holds the titles and bodies of generated pages and, when the shared
// corpus is present, of the real pages, as the extractor reads them.
var equivalenceCorpus = sync.OnceValues(func() ([]string, error) {
	ex, err := NewExtractor()
	if err != nil {
		return nil, err
	}
	var texts []string
	add := func(c *archive.Capture) {
		if n, err := ex.Extract(c); err == nil {
			texts = append(texts, n.Title, n.Body)
		}
	}
	err = gen.Generate(gen.Options{N: 240, Seed: 11, Layouts: gen.LayoutsMixed}, func(p gen.Page) error {
		texts = append(texts, p.Body, p.Label.Title)
		add(&archive.Capture{Source: p.Path, Time: p.Captured, Body: p.HTML})
		return nil
	})
	if err != nil {
		return nil, err
	}
	pages, _ := filepath.Glob(filepath.Join(evalCorpusDir(), "*", "*.html"))
	for _, path := range pages {
		if raw, err := os.ReadFile(path); err == nil {
			add(&archive.Capture{Source: path, Body: raw})
		}
	}
	return texts, nil
})

// equivalenceTexts returns every input of the equivalence tests.
func equivalenceTexts(t *testing.T) []string {
	t.Helper()
	corpus, err := equivalenceCorpus()
	if err != nil {
		t.Fatal(err)
	}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	texts := append([]string{}, equivalenceOddTexts...)
	texts = append(texts, corpus...)
	return append(texts, equivalenceRandomTexts(1, n)...)
}

// FuzzScannersMatchReference holds the fast text scanners to their reference versions on
// any input:
//
//	go test -run '^$' -fuzz '^FuzzScannersMatchReference$' -fuzztime 20s ./indexer
func FuzzScannersMatchReference(f *testing.F) {
	for _, s := range equivalenceOddTexts {
		f.Add(s)
	}
	for _, s := range equivalenceRandomTexts(2, 50) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := mTokenize(text), refMTokenize(text); !slices.Equal(got, want) {
			t.Fatalf("mTokenize(%q) = %+v, want %+v", text, got, want)
		}
		if got, want := citeFindDatesIn(text, 0, len(text), nil), refCiteFindDatesIn(text, 0, len(text), nil); !slices.Equal(got, want) {
			t.Fatalf("citeFindDatesIn(%q) = %+v, want %+v", text, got, want)
		}
		for _, d := range citeFindDates(text) {
			start, end, ok := citeSpan(text, d)
			if ws, we, wok := refCiteSpan(text, d); start != ws || end != we || ok != wok {
				t.Fatalf("citeSpan(%q, %+v) = %d, %d, %v, want %d, %d, %v", text, d, start, end, ok, ws, we, wok)
			}
		}
		if got, want := findDates(text), refFindDates(text); !slices.Equal(got, want) {
			t.Fatalf("findDates(%q) = %+v, want %+v", text, got, want)
		}
		if got, want := schema.TopicWords(text), refTopicWords(text); !slices.Equal(got, want) {
			t.Fatalf("TopicWords(%q) = %q, want %q", text, got, want)
		}
	})
}
