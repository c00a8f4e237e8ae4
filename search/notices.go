package search

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// CitationLink is one citation of a notice with the notices it may refer to.
type CitationLink struct {
	Date    string
	Country string
	Text    string
	Targets []Hit // notices of that country published on that date (or in that month)
}

// Notice returns the whole notice with this id. An id issued by an earlier run that now
// resolves to another returns *MovedError; an unknown id returns ErrNotFound.
func (ix *Index) Notice(ctx context.Context, id string) (*Notice, error) {
	s, release := ix.acquire()
	defer release()
	sr := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	sr.Fields = append(append([]string(nil), hitFields...), schema.FieldBody)
	res, err := s.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("load notice %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		if to, ok := s.aliases[id]; ok {
			return nil, &MovedError{From: id, To: to}
		}
		return nil, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	dm := res.Hits[0]
	n := &Notice{Hit: hitFromMatch(dm, ix.vocab), Body: str(dm.Fields[schema.FieldBody])}
	var meta schema.Meta
	if m := str(dm.Fields[schema.FieldMeta]); m != "" {
		if err := json.Unmarshal([]byte(m), &meta); err != nil {
			return nil, fmt.Errorf("load notice %s: %w", id, err)
		}
	}
	n.Source, n.Digest, n.Cites, n.Captures, n.Versions = meta.Source, meta.Digest, meta.Cites, meta.Captures, meta.Versions
	n.Latest = true
	for _, v := range meta.Versions {
		if v.ID == id {
			n.Latest = v.Latest
		}
	}
	return n, nil
}

// list runs a query for a short list of hits without facets or snippets.
func (ix *Index) list(ctx context.Context, q query.Query, k int, order bsearch.SortOrder) ([]Hit, error) {
	s, release := ix.acquire()
	defer release()
	sr := bleve.NewSearchRequestOptions(q, k, 0, false)
	sr.Fields = hitFields
	if order != nil {
		sr.Sort = order
	}
	res, err := s.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, dm := range res.Hits {
		hits = append(hits, hitFromMatch(dm, ix.vocab))
	}
	return hits, nil
}

// newestFirst returns a sort by date, newest first. Each search needs its own: Bleve keeps
// the values of the document being compared in the sort fields.
func newestFirst() bsearch.SortOrder {
	return bsearch.SortOrder{
		&bsearch.SortField{Field: schema.FieldSortDate, Type: bsearch.SortFieldAsDate, Desc: true, Missing: bsearch.SortFieldMissingLast},
		&bsearch.SortDocID{},
	}
}

// Related returns up to k notices like n: same country and topics, similar title words.
func (ix *Index) Related(ctx context.Context, n *Notice, k int) ([]Hit, error) {
	var should []query.Query
	if n.Country != "" && n.Country != schema.GeneralCountry {
		q := bleve.NewTermQuery(n.Country)
		q.SetField(schema.FieldCountry)
		q.SetBoost(2)
		should = append(should, q)
	}
	for _, t := range n.Topics {
		q := bleve.NewTermQuery(t)
		q.SetField(schema.FieldTopic)
		should = append(should, q)
	}
	if words := strings.Join(strings.Fields(n.Title), " "); words != "" {
		q := bleve.NewMatchQuery(words)
		q.SetField(schema.FieldTitle)
		q.SetBoost(0.5)
		should = append(should, q)
	}
	if len(should) == 0 {
		return nil, nil
	}
	b := bleve.NewBooleanQuery()
	b.AddShould(should...)
	b.AddMust(filterTerm(schema.FieldVersion, schema.VersionLatest))
	b.AddMustNot(bleve.NewDocIDQuery([]string{n.ID}))
	return ix.list(ctx, b, k, nil)
}

// Cited resolves n's citations to the notices they refer to: notices of the cited country
// (n's own when the citation names none) published on the cited date or in the cited month.
func (ix *Index) Cited(ctx context.Context, n *Notice) ([]CitationLink, error) {
	var links []CitationLink
	for _, c := range n.Cites {
		country := c.Country
		if country == "" {
			country = n.Country
		}
		link := CitationLink{Date: c.Date, Country: country, Text: c.Text}
		req := Request{From: c.Date, To: c.Date, Filters: map[string][]string{schema.FieldCountry: {country}}, Size: 5, NoFacets: true}
		if err := req.Normalize(); err == nil {
			p, err := ix.plan(&req, nil)
			if err != nil {
				return nil, err
			}
			hits, err := ix.list(ctx, p.query("", true), 5, newestFirst())
			if err != nil {
				return nil, fmt.Errorf("resolve citation %q: %w", c.Text, err)
			}
			for _, h := range hits {
				if h.ID != n.ID {
					link.Targets = append(link.Targets, h)
				}
			}
		}
		links = append(links, link)
	}
	return links, nil
}

// CitedBy returns up to k notices that cite n, newest first.
func (ix *Index) CitedBy(ctx context.Context, n *Notice, k int) ([]Hit, error) {
	if n.Date == "" {
		return nil, nil
	}
	keys := []string{schema.CiteKey(n.Country, n.Date)}
	if len(n.Date) == 10 {
		keys = append(keys, schema.CiteKey(n.Country, n.Date[:7]))
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(termsQuery(schema.FieldCites, keys), filterTerm(schema.FieldVersion, schema.VersionLatest))
	b.AddMustNot(bleve.NewDocIDQuery([]string{n.ID}))
	return ix.list(ctx, b, k, newestFirst())
}

// Countries lists every country with notices, by name, with the date of its latest
// notice. The list is computed once per generation.
func (ix *Index) Countries(ctx context.Context) ([]CountryCount, error) {
	s, release := ix.acquire()
	s.cacheMu.Lock()
	cached := s.countries
	s.cacheMu.Unlock()
	release()
	if cached != nil {
		return cached, nil
	}
	resp, err := ix.Search(ctx, Request{FacetSize: MaxFacetSize, Size: 1})
	if err != nil {
		return nil, err
	}
	out := []CountryCount{}
	for _, f := range resp.Facets {
		if f.Field != schema.FieldCountry {
			continue
		}
		for _, v := range f.Values {
			cc := CountryCount{Name: v.Value, Count: v.Count}
			if c, ok := ix.vocab.countries.Lookup(v.Value); ok && v.Value != schema.GeneralCountry {
				cc.Code = c.Code
			}
			latest, err := ix.list(ctx, bleve.NewConjunctionQuery(filterTerm(schema.FieldCountry, v.Value), filterTerm(schema.FieldVersion, schema.VersionLatest)), 1, newestFirst())
			if err != nil {
				return nil, err
			}
			if len(latest) > 0 {
				cc.Latest = latest[0].Date
			}
			out = append(out, cc)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	s.cacheMu.Lock()
	s.countries = out
	s.cacheMu.Unlock()
	return out, nil
}

// CountryCount is a country with the number of notices about it.
type CountryCount struct {
	Name   string
	Code   string // ISO code, upper case; "" for General
	Count  int
	Latest string // publication date of its newest dated notice
}

// TopicLabel returns a topic's label.
func (ix *Index) TopicLabel(id string) string { return ix.vocab.topics.Label(id) }

// CountryByCode returns the canonical name of the country with this ISO code.
func (ix *Index) CountryByCode(code string) (name string, ok bool) {
	c, ok := ix.vocab.countries.ByCode(code)
	return c.Name, ok
}
