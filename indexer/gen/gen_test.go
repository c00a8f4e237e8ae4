package gen

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

func generateAll(t *testing.T, opts Options) []Page {
	t.Helper()
	var pages []Page
	if err := Generate(opts, func(p Page) error {
		pages = append(pages, p)
		return nil
	}); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return pages
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		in      Options
		want    Options
		wantErr bool
	}{
		{"defaults", Options{}, Options{N: DefaultN, Layouts: LayoutsStandard, Start: 1995, End: 2025}, false},
		{"kept", Options{N: 5, Seed: -3, Layouts: LayoutsMixed, Start: 2000, End: 2001},
			Options{N: 5, Seed: -3, Layouts: LayoutsMixed, Start: 2000, End: 2001}, false},
		{"negative n", Options{N: -1}, Options{}, true},
		{"huge n", Options{N: MaxN + 1}, Options{}, true},
		{"unknown layouts", Options{Layouts: "fancy"}, Options{}, true},
		{"years reversed", Options{Start: 2010, End: 2005}, Options{}, true},
		{"years out of range", Options{Start: 1900}, Options{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in
			err := got.Validate()
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidOptions) {
					t.Fatalf("Validate() = %v, want ErrInvalidOptions", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Validate() = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate() options (-want +got):\n%s", diff)
			}
		})
	}
}

