package archive

import (
	"bytes"
	"html"
	"net/url"
	"strings"
	"time"
)

// Limits of the cheap scans for a page's URL and capture time.
const (
	headScanLen = 64 << 10 // canonical link, og:url, Wayback toolbar
	tailScanLen = 16 << 10 // Wayback's "FILE ARCHIVED ON" comment
)

// origin is where and when a page was captured, as far as its bytes and path tell.
type origin struct {
	URL  string
	Time time.Time
}

// fill sets the fields of o that are still unknown from u and t.
func (o *origin) fill(u string, t time.Time) {
	if o.URL == "" {
		o.URL = u
	}
	if o.Time.IsZero() {
		o.Time = t
	}
}

// pageOrigin finds a page's original URL and capture time from, in order: its
// <link rel=canonical>, its <meta property="og:url">, the Wayback Machine's toolbar or
// replay script, Wayback's closing "FILE ARCHIVED ON" comment (time only). It scans
// bytes; it never parses the whole document.
func pageOrigin(body []byte) origin {
	head := body
	if len(head) > headScanLen {
		head = head[:headScanLen]
	}
	var o origin
	canonical, ogURL := headLinks(head)
	var relative string // a canonical path to resolve against a URL found later
	for _, raw := range []string{canonical, ogURL} {
		if raw == "" {
			continue
		}
		if u, ts, ok := ParseWaybackURL(raw); ok {
			o.fill(u, ts)
		} else if u := NormalizeURL(raw); u != "" {
			o.fill(u, time.Time{})
		} else if relative == "" && !strings.Contains(raw, ":") {
			relative = raw
		}
	}
	u, ts := toolbarOrigin(head)
	if relative != "" && o.URL == "" && u != "" {
		o.URL = resolve(u, relative)
	}
	o.fill(u, ts)
	if o.Time.IsZero() {
		tail := body
		if len(tail) > tailScanLen {
			tail = tail[len(tail)-tailScanLen:]
		}
		o.Time = archivedOn(tail)
	}
	return o
}

// resolve resolves ref against base, or returns "".
func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	return NormalizeURL(b.ResolveReference(r).String())
}

