package indexer_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// page writes a small notice page in markup of its own.
func page(country, date, title, body, canonical string) string {
	link := ""
	if canonical != "" {
		link = fmt.Sprintf(`<link rel="canonical" href="%s">`, canonical)
	}
	return fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>%s</head>
<body><nav><ul><li><a href="/a">Albania</a></li><li><a href="/c">Chile</a></li></ul></nav>
<main><h1>%s</h1><h2>Notice: %s</h2><p class="date">%s</p>
<p>%s</p><p>The Department of State continues to monitor intercountry adoption from %s closely.</p></main>
<footer>Bureau of Consular Affairs</footer></body></html>`, title, link, country, title, date, body, country)
}

func writePages(t *testing.T, dir string, pages map[string]string) {
	t.Helper()
	for name, html := range pages {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func build(t *testing.T, indexDir string, sources ...string) *indexer.Summary {
	t.Helper()
	sum, err := indexer.Build(context.Background(), sources, indexer.Options{Dir: indexDir, SkipForceMerge: true})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return sum
}

// storedDocs reads every document of the current generation: id -> stored fields.
func storedDocs(t *testing.T, indexDir string) map[string]map[string]interface{} {
	t.Helper()
	gen, err := schema.CurrentGeneration(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.OpenUsing(filepath.Join(gen, schema.BleveDir), map[string]interface{}{"read_only": true, "bolt_timeout": "2s"})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1000, 0, false)
	req.Fields = []string{"*"}
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]map[string]interface{}{}
	for _, h := range res.Hits {
		docs[h.ID] = h.Fields
	}
	return docs
}

const (
	cambodiaBody = "Cambodia acceded to the Hague Adoption Convention and intercountry adoptions remain suspended."
	nepalBody    = "The United States suspended processing of new adoption cases from Nepal."
)

func TestBuildMergesCapturesAndKeepsVersions(t *testing.T) {
	src := t.TempDir()
	url := "https://travel.state.gov/adoption/cambodia.html"
	writePages(t, src, map[string]string{
		// Two Wayback captures of the same text, in folders named as Wayback URLs.
		"web/20140301000000/travel.state.gov/adoption/cambodia.html": page("Cambodia", "February 17, 2014", "Update on Cambodia", cambodiaBody, url),
		"web/20150301000000/travel.state.gov/adoption/cambodia.html": page("Cambodia", "February 17, 2014", "Update on Cambodia", cambodiaBody, url),
		// A later capture in which the text was edited.
		"web/20160301000000/travel.state.gov/adoption/cambodia.html": page("Cambodia", "February 17, 2014", "Update on Cambodia", cambodiaBody+" Pending cases will be reviewed.", url),
		"nepal.html": page("Nepal", "August 13, 2010", "Nepal Adoptions Suspended", nepalBody, ""),
	})
	dir := t.TempDir()
	sum := build(t, dir, src)
	if sum.PagesRead != 4 || sum.NoticesIndexed != 2 || sum.CapturesMerged != 2 || sum.Versions != 1 || sum.PagesSkipped != 0 {
		t.Fatalf("summary %+v", sum)
	}
	docs := storedDocs(t, dir)
	if len(docs) != 3 {
		t.Fatalf("documents %d, want 2 notices + 1 earlier version: %v", len(docs), keys(docs))
	}
	var latest, earlier string
	for id := range docs {
		if strings.HasPrefix(id, "cambodia-2014-02-17-") {
			if strings.HasSuffix(id, "-v1") {
				earlier = id
			} else {
				latest = id
			}
		}
	}
	if latest == "" || earlier != latest+"-v1" {
		t.Fatalf("cambodia ids %v", keys(docs))
	}
	if body := docs[latest][schema.FieldBody].(string); !strings.Contains(body, "Pending cases") {
		t.Errorf("latest version shows %q, want the edited text", body)
	}
	if body := docs[earlier][schema.FieldBody].(string); strings.Contains(body, "Pending cases") {
		t.Errorf("earlier version shows the edited text: %q", body)
	}
	var meta schema.Meta
	if err := json.Unmarshal([]byte(docs[latest][schema.FieldMeta].(string)), &meta); err != nil {
		t.Fatal(err)
	}
	if len(meta.Captures) != 3 || len(meta.Versions) != 2 || !meta.Versions[1].Latest || meta.Versions[0].Captures != 2 {
		t.Errorf("meta captures %d versions %+v", len(meta.Captures), meta.Versions)
	}
	want := time.Date(2014, 3, 1, 0, 0, 0, 0, time.UTC)
	if !meta.Captures[0].Time.Equal(want) {
		t.Errorf("first capture at %v, want %v (from the Wayback path)", meta.Captures[0].Time, want)
	}

	// Re-running on the same sources gives the same notices and the same ids, in a new
	// generation that replaces the old one.
	gen1, _ := schema.CurrentGeneration(dir)
	build(t, dir, src)
	gen2, _ := schema.CurrentGeneration(dir)
	if gen1 == gen2 {
		t.Error("a second run did not make a new generation current")
	}
	if diff := strings.Join(keys(storedDocs(t, dir)), " "); diff != strings.Join(keys(docs), " ") {
		t.Errorf("ids changed between runs: %s", diff)
	}
}

func TestChangedIDBecomesAlias(t *testing.T) {
	src := t.TempDir()
	url := "https://travel.state.gov/adoption/nepal.html"
	writePages(t, src, map[string]string{"nepal.html": page("Nepal", "August 13, 2010", "Nepal Adoptions Suspended", nepalBody, url)})
	dir := t.TempDir()
	build(t, dir, src)
	before := keys(storedDocs(t, dir))
	// The page is corrected: its date changes, so its derived id changes.
	writePages(t, src, map[string]string{"nepal.html": page("Nepal", "August 16, 2010", "Nepal Adoptions Suspended", nepalBody, url)})
	sum := build(t, dir, src)
	after := keys(storedDocs(t, dir))
	if len(before) != 1 || len(after) != 1 || before[0] == after[0] {
		t.Fatalf("ids before %v after %v", before, after)
	}
	if sum.Aliases != 1 {
		t.Errorf("aliases = %d, want 1", sum.Aliases)
	}
	gen, _ := schema.CurrentGeneration(dir)
	b, err := os.ReadFile(filepath.Join(gen, schema.AliasesFile))
	if err != nil {
		t.Fatal(err)
	}
	var aliases map[string]string
	json.Unmarshal(b, &aliases)
	if aliases[before[0]] != after[0] {
		t.Errorf("aliases %v, want %s -> %s", aliases, before[0], after[0])
	}
}

func TestFailedRunKeepsPreviousGeneration(t *testing.T) {
	src := t.TempDir()
	writePages(t, src, map[string]string{"nepal.html": page("Nepal", "August 13, 2010", "Nepal Adoptions Suspended", nepalBody, "")})
	dir := t.TempDir()
	build(t, dir, src)
	gen, _ := schema.CurrentGeneration(dir)

	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("not a page"), 0o644)
	if _, err := indexer.Build(context.Background(), []string{empty}, indexer.Options{Dir: dir}); !errors.Is(err, indexer.ErrNothingIndexed) {
		t.Errorf("empty source: %v, want ErrNothingIndexed", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := indexer.Build(ctx, []string{src}, indexer.Options{Dir: dir}); err == nil {
		t.Error("a cancelled run succeeded")
	}
	if now, _ := schema.CurrentGeneration(dir); now != gen {
		t.Errorf("current generation changed to %s after failed runs", now)
	}
	// A partial generation left by a killed run is removed by the next run.
	partial := filepath.Join(dir, schema.GenerationsDir, "gkilled"+schema.PartialSuffix)
	os.MkdirAll(partial, 0o755)
	build(t, dir, src)
	if _, err := os.Stat(partial); !os.IsNotExist(err) {
		t.Errorf("partial generation not cleaned up: %v", err)
	}
	if _, err := indexer.Build(context.Background(), []string{filepath.Join(src, "missing")}, indexer.Options{Dir: dir}); err == nil {
		t.Error("a missing source was not an error")
	}
}

func keys(m map[string]map[string]interface{}) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestBuildWritersRewriteAfterFirstWrites builds with one-notice batches written four at a
// time: every notice with an edited capture must end with its newest text under its id,
// its older text under id-v1, and nothing else, whatever order the writers finish in.
func TestBuildWritersRewriteAfterFirstWrites(t *testing.T) {
	src := t.TempDir()
	pages := map[string]string{}
	countries := []string{"Albania", "Chile", "Nepal", "Cambodia", "Guatemala", "Haiti", "Kenya", "Peru"}
	const notices = 48
	for i := range notices {
		c := countries[i%len(countries)]
		name := fmt.Sprintf("%s-%d.html", strings.ToLower(c), i)
		url := "https://travel.state.gov/adoption/" + name
		date := fmt.Sprintf("March %d, %d", i%28+1, 2000+i/8)
		body := fmt.Sprintf("Adoptions from %s are suspended while the central authority reviews pending cases.", c)
		// A notice's two captures are read one after the other, so that the last
		// notices' first writes may still be in flight when they are written again.
		dir := fmt.Sprintf("n%02d/web/", i)
		pages[dir+"20130101000000/travel.state.gov/adoption/"+name] = page(c, date, c+" Update", body, url)
		pages[dir+"20140101000000/travel.state.gov/adoption/"+name] = page(c, date, c+" Update", body+" Edited in 2014.", url)
	}
	writePages(t, src, pages)
	dir := t.TempDir()
	sum, err := indexer.Build(context.Background(), []string{src}, indexer.Options{Dir: dir, SkipForceMerge: true, BatchSize: 1, Writers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NoticesIndexed != notices || sum.Versions != notices {
		t.Fatalf("summary %+v", sum)
	}
	docs := storedDocs(t, dir)
	if len(docs) != 2*notices {
		t.Fatalf("%d documents, want %d: %v", len(docs), 2*notices, keys(docs))
	}
	for id, fields := range docs {
		body := fields[schema.FieldBody].(string)
		if edited := strings.Contains(body, "Edited in 2014"); edited == strings.HasSuffix(id, "-v1") {
			t.Errorf("%s shows %q", id, body)
		}
	}
	checkPairs(t, dir) // the rewritten notices' pairs replaced their first ones
}
