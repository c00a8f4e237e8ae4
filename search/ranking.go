package search

import "github.com/noticearchive/noticearchive/indexer/schema"

// Ranking weights of the archive's searches, measured with the evaluation sets of
// search/eval (docs/relevance.md keeps the figures before and after each change).
const (
	rankCountryBoost = 3   // a word naming a country matches notices filed under it
	rankYearBoost    = 2   // a year matches notices dated in it
	rankSynonymBoost = 0.5 // a synonym's phrase, relative to the words themselves
	rankPairBoost    = 0.5 // adjacent query words side by side in a notice, per pair
)

// rankingOptions are the compile options an Index searches with: the vocabularies, the
// embedded synonym list and the ranking weights.
func rankingOptions(countries *schema.Countries, taxonomy *schema.Taxonomy) CompileOptions {
	opts := CompileOptions{
		Countries:    countries,
		Taxonomy:     taxonomy,
		SynonymBoost: rankSynonymBoost,
		CountryBoost: rankCountryBoost,
		YearBoost:    rankYearBoost,
		PairBoost:    rankPairBoost,
	}
	if syn, err := LoadSynonyms(); err == nil { // TestSynonymsParse guards the embedded file
		opts.Synonyms = syn.Lookup
	}
	return opts
}
