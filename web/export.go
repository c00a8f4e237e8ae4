package web

import (
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"
	"github.com/gorilla/feeds"

	"github.com/noticearchive/noticearchive/search"
)

// csvColumns are the columns of /search.csv.
var csvColumns = []string{"id", "date", "country", "type", "title", "topics", "ministries", "url", "permalink"}

// exportPageSize is the page size exports read the results in.
const exportPageSize = search.MaxPageSize

// handleCSV serves /search.csv: every result of the current search (up to the row
// limit), read page by page and streamed.
func (s *Server) handleCSV(w http.ResponseWriter, r *http.Request) error {
	st, err := ParseState(r.URL.Query())
	if err != nil {
		return err
	}
	req := st.Request()
	req.Page, req.After, req.Size, req.NoFacets = 1, "", s.exportPageSize, true
	if err := req.Normalize(); err != nil {
		return err
	}
	resp, err := s.search.Search(r.Context(), req)
	if err != nil {
		return err // nothing written yet: an ordinary error page
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="notices.csv"`)
	h.Set("X-Total-Count", strconv.FormatUint(resp.Total, 10))
	h.Set("X-Row-Limit", strconv.Itoa(s.cfg.CSVRowLimit))
	if resp.Total > uint64(s.cfg.CSVRowLimit) {
		h.Set("X-Truncated", "true")
	}
	cw := csv.NewWriter(w)
	cw.Write(csvColumns)
	rows := 0
	for {
		for _, hit := range resp.Hits {
			if rows >= s.cfg.CSVRowLimit {
				break
			}
			cw.Write(s.csvRow(r, hit))
			rows++
		}
		cw.Flush()
		if cw.Error() != nil || rows >= s.cfg.CSVRowLimit || len(resp.Hits) == 0 {
			break
		}
		switch {
		case resp.NextAfter != "":
			req.After, req.Page = resp.NextAfter, 0
		case req.After == "" && req.Page < resp.Pages:
			req.Page++
		default:
			return nil
		}
		if err := req.Normalize(); err != nil {
			return s.abortStream(r, err)
		}
		if resp, err = s.search.Search(r.Context(), req); err != nil {
			return s.abortStream(r, err)
		}
	}
	return nil
}

// abortStream logs an error met after a response began; the truncated body is all the
// client gets.
func (s *Server) abortStream(r *http.Request, err error) error {
	s.log.Error("export stopped", slog.String("request_id", middleware.GetReqID(r.Context())),
		slog.String("path", r.URL.Path), slog.Any("err", err))
	return nil
}

func (s *Server) csvRow(r *http.Request, h search.Hit) []string {
	return []string{
		h.ID, h.Date, cell(h.Country), h.Type, cell(h.Title),
		cell(strings.Join(h.Topics, "; ")), cell(strings.Join(h.Ministries, "; ")),
		cell(h.URL), s.absURL(r, noticeURL(h.ID)),
	}
}

// cell keeps a spreadsheet from reading text as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// handleAtom serves /search.atom: the newest notices of the current search.
func (s *Server) handleAtom(w http.ResponseWriter, r *http.Request) error {
	st, err := ParseState(r.URL.Query())
	if err != nil {
		return err
	}
	req := st.Request()
	req.Sort, req.Page, req.After, req.Size, req.NoFacets = search.SortNewest, 1, "", DefaultFeedSize, true
	if err := req.Normalize(); err != nil {
		return err
	}
	resp, err := s.search.Search(r.Context(), req)
	if err != nil {
		return err
	}
	// The feed is the search, newest first, whatever the page or order asked for.
	st = st.WithSort(search.SortNewest)
	st.Size = 0
	htmlURL := s.absURL(r, st.URL("/"))
	feed := &feeds.Feed{
		Title:       "Notice Archive: " + feedTitle(st),
		Link:        &feeds.Link{Href: htmlURL, Rel: "alternate"},
		Description: "Intercountry adoption notices, newest first.",
		Author:      &feeds.Author{Name: publisher},
	}
	host := s.host(r)
	for _, h := range resp.Hits {
		updated := h.FirstHeld
		if updated.IsZero() {
			updated = h.CapturedAt
		}
		published := publishedTime(h)
		if updated.IsZero() {
			updated = published
		}
		if updated.After(feed.Updated) {
			feed.Updated = updated
		}
		desc := string(h.Snippet)
		if desc == "" {
			desc = html.EscapeString(typeLabel(h.Type) + ", " + h.Country + ", " + datedOrNot(h))
		}
		feed.Items = append(feed.Items, &feeds.Item{
			Id:          tagURI(host, h.ID),
			Title:       h.Title,
			Link:        &feeds.Link{Href: s.absURL(r, noticeURL(h.ID))},
			Description: desc,
			Created:     published,
			Updated:     updated,
		})
	}
	if feed.Updated.IsZero() {
		feed.Updated = s.search.Stats().Opened
	}
	af := (&feeds.Atom{Feed: feed}).AtomFeed()
	af.Id = "tag:" + host + ",2025:search?" + st.Encode()
	af.Link = &feeds.AtomLink{Href: htmlURL, Rel: "alternate", Type: "text/html"}
	for i, e := range af.Entries {
		if p := feed.Items[i].Created; !p.IsZero() {
			e.Published = p.UTC().Format(time.RFC3339)
		}
	}
	out, err := feeds.ToXML(af)
	if err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(out))
	return nil
}

// tagURI is the stable id of a notice in feeds (RFC 4151).
func tagURI(host, id string) string { return "tag:" + host + ",2025:notice:" + id }

// publishedTime is a notice's date as a time: its publication date, else the estimate,
// else zero.
func publishedTime(h search.Hit) time.Time {
	for _, d := range []string{h.Date, h.DateEst} {
		if t, _, ok := parseDate(d); ok {
			return t
		}
	}
	return time.Time{}
}

func datedOrNot(h search.Hit) string {
	if h.Date == "" {
		return "undated"
	}
	return formatDate(h.Date)
}

// feedTitle describes a search in a few words.
func feedTitle(st State) string {
	var parts []string
	if st.Query != "" {
		parts = append(parts, "“"+shorten(st.Query, 60)+"”")
	}
	for _, f := range search.FilterFields {
		if v := st.Filters[f]; len(v) > 0 {
			parts = append(parts, facetTitles[f]+": "+strings.Join(v, ", "))
		}
	}
	if st.From != "" || st.To != "" {
		parts = append(parts, rangeLabel(st.From, st.To))
	}
	if len(parts) == 0 {
		return "all notices"
	}
	return strings.Join(parts, "; ")
}

// openSearch is an OpenSearch description document.
type openSearch struct {
	XMLName       xml.Name        `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	ShortName     string          `xml:"ShortName"`
	Description   string          `xml:"Description"`
	InputEncoding string          `xml:"InputEncoding"`
	Image         *openSearchIcon `xml:"Image,omitempty"`
	URLs          []openSearchURL `xml:"Url"`
}

type openSearchURL struct {
	Type     string `xml:"type,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Template string `xml:"template,attr"`
}

type openSearchIcon struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// handleOpenSearch serves /opensearch.xml, so browsers can add the archive as a search
// engine.
func (s *Server) handleOpenSearch(w http.ResponseWriter, r *http.Request) error {
	doc := openSearch{
		ShortName:     "Notice Archive",
		Description:   "Search archived U.S. intercountry adoption notices",
		InputEncoding: "UTF-8",
		URLs: []openSearchURL{
			{Type: "text/html", Template: s.absURL(r, "/?q={searchTerms}")},
			{Type: "application/atom+xml", Template: s.absURL(r, "/search.atom?q={searchTerms}")},
			{Type: "application/json", Rel: "results", Template: s.absURL(r, "/api/search?q={searchTerms}")},
			{Type: "application/opensearchdescription+xml", Rel: "self", Template: s.absURL(r, "/opensearch.xml")},
		},
	}
	if u, err := s.assets.url("favicon.svg"); err == nil {
		doc.Image = &openSearchIcon{Type: "image/svg+xml", Value: s.absURL(r, u)}
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("write opensearch: %w", err)
	}
	w.Header().Set("Content-Type", "application/opensearchdescription+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
	return nil
}
