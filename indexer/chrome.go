package indexer

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/noticearchive/noticearchive/archive"
)

// Page chrome: the parts of a page that are not the notice (Wayback toolbar, scripts,
// navigation, side rails, breadcrumbs, site header and footer, share and print links).

// droppedTags never hold notice text.
var droppedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Canvas: true,
	atom.Select: true, atom.Button: true, atom.Input: true, atom.Textarea: true,
	atom.Link: true, atom.Meta: true, atom.Map: true, atom.Audio: true, atom.Video: true,
	atom.Head: true, atom.Title: true,
}

// chromeWords are class and id words that mark navigation and other page furniture.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menubar": true, "submenu": true,
	"sidebar": true, "sidenav": true, "leftnav": true, "rightnav": true, "topnav": true,
	"subnav": true, "mainnav": true, "globalnav": true, "rail": true, "leftrail": true,
	"rightrail": true, "footer": true, "foot": true, "share": true, "sharing": true,
	"social": true, "addthis": true, "sharethis": true, "print": true, "toolbar": true,
	"skip": true, "skiplink": true, "skiplinks": true, "pagination": true, "pager": true,
	"sitemap": true, "search": true, "searchbox": true, "login": true, "cookie": true,
	"cookies": true, "ads": true, "advert": true, "advertisement": true, "promo": true,
	"back": true, "backtotop": true, "totop": true, "related": true, "widget": true,
	"tagcloud": true, "comments": true,
}

// headerWords mark a page header, which is chrome unless it holds the notice's heading.
var headerWords = map[string]bool{"header": true, "masthead": true, "banner": true, "branding": true}

// crumbWords mark breadcrumbs, which are chrome but name the page's country.
var crumbWords = map[string]bool{"breadcrumb": true, "breadcrumbs": true, "crumbs": true, "crumb": true, "crumbtrail": true}

var chromeRoles = map[string]bool{
	"navigation": true, "contentinfo": true, "complementary": true, "search": true,
	"menu": true, "menubar": true, "toolbar": true,
}

// crumbSeparators split a breadcrumb trail.
var crumbSeparators = regexp.MustCompile(`\s*(?:[>›»/|→]|&gt;)\s*`)

// nodeStats is what chrome detection knows of an element's text.
type nodeStats struct {
	text, link int // bytes of text, and of text inside links
	links      int // <a href> count
	heading    bool
}

// cleaner strips page chrome from a parsed page.
type cleaner struct {
	stats     map[*html.Node]*nodeStats
	pageText  int // non-link text of the whole body
	crumbs    []string
	removeSet []*html.Node
	removed   map[string]bool // texts of removed chrome: site names, menu items
}

// cleaned is what chrome removal learnt of a page.
type cleaned struct {
	crumbs  []string                  // the breadcrumb trail
	stats   map[*html.Node]*nodeStats // text statistics of the elements as they were
	removed map[string]bool           // short texts of removed chrome (site name, menu items)
	wayback string                    // the page's original URL as the Wayback toolbar gives it
	waytime time.Time                 // and its capture time
}

