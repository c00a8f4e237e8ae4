package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// benchNotices is the size of the generated corpus the search benchmarks run on.
const benchNotices = 2000

// BenchmarkSearch measures one search per query class of cmd/noticebench (the classes
// of BENCHMARKS.md), each with every facet, the histogram and snippets, on an index of a
// generated corpus built once for all of them. Each iteration sends the next query of a
// seeded pool of different queries. Compare runs with benchstat:
//
//	go test -run '^$' -bench Search -count 10 ./search > new.txt
func BenchmarkSearch(b *testing.B) {
	ix, pools := buildBenchIndex(b)
	for _, class := range benchClasses {
		reqs := pools[class]
		b.Run(class, func(b *testing.B) {
			if len(reqs) == 0 {
				b.Skipf("no %s queries in this corpus", class)
			}
			ctx := context.Background()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.Search(ctx, reqs[i%len(reqs)]); err != nil {
					b.Fatalf("%+v: %v", reqs[i%len(reqs)], err)
				}
				i++
			}
		})
	}
}

var benchClasses = []string{"rare", "country", "phrase", "boolean", "facets", "daterange", "broad", "filters", "page50"}

// buildBenchIndex writes and indexes the corpus in the benchmark's temporary directory
// and draws the query pools from the generated notices.
func buildBenchIndex(b *testing.B) (*search.Index, map[string][]search.Request) {
	b.Helper()
	dir := b.TempDir()
	opts := gen.Options{N: benchNotices, Seed: 1}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := gen.Write(ctx, dir+"/corpus", opts); err != nil {
		b.Fatal(err)
	}
	if _, err := indexer.Build(ctx, []string{dir + "/corpus"}, indexer.Options{Dir: dir + "/index"}); err != nil {
		b.Fatal(err)
	}
	ix, err := search.Open(dir+"/index", search.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	var labels []gen.Label
	var bodies []string
	if err := gen.Generate(opts, func(p gen.Page) error {
		labels, bodies = append(labels, p.Label), append(bodies, p.Label.Title+" "+p.Body)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	return ix, benchPools(labels, bodies)
}

// benchPools draws up to 200 different requests per class, with a fixed seed.
func benchPools(labels []gen.Label, bodies []string) map[string][]search.Request {
	r := rand.New(rand.NewPCG(1, 2))
	df := map[string]int{}
	for _, body := range bodies {
		seen := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(body)) {
			if isLetters(w) && len(w) >= 4 && !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	words := func(lo, hi float64) []string {
		var out []string
		for w, n := range df {
			if f := float64(n) / float64(len(bodies)); f >= lo && f <= hi {
				out = append(out, w)
			}
		}
		slices.Sort(out)
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}
	rare, mid, frequent, broad := words(0, 1.0/float64(len(bodies))), words(0.02, 0.2), words(0.2, 0.6), words(0.7, 1)
	countrySet, topicSet := map[string]bool{}, map[string]bool{}
	for _, l := range labels {
		if l.Country != schema.GeneralCountry && isLetters(strings.ReplaceAll(strings.ToLower(l.Country), " ", "")) {
			countrySet[l.Country] = true
		}
		for _, t := range l.Topics {
			topicSet[t] = true
		}
	}
	countries, topics := sortedKeys(countrySet), sortedKeys(topicSet)
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	const n = 200
	pools := map[string][]search.Request{}
	add := func(class string, f func(i int) (search.Request, bool)) {
		for i := 0; i < n; i++ {
			if req, ok := f(i); ok {
				pools[class] = append(pools[class], req)
			}
		}
	}
	sorts := []string{search.SortRelevance, search.SortNewest, search.SortOldest}
	add("rare", func(i int) (search.Request, bool) {
		return search.Request{Query: at(rare, i)}, i < len(rare)
	})
	add("country", func(i int) (search.Request, bool) {
		return search.Request{Query: at(countries, i), Sort: sorts[i/len(countries)%3]}, len(countries) > 0
	})
	add("phrase", func(int) (search.Request, bool) {
		body := strings.Fields(strings.ToLower(pick(bodies)))
		for range 100 {
			j := r.IntN(len(body) - 1)
			if isLetters(body[j]) && isLetters(body[j+1]) && len(body[j]) >= 4 && len(body[j+1]) >= 4 {
				return search.Request{Query: `"` + body[j] + " " + body[j+1] + `"`}, true
			}
		}
		return search.Request{}, false
	})
	add("boolean", func(int) (search.Request, bool) {
		return search.Request{Query: fmt.Sprintf("(%s OR %s) AND %s NOT %s", pick(mid), pick(mid), pick(frequent), pick(mid))}, true
	})
	add("facets", func(int) (search.Request, bool) {
		return search.Request{Query: pick(frequent), Filters: map[string][]string{
			schema.FieldCountry: {pick(countries), pick(countries)}, schema.FieldTopic: {pick(topics)}}}, true
	})
	add("daterange", func(int) (search.Request, bool) {
		y := gen.DefaultStart + r.IntN(gen.DefaultEnd-gen.DefaultStart-6)
		return search.Request{Query: pick(mid), From: fmt.Sprint(y), To: fmt.Sprint(y + r.IntN(7))}, true
	})
	broad = append([]string{"adoption"}, slices.DeleteFunc(broad, func(w string) bool { return w == "adoption" })...)
	add("broad", func(i int) (search.Request, bool) {
		return search.Request{Query: at(broad, i), Sort: sorts[i/len(broad)%3]}, true
	})
	add("filters", func(int) (search.Request, bool) {
		f := map[string][]string{schema.FieldCountry: {pick(countries)}}
		if r.IntN(2) == 0 {
			f[schema.FieldTopic] = []string{pick(topics)}
		}
		return search.Request{Filters: f}, true
	})
	add("page50", func(i int) (search.Request, bool) {
		return search.Request{Query: at(broad, i), Sort: sorts[i/len(broad)%3], Page: 50}, true
	})
	return pools
}

func at(list []string, i int) string {
	if len(list) == 0 {
		return ""
	}
	return list[i%len(list)]
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
