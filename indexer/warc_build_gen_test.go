package indexer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// TestBuildWARCGenerated indexes a generated WARC of 200 notices (recaptured, edited,
// revisited, with assets and error responses) and checks the index against its labels.
func TestBuildWARCGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 200 generated notices")
	}
	src := t.TempDir()
	path := filepath.Join(src, "crawl.warc.gz")
	st, err := gen.WriteWARC(context.Background(), path, gen.Options{N: 200, Seed: 21}, gen.WARCOptions{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(src, gen.LabelsFile))
	if err != nil {
		t.Fatal(err)
	}
	labels, err := gen.ReadWARCLabels(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir, sum := warcBuild(t, path)

	type counts struct{ Read, Notices, Merged, Versions, Skipped int }
	want := counts{st.Captures + st.Assets + st.Errors, st.Pages, st.Captures - st.Pages, st.Versions, st.Assets + st.Errors}
	got := counts{sum.PagesRead, sum.NoticesIndexed, sum.CapturesMerged, sum.Versions, sum.PagesSkipped}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summary (-generated +indexed):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{archive.ReasonNotHTML: st.Assets, archive.ReasonHTTPStatus: st.Errors}, warcSkips(sum)); diff != "" {
		t.Errorf("skips (-want +got):\n%s", diff)
	}

	docs := warcDocs(t, dir)
	if len(docs) != st.Pages+st.Versions {
		t.Errorf("%d documents, want %d notices + %d earlier versions", len(docs), st.Pages, st.Versions)
	}
	latest := map[string]warcDoc{}
	for _, d := range docs {
		if d.Version == schema.VersionLatest {
			latest[d.URL] = d
		}
	}
	for _, l := range labels {
		d, ok := latest[l.File]
		if !ok {
			t.Errorf("%s: no notice", l.File)
			continue
		}
		checkGeneratedNotice(t, l, d, docs)
	}

	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, all := range []bool{false, true} {
		resp, err := ix.Search(context.Background(), search.Request{AllVersions: all, Size: 1, NoFacets: true})
		if err != nil {
			t.Fatal(err)
		}
		want := uint64(st.Pages)
		if all {
			want += uint64(st.Versions)
		}
		if resp.Total != want {
			t.Errorf("search (all versions %t) found %d, want %d", all, resp.Total, want)
		}
	}
}

// checkGeneratedNotice compares a notice and its earlier versions with its label.
func checkGeneratedNotice(t *testing.T, l gen.WARCLabel, d warcDoc, docs map[string]warcDoc) {
	t.Helper()
	if d.Country != l.Country || d.Date != l.Date {
		t.Errorf("%s: %s %s, label %s %s", l.File, d.Country, d.Date, l.Country, l.Date)
	}
	var wantTimes, gotTimes []time.Time
	for _, c := range l.Captures {
		wantTimes = append(wantTimes, c.Time)
	}
	for _, c := range d.Meta.Captures {
		gotTimes = append(gotTimes, c.Time)
	}
	if diff := cmp.Diff(wantTimes, gotTimes); diff != "" {
		t.Errorf("%s: capture times (-label +index):\n%s", l.File, diff)
	}
	if l.Versions == 1 {
		if len(d.Meta.Versions) != 0 {
			t.Errorf("%s: versions %+v, label says one text", l.File, d.Meta.Versions)
		}
		return
	}
	perVersion := make([]int, l.Versions)
	for _, c := range l.Captures {
		perVersion[c.Version-1]++
	}
	var got []int
	for _, v := range d.Meta.Versions {
		got = append(got, v.Captures)
	}
	if diff := cmp.Diff(perVersion, got); diff != "" {
		t.Errorf("%s: captures per version (-label +index):\n%s", l.File, diff)
	}
	for k := 1; k < l.Versions; k++ {
		e, ok := docs[fmt.Sprintf("%s-v%d", d.ID, k)]
		switch {
		case !ok:
			t.Errorf("%s: no version %d (%s-v%d)", l.File, k, d.ID, k)
		case e.Version != schema.VersionEarlier || e.Body == d.Body:
			t.Errorf("%s: version %d is %s, same body %t", l.File, k, e.Version, e.Body == d.Body)
		case e.Title != d.Title || e.Country != d.Country || e.Date != d.Date || !cmp.Equal(e.Topics, d.Topics):
			// The edits add neutral sentences: every version keeps the notice's fields.
			t.Errorf("%s: version %d reads %q %s %s %v, latest %q %s %s %v", l.File, k,
				e.Title, e.Country, e.Date, e.Topics, d.Title, d.Country, d.Date, d.Topics)
		}
	}
}

