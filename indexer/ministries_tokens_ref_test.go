package indexer

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refMTokenize is mTokenize without its fast path for plain ASCII words: every rune
// decoded, every word read by mWordEnd and mNewWordTok.
func refMTokenize(text string) []mtok {
	var toks []mtok
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if len(toks) == 0 || toks[len(toks)-1].text != "\n" {
				toks = append(toks, mtok{text: "\n", start: i, end: i + n})
			}
			i += n
		case unicode.IsSpace(r):
			i += n
		case mIsWordRune(r):
			end := mWordEnd(text, i)
			toks = append(toks, mNewWordTok(text, i, end))
			i = end
		default:
			toks = append(toks, mtok{text: text[i : i+n], start: i, end: i + n})
			i += n
		}
	}
	return toks
}

// refMIsURLish is mIsURLish as first written, lowering the word to look for "www.".
func refMIsURLish(w string) bool {
	if strings.HasPrefix(w, "U.S.") {
		return false
	}
	if strings.ContainsAny(w, "@_") || strings.HasPrefix(strings.ToLower(w), "www.") {
		return true
	}
	if i := strings.IndexAny(w, "./"); i > 0 && i < len(w)-1 {
		rest := w[i+1:]
		return strings.IndexFunc(rest, unicode.IsLower) >= 0 && !mIsDottedAbbrev(w)
	}
	return false
}

func TestMTokenizeMatchesReference(t *testing.T) {
	texts := equivalenceTexts(t)
	for _, text := range texts {
		got, want := mTokenize(text), refMTokenize(text)
		if !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("mTokenize(%q): token %d is %+v, want %+v", text, i, got[i], want[i])
				}
			}
			t.Fatalf("mTokenize(%q): %d tokens, want %d", text, len(got), len(want))
		}
	}
	for _, text := range texts {
		for _, w := range append(strings.Fields(text), text) {
			if got, want := mIsURLish(w), refMIsURLish(w); got != want {
				t.Fatalf("mIsURLish(%q) = %v, want %v", w, got, want)
			}
		}
	}
}

// TestHeadShapesHoldEveryHead: headKind skips the words whose shape is not in headShapes,
// which must hold every head word's.
func TestHeadShapesHoldEveryHead(t *testing.T) {
	v := mLoadVocab()
	for w := range v.heads {
		if !v.headShapes.Has(w) {
			t.Errorf("head %q: its shape is not in headShapes", w)
		}
	}
}
