package gen

import (
	"strconv"
	"strings"
	"time"
)

// notice is the page being generated. One value is reused from page to page.
type notice struct {
	seq        int
	c          *country // nil for a General notice
	ci         int      // index of c in generator.countries, or len(countries) for General
	day        int32
	y, m, d    int
	prec, typ  uint8
	noAdopt    bool     // avoids the words of the "adopt" family
	chosen     []int    // topics chosen to write about, lead first
	topics     topicSet // topics rendered so far
	bodies     []*body  // foreign bodies to name, in order
	mentioned  int      // bodies[:mentioned] are named
	acrIntro   []bool   // whether a body's acronym was introduced
	minLabels  []string
	cites      []Cite
	title      string // "" when the page shows none of its own
	labelTitle string
	words      int

	layout   string
	url      string
	wayback  bool
	captured time.Time
}

// topicWeights are the chances of each topic, in topicIDs order.
var topicWeights = [len(topicIDs)]float64{
	0.30, 0.07, 0.12, 0.30, 0.08, 0.12, 0.20, 0.04, 0.20, 0.25, 0.12, 0.06, 0.25, 0.08, 0.10, 0.20, 0.15,
}

func (g *generator) newNotice(seq int, e schedEntry) *notice {
	r := g.rng
	n := &g.n
	*n = notice{chosen: n.chosen[:0], bodies: n.bodies[:0], acrIntro: n.acrIntro[:0],
		minLabels: n.minLabels[:0], cites: n.cites[:0]}
	n.seq, n.day, n.prec, n.typ = seq, e.day, e.prec, e.typ
	n.y, n.m, n.d = civil(e.day)
	n.ci = len(g.countries)
	if e.ci >= 0 {
		n.c, n.ci = g.countries[e.ci], int(e.ci)
	}
	n.noAdopt = r.IntN(100) < 5
	g.chooseTopics(n)
	if n.c != nil {
		g.chooseBodies(n)
	}
	return n
}

func (g *generator) chooseTopics(n *notice) {
	r := g.rng
	k := 1
	switch x := r.IntN(100); {
	case x >= 90:
		k = 5
	case x >= 75:
		k = 4
	case x >= 50:
		k = 3
	case x >= 20:
		k = 2
	}
	var w [len(topicIDs)]float64
	var sum float64
	for i := range w {
		w[i] = topicWeights[i]
		id := topicIDs[i]
		switch {
		case id == "hague-certificate-determination" && (n.y < 2008 || n.noAdopt),
			id == "dna-testing" && (n.y < 1998 || n.y > 2013),
			n.c == nil && !g.hasCountryFree(i):
			w[i] = 0
		case n.typ == typeAlert && (id == "suspension" || id == "fraud-corruption"):
			w[i] *= 2.5
		case id == "dna-testing" && n.c != nil && n.c.name == "Guatemala":
			w[i] *= 6
		}
		sum += w[i]
	}
	for len(n.chosen) < k && sum > 0 {
		x := r.Float64() * sum
		i := 0
		for ; i < len(w)-1 && x >= w[i]; i++ {
			x -= w[i]
		}
		if w[i] == 0 {
			continue
		}
		n.chosen = append(n.chosen, i)
		sum -= w[i]
		w[i] = 0
	}
}

func (g *generator) hasCountryFree(topic int) bool {
	for i := range g.tm.topics[topic] {
		if g.tm.topics[topic][i].countryFree() {
			return true
		}
	}
	return false
}

func (g *generator) chooseBodies(n *notice) {
	r := g.rng
	k := 0
	switch x := r.IntN(100); {
	case x >= 85:
		k = 3
	case x >= 60:
		k = 2
	case x >= 25:
		k = 1
	}
	own := len(n.c.bodies) - len(genericBodies)
	for tries := 0; len(n.bodies) < k && tries < 20; tries++ {
		var b *body
		if own > 0 && r.IntN(100) < 75 {
			b = n.c.bodies[r.IntN(max(own, 1))]
		} else {
			b = n.c.bodies[r.IntN(len(n.c.bodies))]
		}
		if (n.noAdopt && !b.noAdopt) || containsBody(n.bodies, b) {
			continue
		}
		n.bodies = append(n.bodies, b)
		n.acrIntro = append(n.acrIntro, false)
	}
}

func containsBody(list []*body, b *body) bool {
	for _, x := range list {
		if x == b {
			return true
		}
	}
	return false
}

// dateLabel is the date as the page states it.
func (n *notice) dateLabel() string {
	switch n.prec {
	case precDay:
		return isoDate(n.y, n.m, n.d)
	case precMonth:
		return isoDate(n.y, n.m, 0)
	}
	return ""
}

// path is "<layout>/<country-slug>-<date>-<n>.html".
func (n *notice) path() string {
	slug := "general"
	if n.c != nil {
		slug = n.c.slug
	}
	date := n.dateLabel()
	if date == "" {
		date = "undated"
	}
	return n.layout + "/" + slug + "-" + date + "-" + strconv.Itoa(n.seq+1) + ".html"
}

// isoDate formats YYYY-MM-DD, or YYYY-MM when d is 0.
func isoDate(y, m, d int) string {
	b := make([]byte, 0, 10)
	b = appendISO(b, y, m, d)
	return string(b)
}

func appendISO(b []byte, y, m, d int) []byte {
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-')
	b = append2(b, m)
	if d > 0 {
		b = append(b, '-')
		b = append2(b, d)
	}
	return b
}

func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10%10), byte('0'+v%10))
}

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// appendLong formats "February 17, 2014", or "February 2014" when d is 0.
func appendLong(b []byte, y, m, d int) []byte {
	b = append(b, monthNames[m]...)
	b = append(b, ' ')
	if d > 0 {
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ", "...)
	}
	return strconv.AppendInt(b, int64(y), 10)
}

// titleCaseType is "Notice", "Alert" or "" for the type's label word.
func titleCaseType(typ uint8) string {
	switch typ {
	case typeNotice:
		return "Notice"
	case typeAlert:
		return "Alert"
	}
	return ""
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
