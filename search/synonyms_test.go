package search

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSynonymsParse(t *testing.T) {
	syn, err := LoadSynonyms()
	if err != nil {
		t.Fatalf("the embedded synonyms.txt does not parse: %v", err)
	}
	tests := []struct {
		text string
		want []string // entries that must be among the synonyms
	}{
		{"Hague Convention", []string{"Hague Adoption Convention", "Convention on the Protection of Children and Co-operation in Respect of Intercountry Adoption"}},
		{"the hague conventions", []string{"Hague Adoption Convention"}}, // stop words and plurals
		{"Convention on Protection of Children and Co-operation in Respect of Intercountry Adoption", []string{"Hague Convention"}},
		{"I800", []string{"I-800", "Form I-800"}},
		{"Hague Certificates", []string{"Hague Adoption Certificate"}},
		{"MOWCYA", []string{"Ministry of Women, Children and Youth Affairs"}},
	}
	for _, tt := range tests {
		got := syn.Lookup(tt.text)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("Lookup(%q) = %q, want it to hold %q", tt.text, got, w)
			}
		}
		if len(got) > maxSynonyms {
			t.Errorf("Lookup(%q) returned %d synonyms, more than %d", tt.text, len(got), maxSynonyms)
		}
	}
	if got := syn.Lookup("adoption"); got != nil {
		t.Errorf("Lookup(adoption) = %q, want none", got)
	}
}

func TestParseSynonyms(t *testing.T) {
	syn, err := ParseSynonyms("# comment\n\nfoo bar | baz\nbaz | qux\n")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"foo bar", "qux"}, syn.Lookup("BAZ")); diff != "" {
		t.Errorf("Lookup(BAZ) (-want +got):\n%s", diff)
	}
	if !syn.Has("foo  bar") || syn.Has("foo") {
		t.Errorf("Has: want foo bar, not foo")
	}
	for _, bad := range []string{"lonely", "the | of", "a | b |"} {
		if _, err := ParseSynonyms(bad); err == nil {
			t.Errorf("ParseSynonyms(%q): no error", bad)
		}
	}
}
