package main

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := summarize(ds)
	want := latencies{N: 100, P50: 50 * time.Millisecond, P95: 95 * time.Millisecond, P99: 99 * time.Millisecond,
		Mean: 50500 * time.Microsecond, Max: 100 * time.Millisecond}
	if got != want {
		t.Errorf("summarize = %+v, want %+v", got, want)
	}
	if ds[0] != 100*time.Millisecond {
		t.Error("summarize sorted its argument")
	}
	if got := summarize(nil); got != (latencies{}) {
		t.Errorf("summarize(nil) = %+v", got)
	}
}

func TestParseSmapsRollup(t *testing.T) {
	in := []byte(`55d0c0a00000-7ffd5e3f2000 ---p 00000000 00:00 0                          [rollup]
Rss:              102400 kB
Pss:               90000 kB
Anonymous:         40960 kB
Swap:                  0 kB
`)
	got, err := parseSmapsRollup(in)
	if err != nil {
		t.Fatal(err)
	}
	want := memSample{RSS: 100 << 20, Anonymous: 40 << 20, File: 60 << 20}
	if got != want {
		t.Errorf("parseSmapsRollup = %+v, want %+v", got, want)
	}
	if _, err := parseSmapsRollup([]byte("Pss: 1 kB\n")); err == nil {
		t.Error("no error for a rollup without Rss and Anonymous")
	}
}

func TestReadSmapsRollupSelf(t *testing.T) {
	m, err := readSmapsRollup("self")
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	if m.RSS <= 0 || m.Anonymous <= 0 || m.Anonymous > m.RSS {
		t.Errorf("own memory %+v makes no sense", m)
	}
}

func TestParseStatus(t *testing.T) {
	in := []byte("Name:\tx\nVmHWM:\t  2048 kB\nVmRSS:\t  1536 kB\nRssAnon:\t  1024 kB\nRssFile:\t   384 kB\nRssShmem:\t   128 kB\n")
	got, err := parseStatus(in)
	if err != nil {
		t.Fatal(err)
	}
	want := memSample{RSS: 1536 << 10, Anonymous: 1024 << 10, File: 512 << 10}
	if got != want {
		t.Errorf("parseStatus = %+v, want %+v", got, want)
	}
}
