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
var mVocabJSON []byte

// mKnownBody is a foreign body that notices may name by its acronym alone.
type mKnownBody struct {
	Country string `json:"country"`
	Acronym string `json:"acronym"`
	Name    string `json:"name"`
}

// mVocab is the parsed vocabulary of ExtractMinistries: which words make a phrase a
// public body, which bodies are American or international, and country adjectives.
type mVocab struct {
	heads                                  map[string]string // folded head word -> kind
	headShapes                             schema.WordShapes // of the keys of heads
	roles, generic, connectors, joiners    map[string]bool
	articles, leftStops, stopWords, usMark map[string]bool
	usExact, ignoreAcronyms                map[string]bool
	usContains                             []string
	known                                  map[string][]mKnownBody // canonical country -> bodies
	demonyms                               map[string][]string     // folded adjective -> canonical countries
	countries                              *schema.Countries
}

// mVocabFile is the shape of ministries.json.
type mVocabFile struct {
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
	Known          []mKnownBody        `json:"known"`
	Demonyms       map[string][]string `json:"demonyms"`
}

var mHeadKinds = map[string]bool{"strong": true, "weak": true, "romance": true, "minister": true, "bare": true}

// mLoadVocab parses the embedded vocabulary once; it is checked by the tests, so a
// failure here is a programming error.
var mLoadVocab = sync.OnceValue(func() *mVocab {
	countries, err := schema.LoadCountries()
	if err != nil {
		panic(fmt.Sprintf("indexer: countries: %v", err))
	}
	v, err := mParseVocab(mVocabJSON, countries)
	if err != nil {
		panic(fmt.Sprintf("indexer: %v", err))
	}
	return v
})

// mParseVocab parses a ministries.json file.
func mParseVocab(data []byte, countries *schema.Countries) (*mVocab, error) {
	var f mVocabFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("parse ministry vocabulary: %w", err)
	}
	if len(f.Heads) == 0 {
		return nil, fmt.Errorf("parse ministry vocabulary: no heads")
	}
	v := &mVocab{
		heads: map[string]string{}, roles: mFoldSet(f.Roles, mNameKeyOf), generic: mFoldSet(f.Generic, mFoldWord),
		connectors: mFoldSet(f.Connectors, mFoldWord), joiners: mFoldSet(f.Joiners, mFoldWord),
		articles: mFoldSet(f.Articles, mFoldWord), leftStops: mFoldSet(f.LeftStops, mFoldWord),
		stopWords: mFoldSet(f.StopWords, mFoldWord), usMark: mFoldSet(f.USMarkers, mFoldWord),
		usExact: mFoldSet(f.USExact, mNameKeyOf), ignoreAcronyms: map[string]bool{},
		known: map[string][]mKnownBody{}, demonyms: map[string][]string{}, countries: countries,
	}
	for w, kind := range f.Heads {
		if !mHeadKinds[kind] {
			return nil, fmt.Errorf("parse ministry vocabulary: head %q: unknown kind %q", w, kind)
		}
		v.heads[mFoldWord(w)] = kind
		v.headShapes.Add(mFoldWord(w))
	}
	for _, s := range f.USContains {
		v.usContains = append(v.usContains, " "+mNameKeyOf(s)+" ")
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
			v.demonyms[mFoldKey(a)] = append(v.demonyms[mFoldKey(a)], c.Name)
		}
	}
	for _, cs := range v.demonyms {
		slices.Sort(cs)
	}
	return v, nil
}

func mFoldSet(words []string, fold func(string) string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[fold(w)] = true
	}
	return m
}

// mFoldWord folds one word like a name: lower case, no accents, apostrophes and dots
// dropped, hyphens as spaces ("Procuraduría" -> "procuraduria", "U.S." -> "us").
func mFoldWord(w string) string { return schema.FoldName(w) }

// mNameKeyOf folds a name as mentions are compared: see mNameKey.
func mNameKeyOf(name string) string { return strings.Join(mNameKey(mTokenize(name)), " ") }

// mFoldKey folds a name for comparison: lower case, no accents, apostrophes dropped,
// punctuation and hyphens as single spaces ("Children’s Bien-Etre" -> "childrens bien etre").
func mFoldKey(s string) string { return schema.FoldName(strings.ReplaceAll(s, "-", " ")) }
