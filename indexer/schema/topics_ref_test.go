package schema

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// refExplain is Explain without the word-shape filter: every word looked up in byFirst.
func (t *Taxonomy) refExplain(title, body string) []Evidence {
	ev := make([]Evidence, len(t.topics))
	t.refAddScores(ev, TopicWords(body), 1, false)
	t.refAddScores(ev, TopicWords(title), t.titleWeight, true)
	var out []Evidence
	for i, e := range ev {
		if e.Score == 0 {
			continue
		}
		e.ID, e.Min = t.topics[i].ID, t.rules[i].min
		e.Assigned = e.Score >= e.Min
		out = append(out, e)
	}
	return out
}

func (t *Taxonomy) refAddScores(ev []Evidence, words []string, factor float64, inTitle bool) {
	var found []phraseMatch
	for i, w := range words {
		for _, pi := range t.byFirst[w] {
			if hasWordsAt(words, i, t.phrases[pi].words) {
				found = append(found, phraseMatch{i, pi})
			}
		}
	}
	var hidden []phraseMatch
	for _, m := range found {
		if t.phrases[m.phrase].exclude {
			hidden = append(hidden, m)
		}
	}
	for _, m := range found {
		p := t.phrases[m.phrase]
		if p.exclude || p.title && !inTitle {
			continue
		}
		if !t.hiddenBy(hidden, p, m.at) {
			ev[p.topic].Score += p.weight * factor
			name := strings.Join(p.words, " ")
			if inTitle {
				name = "title:" + name
			}
			ev[p.topic].Phrases = append(ev[p.topic].Phrases, name)
		}
	}
}

// TestExplainMatchesReference holds Explain and Assign, which skip the words whose shape no
// phrase starts with, to a lookup of every word, on random texts of the taxonomy's words.
func TestExplainMatchesReference(t *testing.T) {
	tax, err := LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for w := range tax.byFirst {
		if !tax.firstShapes.Has(w) {
			t.Fatalf("the shape of %q, a phrase's first word, is not in the filter", w)
		}
	}
	pieces := []string{" ", ", ", ". ", "\n\n", "’s ", "'s ", "-", "the", "The", "non", "a", "É", "é", "\u0301",
		strings.Repeat("x", 70), strings.Repeat("hague", 13)}
	for _, p := range tax.phrases {
		pieces = append(pieces, strings.Join(p.words, " "), p.words[0], strings.ToUpper(p.words[0]), p.words[0]+"s", p.words[0]+"ed")
	}
	rng := rand.New(rand.NewPCG(3, 5))
	text := func() string {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		return b.String()
	}
	for range 5000 {
		title, body := text(), text()
		want := tax.refExplain(title, body)
		if diff := cmp.Diff(want, tax.Explain(title, body)); diff != "" {
			t.Fatalf("Explain(%q, %q) mismatch (-want +got):\n%s", title, body, diff)
		}
		var ids []string
		for _, e := range want {
			if e.Assigned {
				ids = append(ids, e.ID)
			}
		}
		if diff := cmp.Diff(ids, tax.Assign(title, body)); diff != "" {
			t.Fatalf("Assign(%q, %q) mismatch (-want +got):\n%s", title, body, diff)
		}
	}
}

func TestLowerASCII(t *testing.T) {
	for _, s := range []string{"", "a", "A", "abc", "ABC", "Ministry of JUSTICE", "É É é", "İSTANBUL", "\u212aELVIN", "\xffA\xc3", "a1B2_c-D"} {
		want := []byte(s)
		for i, c := range want {
			if 'A' <= c && c <= 'Z' {
				want[i] = c + 'a' - 'A'
			}
		}
		if got := LowerASCII(s); got != string(want) {
			t.Errorf("LowerASCII(%q) = %q, want %q", s, got, want)
		}
	}
}
