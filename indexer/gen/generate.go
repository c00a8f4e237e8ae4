package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
)

// Generate produces the corpus that opts describes, in publication order, calling fn with
// each page. Pages own their memory: fn may keep them. Generate stops at, and returns,
// the first error of fn.
func Generate(opts Options, fn func(p Page) error) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	g, err := newGenerator(opts)
	if err != nil {
		return err
	}
	for i := range g.sched {
		p := g.page(i)
		if err := fn(p); err != nil {
			return fmt.Errorf("page %s: %w", p.Path, err)
		}
	}
	return nil
}

// Notice types and date precisions.
const (
	typeNotice uint8 = iota
	typeAlert
	typeOther
)

var typeNames = [...]string{"notice", "alert", "other"}

const (
	precDay uint8 = iota
	precMonth
	precNone
)

// schedEntry is one notice of the pre-drawn schedule.
type schedEntry struct {
	day  int32 // days since 1970-01-01
	ci   int16 // country index, or -1 for General
	prec uint8
	typ  uint8
}

// histEntry is a notice already generated, for citations.
type histEntry struct {
	day  int32
	prec uint8
	typ  uint8
}

// static holds what every run shares and never changes: countries, templates, vocabulary.
type static struct {
	countries []*country
	ccum      []float64 // cumulative country weights
	vocab     *vocab
	tm        *tables
	navAEM    []*country // the AEM rail's fixed country list
	navGov    []*country // the adoption.state.gov left navigation
}

// loadStatic builds the shared tables once; they are read-only afterwards.
var loadStatic = sync.OnceValues(func() (*static, error) {
	countries, err := loadCountries()
	if err != nil {
		return nil, err
	}
	tm, err := parseTables()
	if err != nil {
		return nil, err
	}
	countryWords := map[string]bool{}
	for _, c := range countries {
		for _, w := range strings.Fields(strings.ToLower(c.name + " " + c.demonym + " " + c.city)) {
			if len(w) >= 4 {
				countryWords[w] = true
			}
		}
	}
	st := &static{countries: countries, vocab: newVocab(countryWords), tm: tm}
	var sum float64
	for i, c := range countries {
		sum += c.weight
		st.ccum = append(st.ccum, sum)
		if i%3 != 2 {
			st.navAEM = append(st.navAEM, c)
		}
		if c.weight >= 0.5 {
			st.navGov = append(st.navGov, c)
		}
	}
	return st, nil
})

// generator holds the state and reusable buffers of one run.
type generator struct {
	*static
	opts   Options
	sched  []schedEntry
	hist   [][]histEntry // per country index; the last is General
	endDay int32

	pcg *rand.PCG
	rng *rand.Rand
	n   notice
	// buffers reused from page to page
	text, scratch, html []byte
	paras               []span
}

type span struct{ start, end int }

func newGenerator(opts Options) (*generator, error) {
	st, err := loadStatic()
	if err != nil {
		return nil, err
	}
	g := &generator{static: st, opts: opts}
	g.hist = make([][]histEntry, len(st.countries)+1)
	g.pcg = rand.NewPCG(uint64(opts.Seed), 0x9e3779b97f4a7c15)
	g.rng = rand.New(g.pcg)
	g.endDay = dayOf(opts.End, 12, 31)
	g.schedule()
	return g, nil
}

// schedule draws every notice's country, date and type, then sorts them by date so that
// notices can cite earlier ones.
func (g *generator) schedule() {
	r := g.rng
	years := make([]float64, 0, g.opts.End-g.opts.Start+1)
	var sum float64
	for y := g.opts.Start; y <= g.opts.End; y++ {
		d := (float64(y) - 2009) / 6
		sum += 0.6 + 3*math.Exp(-d*d)
		years = append(years, sum)
	}
	g.sched = make([]schedEntry, g.opts.N)
	for i := range g.sched {
		e := &g.sched[i]
		y := g.opts.Start + pickCum(years, r.Float64()*sum)
		first := dayOf(y, 1, 1)
		e.day = first + int32(r.IntN(int(dayOf(y, 12, 31)-first+1)))
		e.ci = -1
		if r.Float64() >= generalWeight {
			e.ci = int16(pickCum(g.ccum, r.Float64()*g.ccum[len(g.ccum)-1]))
		}
		switch x := r.IntN(100); {
		case x < 4:
			e.prec = precMonth
		case x < 7:
			e.prec = precNone
		}
		switch x := r.IntN(100); {
		case x < 61:
			e.typ = typeNotice
		case x < 95:
			e.typ = typeAlert
		default:
			e.typ = typeOther
		}
	}
	slices.SortStableFunc(g.sched, func(a, b schedEntry) int { return int(a.day - b.day) })
}

// pickCum returns the index of the first cumulative weight above x.
func pickCum(cum []float64, x float64) int {
	i, _ := slices.BinarySearch(cum, x)
	if i >= len(cum) {
		i = len(cum) - 1
	}
	return i
}

func dayOf(y, m, d int) int32 {
	return int32(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func civil(day int32) (y, m, d int) {
	t := time.Unix(int64(day)*86400, 0).UTC()
	yy, mm, dd := t.Date()
	return yy, int(mm), dd
}

// page generates the i-th page of the schedule.
func (g *generator) page(i int) Page {
	g.pcg.Seed(uint64(g.opts.Seed)^0x6a09e667f3bcc909, uint64(i)+1)
	e := g.sched[i]
	n := g.newNotice(i, e)
	if dropTitle := g.chooseLayout(n); !dropTitle {
		g.composeTitle(n)
	}
	n.labelTitle = n.title
	if n.title == "" && n.layout == LayoutAEM {
		n.labelTitle = n.heading() // the design shows "Notice: <country>"
	}
	g.composeBody(n)
	g.finishLayout(n)
	html := g.renderLayout(n)

	if e.typ != typeOther { // notices and alerts can be cited later
		g.hist[n.ci] = append(g.hist[n.ci], histEntry{day: e.day, prec: e.prec, typ: e.typ})
	}
	return g.makePage(n, html)
}

func (g *generator) makePage(n *notice, html []byte) Page {
	l := Label{
		File: n.path(), Layout: n.layout, Country: "General", Date: n.dateLabel(), Type: typeNames[n.typ],
		Title: n.labelTitle, Ministries: append([]string{}, n.minLabels...), Topics: n.topics.ids(),
		SourceURL: n.url, TrueDate: isoDate(n.y, n.m, n.d), Cites: append([]Cite(nil), n.cites...),
	}
	if n.c != nil {
		l.Country, l.CountryCode = n.c.name, n.c.code
	}
	return Page{Path: l.File, HTML: html, Body: string(g.text), Words: n.words, Captured: n.captured, Label: l}
}
