package indexer

import (
	"flag"
	"slices"
	"testing"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// TestTopicsCorpus measures the embedded taxonomy against the labelled real pages (topic
// F1 as score-extract.py computes it), logging each topic's misses.
func TestTopicsCorpus(t *testing.T) {
	pages := evalLoadCorpus(t)
	tax, err := schema.LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	var total evalPRF
	per := map[string]*evalPRF{}
	for _, tp := range tax.Topics() {
		per[tp.ID] = &evalPRF{}
	}
	for _, p := range pages {
		got := tax.Assign(p.Title, p.Body)
		for _, id := range got {
			if slices.Contains(p.Topics, id) {
				total.tp++
				per[id].tp++
			} else {
				total.fp++
				per[id].fp++
				t.Logf("%s: extra %s", p.File, id)
			}
		}
		for _, id := range p.Topics {
			if !slices.Contains(got, id) {
				total.fn++
				if s, ok := per[id]; ok {
					s.fn++
				}
				t.Logf("%s: missed %s", p.File, id)
			}
		}
	}
	for _, tp := range tax.Topics() {
		s := per[tp.ID]
		t.Logf("%-32s tp=%2d fp=%2d fn=%2d F1=%.2f", tp.ID, s.tp, s.fp, s.fn, s.f1())
	}
	t.Logf("topics: tp=%d fp=%d fn=%d F1=%.3f", total.tp, total.fp, total.fn, total.f1())
	if f := total.f1(); f < 0.85 {
		t.Errorf("topics F1 = %.3f, want >= 0.85", f)
	}
}

// TestTopicsCorpusExplain logs the evidence for one topic on every page: go test -run
// TestTopicsCorpusExplain -v -args -topic=legislation
func TestTopicsCorpusExplain(t *testing.T) {
	if *evalExplainTopic == "" {
		t.Skip("set -args -topic=ID")
	}
	tax, err := schema.LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range evalLoadCorpus(t) {
		for _, e := range tax.Explain(p.Title, p.Body) {
			if e.ID == *evalExplainTopic {
				t.Logf("%-45s want=%-5v got=%-5v %.1f %q", p.File, slices.Contains(p.Topics, e.ID), e.Assigned, e.Score, e.Phrases)
			}
		}
	}
}

var evalExplainTopic = flag.String("topic", "", "topic whose evidence TestTopicsCorpusExplain logs")
