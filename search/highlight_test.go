package search

import (
	"strings"
	"testing"
)

func marked(t *testing.T, query, text string) []string {
	t.Helper()
	n, err := Parse(query)
	if err != nil {
		t.Fatal(err)
	}
	m := newMarker(n)
	if m == nil {
		return nil
	}
	var out []string
	for _, s := range m.spans(text) {
		out = append(out, text[s.start:s.end])
	}
	return out
}

// The marker marks the words the index would match: stems, possessives, prefixes of the
// stem, fuzzy words; never negated words or words of other fields.
func TestMarkerMarksWhatTheIndexMatches(t *testing.T) {
	text := "Adoptions adopted by the Department's Central Authority; accreditation in Guatemala. " +
		"L'adoption internationale, Ethiopia’s court, ADOPTION, adoptive parents."
	for _, tt := range []struct{ query, want string }{
		{"adoption", "Adoptions adopted ADOPTION adoptive"}, // all stem to "adopt"
		{"department", "Department's"},
		{"ethiopia", "Ethiopia’s"},
		{"accredit*", "accreditation"},
		{"guatamala~", "Guatemala"},
		{`"central authority"`, "Central Authority"},
		{"adoption -guatemala", "Adoptions adopted ADOPTION adoptive"},
		{"country:guatemala court", "court"},
		{"parents", "parents"},
		{"nothing", ""},
	} {
		if got := strings.Join(marked(t, tt.query, text), " "); got != tt.want {
			t.Errorf("%s: marked %q, want %q", tt.query, got, tt.want)
		}
	}
}

// A snippet is escaped, marks its words, collapses white space, and shows the passage with
// the most marked words.
func TestSnippetPicksTheDensestPassageAndEscapes(t *testing.T) {
	filler := strings.Repeat("Lorem ipsum dolor sit amet. ", 20)
	text := "An <b>early</b> visa note.\n\n" + filler + "The visa  and visa\tprocessing of visa cases & <script>x</script>. " + filler
	n, _ := Parse("visa")
	m := newMarker(n)
	s := string(snippet(text, m.spans(text), snippetRunes))
	if strings.Count(s, "<mark>visa</mark>") != 3 {
		t.Errorf("snippet does not hold the densest passage: %s", s)
	}
	if !strings.HasPrefix(s, "… ") || !strings.HasSuffix(s, " …") {
		t.Errorf("a passage from the middle is not marked as cut: %s", s)
	}
	if strings.Contains(s, "<script>") || strings.Contains(s, "<b>") || !strings.Contains(s, "&amp;") {
		t.Errorf("snippet not escaped: %s", s)
	}
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\n") {
		t.Errorf("white space not collapsed: %q", s)
	}
	if title := string(markAll("Visa <news>", m.spans("Visa <news>"))); title != "<mark>Visa</mark> &lt;news&gt;" {
		t.Errorf("title: %s", title)
	}
	if snippet("no words here", nil, snippetRunes) != "" || markAll("x", nil) != "" {
		t.Error("text without marked words gives a snippet")
	}
}

func TestWithinEdits(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		k    int
		want bool
	}{
		{"guatamala", "guatemala", 1, true}, {"earthqauk", "earthquak", 1, true},
		{"earthqxxk", "earthquak", 1, false}, {"earthqxxk", "earthquak", 2, true}, {"a", "abc", 1, false},
	} {
		if got := withinEdits(tt.a, tt.b, tt.k); got != tt.want {
			t.Errorf("withinEdits(%q, %q, %d) = %v", tt.a, tt.b, tt.k, got)
		}
	}
}

func BenchmarkSnippet(b *testing.B) {
	body := strings.Repeat("The Department of State informs prospective adoptive parents that the Central Authority of Guatemala has suspended processing of new intercountry cases. ", 25)
	n, _ := Parse("bakaion")
	m := newMarker(n)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		snippet(body, m.spans(body), snippetRunes)
	}
}
