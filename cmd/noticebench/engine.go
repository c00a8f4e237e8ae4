package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// outcome is what the result check compares between the engines for one query: the
// total and the country and type facet counts.
type outcome struct {
	OK       bool // the query ran
	Total    uint64
	Hits     int
	Marked   int // hits whose snippet or title has a highlighted query word
	Country  map[string]int
	Other    int // country count beyond the values returned
	Type     map[string]int
	Bars     int
	Facets   int // facets returned
	Snippets int // hits with a snippet
}

// engine runs one benchmark query.
type engine interface {
	run(ctx context.Context, q benchQuery) (outcome, error)
}

// ourEngine is the search package in this process.
type ourEngine struct{ ix *search.Index }

func (e ourEngine) run(ctx context.Context, q benchQuery) (outcome, error) {
	resp, err := e.ix.Search(ctx, q.Req)
	if err != nil {
		return outcome{}, err
	}
	o := outcome{OK: true, Total: resp.Total, Hits: len(resp.Hits), Bars: len(resp.Histogram), Facets: len(resp.Facets),
		Country: map[string]int{}, Type: map[string]int{}}
	for _, f := range resp.Facets {
		switch f.Field {
		case schema.FieldCountry:
			for _, v := range f.Values {
				o.Country[v.Value] = v.Count
			}
			o.Other = f.Other
		case schema.FieldType:
			for _, v := range f.Values {
				o.Type[v.Value] = v.Count
			}
		}
	}
	for _, h := range resp.Hits {
		if h.Snippet != "" {
			o.Snippets++
		}
		if strings.Contains(string(h.Snippet), "<mark>") || strings.Contains(string(h.TitleHTML), "<mark>") {
			o.Marked++
		}
	}
	return o, nil
}

// peerEngine is the SQLite peer in this process.
type peerEngine struct{ p *peerIndex }

func (e peerEngine) run(ctx context.Context, q benchQuery) (outcome, error) {
	resp, err := e.p.Search(ctx, q.Req)
	if err != nil {
		return outcome{}, err
	}
	o := outcome{OK: true, Total: uint64(resp.Total), Hits: len(resp.Hits), Bars: len(resp.Histogram), Facets: len(resp.Facets),
		Country: map[string]int{}, Type: map[string]int{}}
	for _, v := range resp.Facets[schema.FieldCountry] {
		o.Country[v.Value] = v.Count
	}
	for _, v := range resp.Facets[schema.FieldType] {
		o.Type[v.Value] = v.Count
	}
	for _, h := range resp.Hits {
		if h.Snippet != "" {
			o.Snippets++
		}
		if strings.Contains(h.Snippet, "<mark>") || strings.Contains(h.TitleHTML, "<mark>") {
			o.Marked++
		}
	}
	return o, nil
}

// compareOutcomes returns "" when the peer's answer (every facet value) agrees with ours
// (the top values and the count of the rest), else what differs.
func compareOutcomes(ours, peer outcome) string {
	var diffs []string
	if ours.Total != peer.Total {
		diffs = append(diffs, fmt.Sprintf("total %d vs %d", ours.Total, peer.Total))
	}
	sum := 0
	for v, n := range peer.Country {
		sum += n
		if m, ok := ours.Country[v]; ok && m != n {
			diffs = append(diffs, fmt.Sprintf("country %s %d vs %d", v, m, n))
		}
	}
	oursSum := ours.Other
	for v, n := range ours.Country {
		oursSum += n
		if _, ok := peer.Country[v]; !ok && n != 0 {
			diffs = append(diffs, fmt.Sprintf("country %s %d vs none", v, n))
		}
	}
	if oursSum != sum {
		diffs = append(diffs, fmt.Sprintf("country counts sum to %d vs %d", oursSum, sum))
	}
	for _, t := range []string{schema.TypeNotice, schema.TypeAlert, schema.TypeOther} {
		if ours.Type[t] != peer.Type[t] {
			diffs = append(diffs, fmt.Sprintf("type %s %d vs %d", t, ours.Type[t], peer.Type[t]))
		}
	}
	if len(diffs) > 4 {
		diffs = append(diffs[:4], fmt.Sprintf("and %d more", len(diffs)-4))
	}
	return strings.Join(diffs, "; ")
}