// cleanBody removes chrome from body in place.
func cleanBody(body *html.Node) cleaned {
	var out cleaned
	out.wayback, out.waytime = waybackOrigin(body)
	removeWayback(body)
	dropHidden(body)
	c := &cleaner{stats: make(map[*html.Node]*nodeStats, 256), removed: map[string]bool{}}
	total := c.measure(body)
	c.pageText = total.text - total.link
	c.walk(body)
	for _, n := range c.removeSet {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	out.crumbs, out.stats, out.removed = c.crumbs, c.stats, c.removed
	return out
}

// waybackOrigin reads the original URL and capture time from the first Wayback link of
// the toolbar.
func waybackOrigin(body *html.Node) (string, time.Time) {
	var tb *html.Node
	forEachElement(body, func(e *html.Node) bool {
		if tb == nil && isWaybackID(attr(e, "id")) {
			tb = e
		}
		return tb == nil
	})
	if tb == nil {
		return "", time.Time{}
	}
	var orig string
	var ts time.Time
	forEachElement(tb, func(e *html.Node) bool {
		if orig == "" && e.DataAtom == atom.A {
			if u, t, ok := archive.ParseWaybackURL(attr(e, "href")); ok {
				orig, ts = u, t
			}
		}
		return orig == ""
	})
	return orig, ts
}

// noteRemoved remembers the short texts of a chrome element (itself when short, and its
// links), so that a <title> part naming the site is not taken for the notice's title.
func (c *cleaner) noteRemoved(n *html.Node) {
	if s := c.stats[n]; s == nil || s.text > 2000 {
		return
	} else if s.text <= 100 {
		c.removed[strings.ToLower(normSpace(textOf(n)))] = true
	}
	forEachElement(n, func(e *html.Node) bool {
		if e.DataAtom == atom.A {
			if s := c.stats[e]; s != nil && s.text <= 100 {
				c.removed[strings.ToLower(normSpace(textOf(e)))] = true
			}
			return false
		}
		return true
	})
}

// removeWayback removes the Wayback Machine toolbar: everything between its BEGIN and END
// comments, and any element left with a wm-ipp id.
func removeWayback(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode && strings.Contains(c.Data, "BEGIN WAYBACK TOOLBAR INSERT"):
			end := c
			for e := c.NextSibling; e != nil; e = e.NextSibling {
				if e.Type == html.CommentNode && strings.Contains(e.Data, "END WAYBACK TOOLBAR INSERT") {
					end = e
					break
				}
			}
			if end == c { // no END comment: remove only the toolbar elements
				n.RemoveChild(c)
				break
			}
			for e := c; e != nil; {
				nx := e.NextSibling
				n.RemoveChild(e)
				if e == end {
					break
				}
				e = nx
			}
			next = n.FirstChild // restart: siblings changed
		case c.Type == html.ElementNode && isWaybackID(attr(c, "id")):
			n.RemoveChild(c)
		case c.Type == html.ElementNode:
			removeWayback(c)
		}
		c = next
	}
}

func isWaybackID(id string) bool {
	return strings.HasPrefix(id, "wm-ipp") || id == "donato" || id == "wm-capinfo" || id == "playback"
}

// dropHidden removes elements that never show: scripts, styles, form controls, and
// elements hidden with the hidden attribute, aria-hidden or display:none.
func dropHidden(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode:
			n.RemoveChild(c)
		case html.ElementNode:
			if droppedTags[c.DataAtom] || isHidden(c) {
				n.RemoveChild(c)
			} else {
				dropHidden(c)
			}
		}
		c = next
	}
}

func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ToLower(a.Val)
			if strings.Contains(s, "display:none") || strings.Contains(s, "display: none") ||
				strings.Contains(s, "visibility:hidden") || strings.Contains(s, "visibility: hidden") {
				return true
			}
		}
	}
	return false
}

// measure records the text statistics of n and its descendants.
func (c *cleaner) measure(n *html.Node) nodeStats {
	var s nodeStats
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			s.text += visibleLen(ch.Data)
		case html.ElementNode:
			cs := c.measure(ch)
			s.text += cs.text
			s.link += cs.link
			s.links += cs.links
			s.heading = s.heading || cs.heading
		}
	}
	switch n.DataAtom {
	case atom.A:
		if hasAttr(n, "href") {
			s.link = s.text
			s.links++
		}
	case atom.H1, atom.H2, atom.H3:
		if s.text > s.link {
			s.heading = true
		}
	}
	c.stats[n] = &s
	return s
}

// visibleLen counts the non-space bytes of s.
func visibleLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] > ' ' {
			n++
		}
	}
	return n
}

// walk marks chrome elements for removal, top down.
func (c *cleaner) walk(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		if c.isChrome(ch) {
			c.removeSet = append(c.removeSet, ch)
			c.noteRemoved(ch)
			continue
		}
		c.walk(ch)
	}
}

// isChrome decides whether element n is page furniture rather than notice.
func (c *cleaner) isChrome(n *html.Node) bool {
	s := c.stats[n]
	if s == nil {
		return false
	}
	words := classWords(n)
	crumb := anyWord(words, crumbWords) || looksLikeCrumbs(n, s)
	if crumb && c.mayRemove(s) {
		c.crumbs = crumbItems(n)
		return true
	}
	header := n.DataAtom == atom.Header || attr(n, "role") == "banner" || anyWord(words, headerWords)
	if header && !s.heading && !inArticle(n) && c.mayRemove(s) {
		return true // an article's own header holds its title and date
	}
	switch {
	case n.DataAtom == atom.Nav, n.DataAtom == atom.Aside, n.DataAtom == atom.Footer,
		n.DataAtom == atom.Menu, chromeRoles[attr(n, "role")], anyWord(words, chromeWords):
		return c.mayRemove(s)
	}
	return c.linkList(n, s)
}

