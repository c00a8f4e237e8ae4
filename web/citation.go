package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// publisher is the author of every notice.
const publisher = "U.S. Department of State, Bureau of Consular Affairs"

// quotedCapture is the capture whose text a notice page shows: the one with the notice's
// digest, else the newest. It falls back to the notice's own URL and capture time.
func quotedCapture(n *search.Notice) schema.Capture {
	q := schema.Capture{URL: n.URL, Time: n.CapturedAt, Digest: n.Digest, Source: n.Source}
	for _, c := range n.Captures {
		if c.Digest == n.Digest && n.Digest != "" {
			q = c
			break
		}
	}
	if q.URL == "" {
		q.URL = n.URL
	}
	if q.Time.IsZero() {
		q.Time = n.CapturedAt
	}
	return q
}

// citationDate is the publication date for a citation, "n.d." when undated.
func citationDate(n *search.Notice) string {
	if n.Date == "" {
		return "n.d."
	}
	return formatDate(n.Date)
}

// citeText is a plain-text citation naming the capture it quotes.
func citeText(n *search.Notice, c schema.Capture, permalink string) string {
	var b strings.Builder
	title := n.Title
	if title == "" {
		title = "Untitled " + strings.ToLower(typeLabel(n.Type))
	}
	fmt.Fprintf(&b, "%s. “%s.” Intercountry adoption %s, %s, %s.", publisher, title, strings.ToLower(typeLabel(n.Type)), n.Country, citationDate(n))
	if c.URL != "" {
		fmt.Fprintf(&b, " %s", c.URL)
	}
	if !c.Time.IsZero() {
		fmt.Fprintf(&b, ", as captured %s", c.Time.UTC().Format("January 2, 2006"))
	}
	fmt.Fprintf(&b, ". Notice Archive, %s.", permalink)
	return b.String()
}

// bibTeX is a BibTeX entry naming the capture it quotes.
func bibTeX(n *search.Notice, c schema.Capture, permalink string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@misc{noticearchive:%s,\n", n.ID)
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %-12s = {%s},\n", k, v)
		}
	}
	field("author", "{"+bibEscape(publisher)+"}")
	title := n.Title
	if title == "" {
		title = "Untitled " + strings.ToLower(typeLabel(n.Type))
	}
	field("title", "{"+bibEscape(title)+"}")
	if t, layout, ok := parseDate(n.Date); ok {
		field("year", t.Format("2006"))
		if layout != "2006" {
			fmt.Fprintf(&b, "  %-12s = %s,\n", "month", strings.ToLower(t.Format("Jan"))) // a BibTeX macro
		}
		field("date", n.Date)
	} else {
		field("year", "n.d.")
	}
	field("howpublished", bibEscape("Intercountry adoption "+strings.ToLower(typeLabel(n.Type))+", "+n.Country))
	field("url", c.URL)
	if !c.Time.IsZero() {
		field("urldate", c.Time.UTC().Format(time.DateOnly))
	}
	note := "Archived capture"
	if c.URL != "" {
		note += " of " + c.URL
	}
	if !c.Time.IsZero() {
		note += " taken " + c.Time.UTC().Format(time.DateOnly)
	}
	if c.Digest != "" {
		note += " (" + c.Digest + ")"
	}
	note += "; Notice Archive permalink " + permalink
	field("note", bibEscape(note))
	b.WriteString("}")
	return b.String()
}

// bibEscape escapes the characters BibTeX treats specially.
func bibEscape(s string) string {
	r := strings.NewReplacer(
		`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`,
		"$", `\$`, "#", `\#`, "_", `\_`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`,
	)
	return r.Replace(s)
}
