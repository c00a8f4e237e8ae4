package gen

import (
	"bytes"
	"math/rand/v2"
	"strconv"
)

// Body length bounds, in words.
const (
	minWords = 300
	maxWords = 900
)

// composeTitle picks and renders the notice's title.
func (g *generator) composeTitle(n *notice) {
	r := g.rng
	tm := g.tm
	var pool []tmpl
	lead := n.chosen[0]
	switch {
	case n.c == nil:
		pool = tm.generalTitles[lead]
		if len(pool) == 0 || r.IntN(100) < 25 {
			pool = tm.generalPlain
		}
	case r.IntN(100) < 60 && len(tm.topicTitles[n.typ][lead]) > 0:
		pool = tm.topicTitles[n.typ][lead]
	default:
		pool = tm.titles[n.typ]
	}
	t := &pool[r.IntN(len(pool))]
	for tries := 0; !g.suits(t, n) && tries < 30; tries++ {
		if tries == 10 { // fall back on generic titles, which suit every notice
			pool = tm.titles[n.typ]
			if n.c == nil {
				pool = tm.generalPlain
			}
		}
		t = &pool[r.IntN(len(pool))]
	}
	b := g.render(g.scratch[:0], t, n)
	g.scratch = b
	n.title = string(b)
}

// plan is the list of sentences that state a notice's facts, in order.
type plan struct {
	list       []*tmpl
	topicStart uint64 // bit i: list[i] starts a topic's sentences
	buf        [48]*tmpl
}

// add appends up to k distinct templates of list that suit the notice.
func (p *plan) add(g *generator, n *notice, list []tmpl, k int) {
	first := len(p.list)
	for tries := 0; len(p.list)-first < k && tries < 3*k+3; tries++ {
		t := &list[g.rng.IntN(len(list))]
		if g.suits(t, n) && !containsTmpl(p.list, t) {
			p.list = append(p.list, t)
		}
	}
}

// planBody chooses the sentences that state the notice's facts: an opening, two or three
// sentences per topic with everyday sentences between them, a mention of another country,
// citations of earlier notices.
func (g *generator) planBody(n *notice, p *plan) {
	r, tm := g.rng, g.tm
	p.list, p.topicStart = p.buf[:0], 0
	switch {
	case n.c == nil:
		p.list = append(p.list, pick(r, tm.generalOpenings))
	case r.IntN(100) < 70:
		p.list = append(p.list, pick(r, tm.openings))
	}
	contexts := 2 + r.IntN(5)
	for _, ti := range n.chosen {
		p.topicStart |= 1 << len(p.list)
		p.add(g, n, tm.topics[ti], 2+r.IntN(2))
		if c := r.IntN(3); c > 0 && contexts > 0 {
			p.add(g, n, tm.context, min(c, contexts))
			contexts -= c
		}
	}
	if contexts > 0 {
		p.add(g, n, tm.context, contexts)
	}
	if n.c != nil && !namesCountry(p.list) { // the body names its country at least once
		p.list = append(p.list[:1], p.list...)
		p.list[0] = pick(r, tm.openings)
		p.topicStart <<= 1
	}
	if n.c == nil {
		p.list = append(p.list, pick(r, tm.general))
	} else if r.IntN(100) < 8 {
		p.list = append(p.list, pick(r, tm.other))
	}
	if g.citable(n) >= 0 {
		for c := 0; c < 2 && r.IntN(100) < 55-30*c; c++ {
			if t := pick(r, tm.cite); g.suits(t, n) {
				p.list = append(p.list, t)
			}
		}
	}
}

// bodyWriter appends sentences and paragraphs to g.text, counting words.
type bodyWriter struct {
	g                          *generator
	n                          *notice
	words, fillerWords, inPara int
}

func (w *bodyWriter) sentence(t *tmpl) {
	g := w.g
	if w.inPara > 0 {
		g.text = append(g.text, ' ')
	}
	start := len(g.text)
	g.text = g.render(g.text, t, w.n)
	w.words += countWords(g.text[start:])
	w.inPara++
	g.paras[len(g.paras)-1].end = len(g.text)
}

func (w *bodyWriter) newPara() {
	g := w.g
	if len(g.paras) > 0 {
		g.text = append(g.text, '\n', '\n')
	}
	g.paras = append(g.paras, span{start: len(g.text), end: len(g.text)})
	w.inPara = 0
}

func (w *bodyWriter) filler() {
	if w.inPara >= 5 {
		w.newPara()
	}
	before := w.words
	w.sentence(pick(w.g.rng, w.g.tm.filler))
	w.fillerWords += w.words - before
}

