package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/noticearchive/noticearchive/search"
)

// peerHandler serves the peer's /api/search on chi, with the parameters and the shape
// of our API's answer: hits with snippets, the top values of each facet with the count
// of the others, the year histogram.
func peerHandler(p *peerIndex) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Get("/api/search", func(w http.ResponseWriter, r *http.Request) {
		req, err := peerRequest(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp, err := p.Search(r.Context(), req)
		if err != nil {
			var qe *search.QueryError
			status := http.StatusInternalServerError
			if errors.As(err, &qe) || errors.Is(err, errUntranslatable) {
				status = http.StatusBadRequest
			}
			http.Error(w, err.Error(), status)
			return
		}
		writePeerJSON(w, req, resp)
	})
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	})
	return r
}

func peerRequest(r *http.Request) (search.Request, error) {
	q := r.URL.Query()
	req := search.Request{Query: q.Get("q"), From: q.Get("from"), To: q.Get("to"), Sort: q.Get("sort"), Filters: map[string][]string{}}
	for _, f := range search.FilterFields {
		if v := q[f]; len(v) > 0 {
			req.Filters[f] = v
		}
	}
	var err error
	if s := q.Get("page"); s != "" {
		if req.Page, err = strconv.Atoi(s); err != nil {
			return req, err
		}
	}
	return req, nil
}

type peerFacetJSON struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

type peerAnswer struct {
	Total     int                        `json:"total"`
	Hits      []peerHitJSON              `json:"hits"`
	Facets    map[string][]peerFacetJSON `json:"facets"`
	Other     map[string]int             `json:"facets_other"`
	Histogram []search.Bar               `json:"histogram"`
}

type peerHitJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	TitleHTML   string   `json:"title_html,omitempty"`
	Country     string   `json:"country"`
	CountryCode string   `json:"country_code"`
	Date        string   `json:"date"`
	Type        string   `json:"type"`
	Topics      []string `json:"topics"`
	Ministries  []string `json:"ministries"`
	Snippet     string   `json:"snippet"`
	URL         string   `json:"url"`
	CapturedAt  string   `json:"captured_at"`
}

func writePeerJSON(w http.ResponseWriter, req search.Request, resp *peerResponse) {
	req.Normalize()
	out := peerAnswer{Total: resp.Total, Hits: []peerHitJSON{}, Facets: map[string][]peerFacetJSON{},
		Other: map[string]int{}, Histogram: resp.Histogram}
	for _, h := range resp.Hits {
		out.Hits = append(out.Hits, peerHitJSON{h.ID, h.Title, h.TitleHTML, h.Country, h.CountryCode, h.Date,
			h.Type, h.Topics, h.Ministries, h.Snippet, h.URL, h.CapturedAt})
	}
	for _, f := range search.FilterFields {
		selected := map[string]bool{}
		for _, v := range req.Filters[f] {
			selected[v] = true
		}
		vals := []peerFacetJSON{}
		for _, v := range resp.Facets[f] {
			if len(vals) >= req.FacetSize && !selected[v.Value] {
				out.Other[f] += v.Count
				continue
			}
			vals = append(vals, peerFacetJSON{v.Value, v.Count, selected[v.Value]})
		}
		out.Facets[f] = vals
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(out); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	buf.WriteTo(w)
}
