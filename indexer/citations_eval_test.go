package indexer

import (
	"testing"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// TestCitationsCorpusDump logs the citations found in every corpus page (-v only).
func TestCitationsCorpusDump(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("verbose only")
	}
	countries, err := schema.LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range evalLoadCorpus(t) {
		if cs := ExtractCitations(p.Body, countries); len(cs) > 0 {
			t.Logf("%s: %+v", p.File, cs)
		}
	}
}
