package main

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// A query class is one kind of search the report measures.
type queryClass struct {
	Name, Label string
}

// classes in report order.
var classes = []queryClass{
	{"rare", "one rare word"},
	{"country", "a country name"},
	{"phrase", "a phrase"},
	{"boolean", "a boolean query"},
	{"facets", "word + two countries + a topic"},
	{"daterange", "word + a date range"},
	{"broad", "a broad word"},
	{"filters", "no words, filters only"},
	{"page50", "page 50 of a broad word"},
}

// knownClass reports whether name is one of the classes.
func knownClass(name string) bool {
	for _, c := range classes {
		if c.Name == name {
			return true
		}
	}
	return false
}

// benchQuery is one measured search.
type benchQuery struct {
	Class string
	Req   search.Request
}

// pool is the queries of one class: Distinct different requests, drawn in order and
// cycled when more are measured than it holds.
type pool struct {
	Class    string
	Queries  []benchQuery
	Distinct int
}

// sample is what the pools are drawn from: notices extracted from the corpus, as indexed.
type sample struct {
	notices []*indexer.Notice
	df      map[string]int // plain word (lower case) -> notices of the sample holding it
	// unsafe holds the terms (stems) of words that occur inside a token of other characters
	// ("state" in "ask@state.gov"): such a word is a term of FTS5's in that notice (it
	// splits at every non-letter) but not of Bleve's (Unicode word breaks keep the token
	// whole), so it would find different notices; "states" would too, being the same term.
	// which Bleve's tokenizer keeps whole (Unicode word breaks) and FTS5's splits.
	unsafe    map[string]bool
	countries []string // country names that are plain words to both engines, by notices
	countryN  map[string]int
	topics    []string
	minYear   int
	maxYear   int
}

// newSample computes word and facet statistics of the notices.
func newSample(notices []*indexer.Notice) *sample {
	slices.SortFunc(notices, func(a, b *indexer.Notice) int { return strings.Compare(a.Source, b.Source) })
	s := &sample{notices: notices, df: map[string]int{}, unsafe: map[string]bool{}, countryN: map[string]int{}}
	topics := map[string]bool{}
	for _, n := range notices {
		seen := map[string]bool{}
		for _, w := range strings.Fields(n.Title + " " + n.Body) {
			w = strings.ToLower(strings.Trim(w, ".,;:!?()[]\"“”‘’'"))
			if plainWord(w) {
				if !seen[w] {
					seen[w] = true
					s.df[w]++
				}
				continue
			}
			s.markUnsafe(w)
		}
		if n.Country != schema.GeneralCountry && n.Country != "" {
			s.countryN[n.Country]++
		}
		for _, t := range n.Topics {
			topics[t] = true
		}
		if len(n.Date) >= 4 {
			var y int
			fmt.Sscanf(n.Date[:4], "%d", &y)
			if s.minYear == 0 || y < s.minYear {
				s.minYear = y
			}
			s.maxYear = max(s.maxYear, y)
		}
	}
	for c := range s.countryN {
		if s.safeWords(c) {
			s.countries = append(s.countries, c)
		}
	}
	slices.SortFunc(s.countries, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.countryN[b], s.countryN[a]), strings.Compare(a, b))
	})
	for t := range topics {
		s.topics = append(s.topics, t)
	}
	slices.Sort(s.topics)
	return s
}

// markUnsafe marks the letter runs of a token that is not a plain word, unless it is
// a possessive or hyphenated (both tokenizers split at hyphens and read possessives alike).
func (s *sample) markUnsafe(token string) {
	core := strings.TrimSuffix(strings.TrimSuffix(token, "’s"), "'s")
	if strings.IndexFunc(core, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r == '-') }) < 0 {
		return
	}
	for _, part := range strings.FieldsFunc(core, func(r rune) bool { return r < 'a' || r > 'z' }) {
		for _, t := range analyzedTerms(part) {
			s.unsafe[t] = true
		}
	}
}

// isUnsafe reports whether a plain word's term is unsafe.
func (s *sample) isUnsafe(w string) bool {
	for _, t := range analyzedTerms(w) {
		if s.unsafe[t] {
			return true
		}
	}
	return false
}

