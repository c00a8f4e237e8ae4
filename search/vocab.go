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

// compileOptions are the query compiler's settings for one generation of this index (nil:
// the current one).
func (ix *Index) compileOptions(s *snapshot) CompileOptions {
	if s == nil {
		s = ix.current.Load()
	}
	opts := rankingOptions(ix.vocab.countries, ix.vocab.topics)
	opts.BigramPhrases = s != nil && s.bigramPhrases
	opts.TitlePairs = s != nil && s.titlePairs
	return opts
}
