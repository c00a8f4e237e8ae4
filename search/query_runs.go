package search

import (
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// maxNameWords bounds the length of a multi-word name (a synonym entry or a country name)
// looked for in a run of plain words.
const maxNameWords = 16

// plainRun returns the plain words at the start of nodes: words without a field, a prefix
// or fuzziness.
func plainRun(nodes []Node) []*TermNode {
	var run []*TermNode
	for _, n := range nodes {
		t, ok := n.(*TermNode)
		if !ok || t.Field != "" || t.Prefix || t.Fuzzy != 0 {
			break
		}
		run = append(run, t)
	}
	return run
}

// wordRun compiles consecutive plain words of an AND. Every word is required, as alone,
// except that a stretch of words naming something (a synonym entry or a country) may match
// through its synonyms or its country instead; and adjacent words found side by side in a
// notice add to its score (CompileOptions.PairBoost). It returns nil for words that all
// analyse to nothing.
func (c *compiler) wordRun(run []*TermNode) (query.Query, error) {
	var must []query.Query
	for i := 0; i < len(run); {
		if j := c.nameEnd(run, i); j > 0 {
			q, err := c.name(run[i:j])
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
			i = j
			continue
		}
		q, err := c.term(run[i])
		if err != nil {
			return nil, err
		}
		if q != nil {
			must = append(must, q)
		}
		i++
	}
	base := conjunction(must)
	if base == nil {
		return nil, nil
	}
	if pairs := c.pairs(run); pairs != nil {
		return query.NewBooleanQuery([]query.Query{base}, []query.Query{pairs}, nil), nil
	}
	return base, nil
}

// nameEnd returns the end of the longest stretch of two words or more starting at i that
// is a synonym entry or names a country, or 0 when there is none.
func (c *compiler) nameEnd(run []*TermNode, i int) int {
	if c.opts.Synonyms == nil && c.opts.CountryBoost <= 0 {
		return 0
	}
	for j := min(len(run), i+maxNameWords); j >= i+2; j-- {
		text := runText(run[i:j])
		if c.opts.CountryBoost > 0 {
			if _, ok := c.countries.Lookup(text); ok {
				return j
			}
		}
		if c.opts.Synonyms != nil && len(c.opts.Synonyms(text)) > 0 {
			return j
		}
	}
	return 0
}

// name compiles a multi-word name: its words, or the name as a phrase, or one of its
// synonyms as a phrase, or notices filed under the country it names.
func (c *compiler) name(words []*TermNode) (query.Query, error) {
	var each []query.Query
	for _, w := range words {
		q, err := c.term(w)
		if err != nil {
			return nil, err
		}
		if q != nil {
			each = append(each, q)
		}
	}
	text := runText(words)
	alts := []query.Query{conjunction(each)}
	if alts[0] == nil {
		return nil, nil
	}
	if q := disjunction(c.phraseAlt(text, 1)); q != nil {
		alts = append(alts, q)
	}
	if c.opts.Synonyms != nil {
		var syn []query.Query
		for _, alt := range c.opts.Synonyms(text) {
			if strings.TrimSpace(alt) == "" {
				continue
			}
			if err := c.clause(); err != nil {
				return nil, err
			}
			syn = append(syn, c.synonymQueries(alt)...)
		}
		if q := disjunction(syn); q != nil {
			alts = append(alts, q)
		}
	}
	if country, ok := c.countries.Lookup(text); ok && c.opts.CountryBoost > 0 {
		q := termQuery(schema.FieldCountry, country.Name)
		q.SetBoost(c.opts.CountryBoost)
		alts = append(alts, q)
	}
	return disjunction(alts), nil
}

// pairs matches adjacent words of the run as word pairs in the bigram field, each with
// CompileOptions.PairBoost; nil when that is off or the run yields no pair.
func (c *compiler) pairs(run []*TermNode) query.Query {
	if c.opts.PairBoost <= 0 {
		return nil
	}
	var qs []query.Query
	for _, t := range analyze(c.bigrams, runText(run)) {
		q := termQuery(schema.FieldBigrams, t)
		setBoost(q, c.opts.PairBoost)
		qs = append(qs, q)
	}
	return disjunction(qs)
}

func runText(run []*TermNode) string {
	words := make([]string, len(run))
	for i, t := range run {
		words[i] = t.Text
	}
	return strings.Join(words, " ")
}

// longSynonym is the number of terms from which a synonym is matched as all of its words
// rather than as a phrase: long names are written with varying stop words ("Convention on
// the Protection of Children" and "Convention on Protection of Children").
const longSynonym = 4

// synonymQueries matches a synonym with SynonymBoost: a word in the title and the body, a
// short phrase by its word pairs, a long name by all of its words.
func (c *compiler) synonymQueries(alt string) []query.Query {
	terms := analyze(c.text, alt)
	switch {
	case len(terms) == 0:
		return nil
	case len(terms) >= longSynonym:
		var qs []query.Query
		for _, f := range phraseFields {
			q := query.NewMatchQuery(alt)
			q.SetField(f.name)
			q.SetOperator(query.MatchQueryOperatorAnd)
			setBoost(q, f.boost*c.opts.SynonymBoost)
			qs = append(qs, q)
		}
		return qs
	}
	if qs := c.phraseAlt(alt, c.opts.SynonymBoost); qs != nil {
		return qs
	}
	var qs []query.Query
	for _, f := range phraseFields {
		qs = append(qs, c.matchQuery(weightedField{f.name, f.boost * c.opts.SynonymBoost}, alt, terms))
	}
	return qs
}

// phraseAlt matches a phrase of several words fast: as a phrase in the title (titles are
// short) and by its word pairs anywhere; nil for a single word.
func (c *compiler) phraseAlt(text string, boost float64) []query.Query {
	pairs := c.phraseByPairs(text, boost)
	if pairs == nil {
		return nil
	}
	return append(phraseQueries(text, wordFields[:1], boost), pairs)
}

// phraseByPairs matches text as a phrase, nearly: each pair of adjacent words must be in
// the bigram field (title and body), a plural or singular form of either word accepted. A
// pair is one term look-up, where a phrase query on the body reads the positions of every
// notice holding its words (50 ms at 20,000 notices for "Hague Adoption Convention", against
// well under 1 ms). It returns nil for a text of fewer than two words.
func (c *compiler) phraseByPairs(text string, boost float64) query.Query {
	var must []query.Query
	for _, p := range analyze(c.bigrams, text) {
		a, b, _ := strings.Cut(p, " ")
		var forms []query.Query
		for _, x := range inflections(a) {
			for _, y := range inflections(b) {
				forms = append(forms, termQuery(schema.FieldBigrams, x+" "+y))
			}
		}
		must = append(must, disjunction(forms))
	}
	if len(must) == 0 {
		return nil
	}
	q := query.NewConjunctionQuery(must)
	setBoost(q, boost)
	return q
}

// inflections returns a word with its plural or singular in a trailing s, for words of
// letters only.
func inflections(w string) []string {
	if len(w) < 3 || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return []string{w}
	}
	if stem, ok := strings.CutSuffix(w, "s"); ok {
		return []string{w, stem}
	}
	return []string{w, w + "s"}
}
