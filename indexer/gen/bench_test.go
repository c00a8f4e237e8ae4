package gen

import (
	"testing"
)

// BenchmarkGenerate measures generation speed without touching disk.
func BenchmarkGenerate(b *testing.B) {
	for _, layouts := range []string{LayoutsStandard, LayoutsRandom} {
		b.Run(layouts, func(b *testing.B) {
			var bytes int64
			b.ReportAllocs()
			b.ResetTimer()
			err := Generate(Options{N: b.N, Seed: 1, Layouts: layouts}, func(p Page) error {
				bytes += int64(len(p.HTML))
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(bytes / int64(b.N))
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