func digest(t *testing.T, opts Options) [32]byte {
	t.Helper()
	h := sha256.New()
	for _, p := range generateAll(t, opts) {
		h.Write([]byte(p.Path))
		h.Write(p.HTML)
		h.Write(AppendLabelJSON(nil, &p.Label))
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func TestDeterministic(t *testing.T) {
	opts := Options{N: 150, Seed: 7, Layouts: LayoutsMixed}
	a, b := digest(t, opts), digest(t, opts)
	if a != b {
		t.Fatal("same seed gave different corpora")
	}
	opts.Seed = 8
	if digest(t, opts) == a {
		t.Fatal("different seeds gave the same corpus")
	}
}

// decodeHTML returns the page as UTF-8 text.
func decodeHTML(t *testing.T, p *Page) string {
	t.Helper()
	if utf8.Valid(p.HTML) {
		return string(p.HTML)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(p.HTML)
	if err != nil {
		t.Fatalf("%s: decode windows-1252: %v", p.Path, err)
	}
	return string(s)
}

var labelDate = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)

// TestPages checks that every page states what its label says, and only that.
func TestPages(t *testing.T) {
	countries, err := schema.LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	pages := generateAll(t, Options{N: 800, Seed: 3, Layouts: LayoutsMixed})
	if len(pages) != 800 {
		t.Fatalf("got %d pages, want 800", len(pages))
	}
	seen := map[string]bool{}
	count := map[string]int{}
	for i := range pages {
		p := &pages[i]
		l := &p.Label
		if seen[p.Path] {
			t.Errorf("%s: duplicate path", p.Path)
		}
		seen[p.Path] = true
		if p.Path != l.File || !strings.HasPrefix(p.Path, l.Layout+"/") || !strings.HasSuffix(p.Path, ".html") {
			t.Errorf("%s: path does not match label %q/%q", p.Path, l.Layout, l.File)
		}
		if p.Words < minWords || p.Words > maxWords || p.Words != len(strings.Fields(p.Body)) {
			t.Errorf("%s: %d words (fields %d), want %d..%d", p.Path, p.Words, len(strings.Fields(p.Body)), minWords, maxWords)
		}
		switch l.Type {
		case "notice", "alert", "other":
		default:
			t.Errorf("%s: type %q", p.Path, l.Type)
		}
		if l.Country != schema.GeneralCountry {
			c, ok := countries.Lookup(l.Country)
			if !ok || c.Name != l.Country || c.Code != l.CountryCode {
				t.Errorf("%s: country %q/%q is not canonical", p.Path, l.Country, l.CountryCode)
			}
			if !strings.Contains(p.Body, strings.TrimPrefix(countryText(l.Country), "the ")) {
				t.Errorf("%s: body never names %s", p.Path, l.Country)
			}
		}
		if l.Date != "" && (!labelDate.MatchString(l.Date) || !strings.HasPrefix(l.TrueDate, l.Date)) {
			t.Errorf("%s: date %q (true %q)", p.Path, l.Date, l.TrueDate)
		}
		if got, want := l.Topics, scanTopics(l.Title+"\n"+p.Body).ids(); !cmp.Equal(got, want) && !droppedAEMTitle(p) {
			t.Errorf("%s: topics %v, but the text renders %v", p.Path, got, want)
		}
		if len(l.Topics) == 0 {
			t.Errorf("%s: no topics", p.Path)
		}
		for _, m := range l.Ministries {
			if !strings.Contains(p.Body, m) {
				t.Errorf("%s: ministry %q not in body", p.Path, m)
			}
		}
		for _, c := range l.Cites {
			if !strings.Contains(p.Body, c.Text) || c.Date >= l.TrueDate {
				t.Errorf("%s: cite %+v not in body or not earlier than %s", p.Path, c, l.TrueDate)
			}
		}
		html := decodeHTML(t, p)
		if l.Title != "" && !strings.Contains(html, l.Title) {
			t.Errorf("%s: title %q not in page", p.Path, l.Title)
		}
		for _, para := range strings.Split(p.Body, "\n\n") {
			if !strings.Contains(html, para) {
				t.Errorf("%s: paragraph not in page: %.60q", p.Path, para)
			}
		}
		if !strings.Contains(html, strings.ReplaceAll(l.SourceURL, "&", "&amp;")) {
			t.Errorf("%s: source URL %q not in page", p.Path, l.SourceURL)
		}
		if !p.Captured.IsZero() {
			ts := p.Captured.Format("20060102150405")
			if !strings.Contains(html, "/web/"+ts) || p.Captured.Format("2006-01-02") <= l.TrueDate {
				t.Errorf("%s: capture %s not in page or not after %s", p.Path, ts, l.TrueDate)
			}
			count["wayback"]++
		}
		if l.Layout == LayoutFamily2004 {
			if bytes.IndexByte(p.HTML, 0x92) < 0 || bytes.Contains(p.HTML, []byte("’")) {
				t.Errorf("%s: want windows-1252 apostrophes (0x92), not UTF-8", p.Path)
			}
		}
		if l.Layout != LayoutRandom && l.Date != "" && !strings.Contains(html, shownDate(l)) {
			t.Errorf("%s: date %q not shown as %q", p.Path, l.Date, shownDate(l))
		}
		count[l.Layout]++
		count[l.Type]++
		count["country:"+l.Country]++
		if l.Date == "" {
			count["undated"]++
		} else if len(l.Date) == 7 {
			count["month"]++
		}
		if strings.Contains(strings.ToLower(p.Body), "adopt") {
			count["adopt"]++
		} else if strings.Contains(p.Body+l.Title, "Placement Convention") || strings.Contains(l.Title, "Receiving from") {
			t.Errorf("%s: a set phrase lost its word: %q", p.Path, l.Title)
		}
		if l.Title == "" {
			count["untitled"]++
		}
		if len(l.Cites) > 0 {
			count["cites"]++
		}
		if len(l.Ministries) > 0 {
			count["ministries"]++
		}
	}
	share := func(key string) float64 { return float64(count[key]) / float64(len(pages)) }
	ranges := []struct {
		key    string
		lo, hi float64
	}{
		{"adopt", 0.90, 0.99}, {"undated", 0.01, 0.07}, {"month", 0.01, 0.08},
		{"country:General", 0.02, 0.09}, {"notice", 0.5, 0.7}, {"alert", 0.25, 0.45}, {"other", 0.01, 0.1},
		{"random", 0.4, 0.6}, {"aem", 0.1, 0.25}, {"wayback", 0.3, 0.5}, {"untitled", 0.01, 0.08},
		{"cites", 0.3, 0.8}, {"ministries", 0.5, 0.85},
	}
	for _, r := range ranges {
		if s := share(r.key); s < r.lo || s > r.hi {
			t.Errorf("share of %s = %.3f, want %.2f..%.2f", r.key, s, r.lo, r.hi)
		}
	}
	countries2 := 0
	for k := range count {
		if strings.HasPrefix(k, "country:") {
			countries2++
		}
	}
	if countries2 < 50 {
		t.Errorf("only %d countries in 800 pages", countries2)
	}
}

// droppedAEMTitle reports whether the label's title is the AEM heading shown in place of
// a title, which renders no topics of its own.
func droppedAEMTitle(p *Page) bool {
	return p.Label.Layout == LayoutAEM && p.Label.Title == p.Label.Country
}

func countryText(name string) string {
	for _, s := range countrySpecs {
		if s.name == name && s.text != "" {
			return s.text
		}
	}
	return name
}

// shownDate is how the standard designs show a label date.
func shownDate(l *Label) string {
	if len(l.Date) == 7 {
		d, _ := time.Parse("2006-01", l.Date)
		return d.Format("January 2006")
	}
	d, _ := time.Parse("2006-01-02", l.Date)
	if l.Layout == LayoutFamily2004 {
		return d.Format("01/02/06")
	}
	return d.Format("January 2, 2006")
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(context.Background(), dir, Options{N: 40, Seed: 1})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if st.Pages != 40 || st.Bytes == 0 || st.Words < 40*minWords {
		t.Errorf("stats %+v", st)
	}
	f, err := os.Open(filepath.Join(dir, LabelsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	lines := 0
	var size int64
	for sc.Scan() {
		lines++
		var l Label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("label line %d: %v", lines, err)
		}
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(l.File)))
		if err != nil {
			t.Errorf("label %d: %v", lines, err)
			continue
		}
		size += fi.Size()
		if l.Ministries == nil || l.Topics == nil {
			t.Errorf("label %d: lists must be [] rather than null", lines)
		}
	}
	if lines != 40 || size != st.Bytes {
		t.Errorf("%d labels, %d bytes of pages; want 40 and %d", lines, size, st.Bytes)
	}
	if got := st.ByLayout[LayoutAEM] + st.ByLayout[LayoutAdoptionGov] + st.ByLayout[LayoutFamily2004]; got != 40 {
		t.Errorf("standard layouts hold %d pages, want 40: %v", got, st.ByLayout)
	}
}

func TestRunCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Write(ctx, t.TempDir(), Options{N: 10})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Write with a canceled context = %v, want context.Canceled", err)
	}
}

