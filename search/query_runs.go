package search

import (
	"strings"

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
	alts = append(alts, disjunction(phraseQueries(text, phraseFields, 1)))
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

// synonymQueries matches a synonym in the title and the body with SynonymBoost.
func (c *compiler) synonymQueries(alt string) []query.Query {
	if len(analyze(c.text, alt)) < longSynonym {
		return phraseQueries(alt, phraseFields, c.opts.SynonymBoost)
	}
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
