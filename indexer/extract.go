package indexer

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// ErrNotNotice is wrapped by Extract's errors for pages that hold no notice at all: empty,
// binary or without text.
var ErrNotNotice = errors.New("not a notice page")

// Extractor reads archived notice pages into notices. It holds the country vocabulary and
// the topic taxonomy, and is safe for concurrent use.
type Extractor struct {
	countries *schema.Countries
	taxonomy  *schema.Taxonomy
	finder    *countryFinder
	profiles  []profile
	detect    cascadia.Selector // matches where any profile applies
	generic   bool              // ignore the site profiles (tests measure the generic reading)
}

// NewExtractor loads the vocabularies an Extractor needs.
func NewExtractor() (*Extractor, error) {
	countries, err := schema.LoadCountries()
	if err != nil {
		return nil, fmt.Errorf("new extractor: %w", err)
	}
	taxonomy, err := schema.LoadTaxonomy()
	if err != nil {
		return nil, fmt.Errorf("new extractor: %w", err)
	}
	profiles, err := compileProfiles(profileSpecs)
	if err != nil {
		return nil, fmt.Errorf("new extractor: site profiles: %w", err)
	}
	detect, err := detectAny(profiles)
	if err != nil {
		return nil, fmt.Errorf("new extractor: site profiles: %w", err)
	}
	return &Extractor{
		countries: countries,
		taxonomy:  taxonomy,
		finder:    newCountryFinder(countries),
		profiles:  profiles,
		detect:    detect,
	}, nil
}

// waybackStub is the text of a Wayback Machine redirect page.
var waybackStub = regexp.MustCompile(`Got an HTTP \d{3} response at crawl time`)

// Extract reads one capture of a notice page. Its error wraps ErrNotNotice when the page
// holds no notice (empty, binary, no text).
func (e *Extractor) Extract(c *archive.Capture) (*Notice, error) {
	if c == nil {
		return nil, fmt.Errorf("extract: nil capture: %w", ErrNotNotice)
	}
	if len(bytes.TrimSpace(c.Body)) == 0 {
		return nil, fmt.Errorf("extract %s: empty page: %w", c.Source, ErrNotNotice)
	}
	if kind := binaryKind(c.Body); kind != "" {
		return nil, fmt.Errorf("extract %s: %s, not HTML: %w", c.Source, kind, ErrNotNotice)
	}
	root, err := html.Parse(strings.NewReader(decodePage(c.Body, c.ContentType)))
	if err != nil {
		return nil, fmt.Errorf("extract %s: parse HTML: %w", c.Source, err)
	}
	p, err := e.read(goquery.NewDocumentFromNode(root))
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", c.Source, err)
	}
	return e.notice(c, p), nil
}

// reading is what Extract understood of a page before it is turned into a Notice.
type reading struct {
	title, typ, date string
	body             string
	country          schema.Country
	url              string
	captured         time.Time // capture time the page's Wayback toolbar states
}

// read understands a parsed page.
func (e *Extractor) read(doc *goquery.Document) (*reading, error) {
	meta := readMeta(doc.Selection)
	site := e.readProfile(doc)
	body := findBody(doc.Selection)
	if body == nil {
		return nil, fmt.Errorf("no <body>: %w", ErrNotNotice)
	}
	cl := cleanBody(body)
	blocks := markTitled(dropChromeHeadings(buildBlocks(body, cl.stats)), meta.title)
	size := 0
	for i := range blocks {
		size += blocks[i].size
	}
	if size < 20 {
		return nil, fmt.Errorf("no text: %w", ErrNotNotice)
	}
	main := site.main
	if main == nil || !within(main, body) {
		main = findMain(body, blocks)
	}
	inMain := make([]bool, len(blocks))
	for i := range blocks {
		inMain[i] = within(blocks[i].node, main)
	}
	start := e.bodyStart(blocks, inMain)
	h := e.readHead(blocks, start)
	e.applyProfile(&h, site, blocks)

	r := &reading{title: h.title, typ: h.typ, date: h.date, url: meta.url, captured: cl.waytime}
	if r.url == "" {
		r.url = cl.wayback
	}
	r.body = bodyText(blocks, inMain, &h, e)
	if r.body == "" && r.title == "" {
		return nil, fmt.Errorf("no notice text: %w", ErrNotNotice)
	}
	if waybackStub.MatchString(r.body) && len(r.body) < 400 {
		return nil, fmt.Errorf("wayback redirect page: %w", ErrNotNotice)
	}
	e.fallbacks(r, &h, meta, cl.removed)
	r.country = e.country(r, &h, meta, cl.crumbs, site)
	return r, nil
}

// applyProfile lets what a site profile read win over the generic reading.
func (e *Extractor) applyProfile(h *head, site siteHints, blocks []block) {
	if site.title != nil {
		typ, rest := splitLabel(*site.title)
		if typ != "" && h.typ == "" {
			h.typ = typ
		}
		h.title, h.titleFound = rest, true
	}
	if site.date != nil {
		h.date, h.dateSaid = "", true
		if d, ok := ParseDate(*site.date); ok {
			h.date = d
		} else if d, ok := dateLine(*site.date); ok {
			h.date = d
		}
	}
	if t, ok := isLabelOnly(site.label); ok && t != "" {
		h.typ = t
	}
}

