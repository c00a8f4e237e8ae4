package gen

import (
	"strconv"
	"strings"
)

// Random designs: made-up class names, shuffled element order, other countries in the
// navigation, the date above or below the title or in a byline, the type in other words.

var (
	typeWordsRandom = [3][]string{
		{"Notice", "Adoption Notice", "Announcement", "Notice"},
		{"Alert", "Adoption Alert", "Warning", "Alert"},
		{"Information", "Fact Sheet", "Resources", ""},
	}
	bylines     = []string{"Posted on ", "Published ", "Date: ", "Issued ", "Released on "}
	asideTitles = []string{"Countries", "Browse by Country", "Other Countries", "Country Notices", "Select a Country"}
	relatedHead = []string{"Related Notices", "See Also", "More Notices", "Recent Updates"}
	containers  = []string{"div", "section", "article", "main", "div"}
	titleTags   = []string{"h1", "h2", "h1", "h3", "div"}
	shortMonths = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// appendDateStyle formats a date in one of five styles; d == 0 is a month-only date.
func appendDateStyle(b []byte, style, y, m, d int) []byte {
	switch {
	case style == 1 && d > 0: // 17 February 2014
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ' ')
		b = append(b, monthNames[m]...)
		b = append(b, ' ')
		return strconv.AppendInt(b, int64(y), 10)
	case style == 2: // 2014-02-17
		return appendISO(b, y, m, d)
	case style == 3 && d > 0: // 02/17/2014
		b = append2(b, m)
		b = append(b, '/')
		b = append2(b, d)
		b = append(b, '/')
		return strconv.AppendInt(b, int64(y), 10)
	case style == 4: // Feb 17, 2014
		b = append(b, shortMonths[m]...)
		b = append(b, ' ')
		if d > 0 {
			b = strconv.AppendInt(b, int64(d), 10)
			b = append(b, ", "...)
		}
		return strconv.AppendInt(b, int64(y), 10)
	}
	return appendLong(b, y, m, d)
}

// cls makes up a class or id name.
func (g *generator) cls() string {
	r := g.rng
	w := strings.ToLower(g.vocab.places.pick(r))
	switch r.IntN(4) {
	case 0:
		return w
	case 1:
		return w + "-" + strconv.Itoa(r.IntN(100))
	case 2:
		return "x" + w[:min(3, len(w))] + "__" + strings.ToLower(g.vocab.places.pick(r))
	}
	return strings.ToLower(g.vocab.places.pick(r)) + "-" + w
}

// randomURL makes up the address of a site that republished the notice.
func (g *generator) randomURL(n *notice) string {
	r := g.rng
	host := strings.ToLower(g.vocab.places.pick(r))
	slug := "notice"
	if n.title != "" {
		slug = trimSlug(slugify(n.title), 50)
	} else if n.c != nil {
		slug = n.c.slug + "-notice"
	}
	slug += "-" + strconv.Itoa(n.seq+1)
	y, m, d := civil(n.day + int32(r.IntN(30)))
	var b []byte
	switch r.IntN(5) {
	case 0:
		b = strconv.AppendInt(append(b, "https://"+host+".blogspot.com/"...), int64(y), 10)
		b = append(append2(append(b, '/'), m), '/')
		b = append(b, slug+".html"...)
	case 1:
		b = append(b, "https://www."+host+"families.org/news/"+slug...)
	case 2:
		b = strconv.AppendInt(append(b, "http://"+host+"-news.net/"...), int64(y), 10)
		b = append(b, "/"+slug+".htm"...)
	case 3:
		b = strconv.AppendInt(append(b, "https://"+host+".wordpress.com/"...), int64(y), 10)
		b = append2(append(append2(append(b, '/'), m), '/'), d)
		b = append(b, "/"+slug+"/"...)
	default:
		b = append(b, "https://www."+host+".org/notices/"+strconv.Itoa(n.seq+1)...)
	}
	return string(b)
}

