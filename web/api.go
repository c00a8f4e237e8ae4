package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"net/http"
	"time"

	"github.com/noticearchive/noticearchive/search"
)

//go:embed openapi.json
var openAPIDoc []byte

// apiErrorBody is the JSON of an error.
type apiErrorBody struct {
	Error     string `json:"error"`
	Status    int    `json:"status"`
	Position  *int   `json:"position,omitempty"`   // where in q a query error lies, in characters
	RequestID string `json:"request_id,omitempty"` // for 5xx
}

// apiSearch is the JSON of /api/search.
type apiSearch struct {
	Total      uint64                   `json:"total"`
	TookMS     float64                  `json:"took_ms"`
	Page       int                      `json:"page"`
	Pages      int                      `json:"pages"`
	Size       int                      `json:"size"`
	Sort       string                   `json:"sort"`
	Hits       []apiHit                 `json:"hits"`
	Facets     map[string][]apiFacetVal `json:"facets"`
	Histogram  []apiBar                 `json:"histogram"`
	NextAfter  string                   `json:"next_after"`
	DidYouMean string                   `json:"did_you_mean"`
	Fuzzy      bool                     `json:"fuzzy"`
}

// apiHit is one notice of a result list.
type apiHit struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`
	Country      string     `json:"country"`
	CountryCode  string     `json:"country_code"`
	Date         string     `json:"date"`
	DateEstimate string     `json:"date_estimate,omitempty"`
	Type         string     `json:"type"`
	Topics       []string   `json:"topics"`
	Ministries   []string   `json:"ministries"`
	Snippet      string     `json:"snippet"`
	URL          string     `json:"url"`
	CapturedAt   *time.Time `json:"captured_at"`
	Permalink    string     `json:"permalink"`
}

// apiFacetVal is one value of a facet.
type apiFacetVal struct {
	Value    string `json:"value"`
	Label    string `json:"label"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// apiBar is one year of the histogram.
type apiBar struct {
	Year    string `json:"year"`
	Count   int    `json:"count"`
	InRange bool   `json:"in_range"`
}

// apiNotice is the JSON of /api/notices/{id}.
type apiNotice struct {
	apiHit
	Body      string       `json:"body"`
	Source    string       `json:"source"`
	Digest    string       `json:"digest"`
	FirstHeld *time.Time   `json:"first_held"`
	Original  string       `json:"original"`
	Captures  []apiCapture `json:"captures"`
	Latest    bool         `json:"latest"`
	Versions  []apiVersion `json:"versions"`
	Cites     []apiCite    `json:"cites"`
	CitedBy   []apiHit     `json:"cited_by"`
	Related   []apiHit     `json:"related"`
}

// apiCapture is one archived copy.
type apiCapture struct {
	URL      string     `json:"url"`
	Time     *time.Time `json:"time"`
	Digest   string     `json:"digest"`
	Source   string     `json:"source"`
	Original string     `json:"original"`
}

// apiVersion is one distinct text of a notice.
type apiVersion struct {
	ID        string     `json:"id"`
	Number    int        `json:"number"`
	Latest    bool       `json:"latest"`
	First     *time.Time `json:"first"`
	Last      *time.Time `json:"last"`
	Captures  int        `json:"captures"`
	Digest    string     `json:"digest"`
	Permalink string     `json:"permalink"`
	Changes   string     `json:"changes"`
}

// apiCite is one citation with the notices it resolves to.
type apiCite struct {
	Date    string   `json:"date"`
	Country string   `json:"country"`
	Text    string   `json:"text"`
	Targets []apiHit `json:"targets"`
}

