package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html/charset"
)

// maxOriginal is the most bytes of an original page shown.
const maxOriginal = 8 << 20

// handleOriginal serves /notices/{id}/original: the archived page, sanitised, under a
// banner, with a policy that runs no script. ?capture=DIGEST picks another capture of
// the same notice.
func (s *Server) handleOriginal(w http.ResponseWriter, r *http.Request) error {
	n, err := s.noticeFromURL(r)
	if err != nil {
		return err
	}
	c := quotedCapture(n)
	if d := r.URL.Query().Get("capture"); d != "" && d != c.Digest {
		found := false
		for _, cc := range n.Captures {
			if cc.Digest == d {
				c, found = cc, true
				break
			}
		}
		if !found {
			return notFound("This notice has no capture with that digest.")
		}
	}
	if s.originals == nil || c.Digest == "" {
		return notFound("The archive does not hold the original of this page.")
	}
	raw, err := s.originals.Get(c.Digest)
	if err != nil {
		return fmt.Errorf("original of %s: %w", n.ID, err)
	}
	body, err := sanitizeOriginal(s.sanitizer, raw)
	if err != nil {
		return fmt.Errorf("original of %s: %w", n.ID, err)
	}
	p := &OriginalPage{
		Title:     n.Title,
		NoticeURL: s.absURL(r, noticeURL(n.ID)),
		SourceURL: c.URL,
		Captured:  formatTime(c.Time),
		Digest:    c.Digest,
		Body:      body,
	}
	if u, err := url.Parse(c.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		p.BaseHref = u.String()
	}
	w.Header().Set("Content-Security-Policy", originalPolicy)
	w.Header().Set("X-Robots-Tag", "noindex")
	return s.render(w, r, http.StatusOK, "original", p)
}

// originalSanitizer sanitises archived pages: user-generated-content rules (no script, no
// event handlers, no javascript: URLs, no forms, no frames), links that leave the archive
// marked nofollow and opened apart.
func originalSanitizer() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowElements("center", "font", "section", "article", "header", "footer", "main", "nav")
	p.AllowAttrs("align").OnElements("p", "div", "td", "th", "table", "center", "h1", "h2", "h3", "h4")
	return p
}

// sanitizeOriginal decodes an archived page from its declared or sniffed charset and
// keeps only safe HTML.
func sanitizeOriginal(policy *bluemonday.Policy, raw []byte) (template.HTML, error) {
	if len(raw) > maxOriginal {
		raw = raw[:maxOriginal]
	}
	rd, err := charset.NewReader(bytes.NewReader(raw), "text/html")
	if err != nil {
		return "", fmt.Errorf("decode page: %w", err)
	}
	decoded, err := io.ReadAll(rd)
	if err != nil {
		return "", fmt.Errorf("decode page: %w", err)
	}
	clean := policy.SanitizeBytes(decoded)
	return template.HTML(clean), nil // bluemonday's output is safe HTML
}
