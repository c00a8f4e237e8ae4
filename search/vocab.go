package search

import "github.com/noticearchive/noticearchive/indexer/schema"

// vocabulary holds the controlled vocabularies the search needs.
type vocabulary struct {
	countries *schema.Countries
	topics    *schema.Taxonomy
}

func loadVocabulary() (*vocabulary, error) {
	c, err := schema.LoadCountries()
	if err != nil {
		return nil, err
	}
	t, err := schema.LoadTaxonomy()
	if err != nil {
		return nil, err
	}
	return &vocabulary{countries: c, topics: t}, nil
}

// compileOptions are the query compiler's settings for this index.
func (ix *Index) compileOptions() CompileOptions {
	return rankingOptions(ix.vocab.countries, ix.vocab.topics)
}
