package archive

import (
	"net/url"
	"strings"
	"time"
)

// earliestCapture bounds plausible capture times from below: the Web is younger.
var earliestCapture = time.Date(1991, 1, 1, 0, 0, 0, 0, time.UTC)

// ParseWaybackURL recognises the Wayback Machine form "[https://web.archive.org]/web/<timestamp>[mod]/<url>",
// where timestamp has 4 to 14 digits, optionally followed by a replay modifier such as
// "id_" or "im_", or by "*" (the captures list). It returns the original URL, normalised
// (see NormalizeURL), and the capture time in UTC.
//
// ok reports whether s has that form with a usable original URL. ts is zero when the
// timestamp is not a plausible capture time: not a calendar date, before 1991, or more
// than a day in the future. A partial timestamp ("2015", "201503") is the first instant of
// the period it names.
func ParseWaybackURL(s string) (orig string, ts time.Time, ok bool) {
	rest, digits, ok := cutWaybackPrefix(s)
	if !ok {
		return "", time.Time{}, false
	}
	orig = normalize(rest, true)
	if orig == "" {
		return "", time.Time{}, false
	}
	return orig, parseTimestamp(digits, time.Now()), true
}

// cutWaybackPrefix finds the first "/web/<digits>[mod]/" (or a leading "web/<digits>/")
// in s and returns what follows it and the digits.
func cutWaybackPrefix(s string) (rest, digits string, ok bool) {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "web/")
		if j < 0 {
			return "", "", false
		}
		j += i
		if j == 0 || s[j-1] == '/' {
			rest, digits, ok := cutTimestamp(s[j+len("web/"):])
			if ok && (hasScheme(rest) || waybackHost(s[:j])) {
				return rest, digits, true
			}
		}
		i = j + len("web/")
	}
	return "", "", false
}

// hasScheme reports whether s starts with an http(s) scheme or "//".
func hasScheme(s string) bool {
	if len(s) > 6 {
		lower := strings.ToLower(s[:6])
		if strings.HasPrefix(lower, "http:") || lower == "https:" {
			return true
		}
	}
	return strings.HasPrefix(s, "//")
}

// waybackHost reports whether prefix, what comes before "web/", is empty, a bare path
// ("/") or names an Internet Archive host, where a scheme-less original URL is usual.
func waybackHost(prefix string) bool {
	return prefix == "" || prefix == "/" || strings.Contains(strings.ToLower(prefix), "archive.org")
}

// cutTimestamp parses "<digits>[mod]/" at the start of s.
func cutTimestamp(s string) (rest, digits string, ok bool) {
	n := 0
	for n < len(s) && n < 15 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n < 4 || n > 14 {
		return "", "", false
	}
	digits, s = s[:n], s[n:]
	switch {
	case strings.HasPrefix(s, "*"):
		s = s[1:]
	case len(s) >= 3 && isLowerASCII(s[0]) && isLowerASCII(s[1]) && s[2] == '_':
		s = s[3:] // id_, im_, js_, cs_, if_, fw_, oe_ ...
	}
	if !strings.HasPrefix(s, "/") || len(s) == 1 {
		return "", "", false
	}
	return s[1:], digits, true
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }

// parseTimestamp turns 4 to 14 Wayback digits into a time, or zero when implausible.
// An odd trailing digit is ignored.
func parseTimestamp(digits string, now time.Time) time.Time {
	digits = digits[:len(digits)&^1]
	full := digits + "0101000000"[len(digits)-4:]
	t, err := time.Parse("20060102150405", full)
	if err != nil || t.Before(earliestCapture) || t.After(now.Add(24*time.Hour)) {
		return time.Time{}
	}
	return t
}

// NormalizeURL returns the absolute http(s) URL that s denotes, or "" when it denotes
// none. It strips a Wayback Machine prefix and the fragment, lowercases scheme and
// host, drops a default port and repairs "http:/host" (a slash lost by mirroring
// tools). A scheme-relative "//host/path" is taken as http; so is a scheme-less
// "host.tld/path" after a Wayback prefix, where the Wayback Machine allows it.
func NormalizeURL(s string) string {
	s = strings.TrimSpace(s)
	if rest, _, ok := cutWaybackPrefix(s); ok {
		return normalize(rest, true)
	}
	return normalize(s, false)
}

// normalize does NormalizeURL's work on a URL without Wayback prefix. guessHost takes
// a scheme-less "host.tld/path" as http.
func normalize(s string, guessHost bool) string {
	s = repairScheme(s, guessHost)
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// repairScheme adds a missing scheme and the second slash that path-based tools drop.
func repairScheme(s string, guessHost bool) string {
	lower := strings.ToLower(s)
	for _, scheme := range []string{"http:", "https:"} {
		if strings.HasPrefix(lower, scheme) {
			rest := strings.TrimLeft(s[len(scheme):], "/")
			return scheme + "//" + rest
		}
	}
	if strings.HasPrefix(s, "//") {
		return "http:" + s
	}
	host, _, _ := strings.Cut(s, "/")
	if guessHost && strings.Contains(host, ".") && !strings.ContainsAny(host, ":?#@ ") {
		return "http://" + s
	}
	return s
}
