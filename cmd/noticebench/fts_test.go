package main

import (
	"errors"
	"testing"

	"github.com/noticearchive/noticearchive/search"
)

func TestFTSMatch(t *testing.T) {
	tests := []struct {
		query, want string
	}{
		{"guatemala", `"guatemala"`},
		{"Burkina Faso", `("Burkina" AND "Faso")`},
		{`"central authority"`, `{title body} : "central authority"`},
		{"(visa OR court) AND families NOT pending", `((("visa" OR "court") AND "families") NOT "pending")`},
		{"visa -court -fees", `("visa" NOT ("court" OR "fees"))`},
		{"the visa", `"visa"`}, // "the" is a stop word to our analyzer: it drops out
		{`visa "central authority"`, `("visa" AND {title body} : "central authority")`},
	}
	for _, tt := range tests {
		n, err := search.Parse(tt.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.query, err)
		}
		got, err := ftsMatch(n)
		if err != nil {
			t.Errorf("ftsMatch(%q): %v", tt.query, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ftsMatch(%q) = %s, want %s", tt.query, got, tt.want)
		}
	}
}

func TestFTSMatchUntranslatable(t *testing.T) {
	for _, q := range []string{"visa*", "visa~1", "country:ghana", "-visa", `"the of"`, "e-mail", "visa OR -court"} {
		n, err := search.Parse(q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", q, err)
		}
		if got, err := ftsMatch(n); !errors.Is(err, errUntranslatable) {
			t.Errorf("ftsMatch(%q) = %q, %v; want errUntranslatable", q, got, err)
		}
	}
}

func TestFTSMatchSynonyms(t *testing.T) {
	// Our compiler widens these with synonyms (search/synonyms.txt); FTS5 would not.
	for _, q := range []string{"ICAB", `"Hague Certificate"`, "new hague convention rules"} {
		n, err := search.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := ftsMatch(n); !errors.Is(err, errUntranslatable) {
			t.Errorf("ftsMatch(%q) = %q, %v; want errUntranslatable", q, got, err)
		}
	}
}
