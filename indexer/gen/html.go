package gen

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// layoutSpec holds the per-layout chances.
type layoutSpec struct {
	name      string
	wayback   int // percent of pages with a Wayback insert
	dropTitle int // percent of pages without a title of their own
}

var standardLayouts = [...]layoutSpec{
	{LayoutAEM, 50, 5},
	{LayoutAdoptionGov, 50, 8},
	{LayoutFamily2004, 40, 6},
}

var randomLayout = layoutSpec{LayoutRandom, 30, 4}

// chooseLayout picks the page's design and whether it carries a title and a Wayback
// insert. It runs before the title is written.
func (g *generator) chooseLayout(n *notice) (dropTitle bool) {
	r := g.rng
	spec := standardLayouts[r.IntN(len(standardLayouts))]
	switch g.opts.Layouts {
	case LayoutsRandom:
		spec = randomLayout
	case LayoutsMixed:
		if r.IntN(2) == 0 {
			spec = randomLayout
		}
	}
	n.layout = spec.name
	n.wayback = r.IntN(100) < spec.wayback
	return n.c != nil && r.IntN(100) < spec.dropTitle
}

// finishLayout sets the original URL and the capture time.
func (g *generator) finishLayout(n *notice) {
	r := g.rng
	switch n.layout {
	case LayoutAEM:
		slug := slugify(titleCaseType(n.typ) + " " + n.title)
		if n.title == "" {
			slug = n.c.slug + "-adoption-notice"
		}
		n.url = "https://travel.state.gov/content/travel/en/News/Intercountry-Adoption-News/" +
			trimSlug(slug, 60) + "-" + strconv.Itoa(n.seq+1) + ".html"
	case LayoutAdoptionGov:
		slug := "general"
		if n.c != nil {
			slug = strings.ReplaceAll(n.c.slug, "-", "_")
		}
		n.url = "http://adoption.state.gov/country_information/country_specific_alerts_notices.php?alert_notice_type=" +
			typeNames[n.typ] + "s&alert_notice_file=" + slug + "_" + strconv.Itoa(n.seq+1)
	case LayoutFamily2004:
		n.url = "http://travel.state.gov/family/adoption/intercountry/intercountry_" + strconv.Itoa(1000+n.seq) + ".html"
	default:
		n.url = g.randomURL(n)
	}
	if n.wayback {
		from := n.day + 3
		span := max(int(min(n.day+1500, g.endDay+60)-from), 1)
		day := from + int32(r.IntN(span))
		n.captured = time.Unix(int64(day)*86400+int64(r.IntN(86400)), 0).UTC()
	}
}

func trimSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '-'); i > n/2 {
		s = s[:i]
	}
	return s
}

// renderLayout writes the page's HTML and returns a copy the caller owns.
func (g *generator) renderLayout(n *notice) []byte {
	h := &htmlWriter{b: g.html[:0]}
	cp1252 := false
	switch n.layout {
	case LayoutAEM:
		g.renderAEM(h, n)
	case LayoutAdoptionGov:
		g.renderAdoptionGov(h, n)
	case LayoutFamily2004:
		g.renderFamily(h, n)
		cp1252 = true
	default:
		cp1252 = g.renderRandom(h, n)
	}
	g.html = h.b
	if cp1252 {
		return toCP1252(make([]byte, 0, len(h.b)), h.b)
	}
	return append([]byte(nil), h.b...)
}

// htmlWriter appends HTML.
type htmlWriter struct{ b []byte }

func (h *htmlWriter) s(s string) { h.b = append(h.b, s...) }

func (h *htmlWriter) raw(b []byte) { h.b = append(h.b, b...) }

// text appends s escaped for text or attribute values.
func (h *htmlWriter) text(s string) {
	if strings.IndexAny(s, "<>&\"") < 0 {
		h.b = append(h.b, s...)
		return
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			h.b = append(h.b, "&lt;"...)
		case '>':
			h.b = append(h.b, "&gt;"...)
		case '&':
			h.b = append(h.b, "&amp;"...)
		case '"':
			h.b = append(h.b, "&quot;"...)
		default:
			h.b = append(h.b, c)
		}
	}
}

func (h *htmlWriter) date(y, m, d int) { h.b = appendLong(h.b, y, m, d) }

