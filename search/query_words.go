package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// term compiles a word or a field value.
func (c *compiler) term(n *TermNode) (query.Query, error) {
	if err := c.clause(); err != nil {
		return nil, err
	}
	switch n.Field {
	case "":
		return c.plainWord(n)
	case QueryFieldTitle:
		qs, err := c.word(n, wordFields[:1])
		return disjunction(qs), err
	}
	return c.fieldValue(n.Field, n.Text)
}

// plainWord searches a word in every text field, a prefix or fuzzy word in fewer.
func (c *compiler) plainWord(n *TermNode) (query.Query, error) {
	fields := wordFields
	switch {
	case n.Prefix:
		fields = phraseFields
	case n.Fuzzy != 0:
		fields = fuzzyFields
	}
	qs, err := c.word(n, fields)
	if len(qs) == 0 || err != nil || n.Prefix || n.Fuzzy != 0 {
		return disjunction(qs), err
	}
	extra, err := c.extras(n.Text)
	return disjunction(append(qs, extra...)), err
}

// word returns one query per field for a word, a prefix or a fuzzy word, and none for a
// word that analyses to nothing.
func (c *compiler) word(n *TermNode, fields []weightedField) ([]query.Query, error) {
	if n.Fuzzy < 0 || n.Fuzzy > 2 {
		return nil, queryErrorf(-1, "fuzziness can be at most 2: try '%s~1' or '%s~2'", n.Text, n.Text)
	}
	if n.Prefix {
		return c.prefixes(n.Text, fields), nil
	}
	terms := analyze(c.text, n.Text)
	if len(terms) == 0 {
		return nil, nil
	}
	var qs []query.Query
	for _, f := range fields {
		if n.Fuzzy > 0 {
			qs = append(qs, fuzzyQuery(f, n.Text, terms, n.Fuzzy))
		} else {
			qs = append(qs, c.matchQuery(f, n.Text, terms))
		}
	}
	return qs, nil
}

// matchQuery looks up a word that analyses to terms: one term is a TermQuery (faster than a
// MatchQuery, BLEVE-NOTES section 11); several, as in "e-mail" or "post-adoption", are a
// phrase, so that "post-adoption reports" does not match "post" and "adoption" apart. In an
// index with word pairs the phrase is looked up as pairs, as a quoted phrase is: the body
// has no positions of its own there.
func (c *compiler) matchQuery(f weightedField, text string, terms []string) query.Query {
	if len(terms) == 1 {
		q := query.NewTermQuery(terms[0])
		q.SetField(f.name)
		setBoost(q, f.boost)
		return q
	}
	if c.opts.TitlePairs && c.opts.BigramPhrases {
		return c.exactPhrase(text, []weightedField{f})
	}
	q := query.NewMatchPhraseQuery(text)
	q.SetField(f.name)
	setBoost(q, f.boost)
	return q
}

// fuzzyQuery matches the analysed (stemmed) term within k edits, since the index holds
// stemmed terms.
func fuzzyQuery(f weightedField, text string, terms []string, k int) query.Query {
	if len(terms) == 1 {
		q := query.NewFuzzyQuery(terms[0])
		q.SetField(f.name)
		q.SetFuzziness(k)
		setBoost(q, f.boost)
		return q
	}
	q := query.NewMatchQuery(text)
	q.SetField(f.name)
	q.SetOperator(query.MatchQueryOperatorAnd)
	q.SetFuzziness(k)
	setBoost(q, f.boost)
	return q
}

// prefixes matches words starting with text. The index holds stemmed terms ("hague" is
// "hagu"), so a prefix that stems differently is searched in both forms.
func (c *compiler) prefixes(text string, fields []weightedField) []query.Query {
	stems := []string{strings.ToLower(text)}
	if terms := analyze(c.text, text); len(terms) == 1 && terms[0] != stems[0] {
		stems = append(stems, terms[0])
	}
	var qs []query.Query
	for _, f := range fields {
		for _, s := range stems {
			q := query.NewPrefixQuery(s)
			q.SetField(f.name)
			setBoost(q, f.boost)
			qs = append(qs, q)
		}
	}
	return qs
}

// phrase compiles an exact phrase.
func (c *compiler) phrase(n *PhraseNode) (query.Query, error) {
	if err := c.clause(); err != nil {
		return nil, err
	}
	fields := phraseFields
	switch n.Field {
	case "":
	case QueryFieldTitle:
		fields = wordFields[:1]
	default:
		return c.fieldValue(n.Field, n.Text)
	}
	if len(analyze(c.text, n.Text)) == 0 {
		return c.bigramQuery(n.Text), nil // only stop words: "the who"
	}
	exact := c.exactPhrase(n.Text, fields)
	if n.Field != "" {
		return exact, nil
	}
	extra, err := c.extras(n.Text)
	return disjunction(append([]query.Query{exact}, extra...)), err
}

