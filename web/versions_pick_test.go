package web

import (
	"net/http"
	"testing"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

func TestPickVersions(t *testing.T) {
	three := []schema.Version{{ID: "n-v1"}, {ID: "n-v2"}, {ID: "n", Latest: true}}
	// A text that came back: the newest capture shows the oldest text again.
	reverted := []schema.Version{{ID: "n", Latest: true}, {ID: "n-v2"}}
	for _, tc := range []struct {
		name       string
		versions   []schema.Version
		from, to   string
		wantFrom   int
		wantTo     int
		wantStatus int
	}{
		{name: "defaults: the previous version to the newest", versions: three, wantFrom: 1, wantTo: 2},
		{name: "from only", versions: three, from: "n-v1", wantFrom: 0, wantTo: 2},
		{name: "to only", versions: three, to: "n-v2", wantFrom: 0, wantTo: 1},
		{name: "to the oldest compares with the next", versions: three, to: "n-v1", wantFrom: 1, wantTo: 0},
		{name: "backwards", versions: three, from: "n", to: "n-v1", wantFrom: 2, wantTo: 0},
		{name: "the same version", versions: three, from: "n-v2", to: "n-v2", wantFrom: 1, wantTo: 1},
		{name: "newest listed first", versions: reverted, wantFrom: 1, wantTo: 0},
		{name: "unknown from", versions: three, from: "n-v9", wantStatus: http.StatusBadRequest},
		{name: "unknown to", versions: three, to: "other", wantStatus: http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to, err := pickVersions(tc.versions, tc.from, tc.to)
			if tc.wantStatus != 0 {
				he, ok := err.(*Error)
				if !ok || he.Status != tc.wantStatus {
					t.Fatalf("error %v, want status %d", err, tc.wantStatus)
				}
				return
			}
			if err != nil || from != tc.wantFrom || to != tc.wantTo {
				t.Errorf("got %d, %d, %v; want %d, %d", from, to, err, tc.wantFrom, tc.wantTo)
			}
		})
	}
}

func TestVersionViews(t *testing.T) {
	vs := versionViews([]schema.Version{{ID: "n-v1"}, {ID: "n", Latest: true}}, "n-v1")
	if !vs[0].Shown || vs[1].Shown || vs[0].ChangesURL != "" || vs[1].ChangesURL != "/notices/n/diff?from=n-v1&to=n" {
		t.Errorf("views %+v", vs)
	}
	if vs[0].Description != "Version 1" || vs[1].Description != "Version 2 (current)" || vs[0].Span() != "an unknown date" {
		t.Errorf("labels %q %q %q", vs[0].Description, vs[1].Description, vs[0].Span())
	}
}
