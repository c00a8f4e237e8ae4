package gen

// The three designs of the real archive, written from their structure.

const generalHeading = "Intercountry Adoption"

func (n *notice) heading() string {
	if n.c == nil {
		return generalHeading
	}
	return n.c.name
}

// renderAEM writes the travel.state.gov design (Adobe Experience Manager, after 2016).
func (g *generator) renderAEM(h *htmlWriter, n *notice) {
	heading := n.heading()
	h.s("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
	h.s("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	h.text(heading)
	h.s("</title>\n<meta name=\"keywords\" content=\"intercountry adoption, adoption notices, adoption alerts, ")
	h.text(heading)
	h.s("\">\n")
	h.canonical(n, "canonical")
	h.s("<link rel=\"stylesheet\" href=\"")
	g.asset(h, n, "cs_", "https://travel.state.gov/etc/designs/travel/tsg-rwd/clientlibs.min.css")
	h.s("\">\n</head>\n<body class=\"tsg-rwd-page\">\n")
	if n.wayback {
		g.waybackInsert(h, n)
	}
	h.s(`<div class="tsg-rwd-header-frame"><a class="tsg-rwd-logo" href="/content/travel.html">Travel.State.Gov</a>` + "\n")
	h.s(`<ul class="tsg-rwd-nav"><li><a href="/content/travel/en/passports.html">U.S. Passports</a></li><li><a href="/content/travel/en/international-travel.html">International Travel</a></li><li><a href="/content/travel/en/us-visas.html">U.S. Visas</a></li><li><a href="/content/travel/en/Intercountry-Adoption.html">Intercountry Adoption</a></li></ul></div>` + "\n")
	h.s("<div class=\"tsg-rwd-body-frame-row\">\n<div class=\"tsg-rwd-content\">\n")
	h.s(`<div class="tsg-rwd-breadcrumb"><a href="/content/travel/en.html">Home</a> &gt; <a href="/content/travel/en/Intercountry-Adoption.html">Intercountry Adoption</a> &gt; <a href="/content/travel/en/News/Intercountry-Adoption-News.html">Adoption Notices</a> &gt; <b>`)
	h.text(heading)
	h.s("</b></div>\n<div class=\"tsg-rwd-main-copy-frame\">\n")
	h.s(`<div class="tsg-rwd-share"><a href="javascript:window.print()">Print</a> | <a href="mailto:?subject=`)
	h.text(heading)
	h.s("\">Email this page</a></div>\n<div class=\"tsg-rwd-main-copy-body-frame withrail\">\n")
	h.s("<div class=\"tsg-rwd-content-page-parsys parsys\">\n<div class=\"tsg-rwd-text parbase section\"><h1>")
	h.text(heading)
	h.s("</h1></div>\n<div class=\"tsg-rwd-text parbase section\">\n<p>")
	h.shownDate(n)
	h.s("</p>\n<p><b>")
	if w := titleCaseType(n.typ); w != "" {
		h.s(w)
		h.s(": ")
	}
	if n.title == "" {
		h.text(heading)
	} else {
		h.text(n.title)
	}
	h.s("</b></p>\n")
	g.writeParas(h, "<p>", "</p>\n")
	h.s("</div>\n</div>\n</div>\n")
	h.s(`<div class="tsg-rwd-rail"><h3>Country Information</h3><ul>`)
	for _, c := range g.navAEM {
		h.s(`<li><a href="/content/travel/en/Intercountry-Adoption/Intercountry-Adoption-Country-Information/`)
		h.s(c.slug)
		h.s(`.html">`)
		h.text(c.name)
		h.s("</a></li>")
	}
	h.s("</ul></div>\n</div>\n</div>\n</div>\n")
	h.s(`<div class="tsg-rwd-footer-frame"><p>Travel.State.Gov is a service of the Bureau of Consular Affairs, U.S. Department of State.</p>` + "\n")
	h.s(`<ul><li><a href="/content/travel/en/about-us.html">About Us</a></li><li><a href="/content/travel/en/contact-us.html">Contact Us</a></li><li><a href="/content/travel/en/legal.html">Privacy</a></li></ul></div>` + "\n")
	h.s("</body>\n</html>\n")
	if n.wayback {
		g.waybackTrailer(h, n)
	}
}

// asset writes the URL of a page asset, rewritten the Wayback way when archived there.
func (g *generator) asset(h *htmlWriter, n *notice, kind, url string) {
	if !n.wayback {
		h.s(url)
		return
	}
	h.s("/web/")
	h.b = appendTimestamp(h.b, n.captured)
	h.s(kind)
	h.s("/")
	h.s(url)
}

var typeHeadings = [...]string{"Notice", "Alert", "Information"}

// renderAdoptionGov writes the adoption.state.gov design (PHP, about 2010-2015).
func (g *generator) renderAdoptionGov(h *htmlWriter, n *notice) {
	heading := n.heading()
	h.s(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">` + "\n")
	h.s(`<html xmlns="http://www.w3.org/1999/xhtml">` + "\n<head>\n")
	h.s(`<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />` + "\n<title>Intercountry Adoption | ")
	h.s(typeHeadings[n.typ])
	h.s("s | ")
	h.text(heading)
	h.s("</title>\n")
	h.canonical(n, "canonical")
	h.s(`<link href="/css/adoption.css" rel="stylesheet" type="text/css" />` + "\n</head>\n<body>\n")
	if n.wayback {
		g.waybackInsert(h, n)
	}
	h.s(`<div id="header"><div id="seal"><img src="/images/dos_seal.png" alt="Seal of the U.S. Department of State" /></div>` + "\n")
	h.s(`<div id="sitename">Intercountry Adoption<br /><span>Office of Children’s Issues &middot; Bureau of Consular Affairs</span></div></div>` + "\n")
	h.s("<div id=\"wrapper\">\n<div id=\"leftnav\"><h4>Countries</h4><ul>")
	for _, c := range g.navGov {
		h.s(`<li><a href="/country_information/country_specific_info.php?country-select=`)
		h.s(c.slug)
		h.s(`">`)
		h.text(c.name)
		h.s("</a></li>")
	}
	h.s("</ul></div>\n<div id=\"content\">\n")
	h.s(`<div id="breadcrumbs"><a href="/">Home</a> &raquo; <a href="/country_information.php">Country Information</a> &raquo; <a href="/country_information/country_specific_alerts_notices.php">Alerts and Notices</a></div>` + "\n")
	h.s(`<h1 class="country_name">`)
	h.text(heading)
	h.s("</h1>\n<div class=\"alert_notice\">\n<h2>")
	h.s(typeHeadings[n.typ])
	h.s("</h2>\n<h3>")
	h.text(n.title)
	h.s("</h3>\n<p class=\"date\">")
	h.shownDate(n)
	h.s("</p>\n")
	g.writeParas(h, "<p>", "</p>\n")
	h.s("</div>\n")
	h.s(`<p class="back"><a href="/country_information/country_specific_alerts_notices.php">Return to Alerts and Notices</a></p>` + "\n</div>\n</div>\n")
	h.s(`<div id="footer">Managed by the Office of Children’s Issues, Bureau of Consular Affairs, U.S. Department of State. Links to other sites are not an endorsement of their views.</div>` + "\n")
	h.s("</body>\n</html>\n")
	if n.wayback {
		g.waybackTrailer(h, n)
	}
}

var familyTypeWords = [...]string{"Notice on ", "Alert on ", "Information on "}

const familyFont = `<font face="Arial, Helvetica, sans-serif" size="`

// renderFamily writes the travel.state.gov/family design (tables and font tags, about
// 2002-2008), in UTF-8: the caller encodes it in windows-1252.
func (g *generator) renderFamily(h *htmlWriter, n *notice) {
	h.s("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\n<title>")
	g.familyHeading(h, n)
	h.s("</title>\n")
	h.canonical(n, "canonical")
	h.s("</head>\n<body bgcolor=\"#FFFFFF\" text=\"#000000\" link=\"#003366\" vlink=\"#666666\">\n")
	if n.wayback {
		g.waybackInsert(h, n)
	}
	h.s(`<a name="top"></a><table width="770" border="0" cellspacing="0" cellpadding="0">` + "\n")
	h.s(`<tr><td colspan="2"><img src="/images/family_banner.gif" width="770" height="75" alt="Children and Family - U.S. Department of State"></td></tr>` + "\n")
	h.s(`<tr><td width="160" valign="top" bgcolor="#E6E6E6"><font size="1"><a href="/family/adoption/adoption_485.html">Intercountry Adoption</a><br>` + "\n")
	h.s(`<a href="/family/adoption/country/country_369.html">Country Information</a><br><a href="/family/abduction/abduction_580.html">Child Abduction</a></font></td>` + "\n")
	h.s("<td valign=\"top\">\n<p align=\"center\">" + familyFont + "3\"><b>U.S. Department of State</b></font></p>\n")
	h.s("<p>" + familyFont + "3\"><b>")
	g.familyHeading(h, n)
	h.s("<br>\n")
	h.text(n.title)
	h.s("</b></font></p>\n")
	g.writeParas(h, "<p>"+familyFont+"2\">", "</font></p>\n")
	h.s("<p><font size=\"1\"><a href=\"#top\">Back to Top</a></font></p>\n</td></tr>\n")
	h.s("<tr><td colspan=\"2\"><font size=\"1\">Office of Children’s Issues, U.S. Department of State</font></td></tr>\n</table>\n</body>\n</html>\n")
	if n.wayback {
		g.waybackTrailer(h, n)
	}
}

// familyHeading writes "Notice on Romania Adoptions, 05/25/05".
func (g *generator) familyHeading(h *htmlWriter, n *notice) {
	h.s(familyTypeWords[n.typ])
	if n.c == nil {
		h.s("Intercountry")
	} else {
		h.text(n.c.name)
	}
	h.s(" Adoptions")
	switch n.prec {
	case precDay:
		h.s(", ")
		h.b = append2(h.b, n.m)
		h.b = append(h.b, '/')
		h.b = append2(h.b, n.d)
		h.b = append(h.b, '/')
		h.b = append2(h.b, n.y%100)
	case precMonth:
		h.s(", ")
		h.date(n.y, n.m, 0)
	}
}
