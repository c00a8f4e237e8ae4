package indexer_test

import (
	"testing"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
)

// BenchmarkExtractLayouts measures the extraction of one page (decode, parse, read the notice)
// for each page design of the generated corpus: the three real site designs and the
// random ones that no profile knows. Each iteration reads the next of a few hundred pages.
//
//	go test -run '^$' -bench ExtractLayouts -count 10 ./indexer > new.txt
func BenchmarkExtractLayouts(b *testing.B) {
	ex, err := indexer.NewExtractor()
	if err != nil {
		b.Fatal(err)
	}
	byLayout := map[string][]*archive.Capture{}
	err = gen.Generate(gen.Options{N: 800, Seed: 1, Layouts: gen.LayoutsMixed}, func(p gen.Page) error {
		byLayout[p.Label.Layout] = append(byLayout[p.Label.Layout], &archive.Capture{Source: p.Path, Time: p.Captured, Body: p.HTML})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, layout := range []string{gen.LayoutAEM, gen.LayoutAdoptionGov, gen.LayoutFamily2004, gen.LayoutRandom} {
		pages := byLayout[layout]
		b.Run(layout, func(b *testing.B) {
			if len(pages) == 0 {
				b.Skipf("no %s pages generated", layout)
			}
			var size int64
			for _, p := range pages {
				size += int64(len(p.Body))
			}
			b.SetBytes(size / int64(len(pages)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ex.Extract(pages[i%len(pages)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
