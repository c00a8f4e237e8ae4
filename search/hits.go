package search

import (
	"context"
	"encoding/json"
	"html"
	"html/template"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

const (
	snippetHighlighter = "notice_snippet"
	snippetRunes       = 240
)

var defineHighlighter sync.Once

// registerHighlighter defines the snippet highlighter in Bleve's process-wide registry,
// once: fragments of about snippetRunes runes, marked with <mark>.
func registerHighlighter() {
	defineHighlighter.Do(func() {
		bleve.Config.Cache.DefineFragmenter(snippetHighlighter+"_frag", map[string]interface{}{
			"type": "simple", "size": float64(snippetRunes),
		})
		bleve.Config.Cache.DefineHighlighter(snippetHighlighter, map[string]interface{}{
			"type": "simple", "fragmenter": snippetHighlighter + "_frag", "formatter": "html",
		})
	})
}

// hitFromMatch reads a hit's stored fields.
func hitFromMatch(dm *bsearch.DocumentMatch, v *vocabulary) Hit {
	h := Hit{
		ID:          dm.ID,
		Title:       str(dm.Fields[schema.FieldTitle]),
		Country:     str(dm.Fields[schema.FieldCountry]),
		CountryCode: str(dm.Fields[schema.FieldCountryCode]),
		Date:        str(dm.Fields[schema.FieldDateText]),
		DateEst:     str(dm.Fields[schema.FieldDateEst]),
		Type:        str(dm.Fields[schema.FieldType]),
		Topics:      strs(dm.Fields[schema.FieldTopic]),
		Ministries:  strs(dm.Fields[schema.FieldMinistry]),
		URL:         str(dm.Fields[schema.FieldURL]),
		Score:       dm.Score,
		Latest:      true,
	}
	var meta schema.Meta
	if s := str(dm.Fields[schema.FieldMeta]); s != "" && json.Unmarshal([]byte(s), &meta) == nil {
		h.FirstHeld = meta.FirstHeld
		for _, v := range meta.Versions {
			if v.ID == h.ID && !v.Latest {
				h.Latest = false
			}
		}
		for _, c := range meta.Captures {
			if c.Digest == meta.Digest && !c.Time.IsZero() {
				h.CapturedAt = c.Time
			}
		}
	}
	return h
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

// strs reads a stored multi-valued field, which Bleve returns as a string for one value
// and as a slice for several.
func strs(v interface{}) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// loadHits reads the stored fields of the hits with these ids, in this order, and
// highlights them, in one small search over their ids: highlighting in the main request
// would load term vectors for every match.
func (ix *Index) loadHits(ctx context.Context, s *snapshot, p *plan, ids []string) ([]Hit, error) {
	if len(ids) == 0 {
		return []Hit{}, nil
	}
	registerHighlighter()
	var q query.Query = bleve.NewDocIDQuery(ids)
	marks := highlightQuery(p.node)
	if marks != nil {
		b := bleve.NewBooleanQuery()
		b.AddMust(q)
		b.AddShould(marks)
		q = b
	}
	sr := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	sr.Fields = append(append([]string(nil), hitFields...), schema.FieldBody)
	if marks != nil {
		sr.Highlight = bleve.NewHighlightWithStyle(snippetHighlighter)
		sr.Highlight.AddField(schema.FieldBody)
		sr.Highlight.AddField(schema.FieldTitle)
	}
	res, err := s.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*bsearch.DocumentMatch, len(res.Hits))
	for _, dm := range res.Hits {
		byID[dm.ID] = dm
	}
	hits := make([]Hit, 0, len(ids))
	for _, id := range ids {
		dm := byID[id]
		if dm == nil {
			continue
		}
		h := hitFromMatch(dm, ix.vocab)
		if frags := dm.Fragments[schema.FieldBody]; len(frags) > 0 && strings.Contains(frags[0], "<mark>") {
			h.Snippet = template.HTML(frags[0])
		} else {
			h.Snippet = template.HTML(html.EscapeString(leadText(str(dm.Fields[schema.FieldBody]), snippetRunes)))
		}
		if frags := dm.Fragments[schema.FieldTitle]; len(frags) > 0 && strings.Contains(frags[0], "<mark>") {
			h.TitleHTML = template.HTML(frags[0])
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// leadText returns the start of a text, cut at a word boundary near max runes.
func leadText(s string, max int) string {
	if limit := max * 8; len(s) > limit { // only the start is shown: don't split the whole body
		s = s[:limit]
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)[:max]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
