package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"testing"
)

// textDigestRef is TextDigest as first written: the digests kept in the id registry
// are this function's.
func textDigestRef(n *Notice) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(n.Title+"\n"+n.Body), " ")))
	return hex.EncodeToString(sum[:12])
}

func TestTextDigestMatchesReference(t *testing.T) {
	pieces := []string{"a", "Adoption", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\u0085", "\u00a0",
		"\u2003", "\u3000", "\u200b", "é", "日本", "\xff", "\xe2\x80", ".", "word", strings.Repeat("x", 5000)}
	r := rand.New(rand.NewPCG(1, 2))
	texts := []string{"", " ", "one", " lead", "trail ", strings.Repeat("ab ", 3000)}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for i, title := range texts {
		body := texts[(i*7+3)%len(texts)]
		n := &Notice{Title: title, Body: body}
		if got, want := TextDigest(n), textDigestRef(n); got != want {
			t.Fatalf("TextDigest(%q, %q) = %s, want %s", title, body, got, want)
		}
	}
}

func FuzzTextDigest(f *testing.F) {
	f.Add("Title", "Body text\u00a0with\tspaces")
	f.Add("", "\xff\xfe \u2028x")
	f.Fuzz(func(t *testing.T, title, body string) {
		n := &Notice{Title: title, Body: body}
		if got, want := TextDigest(n), textDigestRef(n); got != want {
			t.Fatalf("TextDigest(%q, %q) = %s, want %s", title, body, got, want)
		}
	})
}

func BenchmarkTextDigest(b *testing.B) {
	body := strings.Repeat("The Department of State notes that the Central Authority has suspended processing. ", 60)
	n := &Notice{Title: "Adoptions from Cambodia suspended", Body: body}
	b.SetBytes(int64(len(body)))
	b.Run("streaming", func(b *testing.B) {
		for b.Loop() {
			TextDigest(n)
		}
	})
	b.Run("reference", func(b *testing.B) {
		for b.Loop() {
			textDigestRef(n)
		}
	})
}