// headLinks returns the raw href of the first <link rel=canonical> and the content of the
// first <meta property=og:url> in the document's head, entity-decoded.
func headLinks(head []byte) (canonical, ogURL string) {
	for i := 0; i < len(head); {
		j := bytes.IndexByte(head[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		if endOfHead(head[i:]) {
			break
		}
		name := tagName(head[i:])
		if name != "link" && name != "meta" {
			continue
		}
		attrs, end := tagAttrs(head[i+len(name):])
		i += len(name) + end
		switch {
		case name == "link" && canonical == "" && hasToken(attrs["rel"], "canonical"):
			canonical = attrs["href"]
		case name == "meta" && ogURL == "" && strings.EqualFold(firstNonEmpty(attrs["property"], attrs["name"]), "og:url"):
			ogURL = attrs["content"]
		}
		if canonical != "" && ogURL != "" {
			break
		}
	}
	return canonical, ogURL
}

// endOfHead reports whether b, just after a "<", starts "/head>" or "body", where the
// links a page declares about itself have ended.
func endOfHead(b []byte) bool {
	return len(b) >= 5 && (bytes.EqualFold(b[:5], []byte("/head")) || bytes.EqualFold(b[:4], []byte("body")))
}

// tagName returns the lowercased tag name at the start of b if it is "link" or "meta"
// followed by a space, "/" or ">"; else "".
func tagName(b []byte) string {
	if len(b) < 5 {
		return ""
	}
	switch c := b[4]; c {
	case ' ', '\t', '\n', '\r', '\f', '/', '>':
	default:
		return ""
	}
	switch {
	case bytes.EqualFold(b[:4], []byte("link")):
		return "link"
	case bytes.EqualFold(b[:4], []byte("meta")):
		return "meta"
	}
	return ""
}

// tagAttrs parses attributes up to the closing ">" and returns them (names lowercased,
// values entity-decoded) with the number of bytes consumed.
func tagAttrs(b []byte) (map[string]string, int) {
	attrs := make(map[string]string, 4)
	i := 0
	for i < len(b) {
		for i < len(b) && isSpace(b[i]) || i < len(b) && b[i] == '/' {
			i++
		}
		if i >= len(b) || b[i] == '>' {
			return attrs, i + 1
		}
		start := i
		for i < len(b) && !isSpace(b[i]) && b[i] != '=' && b[i] != '>' && b[i] != '/' {
			i++
		}
		name := strings.ToLower(string(b[start:i]))
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != '=' {
			if name != "" {
				attrs[name] = ""
			}
			continue
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		var val []byte
		if i < len(b) && (b[i] == '"' || b[i] == '\'') {
			q := b[i]
			end := bytes.IndexByte(b[i+1:], q)
			if end < 0 {
				return attrs, len(b)
			}
			val = b[i+1 : i+1+end]
			i += end + 2
		} else {
			start := i
			for i < len(b) && !isSpace(b[i]) && b[i] != '>' {
				i++
			}
			val = b[start:i]
		}
		if _, dup := attrs[name]; !dup && name != "" {
			attrs[name] = html.UnescapeString(strings.TrimSpace(string(val)))
		}
	}
	return attrs, len(b)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// hasToken reports whether the space-separated list s holds tok, ignoring case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// Markers of the Wayback Machine's replay insert.
var (
	toolbarBegin = []byte("BEGIN WAYBACK TOOLBAR INSERT")
	toolbarEnd   = []byte("END WAYBACK TOOLBAR INSERT")
	wombatCall   = []byte("__wm.wombat(")
	webPath      = []byte("/web/")
)

// toolbarOrigin finds the page's own URL and time in the Wayback Machine's replay insert:
// the wombat("url","timestamp") call, else the first "/web/<ts>*/<url>" captures link,
// else the first Wayback link inside the toolbar markers. Other Wayback links of a page
// (rewritten links to other pages, citations of archived copies) are not the page's own.
func toolbarOrigin(head []byte) (string, time.Time) {
	if u, ts, ok := wombatOrigin(head); ok {
		return u, ts
	}
	tbStart, tbEnd := -1, -1
	if b := bytes.Index(head, toolbarBegin); b >= 0 {
		tbStart = b
		tbEnd = len(head)
		if e := bytes.Index(head[b:], toolbarEnd); e >= 0 {
			tbEnd = b + e
		}
	}
	var inToolbar string
	for i := 0; i < len(head); {
		j := bytes.Index(head[i:], webPath)
		if j < 0 {
			break
		}
		pos := i + j
		i = pos + len(webPath)
		raw, star := linkAt(head, pos)
		if raw == "" || (!star && (pos < tbStart || pos >= tbEnd || inToolbar != "")) {
			continue
		}
		if star {
			if u, ts, ok := ParseWaybackURL(raw); ok {
				return u, ts
			}
			continue
		}
		inToolbar = raw
	}
	if inToolbar != "" {
		if u, ts, ok := ParseWaybackURL(inToolbar); ok {
			return u, ts
		}
	}
	return "", time.Time{}
}

// linkAt returns the attribute or string value around the "/web/" at pos, entity-decoded,
// and whether its timestamp ends in "*" (a captures-list link).
func linkAt(b []byte, pos int) (raw string, star bool) {
	start := pos
	for start > 0 && !isDelim(b[start-1]) {
		start--
	}
	end := pos + len(webPath)
	for end < len(b) && !isDelim(b[end]) {
		end++
	}
	d := pos + len(webPath)
	for d < end && b[d] >= '0' && b[d] <= '9' {
		d++
	}
	if d-(pos+len(webPath)) < 4 {
		return "", false
	}
	return html.UnescapeString(string(b[start:end])), d < end && b[d] == '*'
}

func isDelim(c byte) bool {
	return c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' || c == ')' || isSpace(c)
}

// wombatOrigin parses the replay script call __wm.wombat("<url>","<timestamp>",...).
func wombatOrigin(head []byte) (string, time.Time, bool) {
	i := bytes.Index(head, wombatCall)
	if i < 0 {
		return "", time.Time{}, false
	}
	rest := head[i+len(wombatCall):]
	if len(rest) > 4096 {
		rest = rest[:4096]
	}
	args := jsStrings(rest, 2)
	if len(args) < 2 {
		return "", time.Time{}, false
	}
	u := NormalizeURL(args[0])
	if u == "" {
		return "", time.Time{}, false
	}
	var ts time.Time
	if _, digits, ok := cutTimestamp(args[1] + "/x"); ok {
		ts = parseTimestamp(digits, time.Now())
	}
	return u, ts, true
}

// jsStrings returns up to n leading string literals of a JavaScript argument list.
func jsStrings(b []byte, n int) []string {
	var out []string
	for i := 0; i < len(b) && len(out) < n; i++ {
		c := b[i]
		if c == ')' {
			break
		}
		if c != '"' && c != '\'' {
			continue
		}
		end := bytes.IndexByte(b[i+1:], c)
		if end < 0 {
			break
		}
		out = append(out, strings.ReplaceAll(string(b[i+1:i+1+end]), `\/`, "/"))
		i += end + 1
	}
	return out
}

// archivedOn parses the Wayback Machine's closing comment
// "FILE ARCHIVED ON 12:22:42 Jan 22, 2018 AND RETRIEVED FROM ...".
func archivedOn(tail []byte) time.Time {
	const marker = "FILE ARCHIVED ON"
	i := bytes.Index(tail, []byte(marker))
	if i < 0 {
		return time.Time{}
	}
	rest := tail[i+len(marker):]
	j := bytes.Index(rest, []byte("AND RETRIEVED"))
	if j < 0 || j > 64 {
		return time.Time{}
	}
	s := strings.Join(strings.Fields(string(rest[:j])), " ")
	t, err := time.Parse("15:04:05 Jan 2, 2006", s)
	if err != nil || t.Before(earliestCapture) || t.After(time.Now().Add(24*time.Hour)) {
		return time.Time{}
	}
	return t
}