// plainWord reports a word that both engines read as the same single term: ASCII
// letters only, at least four, and not a stop word to our analyzer.
func plainWord(w string) bool {
	if len(w) < 4 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return len(analyzedTerms(w)) == 1
}

// safeWords reports a text of plain, safe words only (each word lower-cased).
func (s *sample) safeWords(text string) bool {
	for _, w := range strings.Fields(text) {
		if w = strings.ToLower(w); !plainWord(w) || s.isUnsafe(w) {
			return false
		}
	}
	return text != ""
}

// words returns the sample's words whose share of notices lies in [lo, hi], sorted.
func (s *sample) words(lo, hi float64) []string {
	n := float64(len(s.notices))
	var out []string
	for w, df := range s.df {
		if f := float64(df) / n; f >= lo && f <= hi && !s.isUnsafe(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// rareWords are words found in exactly one notice of the sample, at least 6 letters.
func (s *sample) rareWords() []string {
	var out []string
	for w, df := range s.df {
		if df == 1 && len(w) >= 6 && !s.isUnsafe(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// buildPools draws the query pools of every class from the sample with a seeded random
// source: the same seed and corpus give the same queries.
func buildPools(s *sample, seed int64, perClass int) (map[string]*pool, error) {
	r := rand.New(rand.NewPCG(uint64(seed), 0xbe7c4))
	mid := s.words(0.02, 0.2)
	frequent := s.words(0.2, 0.6)
	broad := s.words(0.7, 1)
	if len(mid) < 4 || len(frequent) < 4 || len(broad) == 0 || len(s.countries) < 2 || len(s.topics) == 0 {
		return nil, fmt.Errorf("the corpus sample is too small to draw queries from (%d notices)", len(s.notices))
	}
	// "adoption" leads the broad words: the issue names it.
	broad = slices.DeleteFunc(broad, func(w string) bool { return w == "adoption" })
	shuffle(r, broad)
	if s.df["adoption"] > 0 {
		broad = append([]string{"adoption"}, broad...)
	}
	pools := map[string]*pool{}
	add := func(class string, reqs []search.Request) {
		p := &pool{Class: class}
		seen := map[string]bool{}
		for _, req := range reqs {
			key := requestKey(req)
			if seen[key] {
				continue
			}
			if _, err := newPeerPlan(req); err != nil {
				continue // the engines would not mean the same (synonyms), or the request is bad
			}
			seen[key] = true
			p.Queries = append(p.Queries, benchQuery{Class: class, Req: req})
			if len(p.Queries) == perClass {
				break
			}
		}
		p.Distinct = len(p.Queries)
		pools[class] = p
	}
	attempts := perClass * 4
	sorted := []string{search.SortRelevance, search.SortNewest, search.SortOldest}

	rare := s.rareWords()
	shuffle(r, rare)
	add("rare", mapN(rare, func(w string) search.Request { return search.Request{Query: w} }))

	var countries []search.Request
	for _, sort := range sorted { // every country, then again sorted by date
		for _, c := range s.countries {
			countries = append(countries, search.Request{Query: c, Sort: sort})
		}
	}
	add("country", countries)

	add("phrase", repeat(attempts, func() search.Request { return search.Request{Query: s.phrase(r)} }))

	add("boolean", repeat(attempts, func() search.Request {
		a, b, c, d := pick(r, mid), pick(r, mid), pick(r, frequent), pick(r, mid)
		return search.Request{Query: fmt.Sprintf("(%s OR %s) AND %s NOT %s", a, b, c, d)}
	}))

	add("facets", repeat(attempts, func() search.Request {
		c1, c2 := s.twoCountries(r)
		return search.Request{Query: pick(r, frequent), Filters: map[string][]string{
			schema.FieldCountry: {c1, c2}, schema.FieldTopic: {pick(r, s.topics)}}}
	}))

	add("daterange", repeat(attempts, func() search.Request {
		from, to := s.dateRange(r)
		return search.Request{Query: pick(r, append(mid, frequent...)), From: from, To: to}
	}))

	var broadReqs, page50 []search.Request
	for _, sort := range sorted {
		for _, w := range broad {
			broadReqs = append(broadReqs, search.Request{Query: w, Sort: sort})
			page50 = append(page50, search.Request{Query: w, Sort: sort, Page: 50})
		}
	}
	add("broad", broadReqs)
	add("page50", page50)

	add("filters", repeat(attempts, func() search.Request {
		f := map[string][]string{schema.FieldCountry: {pick(r, s.countries)}}
		if r.IntN(2) == 0 {
			c1, c2 := s.twoCountries(r)
			f[schema.FieldCountry] = []string{c1, c2}
		}
		if r.IntN(2) == 0 {
			f[schema.FieldTopic] = []string{pick(r, s.topics)}
		}
		if r.IntN(3) == 0 {
			f[schema.FieldType] = []string{pick(r, []string{schema.TypeNotice, schema.TypeAlert})}
		}
		return search.Request{Filters: f}
	}))

	for _, c := range classes {
		if p := pools[c.Name]; p == nil || len(p.Queries) == 0 {
			return nil, fmt.Errorf("no queries for class %s", c.Name)
		}
	}
	return pools, nil
}

// warmupQueries are searches run before measuring, drawn apart from the pools.
func warmupQueries(s *sample, seed int64, n int) []benchQuery {
	r := rand.New(rand.NewPCG(uint64(seed), 0x3a7e))
	words := s.words(0.01, 0.5)
	var out []benchQuery
	for i := 0; i < n && len(words) > 0; i++ {
		out = append(out, benchQuery{Class: "warmup", Req: search.Request{Query: pick(r, words) + " " + pick(r, words)}})
	}
	return out
}

// phrase draws two or three adjacent plain words of a random notice, separated by single
// spaces in the text.
func (s *sample) phrase(r *rand.Rand) string {
	for range 1000 {
		n := s.notices[r.IntN(len(s.notices))]
		words := strings.Split(n.Body, " ")
		if len(words) < 4 {
			continue
		}
		k := 2
		if r.IntN(4) == 0 {
			k = 3
		}
		i := r.IntN(len(words) - k)
		ok := true
		for _, w := range words[i : i+k] {
			if w = strings.ToLower(w); !plainWord(w) || s.isUnsafe(w) {
				ok = false
				break
			}
		}
		if ok {
			return `"` + strings.ToLower(strings.Join(words[i:i+k], " ")) + `"`
		}
	}
	return `"` + pick(r, s.words(0.1, 0.9)) + `"`
}

func (s *sample) twoCountries(r *rand.Rand) (string, string) {
	a := pick(r, s.countries)
	for {
		if b := pick(r, s.countries); b != a {
			return a, b
		}
	}
}

// dateRange draws a span of one to seven years, by year or by month.
func (s *sample) dateRange(r *rand.Rand) (string, string) {
	y1 := s.minYear + r.IntN(s.maxYear-s.minYear+1)
	y2 := min(y1+r.IntN(7), s.maxYear)
	if r.IntN(3) == 0 {
		m1, m2 := 1+r.IntN(12), 1+r.IntN(12)
		if y1 == y2 && m2 < m1 {
			m1, m2 = m2, m1
		}
		return fmt.Sprintf("%d-%02d", y1, m1), fmt.Sprintf("%d-%02d", y2, m2)
	}
	return fmt.Sprint(y1), fmt.Sprint(y2)
}

// requestKey identifies a request, to keep each pool's queries distinct.
func requestKey(r search.Request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q|%s|%s|%s|%d", r.Query, r.Sort, r.From, r.To, r.Page)
	for _, f := range search.FilterFields {
		v := slices.Clone(r.Filters[f])
		slices.Sort(v)
		fmt.Fprintf(&b, "|%s=%s", f, strings.Join(v, ","))
	}
	return b.String()
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func shuffle[T any](r *rand.Rand, list []T) {
	r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
}

func repeat(n int, f func() search.Request) []search.Request {
	out := make([]search.Request, n)
	for i := range out {
		out[i] = f()
	}
	return out
}

func mapN[T any](list []T, f func(T) search.Request) []search.Request {
	out := make([]search.Request, len(list))
	for i, v := range list {
		out[i] = f(v)
	}
	return out
}