// renderRandom writes a randomly composed page and reports whether it is in windows-1252.
func (g *generator) renderRandom(h *htmlWriter, n *notice) (cp1252 bool) {
	r := g.rng
	site := g.siteName()
	typeWord := typeWordsRandom[n.typ][r.IntN(4)]
	title := n.title
	prefixed := title != "" && r.IntN(100) < 40 && (typeWord == "Notice" || typeWord == "Alert" ||
		typeWord == "Adoption Notice" || typeWord == "Adoption Alert")
	if prefixed {
		title = typeWord + ": " + title
	}
	dateStyle := r.IntN(5)
	charset := "utf-8"
	if x := r.IntN(100); x < 10 {
		charset, cp1252 = "windows-1252", true
	} else if x < 15 {
		charset, cp1252 = "iso-8859-1", true
	}

	if r.IntN(4) > 0 {
		h.s("<!DOCTYPE html>\n")
	}
	h.s("<html lang=\"en\">\n<head>\n")
	if r.IntN(2) == 0 {
		h.s("<meta charset=\"" + charset + "\">\n")
	} else {
		h.s("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset + "\">\n")
	}
	h.s("<title>")
	switch {
	case title != "" && r.IntN(2) == 0:
		h.text(title)
		h.s(" | ")
		h.text(site)
	case title != "":
		h.text(site)
		h.s(" - ")
		h.text(title)
	default:
		h.text(site)
	}
	h.s("</title>\n")
	switch x := r.IntN(3); {
	case n.wayback && x == 0:
		// the toolbar gives the address
	case x == 1:
		h.canonical(n, "og:url")
	default:
		h.canonical(n, "canonical")
	}
	h.s("</head>\n<body class=\"" + g.cls() + "\">\n")
	if n.wayback {
		g.waybackInsert(h, n)
	}
	g.randomHeader(h, n, site)
	asideFirst := r.IntN(3) == 0
	if asideFirst {
		g.randomAside(h, n)
	}
	g.randomMain(h, n, title, prefixed, typeWord, dateStyle)
	if !asideFirst {
		g.randomAside(h, n)
	}
	h.s("<footer class=\"" + g.cls() + "\"><p>&copy; ")
	h.b = strconv.AppendInt(h.b, int64(n.y+r.IntN(4)), 10)
	h.s(" ")
	h.text(site)
	h.s(". Republished for information; the original notice is from the U.S. Department of State.</p></footer>\n</body>\n</html>\n")
	if n.wayback {
		g.waybackTrailer(h, n)
	}
	return cp1252
}

func (g *generator) siteName() string {
	r := g.rng
	p := g.vocab.places.pick(r)
	switch r.IntN(6) {
	case 0:
		return p + " Adoption Journal"
	case 1:
		return "Families for " + p
	case 2:
		return "The " + p + " Adoption Network"
	case 3:
		return p + " Family News"
	case 4:
		return "Intercountry Adoption Digest"
	}
	return "Adoption Notices Archive"
}

// randomHeader writes the site header with a navigation naming other countries.
func (g *generator) randomHeader(h *htmlWriter, n *notice, site string) {
	r := g.rng
	h.s("<header class=\"" + g.cls() + "\"><div class=\"" + g.cls() + "\"><a href=\"/\">")
	h.text(site)
	h.s("</a></div>\n<nav id=\"" + g.cls() + "\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news/\">News</a></li>")
	for k := 3 + r.IntN(8); k > 0; k-- {
		c := g.otherCountry(n)
		h.s("<li><a href=\"/country/" + c.slug + "\">")
		h.text(c.name)
		h.s("</a></li>")
	}
	h.s("<li><a href=\"/about/\">About</a></li></ul></nav></header>\n")
}

// randomAside writes a side list of other countries.
func (g *generator) randomAside(h *htmlWriter, n *notice) {
	r := g.rng
	tag := "aside"
	if r.IntN(2) == 0 {
		tag = "div"
	}
	h.s("<" + tag + " class=\"" + g.cls() + "\"><h4>" + asideTitles[r.IntN(len(asideTitles))] + "</h4><ul>")
	for k := 6 + r.IntN(15); k > 0; k-- {
		c := g.otherCountry(n)
		h.s("<li><a href=\"/country/" + c.slug + ".html\">")
		h.text(c.name)
		h.s("</a></li>")
	}
	h.s("</ul></" + tag + ">\n")
}

