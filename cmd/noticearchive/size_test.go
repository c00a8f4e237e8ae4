package main

import (
	"runtime/debug"
	"testing"
)

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "800000000": 800000000, "1GiB": 1 << 30, "512MiB": 512 << 20, "1.5GB": 1.5e9,
		"800M": 800 << 20, "2g": 2 << 30, " 64 KiB ": 64 << 10, "100B": 100,
	} {
		if got, err := parseByteSize(in); err != nil || got != want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "GiB", "-1GiB", "1XB", "lots"} {
		if got, err := parseByteSize(in); err == nil {
			t.Errorf("parseByteSize(%q) = %d, want an error", in, got)
		}
	}
	if s := byteSize(1 << 30).String(); s != "1GiB" {
		t.Errorf("1 GiB prints as %q", s)
	}
}

// An index run with --memory-limit leaves the process's GC settings as it found them.
func TestIndexRestoresGCSettings(t *testing.T) {
	gc := debug.SetGCPercent(100)
	defer debug.SetGCPercent(gc)
	limit := debug.SetMemoryLimit(-1)
	corpus := t.TempDir()
	if _, err := runCLI(t, "gen", "--out", corpus, "--n", "20"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "index", "--quiet", "--memory-limit", "256MiB", "--index", t.TempDir(), corpus); err != nil {
		t.Fatal(err)
	}
	if now := debug.SetGCPercent(gc); now != 100 {
		t.Errorf("GOGC after the run: %d, want 100", now)
	}
	if now := debug.SetMemoryLimit(-1); now != limit {
		t.Errorf("memory limit after the run: %d, want %d", now, limit)
	}
}
