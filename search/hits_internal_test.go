package search

import (
	"encoding/json"
	"testing"
	"time"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// TestHitFromMatchReadsMeta: a hit shows when its version was first held, whether it is
// the latest version and when the capture it shows was taken, from the stored meta.
func TestHitFromMatchReadsMeta(t *testing.T) {
	held := time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC)
	shown := time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)
	meta, err := json.Marshal(schema.Meta{
		Source: "a/b.html",
		Cites:  []schema.Citation{{Date: "2013-01-02", Text: "January 2, 2013 Notice"}},
		Captures: []schema.Capture{
			{Source: "x", Time: time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC), Digest: "d1"},
			{Source: "y", Time: shown, Digest: "d2", URL: "https://travel.state.gov/x"},
			{Source: "z", Digest: "d3"},
		},
		FirstHeld: held,
		Digest:    "d2",
		Versions: []schema.Version{
			{ID: "kh-1-v1", Digest: "d2", Captures: 2},
			{ID: "kh-1", Digest: "d3", Captures: 1, Latest: true},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	dm := &bsearch.DocumentMatch{ID: "kh-1-v1", Fields: map[string]interface{}{
		schema.FieldTitle: "Update", schema.FieldMeta: string(meta)}}
	h := hitFromMatch(dm, nil)
	if !h.FirstHeld.Equal(held) || h.Latest || !h.CapturedAt.Equal(shown) {
		t.Errorf("first held %v latest %v captured %v", h.FirstHeld, h.Latest, h.CapturedAt)
	}
	dm.ID = "kh-1"
	if h := hitFromMatch(dm, nil); !h.Latest {
		t.Error("the latest version is not shown as latest")
	}
	dm.Fields[schema.FieldMeta] = `{"first_held": not json`
	if h := hitFromMatch(dm, nil); !h.FirstHeld.IsZero() || !h.Latest {
		t.Errorf("broken meta: %+v", h)
	}
}