// exactPhrase matches a phrase in the fields. A two-word phrase in the body is its word
// pair in the bigram field: one term, no position checks, exact (the bigram analyzer stems
// like the body's and keeps stop words). Longer phrases are checked word by word where all
// their pairs occur. A phrase of one word is that word.
func (c *compiler) exactPhrase(text string, fields []weightedField) query.Query {
	pairs, contiguous := c.phrasePairs(text)
	if len(pairs) == 0 {
		if terms := analyze(c.text, text); len(terms) == 1 {
			var qs []query.Query
			for _, f := range fields {
				qs = append(qs, c.matchQuery(f, text, terms))
			}
			return disjunction(qs)
		}
	}
	if len(pairs) > 0 && c.opts.TitlePairs && c.opts.BigramPhrases {
		// Title and body each have their pairs: a phrase is one term or a phrase of pairs.
		var qs []query.Query
		for _, f := range fields {
			switch f.name {
			case schema.FieldBody:
				qs = append(qs, pairPhrase(text, pairs, contiguous, schema.FieldBigrams, f.boost))
			case schema.FieldTitle:
				qs = append(qs, pairPhrase(text, pairs, contiguous, schema.FieldTitlePairs, f.boost))
			default:
				qs = append(qs, phraseQueries(text, []weightedField{f}, 1)...)
			}
		}
		return disjunction(qs)
	}
	if len(pairs) > 1 && c.opts.BigramPhrases && hasBody(fields) {
		// The bigram field holds the title and the body: the title's own phrase adds its
		// weight to notices whose title has the phrase.
		var qs []query.Query
		for _, f := range fields {
			if f.name == schema.FieldBody {
				q := query.NewMatchPhraseQuery(text)
				q.SetField(schema.FieldBigrams)
				setBoost(q, f.boost)
				qs = append(qs, q)
				continue
			}
			qs = append(qs, phraseQueries(text, []weightedField{f}, 1)...)
		}
		return disjunction(qs)
	}
	if len(pairs) != 1 {
		return c.pairFiltered(text, disjunction(phraseQueries(text, fields, 1)))
	}
	var qs []query.Query
	for _, f := range fields {
		if f.name != schema.FieldBody {
			qs = append(qs, phraseQueries(text, []weightedField{f}, 1)...)
			continue
		}
		q := termQuery(schema.FieldBigrams, pairs[0])
		setBoost(q, f.boost)
		qs = append(qs, q)
	}
	return disjunction(qs)
}

// pairFiltered requires, before the phrase q is checked word by word, every adjacent word
// pair of text in the bigram field (title and body): a pair is one term lookup, so the
// phrase is verified only on the few notices that have all its pairs. The pairs score
// nothing. The bigram analyzer stems like the text fields and keeps stop words.
func (c *compiler) pairFiltered(text string, q query.Query) query.Query {
	pairs := analyze(c.bigrams, text)
	if len(pairs) == 0 {
		return q
	}
	qs := make([]query.Query, 0, len(pairs)+1)
	for _, t := range pairs {
		p := termQuery(schema.FieldBigrams, t)
		p.SetBoost(0)
		qs = append(qs, p)
	}
	return query.NewConjunctionQuery(append(qs, q))
}

// pairPhrase matches text, whose word pairs are pairs, in a field of word pairs with
// positions: one term for two words, a phrase of the pairs for more. When the pairs
// follow one another (contiguous), the phrase is a PhraseQuery of them, which the direct
// walk checks (walk.go); it means what the MatchPhraseQuery of text means.
func pairPhrase(text string, pairs []string, contiguous bool, field string, boost float64) query.Query {
	if len(pairs) == 1 {
		q := termQuery(field, pairs[0])
		setBoost(q, boost)
		return q
	}
	if contiguous {
		q := query.NewPhraseQuery(pairs, field)
		setBoost(q, boost)
		return q
	}
	q := query.NewMatchPhraseQuery(text)
	q.SetField(field)
	q.Analyzer = schema.AnalyzerBigrams // the bigram field may not be in the mapping (pairs.go)
	setBoost(q, boost)
	return q
}

