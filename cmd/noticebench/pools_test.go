package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
)

// testSample extracts a small generated corpus, as the benchmark extracts its sample.
func testSample(t *testing.T) *sample {
	t.Helper()
	ex, err := indexer.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	var notices []*indexer.Notice
	err = gen.Generate(gen.Options{N: 300, Seed: 7}, func(p gen.Page) error {
		n, err := ex.Extract(&archive.Capture{Source: p.Path, Time: p.Captured, Body: p.HTML})
		if err == nil {
			notices = append(notices, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return newSample(notices)
}

func TestBuildPools(t *testing.T) {
	s := testSample(t)
	pools, err := buildPools(s, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	again, err := buildPools(s, 1, 50)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pools, again); diff != "" {
		t.Errorf("the same seed drew other queries (-first +second)\n%s", diff)
	}
	for _, c := range classes {
		p := pools[c.Name]
		if p.Distinct != len(p.Queries) || p.Distinct == 0 {
			t.Errorf("%s: %d distinct of %d queries", c.Name, p.Distinct, len(p.Queries))
		}
		seen := map[string]bool{}
		for _, q := range p.Queries {
			key := requestKey(q.Req)
			if seen[key] {
				t.Errorf("%s: %s drawn twice", c.Name, key)
			}
			seen[key] = true
			// Every query must mean the same to the peer.
			if _, err := newPeerPlan(q.Req); err != nil {
				t.Errorf("%s: %s: %v", c.Name, describe(q.Req), err)
			}
		}
	}
	if q := pools["broad"].Queries[0].Req.Query; q != "adoption" {
		t.Errorf("the broad class starts with %q, want adoption", q)
	}
}

func TestSampleUnsafeWords(t *testing.T) {
	s := newSample([]*indexer.Notice{
		{Source: "a", Country: "Ghana", Body: "Write to ask@state.gov or visit children’s homes in d’Ivoire, state-run."},
	})
	for w, want := range map[string]bool{"state": true, "states": true, "ivoire": true, "children": false, "visit": false} {
		if s.isUnsafe(w) != want {
			t.Errorf("isUnsafe(%q) = %v, want %v", w, s.isUnsafe(w), want)
		}
	}
	if s.df["visit"] != 1 || s.df["homes"] != 1 {
		t.Errorf("df = %v", s.df)
	}
}
