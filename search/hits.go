package search

import (
	"context"
	"encoding/json"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

const (
	// snippetRunes is about the length of a snippet.
	snippetRunes = 240
	// maxSnippetScan bounds the text searched for marked words, so that a huge page costs
	// no more to show than a long one.
	maxSnippetScan = 256 << 10
)

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

// loadHits reads the stored fields of the hits with these ids, in this order, in one small
// search over their ids, and marks the query's words in their titles and snippets.
func (ix *Index) loadHits(ctx context.Context, s *snapshot, p *plan, ids []string) ([]Hit, error) {
	if len(ids) == 0 {
		return []Hit{}, nil
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	sr.Fields = append(append([]string(nil), hitFields...), schema.FieldBody)
	sr.Score = bleve.ScoreNone
	res, err := s.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*bsearch.DocumentMatch, len(res.Hits))
	for _, dm := range res.Hits {
		byID[dm.ID] = dm
	}
	m := newMarker(p.node)
	hits := make([]Hit, 0, len(ids))
	for _, id := range ids {
		dm := byID[id]
		if dm == nil {
			continue
		}
		h := hitFromMatch(dm, ix.vocab)
		body := str(dm.Fields[schema.FieldBody])
		if m != nil {
			scan := body
			if len(scan) > maxSnippetScan {
				cut := maxSnippetScan
				for cut > 0 && !utf8.RuneStart(body[cut]) {
					cut--
				}
				scan = body[:cut]
			}
			h.Snippet = snippet(scan, m.spans(scan), snippetRunes)
			h.TitleHTML = markAll(h.Title, m.spans(h.Title))
		}
		if h.Snippet == "" {
			h.Snippet = template.HTML(html.EscapeString(leadText(body, snippetRunes)))
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