// composeBody writes the notice's paragraphs into g.text: the planned sentences, filler
// between them, sentences naming any body not yet named, and a closing paragraph, for a
// total of 300 to 900 words.
func (g *generator) composeBody(n *notice) {
	r := g.rng
	g.text, g.paras = g.text[:0], g.paras[:0]
	target := 320 + r.IntN(561)
	var p plan
	g.planBody(n, &p)
	filler := max(target-24*(len(p.list)+len(n.bodies)), 0)

	w := bodyWriter{g: g, n: n}
	w.newPara()
	for i, t := range p.list {
		if w.inPara >= 5 || (p.topicStart&(1<<i) != 0 && w.inPara >= 2 && r.IntN(100) < 70) {
			w.newPara()
		}
		w.sentence(t)
		for w.fillerWords < filler*(i+1)/len(p.list) && w.words < maxWords-150 {
			w.filler()
		}
	}
	for n.mentioned < len(n.bodies) {
		if w.inPara >= 5 {
			w.newPara()
		}
		w.sentence(pick(r, g.tm.ministry))
	}

	// The closing paragraph is rendered aside first, so filler can fill up to the target.
	closing := g.scratch[:0]
	for c := 1 + r.IntN(2); c > 0; c-- {
		if len(closing) > 0 {
			closing = append(closing, ' ')
		}
		closing = g.render(closing, pick(r, g.tm.closing), n)
	}
	g.scratch = closing
	cw := countWords(closing)
	for w.words+cw < max(target, minWords) && w.words+cw+40 < maxWords {
		w.filler()
	}
	w.newPara()
	g.text = append(g.text, closing...)
	g.paras[len(g.paras)-1].end = len(g.text)
	n.words = w.words + cw
}

func pick(r *rand.Rand, list []tmpl) *tmpl {
	return &list[r.IntN(len(list))]
}

// suits reports whether template t can be written for notice n.
func (g *generator) suits(t *tmpl, n *notice) bool {
	switch {
	case n.c == nil && !t.countryFree():
		return false
	case n.noAdopt && t.fixedAdopt:
		return false
	case t.uses(slotMS) && len(n.bodies) == 0:
		return false
	}
	return true
}

// namesCountry reports whether one of the templates writes the country's name.
func namesCountry(list []*tmpl) bool {
	for _, t := range list {
		if t.uses(slotC) || t.uses(slotCp) {
			return true
		}
	}
	return false
}

func containsTmpl(list []*tmpl, t *tmpl) bool {
	for _, x := range list {
		if x == t {
			return true
		}
	}
	return false
}

// countWords counts the words of text whose words are separated by single spaces.
func countWords(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	return bytes.Count(b, space) + 1
}

var space = []byte{' '}

// render appends template t filled for notice n, capitalizing its first letter, and adds
// the topics it renders to n.
func (g *generator) render(dst []byte, t *tmpl, n *notice) []byte {
	r := g.rng
	v := g.vocab
	start := len(dst)
	for i := range t.segs {
		s := &t.segs[i]
		switch s.slot {
		case slotLit:
			dst = append(dst, s.lit...)
		case slotAdopt:
			if n.noAdopt {
				dst = append(dst, s.alt...)
			} else {
				dst = append(dst, s.lit...)
			}
		case slotC:
			dst = append(dst, n.c.text...)
		case slotCp:
			dst = append(dst, n.c.poss...)
		case slotCU:
			dst = append(dst, n.c.upper...)
		case slotD:
			dst = append(dst, n.c.demonym...)
		case slotCity:
			dst = append(dst, n.c.city...)
		case slotM:
			dst = g.mention(dst, n)
		case slotMS:
			b := n.bodies[0]
			switch {
			case b.acr != "":
				dst = append(dst, b.acr...)
			case b.fixed:
				dst = append(dst, b.name...)
			default:
				dst = append(append(append(dst, n.c.demonym...), ' '), b.name...)
			}
			n.topics |= b.topics
		case slotDate:
			y, m, d := civil(n.day - 1 - int32(r.IntN(540)))
			dst = appendLong(dst, y, m, d)
		case slotMonth:
			y, m, _ := civil(n.day - 1 - int32(r.IntN(400)))
			dst = appendLong(dst, y, m, 0)
		case slotYear:
			dst = strconv.AppendInt(dst, int64(n.y-1-r.IntN(6)), 10)
		case slotNum:
			dst = strconv.AppendInt(dst, int64(2+r.IntN(38)), 10)
		case slotCite:
			dst = g.cite(dst, n)
		case slotOther:
			dst = append(dst, g.otherCountry(n).text...)
		case slotN:
			dst = append(dst, v.nouns.pick(r)...)
		case slotA:
			dst = append(dst, v.adjs.pick(r)...)
		case slotV:
			dst = append(dst, v.verbs.pick(r)...)
		case slotVs:
			dst = append(dst, v.verbsS.pick(r)...)
		case slotP:
			dst = append(dst, v.places.pick(r)...)
		}
	}
	if start < len(dst) && dst[start] >= 'a' && dst[start] <= 'z' {
		dst[start] -= 'a' - 'A'
	}
	n.topics |= t.topics
	return dst
}