// randomMain writes the notice itself: its heading pieces in random order, then the body.
func (g *generator) randomMain(h *htmlWriter, n *notice, title string, prefixed bool, typeWord string, dateStyle int) {
	r := g.rng
	tag := containers[r.IntN(len(containers))]
	h.s("<" + tag + " id=\"" + g.cls() + "\" class=\"" + g.cls() + "\">\n")
	if r.IntN(100) < 40 {
		h.s("<div class=\"" + g.cls() + "\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/news/\">News</a>")
		if n.c != nil {
			h.s(" &rsaquo; <a href=\"/country/" + n.c.slug + "\">")
			h.text(n.c.name)
			h.s("</a>")
		}
		h.s("</div>\n")
	}
	var pieces [4]func()
	k := 0
	if typeWord != "" && !prefixed {
		pieces[k] = func() {
			t := []string{"span", "div", "p"}[r.IntN(3)]
			h.s("<" + t + " class=\"" + g.cls() + "\">" + typeWord + "</" + t + ">\n")
		}
		k++
	}
	if title != "" {
		pieces[k] = func() {
			t := titleTags[r.IntN(len(titleTags))]
			h.s("<" + t + " class=\"" + g.cls() + "\">")
			h.text(title)
			h.s("</" + t + ">\n")
		}
		k++
	}
	if n.prec != precNone || r.IntN(100) < 20 {
		pieces[k] = func() { g.randomDate(h, n, dateStyle) }
		k++
	}
	if n.c != nil && r.IntN(100) < 35 {
		pieces[k] = func() {
			h.s("<div class=\"" + g.cls() + "\">" + []string{"Country: ", "Filed under: ", "Region: "}[r.IntN(3)])
			h.text(n.c.name)
			h.s("</div>\n")
		}
		k++
	}
	r.Shuffle(k, func(i, j int) { pieces[i], pieces[j] = pieces[j], pieces[i] })
	for _, p := range pieces[:k] {
		p()
	}
	body := g.cls()
	if r.IntN(100) < 15 {
		h.s("<div class=\"" + body + "\">")
		for i, p := range g.paras {
			if i > 0 {
				h.s("<br><br>\n")
			}
			h.raw(g.text[p.start:p.end])
		}
		h.s("</div>\n")
	} else {
		h.s("<div class=\"" + body + "\">\n")
		g.writeParas(h, "<p>", "</p>\n")
		h.s("</div>\n")
	}
	if r.IntN(2) == 0 {
		g.randomRelated(h, n, dateStyle)
	}
	h.s("</" + tag + ">\n")
}

// randomDate writes the publication date, or for an undated notice a byline without one.
func (g *generator) randomDate(h *htmlWriter, n *notice, style int) {
	r := g.rng
	d := n.d
	if n.prec == precMonth {
		d = 0
	}
	t := []string{"p", "div", "span", "small"}[r.IntN(4)]
	h.s("<" + t + " class=\"" + g.cls() + "\">")
	if n.prec == precNone {
		h.s("Posted by the Office of Children’s Issues</" + t + ">\n")
		return
	}
	if r.IntN(2) == 0 {
		h.s(bylines[r.IntN(len(bylines))])
	}
	if r.IntN(100) < 30 {
		h.s("<time datetime=\"")
		h.b = appendISO(h.b, n.y, n.m, d)
		h.s("\">")
		h.b = appendDateStyle(h.b, style, n.y, n.m, d)
		h.s("</time>")
	} else {
		h.b = appendDateStyle(h.b, style, n.y, n.m, d)
	}
	h.s("</" + t + ">\n")
}

// randomRelated writes links to notices about other countries, with their dates.
func (g *generator) randomRelated(h *htmlWriter, n *notice, style int) {
	r := g.rng
	h.s("<div class=\"" + g.cls() + "\"><h4>" + relatedHead[r.IntN(len(relatedHead))] + "</h4><ul>")
	for k := 2 + r.IntN(4); k > 0; k-- {
		c := g.otherCountry(n)
		y, m, d := civil(n.day - int32(r.IntN(2000)) + 1000)
		h.s("<li><a href=\"/news/" + c.slug + "-" + strconv.Itoa(r.IntN(9000)+1000) + "\">")
		switch r.IntN(3) {
		case 0:
			h.s("Update on Intercountry Adoptions from ")
			h.text(c.text)
		case 1:
			h.s("Adoption Notice for ")
			h.text(c.text)
		default:
			h.text(c.name)
			h.s(": Information for Families")
		}
		h.s("</a> <span>")
		h.b = appendDateStyle(h.b, style, y, m, d)
		h.s("</span></li>")
	}
	h.s("</ul></div>\n")
}
