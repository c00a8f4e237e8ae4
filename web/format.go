package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Facet fields, as URL parameters and filters.
const (
	facetCountry  = schema.FieldCountry
	facetTopic    = schema.FieldTopic
	facetMinistry = schema.FieldMinistry
	facetType     = schema.FieldType
)

// facetTitles name the facets on the page.
var facetTitles = map[string]string{
	facetCountry:  "Country",
	facetTopic:    "Topic",
	facetMinistry: "Ministry",
	facetType:     "Type",
}

// noticeURL is the path of a notice's page.
func noticeURL(id string) string { return "/notices/" + id }

// countryURL is the path of a country's timeline, or a search for notices about no
// single country.
func countryURL(code, name string) string {
	if code == "" {
		return State{}.WithFilter(facetCountry, name).URL("/")
	}
	return "/countries/" + strings.ToLower(code)
}

// parseDate reads "2014-02-17", "2010-03" or "2014".
func parseDate(s string) (t time.Time, layout string, ok bool) {
	for _, l := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(l) {
			if t, err := time.Parse(l, s); err == nil {
				return t, l, true
			}
		}
	}
	return time.Time{}, "", false
}

// formatDate writes a notice date for people: "February 17, 2014", "March 2010".
func formatDate(s string) string {
	t, layout, ok := parseDate(s)
	if !ok {
		return s
	}
	switch layout {
	case "2006-01-02":
		return t.Format("January 2, 2006")
	case "2006-01":
		return t.Format("January 2006")
	}
	return s
}

// isoDate is the machine-readable form of a date for <time datetime>.
func isoDate(s string) string {
	if _, _, ok := parseDate(s); ok {
		return s
	}
	return ""
}

// formatTime writes a capture time: "March 1, 2014, 12:00 UTC", or "unknown".
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("January 2, 2006, 15:04 UTC")
}

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// formatCount writes a count with thousands separators.
func formatCount(n any) string {
	var s string
	switch v := n.(type) {
	case int:
		s = strconv.Itoa(v)
	case uint64:
		s = strconv.FormatUint(v, 10)
	case int64:
		s = strconv.FormatInt(v, 10)
	default:
		return fmt.Sprint(n)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// plural returns "1 notice" or "3 notices".
func plural(n any, one, many string) string {
	if fmt.Sprint(n) == "1" {
		return "1 " + one
	}
	return formatCount(n) + " " + many
}

// typeLabel names a notice type.
func typeLabel(t string) string {
	switch t {
	case schema.TypeNotice:
		return "Notice"
	case schema.TypeAlert:
		return "Alert"
	case schema.TypeOther:
		return "Other"
	case "":
		return ""
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// urlHost returns the host and path of a URL without its scheme, for display.
func urlHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	s := u.Host + u.EscapedPath()
	return strings.TrimSuffix(s, "/")
}

// shortDigest shortens a "sha256-..." digest for display.
func shortDigest(d string) string {
	if len(d) > 19 {
		return d[:19] + "…"
	}
	return d
}

// formatTook writes the time a search took: "0.4 ms", "12 ms", "1.25 s".
func formatTook(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms < 10:
		return strconv.FormatFloat(ms, 'f', 1, 64) + " ms"
	case ms < 1000:
		return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
}
