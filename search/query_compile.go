package search

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// CompileOptions tunes how a parsed query becomes a Bleve query. The zero value is ready to
// use: vocabularies default to the embedded ones of package schema and every hook is off.
type CompileOptions struct {
	// Countries resolves country: values; nil means schema.LoadCountries.
	Countries *schema.Countries
	// Taxonomy resolves topic: labels; nil means schema.LoadTaxonomy. With an empty taxonomy
	// any topic: value is taken as a topic id.
	Taxonomy *schema.Taxonomy
	// Synonyms, when set, returns other words or phrases for a plain word or phrase; they
	// are searched as phrases in title and body with SynonymBoost. They count as clauses.
	Synonyms func(text string) []string
	// SynonymBoost weighs synonym matches; 0 means 0.5.
	SynonymBoost float64
	// CountryBoost, when above 0, makes a plain word or phrase that names a country (an
	// alias or a name) also match notices filed under that country, with this boost.
	CountryBoost float64
	// YearBoost, when above 0, makes a plain word that is a year (1900 to 2100) also match
	// notices dated in that year, with this boost.
	YearBoost float64
	// PairBoost, when above 0, ranks notices higher where adjacent plain words of the query
	// stand side by side (looked up as word pairs in the bigram field), with this boost per
	// pair.
	PairBoost float64
	// BigramPhrases, set for an index whose bigram field holds positions (in Bleve, or in
	// the generation's pairs file: see pairs.go), checks a phrase of three or more words as
	// a phrase of its word pairs in that field: "a b c" is the pairs "a b" and "b c" one
	// position apart. Pairs are rare and occur a few times in a notice, so the check reads
	// far fewer positions than checking the words in the body, and it is exact about stop
	// words too. Off, such a phrase is checked word by word in the title and the body where
	// all its pairs occur.
	BigramPhrases bool
	// TitlePairs, set for an index with the title's word pairs (with positions), matches a
	// phrase in the title as its pairs there: a two-word phrase is one term, a longer one a
	// phrase of its pairs, as in the body. Off, a phrase is checked word by word in the title.
	TitlePairs bool
}

// Field weights of a plain word.
var wordFields = []weightedField{
	{schema.FieldTitle, 3},
	{schema.FieldBody, 1},
	{schema.FieldCountryText, 2},
	{schema.FieldMinistryTxt, 1.5},
}

// Fields of a phrase, a prefix or a fuzzy word. country_text and ministry_text have no term
// vectors, so phrases cannot be searched in them.
var (
	phraseFields = wordFields[:2]
	fuzzyFields  = wordFields[:3]
)

type weightedField struct {
	name  string
	boost float64
}

// Compile turns a parsed query into a Bleve query. Words that analyse to nothing (stop words
// such as "the") drop out; a query left with nothing looks for its words as adjacent pairs in
// the bigram field, else matches nothing: it never fails for that reason.
//
// Errors are a *QueryError for a value the archive does not know (an unknown country or type),
// fuzziness above 2 or more than MaxClauses clauses.
func Compile(n Node, opts CompileOptions) (query.Query, error) {
	c, err := newCompiler(opts)
	if err != nil {
		return nil, err
	}
	q, err := c.compile(n)
	if err != nil {
		return nil, err
	}
	if q == nil {
		q = c.fallback(n)
	}
	return q, nil
}

// compiler holds what one compilation needs.
type compiler struct {
	opts      CompileOptions
	countries *schema.Countries
	taxonomy  *schema.Taxonomy
	text      analysis.Analyzer // the "en" analyzer of title, body and the *_text fields
	bigrams   analysis.Analyzer // the analyzer of the body_bigrams field
	clauses   int
}

func newCompiler(opts CompileOptions) (*compiler, error) {
	d, err := loadDefaults()
	if err != nil {
		return nil, err
	}
	c := &compiler{opts: opts, countries: opts.Countries, taxonomy: opts.Taxonomy, text: d.text, bigrams: d.bigrams}
	if c.countries == nil {
		c.countries = d.countries
	}
	if c.taxonomy == nil {
		c.taxonomy = d.taxonomy
	}
	if c.opts.SynonymBoost == 0 {
		c.opts.SynonymBoost = 0.5
	}
	return c, nil
}

