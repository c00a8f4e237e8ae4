package web

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/noticearchive/noticearchive/search"
)

// countryPageSize is the number of notices per page of a country's timeline.
const countryPageSize = 50

var validCode = regexp.MustCompile(`^[A-Za-z]{2}$`)

// handleCountries serves /countries: every country with its count and latest date.
func (s *Server) handleCountries(w http.ResponseWriter, r *http.Request) error {
	list, err := s.search.Countries(r.Context())
	if err != nil {
		return err
	}
	p := &CountriesPage{Base: s.base(r, "Countries")}
	p.Nav = "countries"
	p.Description = "Every country with intercountry adoption notices in the archive."
	for _, c := range list {
		p.Countries = append(p.Countries, countryView{CountryCount: c, URL: countryURL(c.Code, c.Name)})
		p.Total += c.Count
	}
	return s.render(w, r, http.StatusOK, "countries", p)
}

// handleCountry serves /countries/{code}: a country's notices, latest first, with a
// per-year chart. Upper-case codes redirect to the lower-case address.
func (s *Server) handleCountry(w http.ResponseWriter, r *http.Request) error {
	code := chi.URLParam(r, "code")
	if !validCode.MatchString(code) {
		return notFound("There is no country with this code.")
	}
	if lower := strings.ToLower(code); lower != code {
		loc := "/countries/" + lower
		if r.URL.RawQuery != "" {
			loc += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, loc, http.StatusMovedPermanently)
		return nil
	}
	name, ok := s.search.CountryByCode(strings.ToUpper(code))
	if !ok {
		return notFound("There is no country with this code.")
	}
	st, err := ParseState(r.URL.Query())
	if err != nil {
		return err
	}
	// The timeline is the country's notices, newest first; only the position and the
	// versions come from the URL.
	view := State{Page: st.Page, After: st.After, Versions: st.Versions}
	req := view.Request()
	req.Filters = map[string][]string{facetCountry: {name}}
	req.Sort = search.SortNewest
	req.Size = countryPageSize
	req.FacetSize = 1
	if err := req.Normalize(); err != nil {
		return err
	}
	resp, err := s.search.Search(r.Context(), req)
	if err != nil {
		return err
	}
	path := "/countries/" + code
	countrySearch := State{}.WithFilter(facetCountry, name)
	p := &CountryPage{
		Base:      s.base(r, name),
		Name:      name,
		Code:      strings.ToUpper(code),
		Resp:      resp,
		Hits:      hitViews(resp.Hits),
		Histogram: histogram(resp.Histogram, countrySearch, "/"),
		Pager:     pager(view, resp, path),
		SearchURL: countrySearch.URL("/"),
	}
	if view.Versions == versionsAll {
		s.labelEarlier(r, p.Hits)
	}
	p.Nav = "countries"
	p.Description = "Intercountry adoption notices about " + name + ", newest first."
	p.FeedURL = countrySearch.WithSort(search.SortNewest).URL("/search.atom")
	return s.render(w, r, http.StatusOK, "country", p)
}
