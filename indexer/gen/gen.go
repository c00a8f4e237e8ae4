// Package gen generates a synthetic corpus of archived intercountry-adoption notice pages,
// with the true fields of every page in a labels.jsonl file, for testing and benchmarking
// the extractor, the index and the search.
//
// Pages come in the three site designs of the real archive (the travel.state.gov AEM
// site, the adoption.state.gov PHP site and the 2004 table layout in windows-1252) or in
// randomly composed designs that no extractor has selectors for. Their bodies are 300 to
// 900 words of notice-like text: sentences that state the labelled facts (country, date,
// ministries, topics, citations of earlier notices) mixed with filler drawn from a
// Zipf-distributed vocabulary of some forty thousand words. Output is a pure function of
// the Options: the same seed gives the same bytes.
package gen

import (
	"errors"
	"fmt"
	"time"
)

// Layout names, used as label values and as the first folder of a page's path.
const (
	LayoutAEM         = "aem"          // travel.state.gov after 2016 (AEM, tsg-rwd-* classes)
	LayoutAdoptionGov = "adoption-gov" // adoption.state.gov PHP site
	LayoutFamily2004  = "family-2004"  // travel.state.gov/family table layout, windows-1252
	LayoutRandom      = "random"       // a randomly composed design
)

// Values of Options.Layouts.
const (
	LayoutsStandard = "standard" // the three real designs
	LayoutsRandom   = "random"   // random designs only
	LayoutsMixed    = "mixed"    // half standard, half random
)

// Defaults applied by Options.Validate to zero fields.
const (
	DefaultN     = 1000
	DefaultStart = 1995
	DefaultEnd   = 2025
	MaxN         = 10_000_000
)

// ErrInvalidOptions is wrapped by every error of Options.Validate.
var ErrInvalidOptions = errors.New("invalid generator options")

// Options says what corpus to generate.
type Options struct {
	N       int    // number of pages; 0 means DefaultN
	Seed    int64  // any value; the same seed gives the same corpus
	Layouts string // LayoutsStandard (default), LayoutsRandom or LayoutsMixed
	Start   int    // first publication year; 0 means DefaultStart
	End     int    // last publication year; 0 means DefaultEnd
}

// Validate fills zero fields with their defaults and checks the rest.
func (o *Options) Validate() error {
	if o.N == 0 {
		o.N = DefaultN
	}
	if o.Layouts == "" {
		o.Layouts = LayoutsStandard
	}
	if o.Start == 0 {
		o.Start = DefaultStart
	}
	if o.End == 0 {
		o.End = DefaultEnd
	}
	switch {
	case o.N < 0 || o.N > MaxN:
		return fmt.Errorf("%w: n %d not in 1..%d", ErrInvalidOptions, o.N, MaxN)
	case o.Layouts != LayoutsStandard && o.Layouts != LayoutsRandom && o.Layouts != LayoutsMixed:
		return fmt.Errorf("%w: layouts %q: want standard, random or mixed", ErrInvalidOptions, o.Layouts)
	case o.Start < 1990 || o.End > 2030 || o.Start > o.End:
		return fmt.Errorf("%w: years %d..%d: want 1990 <= start <= end <= 2030", ErrInvalidOptions, o.Start, o.End)
	}
	return nil
}

// Page is one generated page.
type Page struct {
	// Path is the page's file path relative to the corpus folder, with forward slashes:
	// "<layout>/<country-slug>-<date>-<n>.html".
	Path string
	// HTML is the page's bytes: UTF-8, or windows-1252 when the page declares it.
	HTML []byte
	// Body is the notice's text as the page shows it, paragraphs separated by "\n\n",
	// always in UTF-8.
	Body string
	// Words is the number of space-separated words of Body.
	Words int
	// Captured is the Wayback capture time the page states, zero when it has no Wayback insert.
	Captured time.Time
	// Label holds the true fields of the page.
	Label Label
}

// Label is the truth about one page, in the format of the shared labels.jsonl (fields
// tagged "-" are extra truth that the file does not carry).
type Label struct {
	File    string `json:"file"`
	Layout  string `json:"layout"`
	Country string `json:"country"` // canonical name, or "General"
	// Date is the publication date the page states: "2014-02-17", "2010-03" for a
	// month-only date, or "" when the page states none.
	Date       string   `json:"date"`
	Type       string   `json:"type"`       // notice | alert | other
	Title      string   `json:"title"`      // without the "Notice:" label, "" when none
	Ministries []string `json:"ministries"` // foreign bodies named, as first written in full
	Topics     []string `json:"topics"`     // ids of the topics the text renders
	SourceURL  string   `json:"source_url"`

	CountryCode string `json:"-"` // ISO 3166-1 alpha-2, "" for General
	// TrueDate is the publication date even when the page does not state it (YYYY-MM-DD).
	TrueDate string `json:"-"`
	Cites    []Cite `json:"-"` // references to earlier notices, in text order
}

// Cite is a reference in a notice's body to an earlier generated notice.
type Cite struct {
	Date    string // YYYY-MM-DD or YYYY-MM, the cited notice's date as written
	Country string // canonical name when the citing words name the country, else ""
	Text    string // the citing words, such as "the Department’s January 2, 2013 Notice"
}

// Stats counts what a run generated.
type Stats struct {
	Pages    int
	Bytes    int64          // bytes of HTML
	Words    int64          // words of body text
	ByLayout map[string]int // pages per layout
}

func (s *Stats) add(p *Page) {
	if s.ByLayout == nil {
		s.ByLayout = map[string]int{}
	}
	s.Pages++
	s.Bytes += int64(len(p.HTML))
	s.Words += int64(p.Words)
	s.ByLayout[p.Label.Layout]++
}