// defaults are the immutable vocabularies and analyzers, loaded once on first use.
type defaults struct {
	countries     *schema.Countries
	taxonomy      *schema.Taxonomy
	text, bigrams analysis.Analyzer
}

var loadDefaults = sync.OnceValues(func() (*defaults, error) {
	countries, err := schema.LoadCountries()
	if err != nil {
		return nil, fmt.Errorf("compile query: %w", err)
	}
	taxonomy, err := schema.LoadTaxonomy()
	if err != nil {
		return nil, fmt.Errorf("compile query: %w", err)
	}
	m, err := schema.NewMapping()
	if err != nil {
		return nil, fmt.Errorf("compile query: %w", err)
	}
	d := &defaults{countries: countries, taxonomy: taxonomy,
		text: m.AnalyzerNamed(schema.AnalyzerText), bigrams: m.AnalyzerNamed(schema.AnalyzerBigrams)}
	if d.text == nil || d.bigrams == nil {
		return nil, fmt.Errorf("compile query: the mapping lacks analyzer %q or %q", schema.AnalyzerText, schema.AnalyzerBigrams)
	}
	return d, nil
})

// compile returns nil, nil for a node that means nothing, such as a stop word.
func (c *compiler) compile(n Node) (query.Query, error) {
	switch n := n.(type) {
	case *TermNode:
		return c.term(n)
	case *PhraseNode:
		return c.phrase(n)
	case *DateRangeNode:
		if err := c.clause(); err != nil {
			return nil, err
		}
		q, err := dateQuery(n)
		if err != nil {
			return nil, err
		}
		return q, nil
	case *AndNode:
		return c.and(n.Children)
	case *OrNode:
		return c.or(n.Children)
	case *NotNode:
		q, err := c.compile(n.Child)
		if q == nil || err != nil {
			return nil, err
		}
		return everythingExcept(q), nil
	}
	return nil, fmt.Errorf("compile query: unexpected node %T", n)
}

// clause counts one more clause against MaxClauses.
func (c *compiler) clause() error {
	c.clauses++
	if c.clauses > MaxClauses {
		return queryErrorf(-1, "the query has too many words and values: the limit is %d", MaxClauses)
	}
	return nil
}

// and requires every positive child and excludes every negated one.
func (c *compiler) and(children []Node) (query.Query, error) {
	var must, mustNot []query.Query
	for i := 0; i < len(children); i++ {
		if run := plainRun(children[i:]); len(run) > 1 {
			q, err := c.wordRun(run)
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
			i += len(run) - 1
			continue
		}
		child := children[i]
		list := &must
		if not, ok := child.(*NotNode); ok {
			child, list = not.Child, &mustNot
		}
		q, err := c.compile(child)
		if err != nil {
			return nil, err
		}
		if q != nil {
			*list = append(*list, q)
		}
	}
	if len(mustNot) > 0 {
		if len(must) == 0 {
			return everythingExcept(disjunction(mustNot)), nil
		}
		return query.NewBooleanQuery(must, nil, mustNot), nil
	}
	return conjunction(must), nil
}

func (c *compiler) or(children []Node) (query.Query, error) {
	var qs []query.Query
	for _, child := range children {
		q, err := c.compile(child)
		if err != nil {
			return nil, err
		}
		if q != nil {
			qs = append(qs, q)
		}
	}
	return disjunction(qs), nil
}

// everythingExcept matches every document but those q matches. A lone "-word" query means
// "all notices except". MatchAll also matches Bleve synonym definitions, which are documents
// (BLEVE-NOTES section 5); the archive indexes none, so it matches exactly every notice.
func everythingExcept(q query.Query) query.Query {
	return query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{q})
}

// conjunction and disjunction skip the wrapper around a single query; they return nil for
// none.
func conjunction(qs []query.Query) query.Query {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

func disjunction(qs []query.Query) query.Query {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// analyze returns the terms the index holds for text.
func analyze(a analysis.Analyzer, text string) []string {
	var terms []string
	for _, t := range a.Analyze([]byte(text)) {
		terms = append(terms, string(t.Term))
	}
	return terms
}