// TestLabelFormat checks that labels are written like the shared labels.jsonl.
func TestLabelFormat(t *testing.T) {
	l := Label{File: "aem/x-1.html", Layout: "aem", Country: "Côte d'Ivoire", Date: "2014-02",
		Type: "notice", Title: `A "quoted" <title> & more`, Ministries: []string{"Ministry of Justice (MOJ)"},
		Topics: []string{}, SourceURL: "http://x.example/?a=1&b=2"}
	got := string(AppendLabelJSON(nil, &l))
	want := `{"file": "aem/x-1.html", "layout": "aem", "country": "Côte d'Ivoire", "date": "2014-02", ` +
		`"type": "notice", "title": "A \"quoted\" <title> & more", "ministries": ["Ministry of Justice (MOJ)"], ` +
		`"topics": [], "source_url": "http://x.example/?a=1&b=2"}`
	if got != want {
		t.Errorf("AppendLabelJSON:\n got %s\nwant %s", got, want)
	}
	var back Label
	if err := json.Unmarshal([]byte(got), &back); err != nil || back.Title != l.Title {
		t.Errorf("round trip: %v, %q", err, back.Title)
	}

	shared, err := os.ReadFile("/work/shared/corpus/labels.jsonl")
	if err != nil {
		t.Skip("shared corpus absent: key order not compared")
	}
	first, _, _ := bytes.Cut(shared, []byte("\n"))
	if keys(first) != keys([]byte(got)) {
		t.Errorf("key order %s, shared file has %s", keys([]byte(got)), keys(first))
	}
}

var labelKey = regexp.MustCompile(`(?:^\{|, )"([a-z_]+)": `)

func keys(line []byte) string {
	var out []string
	for _, m := range labelKey.FindAllSubmatch(line, -1) {
		out = append(out, string(m[1]))
	}
	return strings.Join(out, ",")
}