// inArticle reports whether n is inside an <article> or <main> element.
func inArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article || p.DataAtom == atom.Main {
			return true
		}
	}
	return false
}

// mayRemove guards against class names that merely sound like chrome ("page-with-sidebar"
// wrapping everything): an element holding most of the page's plain text stays.
func (c *cleaner) mayRemove(s *nodeStats) bool {
	plain := s.text - s.link
	return plain*2 < c.pageText || s.link*2 > s.text
}

// linkList reports whether n is a list of links (a side list of countries, a menu): at
// least three links making up most of its text, with little else and no heading of its
// own unless it is a list.
func (c *cleaner) linkList(n *html.Node, s *nodeStats) bool {
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.Main, atom.Article:
		return false
	case atom.Ul, atom.Ol, atom.Dl:
		return s.links >= 2 && (s.link*10 >= s.text*8 || c.linkItems(n))
	}
	plain := s.text - s.link
	return s.links >= 3 && s.link*10 >= s.text*7 && (plain <= 40 || plain <= 100 && !s.heading)
}

// linkItems reports whether every item of a list is a link with at most a few words
// beside it ("Adoption Notice for Ghana  Feb 17, 2014").
func (c *cleaner) linkItems(list *html.Node) bool {
	items := 0
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			continue
		}
		s := c.stats[li]
		if s == nil || s.links == 0 || s.text-s.link > 30 || s.link*2 < s.text {
			return false
		}
		items++
	}
	return items >= 2
}

// looksLikeCrumbs recognises a breadcrumb trail by shape: a short line of two or more
// links joined by ">" or "»".
func looksLikeCrumbs(n *html.Node, s *nodeStats) bool {
	if s.links < 2 || s.text > 200 || s.heading {
		return false
	}
	switch n.DataAtom {
	case atom.Div, atom.P, atom.Nav, atom.Ol, atom.Ul, atom.Span, atom.Td:
	default:
		return false
	}
	t := textOf(n)
	return strings.Count(t, ">")+strings.Count(t, "»")+strings.Count(t, "›") >= 1 && s.link*2 >= s.text
}

// crumbItems returns the items of a breadcrumb trail.
func crumbItems(n *html.Node) []string {
	var items []string
	var lis []*html.Node
	forEachElement(n, func(e *html.Node) bool {
		if e.DataAtom == atom.Li {
			lis = append(lis, e)
			return false
		}
		return true
	})
	if len(lis) > 0 {
		for _, li := range lis {
			items = append(items, normSpace(textOf(li)))
		}
		return items
	}
	for _, it := range crumbSeparators.Split(textOf(n), -1) {
		if it = normSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return items
}

// classWords splits an element's class and id into lower-case words, at punctuation and at
// lower-to-upper case changes ("leftNav" -> "left", "nav", and the whole "leftnav").
func classWords(n *html.Node) []string {
	var words []string
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, f := range strings.FieldsFunc(a.Val, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			words = append(words, strings.ToLower(f))
			start := 0
			for i := 1; i < len(f); i++ {
				if unicode.IsUpper(rune(f[i])) && unicode.IsLower(rune(f[i-1])) {
					words = append(words, strings.ToLower(f[start:i]))
					start = i
				}
			}
			if start > 0 {
				words = append(words, strings.ToLower(f[start:]))
			}
		}
	}
	return words
}

func anyWord(words []string, set map[string]bool) bool {
	for _, w := range words {
		if set[w] {
			return true
		}
	}
	return false
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// forEachElement calls f on the element descendants of n in document order; f returns
// false to skip an element's children.
func forEachElement(n *html.Node, f func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && f(c) {
			forEachElement(c, f)
		}
	}
}

// textOf returns the text of n and its descendants as is.
func textOf(n *html.Node) string {
	var sb strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				sb.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom == atom.Br {
					sb.WriteByte(' ')
				}
				rec(c)
			}
		}
	}
	rec(n)
	return sb.String()
}

// normSpace trims s and collapses its runs of white space (including no-break spaces)
// into single spaces.
func normSpace(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			space = sb.Len() > 0
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
