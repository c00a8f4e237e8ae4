package search

import (
	"html/template"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"guatamala", "guatemala", 3, 1},
		{"moratoruim", "moratorium", 3, 1}, // a transposition is one edit
		{"convension", "convention", 3, 1},
		{"kirgizstan", "kyrgyzstan", 3, 2},
		{"abc", "abc", 3, 0},
		{"", "abc", 5, 3},
		{"adoption", "ethiopia", 3, 3}, // capped at the limit
		{"a", "abcdef", 2, 2},
	} {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	hits := []Hit{
		{Title: "Guatemala Pilot Program", Country: "Guatemala", Snippet: template.HTML("The <mark>Convention</mark> applies to guatemalan cases.")},
	}
	countries, err := loadVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q     string
		typos []typo
		want  string
	}{
		{"Guatamala DNA", []typo{{text: "Guatamala", k: 1}}, "Guatemala DNA"},
		{"guatamala OR GUATAMALA", []typo{{text: "guatamala", k: 1}}, "guatemala OR guatemala"},
		{"hague convension", []typo{{text: "convension", k: 1}}, "hague convention"},
		{"Cambodja", []typo{{text: "Cambodja", k: 1}}, "Cambodia"}, // from the country names
		{"xylophone", []typo{{text: "xylophone", k: 2}}, ""},
	} {
		if got := suggest(tt.q, tt.typos, hits, countries.countries); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestReplaceWordAndCase(t *testing.T) {
	if got := replaceWord("Guatamala guatamalan (guatamala)", "guatamala", "guatemala"); got != "guatemala guatamalan (guatemala)" {
		t.Errorf("replaceWord = %q", got)
	}
	for _, tt := range []struct{ like, w, want string }{
		{"DRC", "drv", "DRV"}, {"Nepal", "nepal", "Nepal"}, {"nepal", "nepal", "nepal"},
	} {
		if got := matchCase(tt.like, tt.w); got != tt.want {
			t.Errorf("matchCase(%q, %q) = %q, want %q", tt.like, tt.w, got, tt.want)
		}
	}
}
