package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/search"
)

// statusClientClosed is logged (never sent) for a request whose client went away.
const statusClientClosed = 499

// Error is an error with the HTTP status it maps to and a message safe to show.
type Error struct {
	Status int    // HTTP status code
	Msg    string // shown to the user; never the cause's text
	Err    error  // the cause, logged
	// Location is where a redirect (3xx) points.
	Location string
	// Query and Pos locate a query error in the query text (Pos in runes, -1 when none).
	Query string
	Pos   int
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Status, e.Msg, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// errorf returns an *Error with a formatted message and no cause.
func errorf(status int, format string, args ...any) *Error {
	return &Error{Status: status, Msg: fmt.Sprintf(format, args...), Pos: -1}
}

// notFound is the error of an unknown page or id.
func notFound(what string) *Error {
	return &Error{Status: http.StatusNotFound, Msg: what, Pos: -1}
}

// classify maps any error a handler returns to an *Error: the one place where causes
// become status codes.
func classify(r *http.Request, err error) *Error {
	var (
		he    *Error
		qe    *search.QueryError
		se    *search.SyntaxError
		moved *search.MovedError
	)
	query := r.URL.Query().Get(paramQuery)
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &moved):
		return &Error{Status: http.StatusMovedPermanently, Msg: "this notice has moved", Err: err, Location: movedLocation(r, moved), Pos: -1}
	case errors.As(err, &se):
		return &Error{Status: http.StatusBadRequest, Msg: sentence(se.Msg), Err: err, Query: query, Pos: se.Pos}
	case errors.As(err, &qe):
		return &Error{Status: http.StatusBadRequest, Msg: sentence(qe.Msg), Err: err, Query: query, Pos: qe.Pos}
	case errors.Is(err, search.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Msg: "The archive holds no notice with this id.", Err: err, Pos: -1}
	case errors.Is(err, archive.ErrNotFound), errors.Is(err, archive.ErrBadDigest):
		return &Error{Status: http.StatusNotFound, Msg: "The archive does not hold the original of this page.", Err: err, Pos: -1}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusServiceUnavailable, Msg: "The archive took too long to answer. Please try again, or narrow the search.", Err: err, Pos: -1}
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		return &Error{Status: statusClientClosed, Msg: "request canceled", Err: err, Pos: -1}
	}
	return &Error{Status: http.StatusInternalServerError, Msg: "Something went wrong on our side.", Err: err, Pos: -1}
}

// sentence starts a message with a capital letter.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// movedLocation rewrites the request path for the id a notice has moved to.
func movedLocation(r *http.Request, m *search.MovedError) string {
	loc := strings.Replace(r.URL.Path, "/"+m.From, "/"+m.To, 1)
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	return loc
}

// handlerFunc is a handler that returns its error for one adapter to report.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// page adapts a handler of HTML pages: errors become HTML error pages.
func (s *Server) page(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.pageError(w, r, err)
		}
	}
}

// api adapts a handler of the JSON API: errors become {"error": ..., "status": ...}.
func (s *Server) api(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.apiError(w, r, err)
		}
	}
}

// report classifies err and logs it: 5xx at error level with the request id, 4xx at
// info. It returns false when nothing should be written (the client has gone).
func (s *Server) report(r *http.Request, err error) (*Error, bool) {
	he := classify(r, err)
	attrs := []any{
		slog.String("request_id", middleware.GetReqID(r.Context())),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", he.Status),
		slog.Any("err", err),
	}
	switch {
	case he.Status == statusClientClosed:
		s.log.Info("client went away", attrs...)
		return he, false
	case he.Status >= 500:
		s.log.Error("request failed", attrs...)
	case he.Status >= 400:
		s.log.Info("request refused", attrs...)
	}
	return he, true
}

// pageError writes err as an HTML page (or a redirect).
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	he, ok := s.report(r, err)
	if !ok {
		return
	}
	if he.Status >= 300 && he.Status < 400 {
		http.Redirect(w, r, he.Location, he.Status)
		return
	}
	if he.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	p := &ErrorPage{Base: s.base(r, http.StatusText(he.Status)), Status: he.Status, Message: he.Msg}
	p.Robots, p.HideHeaderSearch = "noindex", true
	if he.Status >= 500 {
		p.RequestID = middleware.GetReqID(r.Context())
	}
	p.Mark = markQuery(he.Query, he.Pos)
	if rerr := s.render(w, r, he.Status, "error", p); rerr != nil {
		s.log.Error("render error page", slog.String("request_id", middleware.GetReqID(r.Context())), slog.Any("err", rerr))
		http.Error(w, he.Msg, he.Status)
	}
}

// apiError writes err as JSON.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	he, ok := s.report(r, err)
	if !ok {
		return
	}
	if he.Status >= 300 && he.Status < 400 {
		http.Redirect(w, r, he.Location, he.Status)
		return
	}
	if he.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	body := apiErrorBody{Error: he.Msg, Status: he.Status}
	if he.Status >= 500 {
		body.RequestID = middleware.GetReqID(r.Context())
	}
	if he.Pos >= 0 {
		pos := he.Pos
		body.Position = &pos
	}
	writeJSON(w, he.Status, body)
}

// QueryMark splits a query around the place an error points at.
type QueryMark struct {
	Before, At, After string
}

// markQuery locates pos (in runes) in q; nil when there is nothing to mark.
func markQuery(q string, pos int) *QueryMark {
	r := []rune(q)
	if q == "" || pos < 0 || pos > len(r) {
		return nil
	}
	if pos == len(r) {
		return &QueryMark{Before: q, At: " "}
	}
	end := pos + 1
	for end < len(r) && r[end] != ' ' && r[pos] != ' ' && r[pos] != '(' && r[pos] != ')' {
		end++
	}
	return &QueryMark{Before: string(r[:pos]), At: string(r[pos:end]), After: string(r[end:])}
}
