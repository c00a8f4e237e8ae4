package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// testPeer writes a few notices into a peer database and opens it for searching.
func testPeer(t *testing.T) *peerIndex {
	t.Helper()
	path := filepath.Join(t.TempDir(), "peer.db")
	db, err := sql.Open("sqlite", "file:"+path+peerWriteParams)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(peerSchema); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w := &peerWriter{db: db, seen: map[string]peerRow{}}
	notices := []*indexer.Notice{
		{Country: "Ghana", Date: "2010-03-02", Type: "notice", Title: "Adoption suspension",
			Body: "The Department of Social Welfare announced a suspension of adoptions.", Topics: []string{"suspension"},
			Ministries: []string{"Department of Social Welfare"}},
		{Country: "Ghana", Date: "2012-05", Type: "alert", Title: "Central authority update",
			Body: "The central authority resumed intercountry adoptions.", Topics: []string{"resumption", "hague-convention"}},
		{Country: "Nepal", Date: "2012-07-01", Type: "notice", Title: "Visa processing",
			Body: "Adoptive families should expect delays in visa processing.", Topics: []string{"immigrant-visa"}},
		{Country: "General", Type: "other", Title: "Fees", Body: "Adoption service providers publish their fees."},
	}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, n := range notices {
		c := &archive.Capture{Source: n.Title, Time: base.Add(time.Duration(i) * time.Hour)}
		if err := w.add(ctx, n, c); err != nil {
			t.Fatal(err)
		}
	}
	// A newer capture of the first notice replaces it; an older one is ignored.
	newer := *notices[0]
	newer.Body += " Pending cases continue."
	if err := w.add(ctx, &newer, &archive.Capture{Source: "newer", Time: base.Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := w.add(ctx, notices[1], &archive.Capture{Source: "older", Time: base.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := w.commit(); err != nil {
		t.Fatal(err)
	}
	if err := finishPeer(ctx, db); err != nil {
		t.Fatal(err)
	}
	db.Close()
	p, err := openPeer(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestPeerSearch(t *testing.T) {
	p := testPeer(t)
	type want struct {
		total   int
		country map[string]int
		topics  int // number of topic values
		years   []string
		snippet string // a substring of the first hit's snippet
	}
	tests := []struct {
		name string
		req  search.Request
		want want
	}{
		{"word in every field", search.Request{Query: "adoption"},
			want{4, map[string]int{"Ghana": 2, "Nepal": 1, "General": 1}, 4, []string{"2010", "2011", "2012", "undated"}, "<mark>"}},
		{"stemmed word", search.Request{Query: "suspensions"},
			want{1, map[string]int{"Ghana": 1}, 1, []string{"2010"}, "<mark>suspension</mark>"}},
		{"country name", search.Request{Query: "ghana"},
			want{2, map[string]int{"Ghana": 2}, 3, []string{"2010", "2011", "2012"}, ""}},
		{"ministry words", search.Request{Query: "welfare"},
			want{1, map[string]int{"Ghana": 1}, 1, []string{"2010"}, ""}},
		{"phrase", search.Request{Query: `"central authority"`},
			want{1, map[string]int{"Ghana": 1}, 2, []string{"2012"}, "<mark>central"}},
		{"phrase not in order", search.Request{Query: `"authority central"`},
			want{0, nil, 0, nil, ""}},
		{"boolean", search.Request{Query: "(visa OR fees) AND adoption NOT nepal"},
			want{1, map[string]int{"General": 1}, 0, []string{"undated"}, ""}},
		{"country filter counts the other countries", search.Request{Query: "adoption", Filters: map[string][]string{"country": {"Ghana"}}},
			want{2, map[string]int{"Ghana": 2, "Nepal": 1, "General": 1}, 3, []string{"2010", "2011", "2012"}, ""}},
		{"topic filter", search.Request{Filters: map[string][]string{"topic": {"resumption", "immigrant-visa"}}},
			want{2, map[string]int{"Ghana": 1, "Nepal": 1}, 4, []string{"2012"}, ""}},
		{"date range, histogram without it", search.Request{Query: "adoption", From: "2012", To: "2012-06"},
			want{1, map[string]int{"Ghana": 1}, 2, []string{"2010", "2011", "2012", "undated"}, ""}},
		{"page past the end", search.Request{Query: "adoption", Page: 2, Size: 3},
			want{4, map[string]int{"Ghana": 2, "Nepal": 1, "General": 1}, 4, []string{"2010", "2011", "2012", "undated"}, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := p.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := want{total: resp.Total, topics: len(resp.Facets[schema.FieldTopic])}
			for _, v := range resp.Facets[schema.FieldCountry] {
				if got.country == nil {
					got.country = map[string]int{}
				}
				got.country[v.Value] = v.Count
			}
			for _, b := range resp.Histogram {
				got.years = append(got.years, b.Year)
			}
			if len(resp.Hits) > 0 && tt.want.snippet != "" && strings.Contains(resp.Hits[0].Snippet, tt.want.snippet) {
				got.snippet = tt.want.snippet
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestPeerHitsOrderAndFields(t *testing.T) {
	p := testPeer(t)
	resp, err := p.Search(context.Background(), search.Request{Sort: search.SortNewest})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, h := range resp.Hits {
		titles = append(titles, h.Title)
	}
	// Newest first by publication date; the undated notice sorts by its capture date.
	want := []string{"Fees", "Visa processing", "Central authority update", "Adoption suspension"}
	if diff := cmp.Diff(want, titles); diff != "" {
		t.Errorf("titles (-want +got)\n%s", diff)
	}
	if h := resp.Hits[3]; !strings.Contains(h.Snippet, "Pending cases") || h.Country != "Ghana" || len(h.Topics) != 1 {
		t.Errorf("the replaced notice shows %+v, want the newer capture's text", h)
	}
}

func TestPeerPlanStatements(t *testing.T) {
	plan, err := newPeerPlan(search.Request{Query: "visa", Filters: map[string][]string{"country": {"Ghana", "Nepal"}, "topic": {"fees"}}, From: "2010"})
	if err != nil {
		t.Fatal(err)
	}
	stmts := plan.Statements()
	// page, hits, main facets, country without its filter, topic without its filter, years without the date.
	if len(stmts) != 6 {
		t.Fatalf("%d statements, want 6: %v", len(stmts), stmts)
	}
	for _, s := range stmts {
		if strings.Count(s.SQL, "?") != len(s.Args) {
			t.Errorf("%d placeholders, %d args: %s", strings.Count(s.SQL, "?"), len(s.Args), s.SQL)
		}
	}
}
