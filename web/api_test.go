package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// apiSearch is the part of /api/search the tests read.
type apiSearch struct {
	Total  int `json:"total"`
	Hits   []apiHit
	Facets map[string][]struct {
		Value    string `json:"value"`
		Label    string `json:"label"`
		Count    int    `json:"count"`
		Selected bool   `json:"selected"`
	} `json:"facets"`
	Histogram []struct {
		Year  string `json:"year"`
		Count int    `json:"count"`
	} `json:"histogram"`
	NextAfter  string `json:"next_after"`
	DidYouMean string `json:"did_you_mean"`
}

type apiHit struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Country     string   `json:"country"`
	CountryCode string   `json:"country_code"`
	Date        string   `json:"date"`
	Type        string   `json:"type"`
	Topics      []string `json:"topics"`
	Snippet     string   `json:"snippet"`
	URL         string   `json:"url"`
	CapturedAt  *string  `json:"captured_at"`
}

func TestAPISearch(t *testing.T) {
	e := newEnv(t)
	var all apiSearch
	e.json("/api/search", http.StatusOK, &all)
	if all.Total != testNotices || len(all.Hits) != testNotices {
		t.Errorf("total %d, %d hits; want %d", all.Total, len(all.Hits), testNotices)
	}
	for _, f := range []string{"country", "topic", "ministry", "type"} {
		if len(all.Facets[f]) == 0 {
			t.Errorf("no %s facet", f)
		}
	}
	sum := 0
	for _, b := range all.Histogram {
		sum += b.Count
	}
	if sum != testNotices {
		t.Errorf("histogram counts %d notices", sum)
	}
	h := all.Hits[0]
	if h.ID == "" || h.Title == "" || h.Country == "" || h.Type == "" || h.URL == "" || h.CapturedAt == nil {
		t.Errorf("incomplete hit %+v", h)
	}

	var filtered apiSearch
	e.json("/api/search?q=adoption&country=Ethiopia&facet_size=1", http.StatusOK, &filtered)
	if filtered.Total != 2 {
		t.Errorf("Ethiopia: total %d", filtered.Total)
	}
	for _, f := range filtered.Facets {
		if len(f) > 1 {
			t.Errorf("facet_size=1 returned %d values", len(f))
		}
	}
	if c := filtered.Facets["country"]; len(c) != 1 || c[0].Value != "Ethiopia" || !c[0].Selected || c[0].Count != 2 {
		t.Errorf("country facet %+v", c)
	}
	if !strings.Contains(filtered.Hits[0].Snippet, "<mark>") {
		t.Errorf("snippet %q has no highlight", filtered.Hits[0].Snippet)
	}
	// Facet values round-trip as filters.
	for _, v := range all.Facets["topic"] {
		var r apiSearch
		e.json("/api/search?topic="+v.Value, http.StatusOK, &r)
		if r.Total != v.Count {
			t.Errorf("topic %s: %d hits, facet said %d", v.Value, r.Total, v.Count)
		}
		if v.Label == "" {
			t.Errorf("topic %s has no label", v.Value)
		}
	}
}

func TestAPINotice(t *testing.T) {
	e := newEnv(t)
	id := e.findID("Update on Intercountry Adoptions from Cambodia")
	var n struct {
		apiHit
		Body      string `json:"body"`
		Digest    string `json:"digest"`
		Original  string `json:"original"`
		Permalink string `json:"permalink"`
		Captures  []struct {
			URL, Digest, Original string
			Time                  *string
		} `json:"captures"`
		Related []apiHit `json:"related"`
	}
	e.json("/api/notices/"+id, http.StatusOK, &n)
	if n.ID != id || n.Country != "Cambodia" || n.CountryCode != "KH" || n.Date != "2014-02-17" || !strings.Contains(n.Body, "Phnom Penh") {
		t.Errorf("notice %+v", n)
	}
	if len(n.Captures) != 2 || n.Captures[0].Time == nil || n.Captures[0].Original == "" {
		t.Errorf("captures %+v", n.Captures)
	}
	if n.Permalink != e.srv.URL+"/notices/"+id || n.Original != e.srv.URL+"/notices/"+id+"/original" {
		t.Errorf("links %q %q", n.Permalink, n.Original)
	}
	if len(n.Related) == 0 {
		t.Error("no related notices")
	}
}