// bodyText joins the paragraphs of the main content after the title, leaving out the
// head's label, date and byline lines.
func bodyText(blocks []block, inMain []bool, h *head, e *Extractor) string {
	var paras []string
	for i := range blocks {
		b := &blocks[i]
		if !inMain[i] || i <= h.titleIdx || h.consumed[i] || b.empty {
			continue
		}
		if h.titleIdx < 0 && len(paras) == 0 && e.headingLike(b) {
			if _, ok := isLabelOnly(b.text); ok || e.isBareCountry(b.text) || b.text == h.title {
				continue // the head of a notice without a title
			}
		}
		paras = append(paras, b.text)
	}
	return strings.Join(paras, "\n\n")
}

// fallbacks fills in type, title and date from the page's <title>, meta tags and URL when
// its text gave none.
func (e *Extractor) fallbacks(r *reading, h *head, meta pageMeta, removed map[string]bool) {
	segs := titleSegments(meta.title)
	if !h.titleFound {
		r.title = e.titleFromTag(segs, removed)
	}
	if r.typ == "" {
		r.typ = e.typeFromTag(segs)
	}
	if r.typ == "" && !h.titleFound {
		// A page that shows a title and no label is saying it has no label; a page that
		// shows neither may still be named by its address or its <title>.
		r.typ = typeFromURL(meta.url)
		if r.typ == "" {
			r.typ = typeFromWords(tokenize(r.title))
		}
	}
	if r.typ == "" {
		r.typ = schema.TypeOther
	}
	if r.date != "" || h.dateSaid {
		return
	}
	r.date = meta.published
	if r.date == "" {
		r.date = datelineDate(r.body)
	}
	if r.date == "" {
		for _, s := range segs {
			if k, ok := e.parseKicker(s); ok && k.date != "" {
				r.date = k.date
			}
		}
		if r.date == "" {
			if d, ok := dateAtEnd(meta.title); ok {
				r.date = d
			}
		}
	}
}

// dropChromeHeadings leaves out headings of link lists and other furniture ("Related
// Notices", "Browse by Country") whose lists chrome removal took away.
func dropChromeHeadings(blocks []block) []block {
	out := blocks[:0]
	for _, b := range blocks {
		if b.size < 40 && (b.level > 0 || b.bold) && chromeHeading.MatchString(b.text) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// markTitled marks the blocks whose text is a part of the page's <title>: a title set
// in plain markup is still the page's title.
func markTitled(blocks []block, title string) []block {
	tag := strings.ToLower(title)
	if len(tag) < 12 {
		return blocks
	}
	for i := range blocks {
		b := &blocks[i]
		if b.size >= 12 && b.size <= 250 && titlePart(tag, strings.ToLower(b.text)) {
			b.titled = true
		}
	}
	return blocks
}

// titlePart reports whether text stands in tag as a whole part: all of it, or a part
// set off by a separator ("Title | Site", "Site - Title").
func titlePart(tag, text string) bool {
	i := strings.Index(tag, text)
	if i < 0 {
		return false
	}
	before := strings.TrimSpace(tag[:i])
	after := strings.TrimSpace(tag[i+len(text):])
	return (before == "" || strings.ContainsAny(before[len(before)-1:], "|-–—:»·,")) &&
		(after == "" || strings.ContainsAny(after[:1], "|-–—:»·,("))
}

// notice assembles the Notice.
func (e *Extractor) notice(c *archive.Capture, r *reading) *Notice {
	n := &Notice{
		Source:  c.Source,
		URL:     c.URL,
		Country: schema.GeneralCountry,
		Date:    r.date,
		Type:    r.typ,
		Title:   r.title,
		Body:    r.body,
		Digest:  c.Digest,
	}
	if n.URL == "" {
		n.URL = r.url
	}
	n.URL = unwrapWayback(n.URL)
	if r.country.Code != "" {
		n.Country, n.CountryCode = r.country.Name, r.country.Code
	}
	if !c.Time.IsZero() {
		n.CapturedAt = []time.Time{c.Time.UTC()}
	}
	if n.Date == "" {
		captured := c.Time
		if captured.IsZero() {
			captured = r.captured
		}
		n.DateEstimate = estimateDate(captured, n.Body)
	}
	countryName := n.Country
	n.Ministries = ExtractMinistries(n.Body, countryName)
	n.Topics = e.taxonomy.Assign(n.Title, n.Body)
	n.Cites = ExtractCitations(n.Body, e.countries)
	return n
}

// estimateDate places an undated notice: its capture time, else the latest plausible date
// its body mentions.
func estimateDate(captured time.Time, body string) string {
	if !captured.IsZero() {
		return captured.UTC().Format("2006-01-02")
	}
	latest := ""
	limit := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	for _, m := range findDates(body) {
		d := dayOf(m.date)
		if d >= "1990-01-01" && d <= limit && d > latest {
			latest = d
		}
	}
	return latest
}

// findBody returns the page's <body> element.
func findBody(root *goquery.Selection) *html.Node {
	var body *html.Node
	for _, n := range root.Nodes {
		var rec func(*html.Node)
		rec = func(n *html.Node) {
			for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Body {
					body = c
					return
				}
				rec(c)
			}
		}
		rec(n)
	}
	return body
}
