package indexer

import (
	"math"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The head of a notice is the few blocks before its first paragraph: title, label, date,
// byline, and headings above them (often the country). It is found by walking back from
// the first paragraph of the main content.

// head is what the head of a notice says.
type head struct {
	title      string
	titleIdx   int  // block index of the title; -1 when none
	titleFound bool // the page has a title slot, perhaps left empty
	typ        string
	date       string
	dateSaid   bool         // a site profile found the date slot, perhaps empty
	dateQ      int          // how purely the date's line is a date
	consumed   map[int]bool // blocks that are label, date or byline lines, not body
	above      []string     // headings above the title, nearest first
	kicker     *kickerLine
	metaPlace  string // what a "Country: Kenya" line names
}

// maxHeadBlocks bounds the walk back from the first paragraph.
const maxHeadBlocks = 14

// bodyStart returns the index of the first paragraph of the notice: the first block of the
// main content that is not a heading, label, date line or blank title.
func (e *Extractor) bodyStart(blocks []block, inMain []bool) int {
	for i, b := range blocks {
		if !inMain[i] || b.empty || e.headingLike(&b) || b.size < 25 {
			continue
		}
		if b.size < 60 && !strings.ContainsAny(b.text[len(b.text)-1:], ".!?:;") {
			continue // a short line without a sentence's end: head material, not a paragraph
		}
		if b.size < 100 && (byline.MatchString(b.text) || metaLineOf(&b) != "") {
			continue
		}
		if _, ok := isLabelOnly(b.text); ok {
			continue
		}
		if _, ok := dateLine(b.text); ok {
			continue
		}
		if _, ok := e.parseKicker(b.lines[0]); ok {
			continue
		}
		return i
	}
	return len(blocks)
}

// headingLike reports whether a block reads as a heading: a heading element, a short line
// all in bold, a short block whose class says title, or a short labelled line.
func (e *Extractor) headingLike(b *block) bool {
	switch {
	case b.empty || b.level > 0:
		return true
	case b.size > 300:
		return false
	case b.bold, b.titled, b.hint&hintTitle != 0:
		return true
	}
	if t, _ := splitLabel(b.text); t != "" && !strings.HasSuffix(b.text, ".") {
		return true
	}
	return false
}

// readHead walks back from block start collecting the title, type and date.
func (e *Extractor) readHead(blocks []block, start int) head {
	h := head{titleIdx: -1, consumed: map[int]bool{}}
	aboveOpen := true // headings above the title are read until something else comes
	labelAt := -1     // nearest label-only block seen before the title was decided
	stop := max(0, start-maxHeadBlocks)
	for i := start - 1; i >= stop; i-- {
		b := &blocks[i]
		if b.empty {
			if !h.titleFound {
				h.setTitle(i, "")
			}
			continue
		}
		if k, ok := e.parseKicker(b.lines[0]); ok {
			h.noteKicker(k)
			h.consumed[i] = true
			if !h.titleFound {
				h.setTitle(i, strings.Join(b.lines[1:], " "))
			}
			continue
		}
		if t, ok := isLabelOnly(b.text); ok && b.size < 60 {
			h.consumed[i] = true
			if h.typ == "" {
				h.typ = t
			}
			if !h.titleFound && labelAt < 0 {
				labelAt = i
			}
			continue
		}
		if b.size < 100 && !b.bold && b.level == 0 && byline.MatchString(b.text) {
			h.consumed[i] = true // "Posted by the Office of Children's Issues"
			continue
		}
		if m := metaLineOf(b); m != "" {
			h.consumed[i] = true
			if h.metaPlace == "" {
				h.metaPlace = m
			}
			continue
		}
		if h.dateQ < datePure {
			if d, ok := timeDate(b); ok {
				h.date, h.dateQ = d, datePure
			}
		}
		if d, q := dateLineQuality(b.text); q > 0 && (!b.bold || b.size < 40) {
			h.consumed[i] = true
			if q > h.dateQ {
				h.date, h.dateQ = d, q
			}
			continue
		}
		if e.headingLike(b) {
			if h.titleFound && !aboveOpen {
				continue
			}
			e.headHeading(&h, blocks, i, labelAt)
			continue
		}
		if h.titleFound {
			aboveOpen = false
		}
		if b.size > 200 && i < start-1 {
			break // a paragraph: the head is over
		}
	}
	if !h.titleFound && labelAt >= 0 {
		// A label and no heading: the title may be set in plain text after the label.
		if j := h.plainTitleAfter(blocks, labelAt, start); j >= 0 {
			h.setTitle(j, blocks[j].text)
			delete(h.consumed, j)
		}
	}
	return h
}

// headHeading handles a heading met while walking back through the head.
func (e *Extractor) headHeading(h *head, blocks []block, i, labelAt int) {
	b := &blocks[i]
	typ, rest := splitLabel(b.text)
	if typ != "" && h.typ == "" {
		h.typ = typ
	}
	if h.titleFound {
		h.above = append(h.above, b.text)
		if h.dateQ < dateWithByline {
			if d, ok := dateAtEnd(b.text); ok {
				h.date, h.dateQ = d, dateWithByline
			}
		}
		return
	}
	if typ == "" && subhead.MatchString(b.text) {
		return // "Summary:", "Background"
	}
	if labelAt >= 0 && typ == "" && e.isBareCountry(b.text) {
		// "Kazakhstan" above an "Alert" heading with no title after it: the page has no title.
		h.setTitle(-1, "")
		h.above = append(h.above, b.text)
		return
	}
	if typ != "" && rest == "" { // "Notice:" alone
		return
	}
	title := rest
	if d, ok := dateAtEnd(title); ok && typ == "" {
		if h.dateQ < dateWithByline {
			h.date, h.dateQ = d, dateWithByline
		}
		title = strings.TrimSpace(trailingDate.ReplaceAllString(title, ""))
	}
	h.setTitle(i, strings.Join(strings.Fields(title), " "))
}

// plainTitleAfter finds a title written plainly between a label block and the first
// paragraph: the nearest short block that is not a date.
func (h *head) plainTitleAfter(blocks []block, label, start int) int {
	for j := label + 1; j < start; j++ {
		b := &blocks[j]
		if b.empty || h.consumed[j] {
			continue
		}
		if _, ok := dateLine(b.text); ok || byline.MatchString(b.text) {
			continue
		}
		if b.size <= 250 && !strings.HasSuffix(b.text, ".") {
			return j
		}
	}
	return -1
}

func (h *head) setTitle(i int, title string) {
	h.titleFound = true
	h.titleIdx = i
	h.title = strings.TrimSpace(title)
}

func (h *head) noteKicker(k kickerLine) {
	if h.typ == "" {
		h.typ = k.typ
	}
	if k.date != "" && h.dateQ < datePure {
		h.date, h.dateQ = k.date, datePure
	}
	if h.kicker == nil {
		h.kicker = &k
	}
}

// metaLineOf returns what a "Country: Kenya" line names, or "".
func metaLineOf(b *block) string {
	if b.size >= 100 || !strings.Contains(b.text, ":") {
		return ""
	}
	if m := metaLine.FindStringSubmatch(b.text); m != nil {
		return m[1]
	}
	return ""
}

// timeDate reads the datetime of a <time> element in a short block.
func timeDate(b *block) (string, bool) {
	if b.size > 160 {
		return "", false
	}
	for _, t := range b.times {
		if d, ok := ParseDate(t); ok {
			return d, true
		}
	}
	return "", false
}

// isBareCountry reports whether s is nothing but a country's name.
func (e *Extractor) isBareCountry(s string) bool {
	_, ok := e.countries.Lookup(strings.TrimSpace(s))
	return ok
}

// Main content: the deepest element holding most of the page's paragraph text.

// footerWords mark site boilerplate that is never notice text (in lower case).
var footerWords = []string{"©", "copyright", "all rights reserved", "this site is managed by",
	"official site", "official website", "official web site", "external links to other",
	"privacy policy", "endorsement of the views"}

// isBoilerplate reports whether a short block is a site's footer text.
func isBoilerplate(b *block) bool {
	if b.size > 400 {
		return false
	}
	lower := strings.ToLower(b.text)
	for _, w := range footerWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// paraWeight is how much a block counts as paragraph text.
func paraWeight(b *block) float64 {
	if b.empty || b.level > 0 || b.size < 60 || b.link*2 > b.size || (b.bold && b.size < 200) {
		return 0
	}
	if isBoilerplate(b) {
		return 0
	}
	return 1 + float64(min(strings.Count(b.text, ","), 10)) + math.Min(float64(b.size)/100, 3)
}

// mainShare is the share of the page's paragraph weight the main content holds.
const mainShare = 0.85

// findMain returns the deepest container under body that holds at least mainShare of the
// page's paragraph weight. It never descends into a paragraph, list item or quotation, so
// that short paragraphs next to a long one stay in.
func findMain(body *html.Node, blocks []block) *html.Node {
	weight := make(map[*html.Node]float64, 64)
	total := 0.0
	for i := range blocks {
		w := paraWeight(&blocks[i])
		if w == 0 {
			continue
		}
		total += w
		for n := blocks[i].node; n != nil && n != body.Parent; n = n.Parent {
			weight[n] += w
		}
	}
	main := body
	if total == 0 {
		return main
	}
	for {
		var next *html.Node
		for c := main.FirstChild; c != nil; c = c.NextSibling {
			if weight[c] >= mainShare*total && !leafBlock[c.DataAtom] {
				next = c
				break
			}
		}
		if next == nil {
			return main
		}
		main = next
	}
}

// leafBlock elements hold paragraphs, not sections.
var leafBlock = map[atom.Atom]bool{atom.P: true, atom.Li: true, atom.Pre: true, atom.Blockquote: true,
	atom.Dd: true, atom.Dt: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Dl: true}

// within reports whether n is anc or inside it.
func within(n, anc *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == anc {
			return true
		}
	}
	return false
}
