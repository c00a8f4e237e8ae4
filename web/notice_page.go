package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// Lengths of the lists on a notice page.
const (
	relatedCount = 8
	citedByCount = 20
)

// noticeFromURL looks up the notice the {id} of the path names. An id of the wrong
// shape is not found, without asking the index.
func (s *Server) noticeFromURL(r *http.Request) (*search.Notice, error) {
	id := chi.URLParam(r, "id")
	if !schema.ValidID(id) {
		return nil, notFound("The archive holds no notice with this id.")
	}
	return s.search.Notice(r.Context(), id)
}

// handleNotice serves /notices/{id}.
func (s *Server) handleNotice(w http.ResponseWriter, r *http.Request) error {
	n, err := s.noticeFromURL(r)
	if err != nil {
		return err
	}
	p := &NoticePage{Base: s.base(r, n.Title), N: n}
	if p.Title == "" {
		p.Title = "Untitled notice"
	}
	p.Description = noticeDescription(n)
	p.Canonical = s.absURL(r, noticeURL(n.ID))
	p.Permalink = p.Canonical
	p.Paragraphs = paragraphs(n.Body)
	p.CountryURL = countryURL(n.CountryCode, n.Country)
	p.JSONURL = "/api/notices/" + n.ID
	if s.originals != nil && n.Digest != "" {
		p.OriginalURL = noticeURL(n.ID) + "/original"
	}
	p.Captures = s.captureViews(n)
	p.Versions = noticeVersions(n)
	quoted := quotedCapture(n)
	p.QuotedURL, p.QuotedTime = quoted.URL, formatTime(quoted.Time)
	p.CiteText = citeText(n, quoted, p.Permalink)
	p.BibTeX = bibTeX(n, quoted, p.Permalink)

	ctx := r.Context()
	if links, err := s.search.Cited(ctx, n); s.secondary(r, "cited", err) {
		for _, l := range links {
			p.Cited = append(p.Cited, citedView{CitationLink: l, Targets: hitViews(l.Targets)})
		}
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	if hits, err := s.search.CitedBy(ctx, n, citedByCount); s.secondary(r, "cited by", err) {
		p.CitedBy = hitViews(hits)
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	if hits, err := s.search.Related(ctx, n, relatedCount); s.secondary(r, "related", err) {
		p.Related = hitViews(otherNotices(hits, n))
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	return s.render(w, r, http.StatusOK, "notice", p)
}

// secondary reports whether a part of a page that the page can do without came out
// well, and logs it when it did not.
func (s *Server) secondary(r *http.Request, what string, err error) bool {
	if err == nil {
		return true
	}
	if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		s.log.Warn("part of a page failed", slog.String("part", what),
			slog.String("request_id", middleware.GetReqID(r.Context())),
			slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	return false
}

// noticeDescription is a one-line summary for the page's meta description.
func noticeDescription(n *search.Notice) string {
	parts := []string{typeLabel(n.Type), n.Country}
	if n.Date != "" {
		parts = append(parts, formatDate(n.Date))
	}
	d := strings.Join(parts, ", ")
	if p := paragraphs(n.Body); len(p) > 0 {
		d += ": " + shorten(p[0], 200)
	}
	return d
}

// paragraphs splits a notice body at blank lines.
func paragraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// captureViews lists the captures of a notice, newest first, marking the one shown.
func (s *Server) captureViews(n *search.Notice) []captureView {
	out := make([]captureView, 0, len(n.Captures))
	for i := len(n.Captures) - 1; i >= 0; i-- {
		c := n.Captures[i]
		v := captureView{Capture: c, Current: c.Digest == n.Digest}
		if s.originals != nil && c.Digest != "" {
			v.OriginalURL = noticeURL(n.ID) + "/original"
			if !v.Current {
				v.OriginalURL += "?capture=" + c.Digest
			}
		}
		out = append(out, v)
	}
	return out
}

// otherNotices drops from hits the versions of n: an earlier version's related notices
// would otherwise list its own current version.
func otherNotices(hits []search.Hit, n *search.Notice) []search.Hit {
	return slices.DeleteFunc(hits, func(h search.Hit) bool {
		return slices.ContainsFunc(n.Versions, func(v schema.Version) bool { return v.ID == h.ID })
	})
}
