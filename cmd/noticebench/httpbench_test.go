package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/search"
)

func TestSearchPath(t *testing.T) {
	got := searchPath(search.Request{Query: `"central authority" OR visa`, From: "2010", To: "2012-06",
		Sort: search.SortNewest, Page: 50, Filters: map[string][]string{"country": {"Ghana", "Costa Rica"}, "topic": {"fees"}}})
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"q": {`"central authority" OR visa`}, "country": {"Ghana", "Costa Rica"}, "topic": {"fees"},
		"from": {"2010"}, "to": {"2012-06"}, "sort": {"newest"}, "page": {"50"}}
	if u.Path != "/api/search" {
		t.Errorf("path %q", u.Path)
	}
	if diff := cmp.Diff(want, u.Query()); diff != "" {
		t.Errorf("parameters (-want +got)\n%s", diff)
	}
}

func TestMixPathsInterleavesClasses(t *testing.T) {
	pools := map[string]*pool{}
	for _, c := range classes {
		pools[c.Name] = &pool{Queries: []benchQuery{{Req: search.Request{Query: c.Name + "1"}}, {Req: search.Request{Query: c.Name + "2"}}}}
	}
	pools["rare"].Queries = pools["rare"].Queries[:1]
	paths := mixPaths(pools)
	if len(paths) != 2*len(classes)-1 {
		t.Fatalf("%d paths, want %d", len(paths), 2*len(classes)-1)
	}
	for i, c := range classes {
		if !strings.Contains(paths[i], "q="+c.Name+"1") {
			t.Errorf("path %d = %s, want the first query of %s", i, paths[i], c.Name)
		}
	}
}

func TestLoadCountsAnswersAndErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(`{"total":1}`))
	}))
	defer srv.Close()
	ctx := context.Background()
	r := load(ctx, srv.URL, []string{"/ok"}, 4, 200*time.Millisecond)
	if r.Requests == 0 || r.Errors != 0 || r.PerSecond <= 0 || r.Latency.N != int(r.Requests) {
		t.Errorf("load of a good server = %+v", r)
	}
	r = load(ctx, srv.URL, []string{"/ok", "/bad"}, 2, 200*time.Millisecond)
	if r.Errors == 0 || !strings.Contains(r.FirstErr, "status 500") {
		t.Errorf("load with failing answers = %+v", r)
	}
}

func TestWaitFirstAnswer(t *testing.T) {
	ready := time.Now().Add(100 * time.Millisecond)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if time.Now().Before(ready) {
			http.Error(w, "starting", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	at, err := waitFirstAnswer(context.Background(), srv.URL+"/", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if at.Before(ready) {
		t.Errorf("answered at %v, before the server was ready at %v", at, ready)
	}
}