// TestOpenAPIDescribesAPI checks the OpenAPI document against the router and real
// answers: every API route is a path, and every property of the JSON the API returns is
// described in the schema of its response.
func TestOpenAPIDescribesAPI(t *testing.T) {
	e := newEnv(t)
	var doc map[string]any
	e.json("/api/openapi.json", http.StatusOK, &doc)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("openapi version %q", v)
	}
	paths := doc["paths"].(map[string]any)

	// Every API route of the router is described.
	r := chi.NewRouter()
	e.app.Routes(r)
	var routes []string
	chi.Walk(r, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if strings.HasPrefix(route, "/api/") {
			routes = append(routes, route)
			if _, ok := paths[route].(map[string]any)[strings.ToLower(method)]; !ok {
				t.Errorf("route %s %s is not in the OpenAPI document", method, route)
			}
		}
		return nil
	})
	if len(routes) < 3 {
		t.Errorf("API routes %v", routes)
	}

	// Every parameter the search route takes is described.
	params := map[string]bool{}
	for _, p := range paths["/api/search"].(map[string]any)["get"].(map[string]any)["parameters"].([]any) {
		params[p.(map[string]any)["name"].(string)] = true
	}
	for _, p := range []string{"q", "country", "topic", "ministry", "type", "from", "to", "sort", "page", "size", "after", "versions", "facet_size"} {
		if !params[p] {
			t.Errorf("parameter %s not described", p)
		}
	}

	// Every property of real answers is in its schema.
	id := e.findID("Pilot Program Concludes")
	for _, tc := range []struct {
		path, route, status string
	}{
		{"/api/search?q=adoption&country=Guatemala", "/api/search", "200"},
		{"/api/search?q=%22open", "/api/search", "400"},
		{"/api/notices/" + id, "/api/notices/{id}", "200"},
		{"/api/notices/unknown", "/api/notices/{id}", "404"},
	} {
		resp, body := e.get(tc.path)
		if fmt.Sprint(resp.StatusCode) != tc.status {
			t.Fatalf("%s: status %d", tc.path, resp.StatusCode)
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		op := paths[tc.route].(map[string]any)["get"].(map[string]any)
		answer := op["responses"].(map[string]any)[tc.status].(map[string]any)
		answer = resolve(t, doc, answer)
		schema := answer["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
		for _, missing := range undescribed(t, doc, schema, v, "") {
			t.Errorf("%s: %s is not described", tc.path, missing)
		}
	}
}

// resolve follows a $ref.
func resolve(t *testing.T, doc, node map[string]any) map[string]any {
	t.Helper()
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	cur := any(doc)
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("bad $ref %s", ref)
		}
		cur = m[part]
	}
	m, ok := cur.(map[string]any)
	if !ok {
		t.Fatalf("unresolved $ref %s", ref)
	}
	return resolve(t, doc, m)
}

// undescribed lists the paths of properties of v that schema does not describe.
func undescribed(t *testing.T, doc, schema map[string]any, v any, at string) []string {
	schema = resolve(t, doc, schema)
	var out []string
	switch v := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, ok := props[k].(map[string]any)
			if !ok {
				out = append(out, at+"."+k)
				continue
			}
			out = append(out, undescribed(t, doc, p, v[k], at+"."+k)...)
		}
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := v[r.(string)]; !ok {
					out = append(out, at+"."+r.(string)+" (required, absent)")
				}
			}
		}
	case []any:
		items, _ := schema["items"].(map[string]any)
		for i, x := range v {
			if items == nil {
				return append(out, at+"[]")
			}
			out = append(out, undescribed(t, doc, items, x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return slices.Compact(out)
}

func TestOpenAPIFileIsValidJSON(t *testing.T) {
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Fatal("openapi.json is not valid JSON")
	}
}
