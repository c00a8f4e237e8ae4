package indexer

import (
	"regexp"
	"strings"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// How notices label themselves: "Notice: Title", a heading that says only "Alert", a
// kicker line "Alert on Nepal Adoptions, 08/13/10" above the title.

var (
	// labelPrefix is a label written before the title: "Notice: ...", "Adoption Alert: ...".
	labelPrefix = regexp.MustCompile(`(?i)^(?:(?:dos|u\.?s\.?|state\s+department|department\s+of\s+state)\s+)?(?:intercountry\s+)?(?:adoption\s+)?(notice|alert)s?\s*:\s*(.*)$`)
	// labelOnly is a line that is nothing but a label.
	labelOnly = regexp.MustCompile(`(?i)^(?:(?:intercountry\s+)?adoption\s+|important\s+|urgent\s+|dos\s+|state\s+department\s+)?(notice|alert|announcement|warning|information|fact\s+sheet|faq|resources)s?\s*:?$`)
	// bothLabels is a section name that names both kinds ("Alerts & Notices").
	bothLabels = regexp.MustCompile(`(?i)^(?:(?:intercountry\s+)?adoption\s+)?(?:alerts?|notices?)\s+(?:and|&)\s+(?:alerts?|notices?)$`)
	// kicker is the line above a family-2004 title: "Notice on Colombia Adoptions, 08/30/22".
	generalWords = regexp.MustCompile(`(?i)^(?:intercountry|international|general|all)$`)
	kicker       = regexp.MustCompile(`(?i)^(notice|alert|information)\s+(?:on|about|regarding|concerning)\s+(.+?)\s+(?:intercountry\s+)?adoptions?\s*(?:[,:;–—-]\s*(.*))?$`)
	// subhead is a heading that opens a part of the body rather than titling the notice.
	subhead = regexp.MustCompile(`(?i)^(?:summary|background|overview|introduction|details|important|note|notes|questions|contact|contact information|for more information|more information|update|updates|what's new|in this notice|end summary)\s*:?$`)
	// metaLine names the page's country or section: "Country: Kenya", "Filed under: Kenya".
	metaLine = regexp.MustCompile(`(?i)^(?:country|countries|filed under|region|tags?|category|categories|location|topic)\s*:\s*(.{2,80})$`)
	// chromeHeading titles a list of links or other page furniture, never a notice.
	chromeHeading = regexp.MustCompile(`(?i)^(?:related(?: notices| links| content| information| articles| posts| pages)?|see also|more notices|recent (?:updates|notices|posts|news)|more (?:news|information|notices)|share(?: this(?: page)?)?|tags|categories|countries|browse by country|other countries|country notices|select a country|in this section|quick links|on this page|navigation|menu)\s*:?$`)
	// byline is a line naming who wrote the notice.
	byline = regexp.MustCompile(`(?i)^(?:(?:posted|published|issued|released|written|filed|prepared)\s+)?by\s`)
	// notPublished marks a date that is not the publication date.
	notPublished = regexp.MustCompile(`(?i)\b(?:updated|modified|reviewed|accessed|retrieved|captured|archived|effective|expires?|expired|deadline|until|through|captures?|supersedes?|supercedes?|replaces?|amends?|previous|prior|earlier|see|since|from|after|before|by)\b`)
	// bylineWords may stand next to a publication date.
	bylineWords = map[string]bool{"posted": true, "published": true, "on": true, "by": true, "date": true,
		"dated": true, "issued": true, "released": true, "the": true, "office": true, "of": true,
		"childrens": true, "children": true, "issues": true, "department": true, "state": true,
		"us": true, "bureau": true, "consular": true, "affairs": true, "publication": true,
		"as": true, "at": true, "release": true, "press": true, "washington": true, "dc": true,
		"news": true, "notice": true, "alert": true, "adoption": true, "intercountry": true,
		"s": true, "st": true, "nd": true, "rd": true, "th": true}
)

// typeOf maps a label word to a notice type.
func typeOf(word string) string {
	switch strings.ToLower(word) {
	case "notice", "announcement":
		return schema.TypeNotice
	case "alert", "warning":
		return schema.TypeAlert
	}
	return schema.TypeOther
}

// splitLabel removes a "Notice:" or "Alert:" label from a title, returning the type the
// label gives ("" when there is none).
func splitLabel(s string) (typ, rest string) {
	if !strings.Contains(s, ":") {
		return "", s
	}
	if m := labelPrefix.FindStringSubmatch(s); m != nil {
		return typeOf(m[1]), strings.TrimSpace(m[2])
	}
	return "", s
}

// isLabelOnly reports whether s is nothing but a label, and the type it gives ("" for
// "Alerts & Notices").
func isLabelOnly(s string) (typ string, ok bool) {
	if len(s) > 48 || s == "" {
		return "", false
	}
	if m := labelOnly.FindStringSubmatch(s); m != nil {
		return typeOf(m[1]), true
	}
	if bothLabels.MatchString(s) {
		return "", true
	}
	return "", false
}

// kickerLine is a parsed "Notice on Colombia Adoptions, 08/30/22" line.
type kickerLine struct {
	typ     string
	country schema.Country
	date    string
}

// parseKicker reads a kicker line; the words between "on" and "Adoptions" must name a
// country, or be "Intercountry" for a notice about no single country.
func (e *Extractor) parseKicker(s string) (kickerLine, bool) {
	if len(s) > 120 || len(s) < 12 || !kickerStart(s) {
		return kickerLine{}, false
	}
	m := kicker.FindStringSubmatch(s)
	if m == nil {
		return kickerLine{}, false
	}
	c, ok := e.countries.Lookup(m[2])
	if !ok && !generalWords.MatchString(m[2]) {
		return kickerLine{}, false
	}
	k := kickerLine{typ: typeOf(m[1]), country: c}
	if m[3] != "" {
		d, ok := ParseDate(m[3])
		if !ok {
			return kickerLine{}, false
		}
		k.date = d
	}
	return k, true
}

// Qualities of a date line, best last.
const (
	dateWithWords  = 1 // a date with a few other words
	dateWithByline = 2 // a date with byline words only
	datePure       = 3 // nothing but a date
)

// kickerStart is a quick test for the words a kicker line starts with.
func kickerStart(s string) bool {
	switch s[0] {
	case 'n', 'N', 'a', 'A', 'i', 'I':
	default:
		return false
	}
	head := strings.ToLower(s[:min(len(s), 12)])
	return strings.HasPrefix(head, "notice ") || strings.HasPrefix(head, "alert ") || strings.HasPrefix(head, "information")
}

// dateLine returns the publication date of a short line that is a date, or a date with
// byline words ("Posted February 17, 2014 by the Office of Children's Issues"). Ranges,
// "updated" dates and dates inside sentences are not publication dates.
func dateLine(text string) (string, bool) {
	d, q := dateLineQuality(text)
	return d, q > 0
}

// bylinePrefix is what may stand before a date on its own line.
var bylinePrefix = regexp.MustCompile(`(?i)^(?:(?:date|dated|posted|published|issued|released|release date|publication date)(?:\s+on)?\s*:?\s*)`)

// dateLineQuality is dateLine with how purely the line is a date; 0 when it is none.
func dateLineQuality(text string) (string, int) {
	if len(text) > 160 || !hasDigitRun(text) {
		return "", 0
	}
	if len(text) <= 60 {
		rest := bylinePrefix.ReplaceAllString(text, "")
		if d, ok := ParseDate(rest); ok {
			if len(rest) == len(text) {
				return d, datePure
			}
			return d, dateWithByline
		}
	}
	ms := findDates(text)
	if len(ms) == 0 {
		return "", 0
	}
	if len(ms) > 1 && isRange(text[ms[0].end:ms[1].start]) {
		return "", 0
	}
	before, after := text[:ms[0].start], text[ms[0].end:]
	if notPublished.MatchString(before) {
		return "", 0
	}
	letters, other, words := 0, 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(before+" "+after), notLetter) {
		letters += len(w)
		words++
		if !bylineWords[w] {
			other += len(w)
		}
	}
	if words > 6 && strings.HasSuffix(text, ".") {
		return "", 0 // a sentence that mentions a date
	}
	switch {
	case letters == 0:
		return ms[0].date, datePure
	case other == 0:
		return ms[0].date, dateWithByline
	case other <= 24:
		return ms[0].date, dateWithWords
	}
	return "", 0
}

