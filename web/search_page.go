package web

import (
	"net/http"

	"github.com/noticearchive/noticearchive/search"
)

// facetFold is how many values of a facet show before the "more" fold.
const facetFold = 6

// handleSearch serves /: the search box, facets, histogram and results. A query the user
// must fix shows on this page, with a 400, so that the form stays in reach.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) error {
	st, err := ParseState(r.URL.Query())
	var resp *search.Response
	if err == nil {
		resp, err = s.runSearch(r, st)
	}
	p := &SearchPage{Base: s.base(r, "Search"), State: st}
	p.Nav, p.HideHeaderSearch = "search", true
	if !st.IsEmpty() {
		p.Title = searchTitle(st)
		p.Robots = "noindex"
	}
	if err != nil {
		he := classify(r, err)
		if he.Status != http.StatusBadRequest {
			return err
		}
		s.report(r, err)
		p.Error = he
		p.Hidden = hiddenFields(st)
		return s.render(w, r, he.Status, "search", p)
	}
	s.fillSearchPage(p, resp)
	if st.Versions == versionsAll {
		s.labelEarlier(r, p.Hits)
	}
	return s.render(w, r, http.StatusOK, "search", p)
}

// runSearch normalizes the state's request and runs it.
func (s *Server) runSearch(r *http.Request, st State) (*search.Response, error) {
	req := st.Request()
	if err := req.Normalize(); err != nil {
		return nil, err
	}
	return s.search.Search(r.Context(), req)
}

// searchTitle names a search in the page title.
func searchTitle(st State) string {
	if st.Query != "" {
		return shorten(st.Query, 60) + " – Search"
	}
	return "Filtered search"
}

// fillSearchPage turns a response into what the page shows.
func (s *Server) fillSearchPage(p *SearchPage, resp *search.Response) {
	st := p.State
	p.Resp = resp
	p.FeedURL = st.WithSort("").WithPage(0).URL("/search.atom")
	p.Facets = s.facetViews(st, resp.Facets)
	p.Chips = s.chips(st)
	p.ClearURL = State{Query: st.Query, Sort: st.Sort, Size: st.Size, Versions: st.Versions}.URL("/")
	p.Histogram = histogram(resp.Histogram, st, "/")
	p.Pager = pager(st, resp, "/")
	p.Sorts = sortLinks(st, resp.Request.Sort)
	p.Versions = versionLinks(st)
	p.Hidden = hiddenFields(st)
	p.First = firstHit(resp)
	p.Hits = hitViews(resp.Hits)
	export := st.WithPage(0)
	export.Size = 0
	p.Exports = exportLinks{CSV: export.URL("/search.csv"), Atom: p.FeedURL, JSON: st.URL("/api/search")}
	if resp.DidYouMean != "" {
		p.Suggest = st.WithQuery(resp.DidYouMean).URL("/")
	}
}

func firstHit(resp *search.Response) int {
	if len(resp.Hits) == 0 {
		return 0
	}
	if resp.Request.After != "" {
		return 0 // unknown beyond the numbered pages
	}
	return (resp.Request.Page-1)*resp.Request.Size + 1
}

func hitViews(hits []search.Hit) []hitView {
	out := make([]hitView, len(hits))
	for i, h := range hits {
		out[i] = hitView{Hit: h, Link: noticeURL(h.ID), CountryURL: countryURL(h.CountryCode, h.Country)}
	}
	return out
}

// hiddenFields are the parts of the state the search form keeps when the query changes:
// filters, date range, sort, size and versions, in URL order (not the position).
func hiddenFields(st State) [][2]string {
	keep := st.firstPage()
	keep.Query = ""
	return keep.Values()
}

// facetView is one facet of the sidebar.
type facetView struct {
	Field   string
	Title   string
	Top     []facetItem
	More    []facetItem
	Open    bool // a selected value lies in More
	Other   int  // values not listed
	AllURL  string
	Missing int
}

// facetItem is one value with the link that selects or unselects it.
type facetItem struct {
	search.FacetValue
	URL string
}

func (s *Server) facetViews(st State, facets []search.Facet) []facetView {
	var out []facetView
	for _, f := range facets {
		if len(f.Values) == 0 && !hasFilters(st, f.Field) {
			continue
		}
		v := facetView{Field: f.Field, Title: facetTitles[f.Field], Other: f.Other, Missing: f.Missing}
		if v.Title == "" {
			v.Title = f.Field
		}
		for i, fv := range f.Values {
			if fv.Label == "" || fv.Label == fv.Value {
				fv.Label = s.valueLabel(f.Field, fv.Value)
			}
			fv.Selected = fv.Selected || st.Has(f.Field, fv.Value)
			item := facetItem{FacetValue: fv, URL: st.Toggle(f.Field, fv.Value).URL("/")}
			if i < facetFold {
				v.Top = append(v.Top, item)
			} else {
				v.More = append(v.More, item)
				v.Open = v.Open || fv.Selected
			}
		}
		if f.Other > 0 && st.FacetSize < search.MaxFacetSize {
			v.AllURL = st.WithFacetSize(search.MaxFacetSize).URL("/")
		}
		out = append(out, v)
	}
	return out
}

func hasFilters(st State, field string) bool { return len(st.Filters[field]) > 0 }

// valueLabel names a facet value for people.
func (s *Server) valueLabel(field, value string) string {
	switch field {
	case facetTopic:
		return s.search.TopicLabel(value)
	case facetType:
		return typeLabel(value)
	}
	return value
}

// chips lists the active filters and date range, each with its removal link.
func (s *Server) chips(st State) []chip {
	var out []chip
	for _, f := range search.FilterFields {
		for _, v := range st.Filters[f] {
			out = append(out, chip{Field: facetTitles[f], Label: s.valueLabel(f, v), RemoveURL: st.WithoutFilter(f, v).URL("/")})
		}
	}
	if st.From != "" || st.To != "" {
		out = append(out, chip{Field: "Date", Label: rangeLabel(st.From, st.To), RemoveURL: st.WithRange("", "").URL("/")})
	}
	if st.Versions == versionsAll {
		c := st.firstPage()
		c.Versions = ""
		out = append(out, chip{Field: "Versions", Label: "all versions", RemoveURL: c.URL("/")})
	}
	return out
}

// rangeLabel describes a date range: "2014", "2010 – 2014", "from 2010", "until 2014".
func rangeLabel(from, to string) string {
	switch {
	case from == to:
		return formatDate(from)
	case from == "":
		return "until " + formatDate(to)
	case to == "":
		return "from " + formatDate(from)
	}
	return formatDate(from) + " – " + formatDate(to)
}

// sortLinks are the sort switch; current is the sort in effect.
func sortLinks(st State, current string) []link {
	var out []link
	for _, o := range []struct{ value, label string }{
		{search.SortRelevance, "Relevance"},
		{search.SortNewest, "Newest"},
		{search.SortOldest, "Oldest"},
	} {
		if o.value == search.SortRelevance && st.Query == "" {
			continue
		}
		out = append(out, link{Label: o.label, URL: st.WithSort(o.value).URL("/"), Current: o.value == current})
	}
	return out
}
