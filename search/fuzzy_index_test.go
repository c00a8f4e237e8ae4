package search_test

import (
	"context"
	"testing"

	"github.com/noticearchive/noticearchive/search"
)

func TestTypoPass(t *testing.T) {
	ix := openTestIndex(t)
	ctx := context.Background()
	for _, tc := range []struct {
		q       string
		fuzzy   bool
		dym     string
		minHits int
	}{
		{"guatamala", true, "guatemala", 2},
		{"Guatamala DNA", true, "Guatemala DNA", 1},
		{"guatamala OR nepal", false, "guatemala OR nepal", 2}, // hits kept, a suggestion
		{"guatemala", false, "", 2},                            // nothing to correct
		{"xylophone", false, "", 0},                            // no word near it
		{"nepal -guatamala", false, "", 2},                     // a typo under NOT stays
		{"title:guatamala", false, "", 0},                      // only plain words are corrected
	} {
		req := search.Request{Query: tc.q}
		first := mustSearch(t, ix, req)
		resp, err := ix.TypoPass(ctx, req, first)
		if err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		if resp.Fuzzy != tc.fuzzy || resp.DidYouMean != tc.dym || len(resp.Hits) < tc.minHits {
			t.Errorf("%s: fuzzy %v, did you mean %q, %d hits; want %v, %q, at least %d",
				tc.q, resp.Fuzzy, resp.DidYouMean, len(resp.Hits), tc.fuzzy, tc.dym, tc.minHits)
		}
		if resp.Request.Query != tc.q {
			t.Errorf("%s: the response's request says %q", tc.q, resp.Request.Query)
		}
		again, err := ix.TypoPass(ctx, req, resp)
		if err != nil || again.Total != resp.Total || again.Fuzzy != resp.Fuzzy {
			t.Errorf("%s: a second TypoPass changed the answer", tc.q)
		}
	}
}
