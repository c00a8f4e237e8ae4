package schema

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Analyzer names of the mapping. Indexes built before 2026-12-07 name Bleve's en analyzer
// and define notice_bigrams as Bleve's chain; these give the same tokens (analyzer.go).
const (
	AnalyzerText    = analyzerTypeText // English: possessives, lower case, stop words, Porter stemmer
	AnalyzerBigrams = "notice_bigrams" // the en chain keeping stop words, then adjacent word pairs
)

// NewMapping returns the static index mapping: nothing is indexed unless named here.
// Keyword fields carry doc values for facets and stay out of _all; text fields are
// English-analysed; only what a results page, a notice page and highlighting need is stored.
func NewMapping() (mapping.IndexMapping, error) {
	im := mapping.NewIndexMapping()
	im.DefaultAnalyzer = AnalyzerText
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = "bm25"

	if err := im.AddCustomAnalyzer(AnalyzerBigrams, map[string]interface{}{"type": analyzerTypePairs}); err != nil {
		return nil, fmt.Errorf("define bigram analyzer: %w", err)
	}

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(FieldTitle, textField(true, true))
	// The body's positions are its word pairs' (FieldBigrams): a phrase in the body is
	// searched there, so the body itself keeps none (they cost a tenth of the build's CPU
	// and a sixth of the index). The pairs, with their positions, are not in Bleve but in
	// the generation's PairsFile (package indexer/pairs): in Bleve they were more than half
	// of the build's CPU, as zap built, merged and merged again their millions of postings.
	doc.AddFieldMappingsAt(FieldBody, textField(true, false))
	titlePairs := textField(false, true)
	titlePairs.Analyzer = AnalyzerBigrams
	doc.AddFieldMappingsAt(FieldTitlePairs, titlePairs)
	// Term vectors (positions) on the short name fields let phrases match them.
	doc.AddFieldMappingsAt(FieldCountryText, textField(false, true))
	doc.AddFieldMappingsAt(FieldMinistryTxt, textField(false, true))

	for _, f := range []string{FieldCountry, FieldCountryCode, FieldType, FieldTopic, FieldMinistry} {
		doc.AddFieldMappingsAt(f, keywordField(true, true))
	}
	doc.AddFieldMappingsAt(FieldYear, keywordField(false, true))
	doc.AddFieldMappingsAt(FieldVersion, keywordField(false, false))
	doc.AddFieldMappingsAt(FieldCites, keywordField(false, false))
	doc.AddFieldMappingsAt(FieldDate, dateField())
	doc.AddFieldMappingsAt(FieldSortDate, dateField())
	for _, f := range []string{FieldDateText, FieldDateEst, FieldURL, FieldMeta} {
		doc.AddFieldMappingsAt(f, storedOnly())
	}
	im.DefaultMapping = doc
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("validate mapping: %w", err)
	}
	return im, nil
}

func textField(store, vectors bool) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = AnalyzerText
	f.Store = store
	f.IncludeTermVectors = vectors
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

func keywordField(store, docValues bool) *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = store
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = docValues
	return f
}

func dateField() *mapping.FieldMapping {
	f := mapping.NewDateTimeFieldMapping()
	f.Store = false
	f.IncludeInAll = false
	f.DocValues = true
	return f
}

func storedOnly() *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = true
	f.Index = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}