// shownDate appends the publication date as the notice states it: nothing when undated.
func (h *htmlWriter) shownDate(n *notice) {
	switch n.prec {
	case precDay:
		h.date(n.y, n.m, n.d)
	case precMonth:
		h.date(n.y, n.m, 0)
	}
}

// writeParas appends the body paragraphs, each wrapped in open and close.
func (g *generator) writeParas(h *htmlWriter, open, close string) {
	for _, p := range g.paras {
		h.s(open)
		h.raw(g.text[p.start:p.end])
		h.s(close)
	}
}

// canonical writes the link to the page's original URL, or its Wayback form.
func (h *htmlWriter) canonical(n *notice, rel string) {
	if rel == "og:url" {
		h.s(`<meta property="og:url" content="`)
	} else {
		h.s(`<link rel="canonical" href="`)
	}
	if n.wayback {
		h.s("https://web.archive.org/web/")
		h.b = appendTimestamp(h.b, n.captured)
		h.s("/")
	}
	h.text(n.url)
	h.s("\">\n")
}

func appendTimestamp(b []byte, t time.Time) []byte {
	return t.AppendFormat(b, "20060102150405")
}

// waybackInsert writes the Wayback Machine toolbar.
func (g *generator) waybackInsert(h *htmlWriter, n *notice) {
	r := g.rng
	first := n.captured.AddDate(0, 0, -r.IntN(900))
	last := n.captured.AddDate(0, 0, r.IntN(2500))
	h.s("<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n")
	h.s(`<script src="/_static/js/bundle-playback.js?v=t1Bf4PY0" charset="utf-8"></script>` + "\n")
	h.s(`<script type="text/javascript">__wm.init("https://web.archive.org/web");</script>` + "\n")
	h.s(`<div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;"><div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;">` + "\n")
	h.s(`<div id="wm-ipp-inside"><table id="wm-toolbar"><tr><td class="c"><a href="/web/`)
	h.b = appendTimestamp(h.b, n.captured)
	h.s("*/")
	h.text(n.url)
	h.s(`">`)
	h.b = strconv.AppendInt(h.b, int64(2+r.IntN(180)), 10)
	h.s(" captures</a><div>")
	h.b = first.AppendFormat(h.b, "2 Jan 2006")
	h.s(" - ")
	h.b = last.AppendFormat(h.b, "2 Jan 2006")
	h.s(`</div></td><td class="n"><a href="/web/`)
	h.b = appendTimestamp(h.b, n.captured)
	h.s("/")
	h.text(n.url)
	h.s(`">`)
	h.b = n.captured.AppendFormat(h.b, "Jan 02, 2006")
	h.s(`</a></td><td><a href="https://web.archive.org/web/">Wayback Machine</a></td></tr></table></div></div></div>` + "\n")
	h.s("<!-- END WAYBACK TOOLBAR INSERT -->\n")
}

// waybackTrailer writes the comment the Wayback Machine appends to archived pages.
func (g *generator) waybackTrailer(h *htmlWriter, n *notice) {
	retrieved := n.captured.Add(time.Duration(200+g.rng.IntN(2000)) * 24 * time.Hour)
	h.s("<!--\n     FILE ARCHIVED ON ")
	h.b = n.captured.AppendFormat(h.b, "15:04:05 Jan 02, 2006")
	h.s(" AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON ")
	h.b = retrieved.AppendFormat(h.b, "15:04:05 Jan 02, 2006")
	h.s(".\n     JAVASCRIPT APPENDED BY WAYBACK MACHINE, COPYRIGHT INTERNET ARCHIVE.\n-->\n")
}

// cp1252High maps the characters windows-1252 places in 0x80-0x9F.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// toCP1252 appends src, UTF-8, encoded in windows-1252; characters it lacks become
// numeric character references.
func toCP1252(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			j := i + 1
			for j < len(src) && src[j] < utf8.RuneSelf {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		i += size
		switch b, ok := cp1252High[r]; {
		case ok:
			dst = append(dst, b)
		case r >= 0xA0 && r <= 0xFF:
			dst = append(dst, byte(r))
		default:
			dst = append(dst, "&#"...)
			dst = strconv.AppendInt(dst, int64(r), 10)
			dst = append(dst, ';')
		}
	}
	return dst
}
