package search

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
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

// BenchmarkSnippet marks a word absent from a body (read through), and a word in every
// sentence of it, and makes the snippet.
func BenchmarkSnippet(b *testing.B) {
	body := strings.Repeat("The Department of State informs prospective adoptive parents that the Central Authority of Guatemala has suspended processing of new intercountry cases. ", 25)
	for _, q := range []string{"bakaion", "adoption", "suspension Guatemala"} {
		b.Run(q, func(b *testing.B) {
			n, _ := Parse(q)
			m := newMarker(n)
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				snippet(body, m.spans(body), snippetRunes)
			}
		})
	}
}

// TestWritePlainEscapesAsTemplate: the snippet writer escapes as html/template's
// HTMLEscape does and makes each run of white space one space, on texts of markup
// characters, white space of every kind, letters beyond ASCII and invalid bytes.
func TestWritePlainEscapesAsTemplate(t *testing.T) {
	reference := func(s string) string { // the writer as it was, on HTMLEscape
		var b strings.Builder
		space, from := false, 0
		for i, r := range s {
			if unicode.IsSpace(r) {
				if !space {
					template.HTMLEscape(&b, []byte(s[from:i]))
					b.WriteByte(' ')
					space = true
				}
				from = i + utf8.RuneLen(r)
				continue
			}
			space = false
		}
		template.HTMLEscape(&b, []byte(s[from:]))
		return b.String()
	}
	pieces := []string{"a", "Côte", "<b>", "&amp;", "\"", "'", ">", "\x00", " ", "  ", "\t", "\n\r",
		"\u00a0", "\u2003", "\u0085", "\xff", "\xe2\x80", "x\x7fy", "\x01", "mark"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		var in strings.Builder
		for range rng.IntN(30) {
			in.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := in.String()
		var got strings.Builder
		writePlain(&got, s)
		if want := reference(s); got.String() != want {
			t.Fatalf("%q: wrote %q, want %q", s, got.String(), want)
		}
	}
}

// TestSpansReadWordsAsWordEndDoes: the marker's fast scan finds the words the
// character-at-a-time scan finds, on texts of words, apostrophes, digits, punctuation and
// letters beyond ASCII, for markers with and without a first-letter filter.
func TestSpansReadWordsAsWordEndDoes(t *testing.T) {
	reference := func(m *marker, text string) []span { // the scan as it was
		var out []span
		var lower []byte
		for i := 0; i < len(text); {
			c := text[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					i++
					continue
				}
			} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
				i += size
				continue
			}
			start := i
			i = wordEnd(text, i)
			if c < utf8.RuneSelf && !m.anyFirst && !m.first[asciiLower(c)] {
				continue
			}
			lower = appendLower(lower[:0], text[start:i])
			if m.matches(lower) {
				out = append(out, span{start, i})
			}
		}
		return out
	}
	pieces := []string{"adoption", "Adoptions", "ADOPTED", "aDoPt", "xadopt", "adopt2", "Pp", "PPadopt", "Russia", "russia's", "Russia’s", "don't",
		"d'Ivoire", "l’adoption", "’adoption", "'adopt", "adopt'", "2010", "a2010", "x", "Côte", "Ñandú",
		"\u212Aenya", "İstanbul", "court", "courts", " ", "  ", ", ", ". ", "\n", "'", "’", "—", "é",
		"\u00a0", "ça", "visa", "\xff", "adoption\xe2\x80"}
	queries := []string{"adoption", "russia", "Russia hague", "court*", "2010", "kenya", "cote", "visa~1", "ivoire",
		"adoption russia court* 2010 istanbul", "\"d'Ivoire adoption\""}
	rng := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for _, q := range queries {
		n, err := Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		m := newMarker(n)
		if m.probes == nil && q != "visa~1" && !strings.Contains(q, "'") {
			t.Fatalf("%q: probes %v", q, m.probes)
		}
		for i := range 800 {
			var b strings.Builder
			for range rng.IntN(60) {
				p := pieces[rng.IntN(len(pieces))]
				if i%2 == 0 && (strings.Contains(p, "\u212A") || strings.Contains(p, "İ")) {
					continue // half the texts are read by probes, half by the scan
				}
				b.WriteString(p)
			}
			text := b.String()
			want, got := reference(m, text), m.spans(text)
			if fmt.Sprint(want) != fmt.Sprint(got) {
				t.Fatalf("%q in %q: %v, want %v", q, text, got, want)
			}
			checked += len(want)
		}
	}
	if checked < 300 {
		t.Fatalf("only %d marked words compared", checked)
	}
}
