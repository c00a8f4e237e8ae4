package indexer

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// What a page's <head> says: its <title>, canonical URL, keywords and publication date.

// pageMeta is read from a page's head.
type pageMeta struct {
	title     string
	url       string   // canonical link or og:url
	keywords  []string // meta keywords entries
	published string   // a publication date from meta tags, as ParseDate gives it
}

// publishedMeta are the meta names and properties that carry a publication date.
var publishedMeta = map[string]bool{
	"article:published_time": true, "og:published_time": true, "date": true, "pubdate": true,
	"publish-date": true, "publish_date": true, "publication_date": true, "dc.date": true,
	"dc.date.issued": true, "dcterms.issued": true, "dcterms.date": true, "dc.date.created": true,
	"citation_publication_date": true, "datepublished": true, "sailthru.date": true,
}

func readMeta(root *goquery.Selection) pageMeta {
	var m pageMeta
	m.title = normSpace(root.Find("title").First().Text())
	root.Find("meta, link[rel], [itemprop=datePublished]").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		switch n.Data {
		case "link":
			if strings.EqualFold(attr(n, "rel"), "canonical") && m.url == "" {
				m.url = strings.TrimSpace(attr(n, "href"))
			}
			return
		case "meta":
		default:
			if m.published == "" {
				v := attr(n, "datetime")
				if v == "" {
					v = attr(n, "content")
				}
				if d, ok := ParseDate(v); ok {
					m.published = d
				}
			}
			return
		}
		key := strings.ToLower(attr(n, "name"))
		if key == "" {
			key = strings.ToLower(attr(n, "property"))
		}
		if key == "" {
			key = strings.ToLower(attr(n, "itemprop"))
		}
		content := strings.TrimSpace(attr(n, "content"))
		switch {
		case key == "og:url" && m.url == "":
			m.url = content
		case key == "keywords":
			for _, k := range strings.Split(content, ",") {
				if k = strings.TrimSpace(k); k != "" {
					m.keywords = append(m.keywords, k)
				}
			}
		case publishedMeta[key] && m.published == "":
			if d, ok := ParseDate(content); ok {
				m.published = d
			}
		}
	})
	return m
}

// titleSeparator splits a <title> into its parts: "Intercountry Adoption | Alerts | Kazakhstan".
var titleSeparator = regexp.MustCompile(`\s+[|–—:»·-]\s+|\s*\|\s*|\s*::\s*`)

func titleSegments(title string) []string {
	if title == "" {
		return nil
	}
	var out []string
	for _, s := range titleSeparator.Split(title, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// siteName matches <title> parts that name the site rather than the notice.
var siteName = regexp.MustCompile(`(?i)state\.gov|department of state|bureau of consular|^(?:u\.?s\.? )?(?:intercountry )?adoptions?$|^travel$|^home$|^country information$|^children and family$`)

// titleFromTag returns the title a <title> element gives a page whose text shows none: its
// longest part that is not the site's name, a label or a kicker.
func (e *Extractor) titleFromTag(segs []string, removed map[string]bool) string {
	best := ""
	for _, s := range segs {
		if siteName.MatchString(s) || removed[strings.ToLower(s)] {
			continue
		}
		if _, ok := isLabelOnly(s); ok {
			continue
		}
		if _, ok := e.parseKicker(s); ok {
			continue
		}
		if _, ok := ParseDate(s); ok {
			continue
		}
		if _, rest := splitLabel(s); len(rest) > len(best) {
			best = rest
		}
	}
	return best
}

// typeFromTag reads the type a <title> gives: a label part ("Alerts"), a kicker, or a
// labelled title.
func (e *Extractor) typeFromTag(segs []string) string {
	for _, s := range segs {
		if t, ok := isLabelOnly(s); ok && t != "" {
			return t
		}
		if k, ok := e.parseKicker(s); ok {
			return k.typ
		}
		if t, _ := splitLabel(s); t != "" {
			return t
		}
	}
	return ""
}

// typeFromWords gives the type that words name when they name exactly one.
func typeFromWords(toks []token) string {
	alert, notice := false, false
	for _, t := range toks {
		switch t.fold {
		case "alert", "alerts":
			alert = true
		case "notice", "notices":
			notice = true
		}
	}
	switch {
	case alert && !notice:
		return schema.TypeAlert
	case notice && !alert:
		return schema.TypeNotice
	}
	return ""
}

// urlType matches the file name of a URL that names the notice's type:
// "adoption-notice--update-on-status.html", "dos-adoption-alert-haiti".
var urlType = regexp.MustCompile(`(?i)(?:^|[-_])adoption[-_](notice|alert)(?:[-_.]|$)|^(notice|alert)[-_]`)

// typeFromURL reads the type from the last part of a URL's path, when it says.
func typeFromURL(raw string) string {
	u, err := url.Parse(unwrapWayback(raw))
	if err != nil || u.Path == "" {
		return ""
	}
	last := u.Path[strings.LastIndexByte(u.Path, '/')+1:]
	if last == "" {
		p := strings.TrimSuffix(u.Path, "/")
		last = p[strings.LastIndexByte(p, '/')+1:]
	}
	m := urlType.FindStringSubmatch(last)
	if m == nil {
		return ""
	}
	return typeOf(m[1] + m[2])
}

// urlWords returns the path and query of a URL as words.
func urlWords(raw string) string {
	if raw == "" {
		return ""
	}
	raw = unwrapWayback(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	s := u.Path + " " + u.RawQuery
	return urlSeparators.Replace(s)
}

// urlSeparators turns the separators and file endings of a URL into spaces. A Replacer is
// built on first use and safe for concurrent use: one for all pages.
var urlSeparators = strings.NewReplacer("-", " ", "_", " ", "/", " ", "=", " ", "&", " ", ".html", " ", ".htm", " ", ".php", " ", ".asp", " ")

// unwrapWayback returns the original URL of a Wayback Machine address, or raw as it is.
func unwrapWayback(raw string) string {
	if u, _, ok := archive.ParseWaybackURL(raw); ok {
		return u
	}
	return raw
}
