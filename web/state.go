package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/noticearchive/noticearchive/search"
)

// Names of the URL parameters that carry a search. Facet filters use the facet field
// names of search.FilterFields (country, topic, ministry, type), one parameter per value.
const (
	paramQuery     = "q"
	paramFrom      = "from"
	paramTo        = "to"
	paramSort      = "sort"
	paramPage      = "page"
	paramSize      = "size"
	paramAfter     = "after"
	paramVersions  = "versions"
	paramFacetSize = "facet_size"
)

// versionsAll in the versions parameter includes earlier versions of notices.
const versionsAll = "all"

// State is a search as its URL carries it. Every page of results, permalink and link
// that changes the search is made from a State, so the URL is the whole state and the
// back button and shared links work. Zero fields are absent from the URL.
type State struct {
	Query     string
	Filters   map[string][]string // facet field -> selected canonical values, in URL order
	From, To  string
	Sort      string
	Page      int
	Size      int
	After     string
	Versions  string // "" (newest versions only) or versionsAll
	FacetSize int
}

// ParseState reads a State from URL parameters. It checks only what a State needs to
// hold (numbers and known words); search.Request.Normalize checks the rest. Its errors
// are *search.QueryError, the user's to fix.
func ParseState(v url.Values) (State, error) {
	st := State{
		Query:    strings.TrimSpace(v.Get(paramQuery)),
		From:     strings.TrimSpace(v.Get(paramFrom)),
		To:       strings.TrimSpace(v.Get(paramTo)),
		Sort:     v.Get(paramSort),
		After:    v.Get(paramAfter),
		Versions: v.Get(paramVersions),
	}
	for _, f := range search.FilterFields {
		for _, val := range v[f] {
			if val = strings.TrimSpace(val); val != "" && !slices.Contains(st.Filters[f], val) {
				st.setFilters(f, append(st.Filters[f], val))
			}
		}
	}
	var err error
	if st.Page, err = intParam(v, paramPage); err != nil {
		return st, err
	}
	if st.Size, err = intParam(v, paramSize); err != nil {
		return st, err
	}
	if st.FacetSize, err = intParam(v, paramFacetSize); err != nil {
		return st, err
	}
	switch st.Versions {
	case "", versionsAll:
	case "latest":
		st.Versions = ""
	default:
		return st, &search.QueryError{Pos: -1, Msg: fmt.Sprintf("versions must be %q or %q", "latest", versionsAll)}
	}
	return st, nil
}

func intParam(v url.Values, name string) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, &search.QueryError{Pos: -1, Msg: fmt.Sprintf("%s must be a whole number of at least 1, not %q", name, shorten(s, 20))}
	}
	return n, nil
}

// Request turns the state into a search request (not yet normalized).
func (st State) Request() search.Request {
	req := search.Request{
		Query:       st.Query,
		From:        st.From,
		To:          st.To,
		Sort:        st.Sort,
		Page:        st.Page,
		Size:        st.Size,
		After:       st.After,
		FacetSize:   st.FacetSize,
		AllVersions: st.Versions == versionsAll,
	}
	if len(st.Filters) > 0 {
		req.Filters = map[string][]string{}
		for f, vals := range st.Filters {
			req.Filters[f] = slices.Clone(vals)
		}
	}
	if req.After != "" {
		req.Page = 0
	}
	return req
}

// Values returns the URL parameters of the state in a fixed order: the query, the
// filters in facet order, the date range, then the view (sort, size, versions) and the
// position (page or cursor).
func (st State) Values() [][2]string {
	var kv [][2]string
	add := func(k, v string) {
		if v != "" {
			kv = append(kv, [2]string{k, v})
		}
	}
	add(paramQuery, st.Query)
	for _, f := range search.FilterFields {
		for _, v := range st.Filters[f] {
			add(f, v)
		}
	}
	add(paramFrom, st.From)
	add(paramTo, st.To)
	add(paramSort, st.Sort)
	if st.Size > 0 {
		add(paramSize, strconv.Itoa(st.Size))
	}
	if st.FacetSize > 0 {
		add(paramFacetSize, strconv.Itoa(st.FacetSize))
	}
	add(paramVersions, st.Versions)
	if st.After != "" {
		add(paramAfter, st.After)
	} else if st.Page > 1 {
		add(paramPage, strconv.Itoa(st.Page))
	}
	return kv
}

// Encode returns the state as a query string without the leading '?'.
func (st State) Encode() string {
	var b strings.Builder
	for i, kv := range st.Values() {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(kv[0]))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(kv[1]))
	}
	return b.String()
}

// URL returns path with the state as its query.
func (st State) URL(path string) string {
	if q := st.Encode(); q != "" {
		return path + "?" + q
	}
	return path
}

// IsEmpty reports whether the state asks for nothing in particular: no query, filter
// or date range.
func (st State) IsEmpty() bool {
	return strings.TrimSpace(st.Query) == "" && len(st.Filters) == 0 && st.From == "" && st.To == ""
}

// clone copies the state so that a change to the copy leaves st alone.
func (st State) clone() State {
	c := st
	c.Filters = nil
	for f, vals := range st.Filters {
		c.setFilters(f, slices.Clone(vals))
	}
	return c
}

func (st *State) setFilters(field string, vals []string) {
	if len(vals) == 0 {
		delete(st.Filters, field)
		return
	}
	if st.Filters == nil {
		st.Filters = map[string][]string{}
	}
	st.Filters[field] = vals
}

// firstPage returns a copy on the first page: any change to what is searched starts over.
func (st State) firstPage() State {
	c := st.clone()
	c.Page, c.After = 0, ""
	return c
}

// Has reports whether value is selected in field.
func (st State) Has(field, value string) bool { return slices.Contains(st.Filters[field], value) }

// WithFilter returns the state with value also selected in field.
func (st State) WithFilter(field, value string) State {
	c := st.firstPage()
	if !c.Has(field, value) {
		c.setFilters(field, append(c.Filters[field], value))
	}
	return c
}

// WithoutFilter returns the state with value no longer selected in field.
func (st State) WithoutFilter(field, value string) State {
	c := st.firstPage()
	c.setFilters(field, slices.DeleteFunc(c.Filters[field], func(v string) bool { return v == value }))
	return c
}

// Toggle selects value in field, or unselects it when it is selected.
func (st State) Toggle(field, value string) State {
	if st.Has(field, value) {
		return st.WithoutFilter(field, value)
	}
	return st.WithFilter(field, value)
}

// WithRange returns the state with the date range set to from..to.
func (st State) WithRange(from, to string) State {
	c := st.firstPage()
	c.From, c.To = from, to
	return c
}

// WithQuery returns the state searching for q.
func (st State) WithQuery(q string) State {
	c := st.firstPage()
	c.Query = q
	return c
}

// WithSort returns the state in another order, from the first page.
func (st State) WithSort(sort string) State {
	c := st.firstPage()
	c.Sort = sort
	return c
}

// WithPage returns the state on page p.
func (st State) WithPage(p int) State {
	c := st.firstPage()
	c.Page = p
	return c
}

// WithAfter returns the state on the page after the cursor.
func (st State) WithAfter(after string) State {
	c := st.firstPage()
	c.After = after
	return c
}

// WithFacetSize returns the state listing n values per facet.
func (st State) WithFacetSize(n int) State {
	c := st.clone()
	c.FacetSize = n
	return c
}

// shorten cuts s to at most n runes for messages.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
