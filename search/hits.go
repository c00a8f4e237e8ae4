package search

import (
	"context"
	"encoding/json"
	"html"
	"html/template"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	jsoniter "github.com/json-iterator/go"

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
	var meta hitMeta
	if s := str(dm.Fields[schema.FieldMeta]); s != "" && metaJSON.UnmarshalFromString(s, &meta) == nil {
		h.FirstHeld = meta.FirstHeld
		for _, v := range meta.Versions {
			if v.ID == h.ID && !v.Latest {
				h.Latest = false
			}
		}
		for _, c := range meta.Captures {
			if c.Digest != meta.Digest {
				continue
			}
			var t time.Time
			if t.UnmarshalJSON(c.Time) == nil && !t.IsZero() {
				h.CapturedAt = t
			}
		}
	}
	return h
}

// metaJSON decodes the stored meta of hits as encoding/json does, in a fifth of the time
// (json-iterator, which Bleve already builds in): it was a quarter of loading a page of
// hits.
var metaJSON = jsoniter.ConfigCompatibleWithStandardLibrary

// hitMeta is the part of schema.Meta a hit shows: decoding only it skips the rest (and
// the times of the other captures).
type hitMeta struct {
	FirstHeld time.Time `json:"first_held"`
	Digest    string    `json:"digest"`
	Versions  []struct {
		ID     string `json:"id"`
		Latest bool   `json:"latest"`
	} `json:"versions"`
	Captures []struct {
		Digest string          `json:"digest"`
		Time   json.RawMessage `json:"time"`
	} `json:"captures"`
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
	docs := make([]*bsearch.DocumentMatch, 0, len(ids))
	for _, id := range ids {
		if dm := byID[id]; dm != nil {
			docs = append(docs, dm)
		}
	}
	return ix.markHits(p, docs), nil
}

// loadHitsByNumber reads the stored fields of the hits numbered keys (Bleve's internal
// numbers, from the collector), in this order, straight from the index's segments, and
// marks the query's words in their titles and snippets. A body is read where zap
// decompressed it, without a copy: only its snippet is kept.
func (ix *Index) loadHitsByNumber(s *snapshot, p *plan, keys []sortKey) ([]Hit, error) {
	if len(keys) == 0 {
		return []Hit{}, nil
	}
	pb, err := s.segments()
	if err != nil {
		return nil, err
	}
	m := newMarker(p.node)
	hits := make([]Hit, 0, len(keys))
	for _, k := range keys {
		dm := &bsearch.DocumentMatch{ID: k.id, Fields: make(map[string]interface{}, len(hitFields))}
		var snip template.HTML
		if err := pb.visitStored(k.doc, func(field string, value []byte) {
			if field == schema.FieldBody {
				// value is zap's buffer, valid during this call: the snippet copies
				// what it shows.
				snip = m.snippetOf(unsafe.String(unsafe.SliceData(value), len(value)))
				return
			}
			if !storedHitField(field) {
				return
			}
			v := string(value)
			switch old := dm.Fields[field].(type) {
			case nil:
				dm.Fields[field] = v
			case string:
				dm.Fields[field] = []interface{}{old, v}
			case []interface{}:
				dm.Fields[field] = append(old, v)
			}
		}); err != nil {
			return nil, err
		}
		h := hitFromMatch(dm, ix.vocab)
		h.Snippet = snip
		if m != nil {
			h.TitleHTML = markAll(h.Title, m.spans(h.Title))
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// storedHitField reports whether a hit shows a stored field of hitFields (the body is
// read apart, for its snippet).
func storedHitField(field string) bool {
	return slices.Contains(hitFields, field)
}

// markHits turns loaded documents into hits, marking the query's words in their titles
// and snippets.
func (ix *Index) markHits(p *plan, docs []*bsearch.DocumentMatch) []Hit {
	m := newMarker(p.node)
	hits := make([]Hit, 0, len(docs))
	for _, dm := range docs {
		h := hitFromMatch(dm, ix.vocab)
		h.Snippet = m.snippetOf(str(dm.Fields[schema.FieldBody]))
		if m != nil {
			h.TitleHTML = markAll(h.Title, m.spans(h.Title))
		}
		hits = append(hits, h)
	}
	return hits
}

// snippetOf returns the snippet of a body: the passage with the most marked words, or
// its start when the marker (which may be nil) marks none. The result shares no memory
// with body.
func (m *marker) snippetOf(body string) template.HTML {
	if m != nil {
		scan := body
		if len(scan) > maxSnippetScan {
			cut := maxSnippetScan
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
			scan = body[:cut]
		}
		if s := snippet(scan, m.spans(scan), snippetRunes); s != "" {
			return s
		}
	}
	return template.HTML(html.EscapeString(leadText(body, snippetRunes)))
}

// leadText returns the start of a text, its runs of white space made single spaces, cut
// at a word boundary near max runes. It reads only as much of the text as it shows.
func leadText(s string, max int) string {
	if limit := max * 8; len(s) > limit { // only the start is shown: don't split the whole body
		s = s[:limit]
	}
	var b strings.Builder
	b.Grow(min(len(s), 4*max))
	runes, space, cut := 0, false, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			i += size
			continue
		}
		if space {
			if runes == max {
				cut = true
				break
			}
			b.WriteByte(' ')
			runes++
			space = false
		}
		if runes == max {
			cut = true
			break
		}
		b.WriteRune(r) // an invalid byte becomes U+FFFD
		runes++
		i += size
	}
	if !cut {
		return b.String()
	}
	out := b.String()
	if i := strings.LastIndexByte(out, ' '); i > max/2 {
		out = out[:i]
	}
	return out + " …"
}