// datelineDate reads the dateline that opens a press release's first paragraph:
// "WASHINGTON, February 17, 2014 — The Department ...". A date that opens a sentence
// ("On December 3, 2009, ...") is an event, not a dateline.
func datelineDate(body string) string {
	head := body[:min(len(body), 90)]
	ms := findDates(head)
	if len(ms) == 0 || ms[0].start > 50 {
		return ""
	}
	rest := strings.TrimLeft(head[ms[0].end:], " )")
	if !strings.HasPrefix(rest, "—") && !strings.HasPrefix(rest, "–") && !strings.HasPrefix(rest, "--") &&
		!strings.HasPrefix(rest, "- ") {
		return ""
	}
	if notPublished.MatchString(head[:ms[0].start]) || strings.Contains(strings.ToLower(head[:ms[0].start]), "on ") {
		return ""
	}
	return ms[0].date
}

// isRange reports whether the text between two dates joins them into a range.
func isRange(between string) bool {
	b := strings.TrimSpace(between)
	return b == "-" || b == "–" || b == "—" || b == "to" || b == "through" || b == "until"
}

func notLetter(r rune) bool {
	return !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && r < 0x80
}

// trailingDate matches a date written at the end of a title after a separator:
// "Notice on Colombia Adoptions, 08/30/22", "Adoption Notice | 17 February 2014".
var trailingDate = regexp.MustCompile(`(?:,|\||–|—|\s-|\()\s*([^,|–—(]{6,30}?)\)?\s*$`)

// dateAtEnd returns the date written at the end of s after a separator.
func dateAtEnd(s string) (string, bool) {
	m := trailingDate.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return ParseDate(m[1])
}