// mention names the next foreign body in full, or an already named one briefly, or the
// government.
func (g *generator) mention(dst []byte, n *notice) []byte {
	r := g.rng
	if n.mentioned < len(n.bodies) {
		i := n.mentioned
		n.mentioned++
		b := n.bodies[i]
		start := len(dst)
		dst, n.acrIntro[i] = g.firstMention(dst, n.c, b)
		label := dst[start:]
		if len(label) > 4 && string(label[:4]) == "the " {
			label = label[4:]
		}
		n.minLabels = append(n.minLabels, string(label))
		n.topics |= b.topics
		return dst
	}
	if n.mentioned > 0 && r.IntN(100) < 60 {
		i := r.IntN(n.mentioned)
		b := n.bodies[i]
		if n.acrIntro[i] {
			return append(dst, b.acr...)
		}
		return append(append(dst, "the "...), b.name...)
	}
	if r.IntN(2) == 0 {
		return append(append(append(dst, "the "...), n.c.demonym...), " government"...)
	}
	return append(append(dst, "the Government of "...), n.c.text...)
}

// firstMention writes a body's full name in one of the ways notices write it and reports
// whether it introduced the acronym.
func (g *generator) firstMention(dst []byte, c *country, b *body) ([]byte, bool) {
	r := g.rng
	for {
		switch r.IntN(6) {
		case 0, 1: // the Name (ACR)
			if b.acr == "" {
				continue
			}
			name := b.name
			if b.alt != "" && r.IntN(2) == 0 {
				name = b.alt
			}
			return append(append(append(append(dst, "the "...), name...), " ("...), b.acr+")"...), true
		case 2: // the Demonym Name (ACR)
			if b.fixed || b.acr == "" {
				continue
			}
			dst = append(append(append(append(dst, "the "...), c.demonym...), ' '), b.name...)
			return append(append(append(dst, " ("...), b.acr...), ')'), true
		case 3: // the Demonym Name
			if b.fixed {
				continue
			}
			return append(append(append(append(dst, "the "...), c.demonym...), ' '), b.name...), false
		case 4: // Country’s Name
			if b.fixed {
				continue
			}
			return append(append(append(dst, c.poss...), ' '), b.name...), false
		case 5: // the Name
			if !b.fixed && !b.long {
				continue
			}
			return append(append(dst, "the "...), b.name...), false
		}
	}
}

// citable returns the index in the notice's history of the most recent earlier notice
// it may cite, or -1.
func (g *generator) citable(n *notice) int {
	h := g.hist[n.ci]
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].day < n.day && h[i].prec != precNone {
			return i
		}
	}
	return -1
}

// cite writes a reference to one of the last earlier notices of the same country.
func (g *generator) cite(dst []byte, n *notice) []byte {
	r := g.rng
	h := g.hist[n.ci]
	last := g.citable(n)
	if last < 0 {
		return append(dst, "the Department’s earlier notices"...)
	}
	var e histEntry
	for tries := 0; ; tries++ {
		e = h[max(0, last-r.IntN(8))]
		if e.prec != precNone && e.day < n.day || tries > 8 {
			break
		}
	}
	if e.prec == precNone || e.day >= n.day {
		e = h[last]
	}
	y, m, d := civil(e.day)
	if e.prec == precMonth {
		d = 0
	}
	word := titleCaseType(e.typ)
	start := len(dst)
	cite := Cite{Date: isoDate(y, m, d)}
	switch r.IntN(4) {
	case 0:
		dst = append(dst, "the Department’s "...)
		dst = append(append(appendLong(dst, y, m, d), ' '), word...)
	case 1:
		dst = append(append(append(dst, "our "...), lowerFirst(word)...), " dated "...)
		dst = appendLong(dst, y, m, d)
	case 2:
		dst = append(append(append(dst, "the Department of State’s "...), lowerFirst(word)...), " of "...)
		dst = appendLong(dst, y, m, d)
	default:
		dst = append(append(appendLong(append(dst, "the "...), y, m, d), ' '), lowerFirst(word)...)
		if n.c != nil {
			dst = append(append(dst, " on "...), n.c.text...)
			cite.Country = n.c.name
		}
	}
	cite.Text = string(dst[start:])
	n.cites = append(n.cites, cite)
	return dst
}

// otherCountry picks a country other than the notice's own.
func (g *generator) otherCountry(n *notice) *country {
	for {
		c := g.countries[g.rng.IntN(len(g.countries))]
		if c != n.c {
			return c
		}
	}
}
