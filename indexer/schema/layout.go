package schema

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Layout of an index directory:
//
//	DIR/CURRENT                         name of the current generation, replaced atomically
//	DIR/generations/<name>/bleve/       the Bleve index of one generation
//	DIR/generations/<name>/report.tsv   pages skipped by the run that built it, with reasons
//	DIR/generations/<name>/summary.json counts of that run
//	DIR/generations/<name>/aliases.json old notice ids and the ids they now resolve to
//	DIR/generations/<name>/pairs.idx    the word pairs of title and body (package indexer/pairs)
//	DIR/generations/<name>.partial/     a generation being built (removed if the run died)
//	DIR/originals/                      content-addressed original pages, shared by generations
//	DIR/ids.jsonl                       every id ever issued, with the identity it was issued for
const (
	CurrentFile    = "CURRENT"
	GenerationsDir = "generations"
	OriginalsDir   = "originals"
	BleveDir       = "bleve"
	ReportFile     = "report.tsv"
	SummaryFile    = "summary.json"
	AliasesFile    = "aliases.json"
	PairsFile      = "pairs.idx"
	IDRegistryFile = "ids.jsonl"
	PartialSuffix  = ".partial"
)

// ValidID reports whether s has the shape of a notice id (lower-case letters, digits and
// hyphens, not starting with a hyphen, at most 80 bytes), so that a request can be checked
// before it reaches the index.
func ValidID(s string) bool {
	if s == "" || len(s) > 80 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ErrNoIndex is returned when an index directory holds no complete generation.
var ErrNoIndex = errors.New("no index has been built here yet")

// CurrentGeneration returns the directory of the current generation of the index in dir.
func CurrentGeneration(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, CurrentFile))
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("open index %s: %w (run `noticearchive index` first)", dir, ErrNoIndex)
	}
	if err != nil {
		return "", fmt.Errorf("open index %s: %w", dir, err)
	}
	name := strings.TrimSpace(string(b))
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("open index %s: %s holds %q, not a generation name", dir, CurrentFile, name)
	}
	return filepath.Join(dir, GenerationsDir, name), nil
}
