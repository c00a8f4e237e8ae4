package web

import (
	"html/template"
	"net/http"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// Base is what every page shows: its title, the header and the footer.
type Base struct {
	Title       string
	Description string
	Canonical   string // absolute URL of this page
	Robots      string // "noindex" for pages search engines should skip
	Nav         string // the current section: search, advanced, countries, help
	Query       string // in the header's search box
	// HideHeaderSearch drops the header's search box on pages with their own.
	HideHeaderSearch bool
	FeedURL          string // an Atom feed of this page, "" when none
	Stats            search.Stats
}

// base fills in the base page of a request.
func (s *Server) base(r *http.Request, title string) Base {
	return Base{
		Title:     title,
		Canonical: s.absURL(r, r.URL.RequestURI()),
		Query:     r.URL.Query().Get(paramQuery),
		Stats:     s.search.Stats(),
	}
}

// ErrorPage reports a failed request.
type ErrorPage struct {
	Base
	Status    int
	Message   string
	RequestID string     // for 5xx, to quote in a report
	Mark      *QueryMark // where a query went wrong
}

// SearchPage is the search form with its results.
type SearchPage struct {
	Base
	State     State
	Resp      *search.Response // nil when the search failed
	Error     *Error           // a query the user must fix (400)
	Facets    []facetView
	Chips     []chip
	ClearURL  string // the search without filters or date range
	Histogram *histogramView
	Pager     pagerView
	Sorts     []link
	Versions  []link      // newest versions only, or earlier ones too
	Hidden    [][2]string // state to keep when the query changes (form fields)
	First     int         // number of the first hit shown
	Exports   exportLinks
	Suggest   string // DidYouMean link
	Hits      []hitView
}

// hitView is one result with its links.
type hitView struct {
	search.Hit
	Link       string // the notice's page
	CountryURL string
	Version    *hitVersion // set for an earlier version of a notice
}

// link is a labelled URL; Current marks the page's own.
type link struct {
	Label   string
	URL     string
	Current bool
}

// chip is an active filter with the URL that removes it.
type chip struct {
	Field     string // Country, Topic, ...
	Label     string
	RemoveURL string
}

// exportLinks are the other forms of the current search.
type exportLinks struct {
	CSV, Atom, JSON string
}

// AdvancedPage is the advanced search form.
type AdvancedPage struct {
	Base
	State      State
	Countries  []option
	Topics     []option
	Ministries []option
	Types      []option
}

// option is a choice of a form, checked when selected.
type option struct {
	Value, Label string
	Count        int
	Selected     bool
}

// HelpPage explains the query language.
type HelpPage struct {
	Base
	Examples    []example
	CSVRowLimit int
	MaxPage     int
}

// example is a query with what it finds.
type example struct {
	Query, Means string
	URL          string
}

// NoticePage is one notice.
type NoticePage struct {
	Base
	N           *search.Notice
	Paragraphs  []string
	CountryURL  string
	Permalink   string
	OriginalURL string // "" when the archive holds no original
	Captures    []captureView
	Cited       []citedView
	CitedBy     []hitView
	Related     []hitView
	CiteText    string
	BibTeX      string
	QuotedURL   string // the capture the citation names
	QuotedTime  string
	JSONURL     string
	Versions    *versionsView // nil for a notice with one version
}

// captureView is one capture of a notice.
type captureView struct {
	schema.Capture
	OriginalURL string
	Current     bool // the capture whose text the page shows
}

// citedView is one citation with the notices it resolves to.
type citedView struct {
	search.CitationLink
	Targets []hitView
}

// CountriesPage lists every country.
type CountriesPage struct {
	Base
	Countries []countryView
	Total     int
}

// countryView is one row of the countries table.
type countryView struct {
	search.CountryCount
	URL string
}

// CountryPage is a country's timeline.
type CountryPage struct {
	Base
	Name      string
	Code      string
	Resp      *search.Response
	Hits      []hitView
	Histogram *histogramView
	Pager     pagerView
	SearchURL string
}

// OriginalPage wraps an archived original, sanitised, in a banner.
type OriginalPage struct {
	Title      string
	NoticeURL  string // absolute
	SourceURL  string
	Captured   string
	Digest     string
	BaseHref   string // the original URL, so that relative links resolve where they did
	Body       template.HTML
	StyleSheet template.CSS
}
