package search

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
)

// Limits on a request. Deeper pages are reached with the After cursor.
const (
	MaxPage         = 100
	MaxPageSize     = 100
	DefaultPageSize = 20
	DefaultFacets   = 20
	MaxFacetSize    = 1000
	maxFilterValues = 50
)

// FilterFields are the facets a request may filter on, in display order.
var FilterFields = schema.FacetFields

// Request is one search: query text, facet filters, a date range, a sort and a page.
type Request struct {
	Query string
	// Filters holds the selected values per facet field (schema.FieldCountry, FieldTopic,
	// FieldMinistry, FieldType): OR within a field, AND across fields.
	Filters map[string][]string
	// From and To bound the publication date, inclusive: "2010", "2010-03" or "2010-03-17".
	From, To string
	// Sort is SortRelevance, SortNewest or SortOldest; "" picks relevance when there is
	// query text and newest otherwise.
	Sort string
	// Page is 1-based; Size is the number of hits per page.
	Page, Size int
	// After is a cursor from Response.NextAfter, for pages beyond MaxPage.
	After string
	// FacetSize is how many values each facet returns.
	FacetSize int
	// AllVersions includes earlier versions of notices, not only the newest.
	AllVersions bool
	// NoFacets skips facet counts and the histogram (exports and feeds need none).
	NoFacets bool
}

// Normalize applies defaults and checks the request. Its errors are *QueryError: the
// caller's fault, to be shown to the user.
func (r *Request) Normalize() error {
	r.Query = strings.TrimSpace(r.Query)
	if len(r.Query) > MaxQueryLength {
		return &QueryError{Pos: -1, Msg: fmt.Sprintf("the query is too long (%d characters; at most %d)", len(r.Query), MaxQueryLength)}
	}
	switch r.Sort {
	case "":
		r.Sort = SortNewest
		if r.Query != "" {
			r.Sort = SortRelevance
		}
	case SortRelevance, SortNewest, SortOldest:
	default:
		return &QueryError{Pos: -1, Msg: fmt.Sprintf("unknown sort %q: use relevance, newest or oldest", r.Sort)}
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Page < 1 || r.Page > MaxPage {
		return &QueryError{Pos: -1, Msg: fmt.Sprintf("page must be between 1 and %d; use the next link to go further", MaxPage)}
	}
	if r.Size == 0 {
		r.Size = DefaultPageSize
	}
	if r.Size < 1 || r.Size > MaxPageSize {
		return &QueryError{Pos: -1, Msg: fmt.Sprintf("size must be between 1 and %d", MaxPageSize)}
	}
	if r.FacetSize == 0 {
		r.FacetSize = DefaultFacets
	}
	if r.FacetSize < 1 || r.FacetSize > MaxFacetSize {
		return &QueryError{Pos: -1, Msg: fmt.Sprintf("facet_size must be between 1 and %d", MaxFacetSize)}
	}
	if err := r.normalizeFilters(); err != nil {
		return err
	}
	return r.normalizeDates()
}

func (r *Request) normalizeFilters() error {
	clean := map[string][]string{}
	for field, values := range r.Filters {
		if !isFilterField(field) {
			return &QueryError{Pos: -1, Msg: fmt.Sprintf("unknown filter %q", field)}
		}
		seen := map[string]bool{}
		for _, v := range values {
			v = strings.TrimSpace(v)
			if v == "" || seen[v] {
				continue
			}
			seen[v] = true
			clean[field] = append(clean[field], v)
		}
		if len(clean[field]) > maxFilterValues {
			return &QueryError{Pos: -1, Msg: fmt.Sprintf("too many %s filters (at most %d)", field, maxFilterValues)}
		}
		sort.Strings(clean[field])
	}
	r.Filters = clean
	return nil
}

func (r *Request) normalizeDates() error {
	from, err := parseBound(r.From, false)
	if err != nil {
		return &QueryError{Pos: -1, Msg: "from: " + err.Error()}
	}
	to, err := parseBound(r.To, true)
	if err != nil {
		return &QueryError{Pos: -1, Msg: "to: " + err.Error()}
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return &QueryError{Pos: -1, Msg: fmt.Sprintf("the date range ends (%s) before it starts (%s)", r.To, r.From)}
	}
	return nil
}

// DateRange returns the instants the request's From and To denote: From's first instant
// and To's last. Zero times mean open ends.
func (r *Request) DateRange() (from, to time.Time) {
	from, _ = parseBound(r.From, false)
	to, _ = parseBound(r.To, true)
	return from, to
}

func isFilterField(f string) bool {
	for _, ff := range FilterFields {
		if f == ff {
			return true
		}
	}
	return false
}

// parseBound parses "2010", "2010-03" or "2010-03-17". With end set it returns the last
// instant of that year, month or day.
func parseBound(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	layouts := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}
	layout, ok := layouts[len(s)]
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	if end {
		switch len(s) {
		case 4:
			t = t.AddDate(1, 0, 0)
		case 7:
			t = t.AddDate(0, 1, 0)
		default:
			t = t.AddDate(0, 0, 1)
		}
		t = t.Add(-time.Nanosecond)
	}
	return t, nil
}
