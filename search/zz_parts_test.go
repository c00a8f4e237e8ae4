package search_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/search"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZPartsCPU(t *testing.T) {
	dir := os.Getenv("ZZ_INDEX")
	if dir == "" {
		t.Skip()
	}
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	qs := map[string][]string{
		"boolean": {"(visa OR hague) AND children NOT suspended", "(fraud OR bribery) AND processing NOT haiti", "(orphan OR relinquish) AND review NOT china"},
		"broad":   {"adoption", "provide", "adoptive"},
		"phrase3": {`"prospective adoptive parents"`, `"will review the"`, `"of the adoption"`, `"in the case"`},
		"phrase2": {`"visa interview"`, `"central adoption"`},
		"rare":    {"bakaion", "bupiage"},
	}
	ctx := context.Background()
	for _, class := range []string{"boolean", "broad", "phrase3", "phrase2", "rare"} {
		for _, parts := range []int{1, 2, 1, 2} {
			restore := search.SetPartsForTest(parts, 8192)
			c0, w0 := cpuNow(), time.Now()
			n := 0
			for i := 0; i < 5; i++ {
				for _, q := range qs[class] {
					if _, err := ix.Search(ctx, search.Request{Query: q}); err != nil {
						t.Fatal(err)
					}
					n++
				}
			}
			t.Logf("%-8s parts=%d cpu/query %6.2f ms wall/query %6.2f ms", class, parts, float64(cpuNow()-c0)/float64(n)/1e6, float64(time.Since(w0))/float64(n)/1e6)
			restore()
		}
	}
}
