package search

import (
	"html/template"
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Response is the outcome of a search.
type Response struct {
	Request Request // the normalized request that produced it
	Total   uint64
	Took    time.Duration
	Hits    []Hit
	// Facets holds one entry per field of FilterFields, in that order (empty when the
	// request asked for none).
	Facets []Facet
	// Histogram has a bar per year from the first to the last year with notices,
	// zero-filled, then a bar for undated notices when there are any.
	Histogram []Bar
	// Pages is the number of pages reachable by number (at most MaxPage).
	Pages int
	// NextAfter is a cursor for the page after this one (Request.After), the way past
	// MaxPage; "" when there is no next page.
	NextAfter string
	// DidYouMean is a suggested query when this one found little, else "".
	DidYouMean string
	// Fuzzy reports that the hits come from a typo-tolerant second pass.
	Fuzzy bool
}

// Hit is one notice in a result list.
type Hit struct {
	ID          string
	Title       string
	Country     string
	CountryCode string
	Date        string // "2014-02-17", "2010-03" or ""
	DateEst     string // estimate for an undated notice
	Type        string
	Topics      []string
	Ministries  []string
	URL         string    // original URL
	CapturedAt  time.Time // newest capture shown, zero when unknown
	FirstHeld   time.Time // when the archive first held this version
	Score       float64
	// Latest is false for an earlier version of a notice (found with AllVersions).
	Latest bool
	// Snippet is a passage of the body with the query's words marked by <mark>; the
	// notice text in it is HTML-escaped, so it is safe to show as HTML.
	Snippet template.HTML
	// TitleHTML is the escaped title with the query's words marked, or "" when none match.
	TitleHTML template.HTML
}

// Facet is the value counts of one field.
type Facet struct {
	Field  string
	Values []FacetValue
	// Missing counts hits without a value in this field.
	Missing int
	// Other counts values beyond those returned.
	Other int
}

// FacetValue is one value of a facet with the number of hits that have it.
type FacetValue struct {
	Value    string // the canonical value, exactly as filters take it
	Label    string // what to show (a topic's label; else the value)
	Count    int
	Selected bool
}

// Bar is one bar of the per-year histogram.
type Bar struct {
	Year  string // "2014", or schema.YearUndated
	Count int
	// InRange reports whether the bar lies in the request's date range.
	InRange bool
}

// Notice is a whole notice, as its page shows it.
type Notice struct {
	Hit
	Body     string // clean text, paragraphs separated by blank lines
	Source   string
	Digest   string
	Cites    []schema.Citation
	Captures []schema.Capture
	// Versions lists the notice's distinct texts, oldest first, when there are several;
	// each has the id under which Notice returns it.
	Versions []schema.Version
	// Latest is false for an earlier version of a notice.
	Latest bool
}