// handleAPISearch serves /api/search with the same parameters as the search page.
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) error {
	st, err := ParseState(r.URL.Query())
	if err != nil {
		return err
	}
	resp, err := s.runSearch(r, st)
	if err != nil {
		return err
	}
	out := apiSearch{
		Total:      resp.Total,
		TookMS:     float64(resp.Took.Microseconds()) / 1000,
		Page:       resp.Request.Page,
		Pages:      resp.Pages,
		Size:       resp.Request.Size,
		Sort:       resp.Request.Sort,
		Hits:       s.apiHits(r, resp.Hits),
		Facets:     map[string][]apiFacetVal{},
		Histogram:  []apiBar{},
		NextAfter:  resp.NextAfter,
		DidYouMean: resp.DidYouMean,
		Fuzzy:      resp.Fuzzy,
	}
	for _, f := range search.FilterFields {
		out.Facets[f] = []apiFacetVal{}
	}
	for _, f := range resp.Facets {
		vals := make([]apiFacetVal, 0, len(f.Values))
		for _, v := range f.Values {
			label := v.Label
			if label == "" {
				label = s.valueLabel(f.Field, v.Value)
			}
			vals = append(vals, apiFacetVal{Value: v.Value, Label: label, Count: v.Count, Selected: v.Selected || st.Has(f.Field, v.Value)})
		}
		out.Facets[f.Field] = vals
	}
	for _, b := range resp.Histogram {
		out.Histogram = append(out.Histogram, apiBar{Year: b.Year, Count: b.Count, InRange: b.InRange})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) apiHits(r *http.Request, hits []search.Hit) []apiHit {
	out := make([]apiHit, 0, len(hits))
	for _, h := range hits {
		out = append(out, s.apiHit(r, h))
	}
	return out
}

func (s *Server) apiHit(r *http.Request, h search.Hit) apiHit {
	return apiHit{
		ID:           h.ID,
		Title:        h.Title,
		Country:      h.Country,
		CountryCode:  h.CountryCode,
		Date:         h.Date,
		DateEstimate: h.DateEst,
		Type:         h.Type,
		Topics:       nonNil(h.Topics),
		Ministries:   nonNil(h.Ministries),
		Snippet:      string(h.Snippet),
		URL:          h.URL,
		CapturedAt:   timePtr(h.CapturedAt),
		Permalink:    s.absURL(r, noticeURL(h.ID)),
	}
}

// handleAPINotice serves /api/notices/{id}.
func (s *Server) handleAPINotice(w http.ResponseWriter, r *http.Request) error {
	n, err := s.noticeFromURL(r)
	if err != nil {
		return err
	}
	out := apiNotice{
		apiHit:    s.apiHit(r, n.Hit),
		Body:      n.Body,
		Source:    n.Source,
		Digest:    n.Digest,
		FirstHeld: timePtr(n.FirstHeld),
		Captures:  []apiCapture{},
		Latest:    n.Latest,
		Versions:  []apiVersion{},
		Cites:     []apiCite{},
	}
	if len(n.Versions) > 1 {
		for _, v := range versionViews(n.Versions, n.ID) {
			av := apiVersion{ID: v.ID, Number: v.Number, Latest: v.Latest, First: timePtr(v.First), Last: timePtr(v.Last),
				Captures: v.Captures, Digest: v.Digest, Permalink: s.absURL(r, v.URL)}
			if v.ChangesURL != "" {
				av.Changes = s.absURL(r, v.ChangesURL)
			}
			out.Versions = append(out.Versions, av)
		}
	}
	out.Snippet = ""
	if s.originals != nil && n.Digest != "" {
		out.Original = s.absURL(r, noticeURL(n.ID)+"/original")
	}
	for _, c := range s.captureViews(n) {
		ac := apiCapture{URL: c.URL, Time: timePtr(c.Time), Digest: c.Digest, Source: c.Source}
		if c.OriginalURL != "" {
			ac.Original = s.absURL(r, c.OriginalURL)
		}
		out.Captures = append(out.Captures, ac)
	}
	ctx := r.Context()
	links, err := s.search.Cited(ctx, n)
	if err != nil {
		return err
	}
	for _, l := range links {
		out.Cites = append(out.Cites, apiCite{Date: l.Date, Country: l.Country, Text: l.Text, Targets: s.apiHits(r, l.Targets)})
	}
	citedBy, err := s.search.CitedBy(ctx, n, citedByCount)
	if err != nil {
		return err
	}
	related, err := s.search.Related(ctx, n, relatedCount)
	if err != nil {
		return err
	}
	out.CitedBy, out.Related = s.apiHits(r, citedBy), s.apiHits(r, related)
	writeJSON(w, http.StatusOK, out)
	return nil
}

// handleOpenAPI serves the OpenAPI 3 document of the API.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
	return nil
}

// handleHealth serves /healthz: 200 while the index answers.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	st := s.search.Stats()
	writeJSON(w, http.StatusOK, map[string]any{
		"status":     "ok",
		"notices":    st.Notices,
		"generation": st.Generation,
		"opened":     st.Opened.UTC().Format(time.RFC3339),
	})
}

// writeJSON writes v as compact JSON; HTML in strings stays as it is (escaped by the
// encoder's rules for <, > and &).
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil { // compact: pipe it to jq to read it
		http.Error(w, `{"error":"cannot encode the answer","status":500}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