// BenchmarkBuildSource indexes the same generated pages (one capture each) from a
// folder of files and from WARC files: compressed record by record, plain, and with a
// quarter of the responses chunked and a quarter gzip-encoded. The walk sub-benchmarks
// only read the captures, without extraction or indexing. Besides pages per second of
// wall time they report the CPU time per page, which a loaded machine disturbs less.
//
//	go test -run '^$' -bench BuildSource -benchtime 3x -count 3 ./indexer
func BenchmarkBuildSource(b *testing.B) {
	const n = 300
	ctx := context.Background()
	root := b.TempDir()
	opts := gen.Options{N: n, Seed: 1}
	if _, err := gen.Write(ctx, filepath.Join(root, "folder"), opts); err != nil {
		b.Fatal(err)
	}
	once := gen.WARCOptions{Recaptured: -1, Chunked: -1, Gzip: -1, Assets: -1, Errors: -1}
	plain := once
	plain.Uncompressed = true
	encoded := gen.WARCOptions{Recaptured: -1, Assets: -1, Errors: -1}
	sources := []struct {
		name, path string
		wo         *gen.WARCOptions
	}{
		{"folder", filepath.Join(root, "folder"), nil},
		{"warc.gz", filepath.Join(root, "gz", "c.warc.gz"), &once},
		{"warc", filepath.Join(root, "plain", "c.warc"), &plain},
		{"warc.gz-encoded", filepath.Join(root, "enc", "c.warc.gz"), &encoded},
	}
	for _, s := range sources {
		if s.wo != nil {
			if _, err := gen.WriteWARC(ctx, s.path, opts, *s.wo); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, s := range sources {
		b.Run("walk/"+s.name, func(b *testing.B) {
			pages, cpu := 0, warcCPUTime()
			for b.Loop() {
				err := archive.Walk(ctx, []string{s.path}, archive.Options{}, func(*archive.Capture) error {
					pages++
					return nil
				}, nil)
				if err != nil {
					b.Fatal(err)
				}
			}
			warcReportPages(b, pages, cpu)
		})
	}
	for _, s := range sources {
		b.Run("build/"+s.name, func(b *testing.B) {
			pages, cpu := 0, warcCPUTime()
			for b.Loop() {
				dir, err := os.MkdirTemp(root, "index")
				if err != nil {
					b.Fatal(err)
				}
				sum, err := indexer.Build(ctx, []string{s.path}, indexer.Options{Dir: dir, SkipForceMerge: true})
				if err != nil {
					b.Fatal(err)
				}
				if sum.NoticesIndexed != n {
					b.Fatalf("%d notices indexed, want %d", sum.NoticesIndexed, n)
				}
				pages += sum.PagesRead
				os.RemoveAll(dir)
			}
			warcReportPages(b, pages, cpu)
		})
	}
}

// warcReportPages reports pages per second of wall time and the CPU time per page (of
// the whole process, GC and Bleve's background work included) since cpu.
func warcReportPages(b *testing.B, pages int, cpu time.Duration) {
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	if used := warcCPUTime() - cpu; used > 0 && pages > 0 {
		b.ReportMetric(float64(used.Microseconds())/float64(pages), "cpu-µs/page")
	}
}
