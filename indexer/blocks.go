package indexer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page's text is read as a sequence of blocks: one per paragraph, heading, list item or
// table cell, in document order, each knowing how it was marked up.

// block is one unit of text of a page.
type block struct {
	node   *html.Node // the block element holding the text
	lines  []string   // the text split at <br>, white space collapsed; may hold "" lines
	text   string     // the non-empty lines joined by "\n"
	level  int        // heading level 1-6, 0 outside headings
	bold   bool       // all of the text is bold or strong
	link   int        // bytes of text inside links
	size   int        // bytes of visible text
	hint   hint       // what class and id words say the text is
	times  []string   // datetime attributes of <time> elements inside
	empty  bool       // an empty heading: a title slot the page left blank
	titled bool       // the page's <title> holds this text as one of its parts
}

// hint is what the class or id of a small element says its text is.
type hint uint8

const (
	hintTitle hint = 1 << iota
	hintDate
)

var titleWords = map[string]bool{"title": true, "headline": true, "heading": true, "subject": true, "hed": true}
var dateWords = map[string]bool{"date": true, "byline": true, "dateline": true, "published": true,
	"posted": true, "pubdate": true, "timestamp": true, "time": true}

var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true, atom.Ul: true,
	atom.Legend: true, atom.Html: true,
}

var headingLevel = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

// chromeLink matches the text of links that are page furniture, dropped when a block holds
// nothing else.
var chromeLink = regexp.MustCompile(`(?i)^(?:back to |return to |top of page|\^? ?top$|print|e-?mail|share|bookmark|skip to |go to top|follow us)`)

// walkState is what the elements around a text node say about it.
type walkState struct {
	node  *html.Node
	level int
	bold  bool
	link  bool
	pre   bool
	hint  hint
}

// blockBuilder turns a cleaned body into blocks.
type blockBuilder struct {
	stats  map[*html.Node]*nodeStats
	blocks []block

	line        strings.Builder
	lines       []string
	space       bool
	started     bool
	first       walkState // state at the block's first text
	bold, total int
	link        int
	times       []string
}

// buildBlocks reads body as blocks.
func buildBlocks(body *html.Node, stats map[*html.Node]*nodeStats) []block {
	b := &blockBuilder{stats: stats}
	b.walk(body, walkState{node: body})
	b.flush()
	return b.blocks
}

func (b *blockBuilder) walk(n *html.Node, st walkState) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.addText(c.Data, st)
		case html.ElementNode:
			b.element(c, st)
		}
	}
}

func (b *blockBuilder) element(c *html.Node, st walkState) {
	if c.DataAtom == atom.Br {
		b.newline()
		return
	}
	isBlock := blockTags[c.DataAtom] || standalone(c)
	if isBlock {
		b.flush()
		st.node = c
	}
	switch c.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		st.level = headingLevel[c.DataAtom]
	case atom.B, atom.Strong, atom.Th:
		st.bold = true
	case atom.A:
		st.link = st.link || hasAttr(c, "href")
	case atom.Pre:
		st.pre = true
	case atom.Time:
		if dt := attr(c, "datetime"); dt != "" {
			b.times = append(b.times, dt)
		}
	}
	if s := attr(c, "style"); s != "" && strings.Contains(strings.ToLower(s), "font-weight") &&
		(strings.Contains(s, "bold") || strings.Contains(s, "700")) {
		st.bold = true
	}
	st.hint |= b.hintOf(c)
	before := len(b.blocks)
	b.walk(c, st)
	if isBlock {
		hadText := b.started
		b.flush()
		if st.level > 0 && !hadText && len(b.blocks) == before && headingLevel[c.DataAtom] > 0 {
			b.blocks = append(b.blocks, block{node: c, level: st.level, empty: true})
		}
	}
}

// standalone reports whether an inline element stands as a line of its own: a <span> or
// <small> between block elements with no text of its own around it, as in
// "<span>Alert</span> <span>Posted May 2, 2013</span> <h1>...".
func standalone(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Span, atom.Small, atom.Time, atom.Em, atom.I, atom.Strong, atom.B, atom.Font:
	default:
		return false
	}
	blockSibling := false
	for _, dir := range [2]bool{false, true} {
		for s := sibling(n, dir); s != nil; s = sibling(s, dir) {
			if s.Type == html.TextNode {
				if strings.TrimSpace(s.Data) != "" {
					return false
				}
				continue
			}
			if s.Type != html.ElementNode || s.DataAtom == atom.Br {
				continue
			}
			if blockTags[s.DataAtom] {
				blockSibling = true
				break
			}
			if !standaloneKind(s) {
				return false
			}
		}
	}
	return blockSibling
}

