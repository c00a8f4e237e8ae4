package indexer

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

//go:embed ministries.json
var ministriesJSON []byte

// knownBody is a foreign body that notices may name by its acronym alone.
type knownBody struct {
	Country string `json:"country"`
	Acronym string `json:"acronym"`
	Name    string `json:"name"`
}

// ministryVocab is the parsed vocabulary of ExtractMinistries: which words make a phrase a
// public body, which bodies are American or international, and country adjectives.
type ministryVocab struct {
	heads                                  map[string]string // folded head word -> kind
	roles, generic, connectors, joiners    map[string]bool
	articles, leftStops, stopWords, usMark map[string]bool
	usExact, ignoreAcronyms                map[string]bool
	usContains                             []string
	known                                  map[string][]knownBody // canonical country -> bodies
	demonyms                               map[string][]string    // folded adjective -> canonical countries
	countries                              *schema.Countries
}

// ministryVocabFile is the shape of ministries.json.
type ministryVocabFile struct {
	Heads          map[string]string   `json:"heads"`
	Roles          []string            `json:"roles"`
	Generic        []string            `json:"generic_words"`
	Connectors     []string            `json:"connectors"`
	Joiners        []string            `json:"joiners"`
	Articles       []string            `json:"articles"`
	LeftStops      []string            `json:"left_stops"`
	StopWords      []string            `json:"stop_words"`
	USMarkers      []string            `json:"us_markers"`
	USExact        []string            `json:"us_exact"`
	USContains     []string            `json:"us_contains"`
	IgnoreAcronyms []string            `json:"ignore_acronyms"`
	Known          []knownBody         `json:"known"`
	Demonyms       map[string][]string `json:"demonyms"`
}

var headKinds = map[string]bool{"strong": true, "weak": true, "romance": true, "minister": true, "bare": true}

// loadMinistryVocab parses the embedded vocabulary once; it is checked by the tests, so a
// failure here is a programming error.
var loadMinistryVocab = sync.OnceValue(func() *ministryVocab {
	countries, err := schema.LoadCountries()
	if err != nil {
		panic(fmt.Sprintf("indexer: countries: %v", err))
	}
	v, err := parseMinistryVocab(ministriesJSON, countries)
	if err != nil {
		panic(fmt.Sprintf("indexer: %v", err))
	}
	return v
})

// parseMinistryVocab parses a ministries.json file.
func parseMinistryVocab(data []byte, countries *schema.Countries) (*ministryVocab, error) {
	var f ministryVocabFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("parse ministry vocabulary: %w", err)
	}
	if len(f.Heads) == 0 {
		return nil, fmt.Errorf("parse ministry vocabulary: no heads")
	}
	v := &ministryVocab{
		heads: map[string]string{}, roles: foldSet(f.Roles, nameKeyOf), generic: foldSet(f.Generic, foldWord),
		connectors: foldSet(f.Connectors, foldWord), joiners: foldSet(f.Joiners, foldWord),
		articles: foldSet(f.Articles, foldWord), leftStops: foldSet(f.LeftStops, foldWord),
		stopWords: foldSet(f.StopWords, foldWord), usMark: foldSet(f.USMarkers, foldWord),
		usExact: foldSet(f.USExact, nameKeyOf), ignoreAcronyms: map[string]bool{},
		known: map[string][]knownBody{}, demonyms: map[string][]string{}, countries: countries,
	}
	for w, kind := range f.Heads {
		if !headKinds[kind] {
			return nil, fmt.Errorf("parse ministry vocabulary: head %q: unknown kind %q", w, kind)
		}
		v.heads[foldWord(w)] = kind
	}
	for _, s := range f.USContains {
		v.usContains = append(v.usContains, " "+nameKeyOf(s)+" ")
	}
	for _, a := range f.IgnoreAcronyms {
		v.ignoreAcronyms[strings.ToUpper(a)] = true
	}
	for _, k := range f.Known {
		c, ok := countries.Lookup(k.Country)
		if !ok || k.Acronym == "" || k.Name == "" {
			return nil, fmt.Errorf("parse ministry vocabulary: known body %+v: unknown country or empty name", k)
		}
		v.known[c.Name] = append(v.known[c.Name], k)
	}
	for name, adjs := range f.Demonyms {
		c, ok := countries.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("parse ministry vocabulary: demonyms: unknown country %q", name)
		}
		for _, a := range adjs {
			v.demonyms[foldKey(a)] = append(v.demonyms[foldKey(a)], c.Name)
		}
	}
	for _, cs := range v.demonyms {
		slices.Sort(cs)
	}
	return v, nil
}

func foldSet(words []string, fold func(string) string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[fold(w)] = true
	}
	return m
}

// foldWord folds one word like a name: lower case, no accents, apostrophes and dots
// dropped, hyphens as spaces ("Procuraduría" -> "procuraduria", "U.S." -> "us").
func foldWord(w string) string { return schema.FoldName(w) }

// nameKeyOf folds a name as mentions are compared: see nameKey.
func nameKeyOf(name string) string { return strings.Join(nameKey(tokenizeMinistries(name)), " ") }

// foldKey folds a name for comparison: lower case, no accents, apostrophes dropped,
// punctuation and hyphens as single spaces ("Children’s Bien-Etre" -> "childrens bien etre").
func foldKey(s string) string { return schema.FoldName(strings.ReplaceAll(s, "-", " ")) }
