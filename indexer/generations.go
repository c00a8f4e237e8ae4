package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// ErrLocked is returned when another index run holds the index directory.
var ErrLocked = errors.New("another index run is writing this index directory")

// lockDir takes the index directory's writer lock, so that two index runs never race.
// The lock dies with the process, so a killed run never leaves it behind.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock index directory: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", dir, ErrLocked)
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// removePartials deletes generations left behind by runs that failed or were killed.
// It runs under the writer lock, so none of them is still being written.
func removePartials(dir string) error {
	matches, err := filepath.Glob(filepath.Join(dir, schema.GenerationsDir, "*"+schema.PartialSuffix))
	if err != nil {
		return fmt.Errorf("find partial generations: %w", err)
	}
	for _, m := range matches {
		if err := os.RemoveAll(m); err != nil {
			return fmt.Errorf("remove partial generation: %w", err)
		}
	}
	return nil
}

// switchCurrent makes name the current generation by renaming a new pointer file into
// place: a server reading it sees the old or the new name, never a mix.
func switchCurrent(dir, name string) error {
	if err := syncDir(filepath.Join(dir, schema.GenerationsDir)); err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(dir, schema.CurrentFile), []byte(name+"\n")); err != nil {
		return fmt.Errorf("switch to generation %s: %w", name, err)
	}
	return nil
}

// removeOldGenerations keeps the current generation and the one before it (for rollback),
// and removes older ones that no server has open. A server holds a shared lock on the
// generation's root.bolt while it has the index open.
func removeOldGenerations(dir, current string) {
	entries, err := os.ReadDir(filepath.Join(dir, schema.GenerationsDir))
	if err != nil {
		return
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasSuffix(e.Name(), schema.PartialSuffix) && e.Name() != current {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) <= 1 {
		return
	}
	for _, name := range names[:len(names)-1] {
		gen := filepath.Join(dir, schema.GenerationsDir, name)
		if GenerationInUse(gen) {
			continue
		}
		os.RemoveAll(gen)
	}
}

// GenerationInUse reports whether a process has the generation's Bleve index open.
func GenerationInUse(gen string) bool {
	f, err := os.Open(filepath.Join(gen, schema.BleveDir, "store", "root.bolt"))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// writeReports writes the run's summary, its skipped pages and its id aliases into the
// generation.
func writeReports(gen string, sum *Summary, aliases map[string]string) error {
	var report strings.Builder
	report.WriteString("source\treason\n")
	for _, s := range sum.Skipped {
		fmt.Fprintf(&report, "%s\t%s\n", oneLine(s.Source), oneLine(s.Reason))
	}
	if err := os.WriteFile(filepath.Join(gen, schema.ReportFile), []byte(report.String()), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	for name, v := range map[string]any{schema.SummaryFile: sum, schema.AliasesFile: aliases} {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return fmt.Errorf("encode %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(gen, name), b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

func oneLine(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}