// phrasePairs returns the word pairs of text (as analyze does) and whether they take one
// position each, one after the other, as Bleve's MatchPhraseQuery would read them.
func (c *compiler) phrasePairs(text string) (pairs []string, contiguous bool) {
	tokens := c.bigrams.Analyze([]byte(text))
	contiguous = len(tokens) > 0
	for i, t := range tokens {
		pairs = append(pairs, string(t.Term))
		if i > 0 && t.Position != tokens[i-1].Position+1 {
			contiguous = false
		}
	}
	return pairs, contiguous
}

func hasBody(fields []weightedField) bool {
	for _, f := range fields {
		if f.name == schema.FieldBody {
			return true
		}
	}
	return false
}

func phraseQueries(text string, fields []weightedField, boost float64) []query.Query {
	var qs []query.Query
	for _, f := range fields {
		q := query.NewMatchPhraseQuery(text)
		q.SetField(f.name)
		setBoost(q, f.boost*boost)
		qs = append(qs, q)
	}
	return qs
}

// ministry matches ministry names holding all the words of text. It cannot match them as a
// phrase: ministry_text is indexed without term vectors.
func (c *compiler) ministry(text string) query.Query {
	if len(analyze(c.text, text)) == 0 {
		return nil
	}
	q := query.NewMatchQuery(text)
	q.SetField(schema.FieldMinistryTxt)
	q.SetOperator(query.MatchQueryOperatorAnd)
	return q
}

// extras returns the optional matches of a plain word or phrase: its synonyms, the country
// it names and the year it is.
func (c *compiler) extras(text string) ([]query.Query, error) {
	var qs []query.Query
	if c.opts.Synonyms != nil {
		for _, alt := range c.opts.Synonyms(text) {
			if strings.TrimSpace(alt) == "" || strings.EqualFold(alt, text) {
				continue
			}
			if err := c.clause(); err != nil {
				return nil, err
			}
			qs = append(qs, c.synonymQueries(alt)...)
		}
	}
	if country, ok := c.countries.Lookup(text); ok && c.opts.CountryBoost > 0 {
		q := termQuery(schema.FieldCountry, country.Name)
		q.SetBoost(c.opts.CountryBoost)
		qs = append(qs, q)
	}
	if isYear(text) && c.opts.YearBoost > 0 {
		// The year keyword scores like a rare word, which ranks the year's notices above a
		// text that only mentions it; the date range finds them in an index without it.
		q, err := dateQuery(&DateRangeNode{From: text, To: text})
		if err != nil {
			return nil, err
		}
		q.SetBoost(c.opts.YearBoost)
		y := termQuery(schema.FieldYear, text)
		y.SetBoost(c.opts.YearBoost)
		qs = append(qs, query.NewDisjunctionQuery([]query.Query{y, q}))
	}
	return qs, nil
}

// bigramQuery looks for adjacent word pairs in the bigram field, whose analyzer keeps stop
// words. It returns nil for a text of fewer than two words.
func (c *compiler) bigramQuery(text string) query.Query {
	var qs []query.Query
	for _, t := range analyze(c.bigrams, text) {
		qs = append(qs, termQuery(schema.FieldBigrams, t))
	}
	return conjunction(qs)
}

// fallback is the query of a query whose words all analysed to nothing: the plain words of
// an AND (or a lone phrase) as adjacent pairs, else a query that matches nothing.
func (c *compiler) fallback(n Node) query.Query {
	children := []Node{n}
	if and, ok := n.(*AndNode); ok {
		children = and.Children
	}
	var words []string
	for _, child := range children {
		switch child := child.(type) {
		case *TermNode:
			if child.Field != "" || child.Prefix || child.Fuzzy != 0 {
				return query.NewMatchNoneQuery()
			}
			words = append(words, child.Text)
		case *PhraseNode:
			if child.Field != "" {
				return query.NewMatchNoneQuery()
			}
			words = append(words, child.Text)
		default:
			return query.NewMatchNoneQuery()
		}
	}
	if q := c.bigramQuery(strings.Join(words, " ")); q != nil {
		return q
	}
	return query.NewMatchNoneQuery()
}

// isYear reports a plain word that is probably a year of publication.
func isYear(s string) bool {
	if len(s) != 4 || strings.Trim(s, "0123456789") != "" {
		return false
	}
	return s >= "1900" && s <= "2100"
}

func termQuery(field, term string) *query.TermQuery {
	q := query.NewTermQuery(term)
	q.SetField(field)
	return q
}

// setBoost sets a boost other than the default 1.
func setBoost(q query.BoostableQuery, b float64) {
	if b != 1 {
		q.SetBoost(b)
	}
}
