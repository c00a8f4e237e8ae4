package indexer

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// refTopicWords is schema.TopicWords as first written: every rune decoded, every word
// lowered on its own.
func refTopicWords(text string) []string {
	if !refIsASCII(text) {
		text = norm.NFD.String(text)
	}
	words := make([]string, 0, len(text)/6)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !refIsTopicRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !refIsTopicRune(r) {
				break
			}
			j += n
		}
		words = append(words, refStemWord(refLowerWord(text[i:j])))
		i = refSkipPossessive(text, j)
	}
	if len(words) == 0 {
		return nil
	}
	return words
}

func refIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func refIsTopicRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func refLowerWord(w string) string {
	if refIsASCII(w) {
		for i := 0; i < len(w); i++ {
			if 'A' <= w[i] && w[i] <= 'Z' {
				return strings.ToLower(w)
			}
		}
		return w
	}
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, w)
}

func refSkipPossessive(text string, j int) int {
	for _, p := range []string{"’s", "'s"} {
		if strings.HasPrefix(text[j:], p) {
			k := j + len(p)
			if k == len(text) {
				return k
			}
			if r, _ := utf8.DecodeRuneInString(text[k:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return k
			}
		}
	}
	return j
}

func refStemWord(w string) string {
	switch {
	case len(w) > 4 && (strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied")):
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case len(w) > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes")):
		w = w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	for _, s := range []struct {
		suffix string
		minLen int
	}{{"ing", 6}, {"ed", 5}} {
		if len(w) >= s.minLen && strings.HasSuffix(w, s.suffix) {
			w = w[:len(w)-len(s.suffix)]
			if n := len(w); n > 2 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) {
				w = w[:n-1]
			}
			break
		}
	}
	return w
}

func TestTopicWordsMatchesReference(t *testing.T) {
	for _, text := range equivalenceTexts(t) {
		if got, want := schema.TopicWords(text), refTopicWords(text); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("TopicWords(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestAssignMatchesExplain holds Assign, which names no phrases, to the topics Explain
// assigns.
func TestAssignMatchesExplain(t *testing.T) {
	tax, err := schema.LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	texts := equivalenceTexts(t)
	for i, body := range texts {
		title := texts[(i*31+7)%len(texts)]
		var want []string
		for _, e := range tax.Explain(title, body) {
			if e.Assigned {
				want = append(want, e.ID)
			}
		}
		if got := tax.Assign(title, body); !slices.Equal(got, want) {
			t.Fatalf("Assign(%q, %q) = %q, want %q", title, body, got, want)
		}
	}
}