func standaloneKind(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Span, atom.Small, atom.Time, atom.Em, atom.I, atom.Strong, atom.B, atom.Font:
		return true
	}
	return false
}

func sibling(n *html.Node, next bool) *html.Node {
	if next {
		return n.NextSibling
	}
	return n.PrevSibling
}

// hintOf reads the class and id words of a small element.
func (b *blockBuilder) hintOf(n *html.Node) hint {
	if s := b.stats[n]; s == nil || s.text > 300 {
		return 0
	}
	var h hint
	for _, w := range classWords(n) {
		switch {
		case titleWords[w]:
			h |= hintTitle
		case dateWords[w]:
			h |= hintDate
		}
	}
	return h
}

func (b *blockBuilder) addText(s string, st walkState) {
	for i := 0; i < len(s); {
		if w := spaceWidth(s, i); w > 0 {
			if s[i] == '\n' && st.pre {
				b.newline()
			}
			b.space = true
			i += w
			continue
		}
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
					break // spaceWidth's ASCII spaces, without the call
				}
				j++
				continue
			}
			if spaceWidth(s, j) > 0 {
				break
			}
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
		}
		b.word(s[i:j], st)
		i = j
	}
}

// spaceWidth returns the length of the white space character at s[i], 0 when there is
// none. No-break and zero-width spaces count as spaces.
func spaceWidth(s string, i int) int {
	switch c := s[i]; {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
		return 1
	case c < utf8.RuneSelf:
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == '\u00a0' || r == '\u200b' || r == '\ufeff' || unicode.IsSpace(r) {
		return size
	}
	return 0
}

// word adds one word of text to the block.
func (b *blockBuilder) word(w string, st walkState) {
	if !b.started {
		b.started = true
		b.first = st
	}
	if b.space && b.line.Len() > 0 {
		b.line.WriteByte(' ')
	}
	b.space = false
	b.line.WriteString(w)
	n := len(w)
	b.total += n
	if st.bold || st.level > 0 {
		b.bold += n
	}
	if st.link {
		b.link += n
	}
	if st.level > 0 && b.first.level == 0 {
		b.first.level = st.level
	}
	b.first.hint |= st.hint
}

func (b *blockBuilder) newline() {
	b.lines = append(b.lines, b.line.String())
	b.line.Reset()
	b.space = false
}

// flush ends the current block.
func (b *blockBuilder) flush() {
	b.newline()
	defer b.reset()
	if !b.started {
		return
	}
	// Lines are joined by "\n"; an empty line (<br><br>) makes a paragraph break.
	var text []string
	gap := false
	for _, l := range b.lines {
		switch {
		case l == "":
			gap = len(text) > 0
		case gap:
			text = append(text, "", l)
			gap = false
		default:
			text = append(text, l)
		}
	}
	// Trailing empty lines carry no meaning; an empty line after the first does (a blank title).
	for len(b.lines) > 0 && b.lines[len(b.lines)-1] == "" {
		b.lines = b.lines[:len(b.lines)-1]
	}
	for len(b.lines) > 0 && b.lines[0] == "" {
		b.lines = b.lines[1:]
	}
	blk := block{
		node:  b.first.node,
		lines: append([]string(nil), b.lines...),
		text:  strings.Join(text, "\n"),
		level: b.first.level,
		bold:  b.bold == b.total,
		link:  b.link,
		size:  b.total,
		hint:  b.first.hint,
		times: b.times,
	}
	if blk.link*10 >= blk.size*6 && blk.size < 80 && chromeLink.MatchString(blk.text) {
		return
	}
	b.blocks = append(b.blocks, blk)
}

func (b *blockBuilder) reset() {
	b.lines = b.lines[:0]
	b.line.Reset()
	b.space = false
	b.started = false
	b.bold, b.total, b.link = 0, 0, 0
	b.times = nil
}
