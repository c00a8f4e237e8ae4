package web

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// show writes a comparison compactly: [-removed-], {+added+}, … for words left out
// within a paragraph, [… n …] for a gap paragraph, and " | " between paragraphs.
func show(d textDiff) string {
	var paras []string
	for _, p := range d.Paragraphs {
		if p.Gap() {
			paras = append(paras, fmt.Sprintf("[… %d …]", p.Skipped))
			continue
		}
		var segs []string
		for _, s := range p.Segments {
			switch s.Op {
			case diffDelete:
				segs = append(segs, "[-"+s.Text+"-]")
			case diffInsert:
				segs = append(segs, "{+"+s.Text+"+}")
			default:
				segs = append(segs, s.Text)
			}
		}
		paras = append(paras, strings.Join(segs, " "))
	}
	return strings.Join(paras, " | ")
}

// numbered returns n words "w1 w2 ... wn" starting at from.
func numbered(from, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("w%d", from+i)
	}
	return strings.Join(w, " ")
}

func TestDiffTexts(t *testing.T) {
	long := numbered(1, 40)
	for _, tc := range []struct {
		name, old, new string
		want           string
		ins, del       int
	}{
		{name: "same", old: "a b  c", new: "a b c", want: "a b c"},
		{name: "both empty", old: "", new: "", want: ""},
		{name: "all new", old: "", new: "a b", want: "{+a b+}", ins: 2},
		{name: "all gone", old: "a b", new: "", want: "[-a b-]", del: 2},
		{name: "sentence added", old: "The cat sat.", new: "The cat sat. It slept.", want: "The cat sat. {+It slept.+}", ins: 2},
		{name: "word replaced", old: "fees are 100 dollars", new: "fees are 200 dollars", want: "fees are [-100-] {+200+} dollars", ins: 1, del: 1},
		{name: "removals before additions", old: "a b c d e", new: "a x y d e", want: "a [-b c-] {+x y+} d e", ins: 2, del: 2},
		{name: "two changes", old: "a b c d e f", new: "a B c d E f", want: "a [-b-] {+B+} c d [-e-] {+E+} f", ins: 2, del: 2},
		{name: "paragraphs kept", old: "a b\n\nc d", new: "a b\n\nc x", want: "a b | c [-d-] {+x+}", ins: 1, del: 1},
		{name: "paragraphs joined", old: "a b\n\nc d", new: "a b c d", want: "a b [-¶-] | c d"},
		{name: "paragraph split", old: "a b c d", new: "a b\n\nc d", want: "a b {+¶+} | c d"},
		{name: "paragraph added", old: "one\n\nthree", new: "one\n\ntwo\n\nthree", want: "one | {+two ¶+} | three", ins: 1},
		{name: "windows line ends", old: "a\r\n\r\nb", new: "a\n\nb c", want: "a | b {+c+}", ins: 1},
		{
			name: "long unchanged run cut in the middle",
			old:  long + " old " + long, new: long + " new " + long,
			want: "… " + numbered(29, 12) + " [-old-] {+new+} " + numbered(1, 12) + " …", ins: 1, del: 1,
		},
		{
			name: "short unchanged run kept whole",
			old:  numbered(1, 14) + " x", new: numbered(1, 14) + " y",
			want: numbered(1, 14) + " [-x-] {+y+}", ins: 1, del: 1,
		},
		{
			name: "unchanged paragraphs left out",
			old:  long + "\n\n" + long + "\n\nw1 w2 old w3\n\n" + long, new: long + "\n\n" + long + "\n\nw1 w2 new w3\n\n" + long,
			want: "[… 80 …] | w1 w2 [-old-] {+new+} w3 | [… 40 …]", ins: 1, del: 1,
		},
		{
			name: "whole text unchanged but for its last word",
			old:  long + "\n\n" + long + " x", new: long + "\n\n" + long + " y",
			want: "[… 40 …] | … " + numbered(29, 12) + " [-x-] {+y+}", ins: 1, del: 1,
		},
		{
			name: "long paragraph cut on both sides of a paragraph gap",
			old:  long + "\n\n" + long + "\n\n" + long, new: long + " y\n\n" + long + "\n\n" + long + " z",
			want: "… " + numbered(29, 12) + " {+y+} | [… 40 …] | … " + numbered(29, 12) + " {+z+}", ins: 2,
		},
		{
			name: "nothing after the last change",
			old:  "a\n\n" + long + "\n\n" + long, new: "b\n\n" + long + "\n\n" + long,
			want: "[-a-] {+b+} | [… 80 …]", ins: 1, del: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := diffTexts(tc.old, tc.new)
			if diff := cmp.Diff(tc.want, show(d)); diff != "" {
				t.Errorf("diff (-want +got):\n%s", diff)
			}
			if d.Inserted != tc.ins || d.Deleted != tc.del {
				t.Errorf("inserted %d deleted %d, want %d %d", d.Inserted, d.Deleted, tc.ins, tc.del)
			}
			if d.Same() != (tc.ins == 0 && tc.del == 0) || d.Coarse {
				t.Errorf("same %v coarse %v", d.Same(), d.Coarse)
			}
		})
	}
}

// TestMyersIsShortest checks the edit script on random inputs: it turns a into b, and
// it is as short as the longest common subsequence allows.
func TestMyersIsShortest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		a, b := randomTokens(r), randomTokens(r)
		ops, ok, _ := myers(a, b, len(a)+len(b), 1<<30)
		if !ok {
			t.Fatalf("no script for %v -> %v", a, b)
		}
		var gotA, gotB []int32
		edits := 0
		i, j := 0, 0
		for _, op := range ops {
			switch op {
			case diffEqual:
				gotA, gotB = append(gotA, a[i]), append(gotB, b[j])
				i, j = i+1, j+1
			case diffDelete:
				gotA = append(gotA, a[i])
				i, edits = i+1, edits+1
			case diffInsert:
				gotB = append(gotB, b[j])
				j, edits = j+1, edits+1
			}
		}
		if !cmp.Equal(gotA, a, cmp.Comparer(eqInts)) || !cmp.Equal(gotB, b, cmp.Comparer(eqInts)) {
			t.Fatalf("script %v does not turn %v into %v", ops, a, b)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("%v -> %v: %d edits, want %d", a, b, edits, want)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); want > 0 {
			if _, ok, _ := myers(a, b, want-1, 1<<30); ok {
				t.Fatalf("%v -> %v: found a script within %d edits", a, b, want-1)
			}
		}
	}
}

func eqInts(x, y []int32) bool { return fmt.Sprint(x) == fmt.Sprint(y) }

func randomTokens(r *rand.Rand) []int32 {
	out := make([]int32, r.IntN(12))
	for i := range out {
		out[i] = int32(r.IntN(4))
	}
	return out
}

// lcs is the length of the longest common subsequence, by dynamic programming.
func lcs(a, b []int32) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// edited returns a text of paras paragraphs of 50 words with every nth word changed;
// with regroup, the changed text joins its paragraphs in pairs.
func edited(paras, every int, seed uint64) (old, new string) {
	return editedText(paras, every, false, seed)
}

func editedText(paras, every int, regroup bool, seed uint64) (old, new string) {
	r := rand.New(rand.NewPCG(seed, 7))
	var a, b []string
	for p := range paras {
		var wa, wb []string
		for i := range 50 {
			w := fmt.Sprintf("word%d", r.IntN(300))
			wa = append(wa, w)
			if every > 0 && (p*50+i)%every == 0 {
				w = fmt.Sprintf("changed%d", r.IntN(300))
			}
			wb = append(wb, w)
		}
		a, b = append(a, strings.Join(wa, " ")), append(b, strings.Join(wb, " "))
	}
	if regroup {
		var joined []string
		for i := 0; i < len(b); i += 2 {
			joined = append(joined, strings.Join(b[i:min(i+2, len(b))], " "))
		}
		b = joined
	}
	return strings.Join(a, "\n\n"), strings.Join(b, "\n\n")
}

// TestDiffBounded checks that long or very different texts come back quickly: word by
// word for a few thousand words with many changes, paragraph by paragraph when the
// texts are huge and share little.
func TestDiffBounded(t *testing.T) {
	for _, tc := range []struct {
		name         string
		paras, every int
		regroup      bool
		coarse       bool
		limit        time.Duration
	}{
		{name: "4000 words, a change every 20", paras: 80, every: 20, limit: 500 * time.Millisecond},
		{name: "4000 words, a change every 5", paras: 80, every: 5, limit: 500 * time.Millisecond},
		{name: "4000 words, every word changed", paras: 80, every: 1, limit: 500 * time.Millisecond},
		{name: "100000 words, a change every 10", paras: 2000, every: 10, limit: 2 * time.Second},
		{name: "100000 words, changed and regrouped", paras: 2000, every: 10, regroup: true, coarse: true, limit: 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, new := editedText(tc.paras, tc.every, tc.regroup, 3)
			start := time.Now()
			d := diffTexts(old, new)
			took := time.Since(start)
			t.Logf("%s: %v, coarse %v, +%d -%d", tc.name, took, d.Coarse, d.Inserted, d.Deleted)
			if took > tc.limit { // generous: the machine is shared; see BenchmarkDiffTexts
				t.Errorf("took %v", took)
			}
			if d.Coarse != tc.coarse {
				t.Errorf("coarse %v, want %v", d.Coarse, tc.coarse)
			}
			if d.Inserted == 0 || d.Deleted == 0 {
				t.Errorf("no changes found: +%d -%d", d.Inserted, d.Deleted)
			}
		})
	}
}

func BenchmarkDiffTexts(b *testing.B) {
	for _, bc := range []struct {
		name         string
		paras, every int
	}{
		{"3000w-sentence", 60, 0},
		{"3000w-every50", 60, 50},
		{"3000w-every10", 60, 10},
		{"3000w-all", 60, 1},
	} {
		old, new := edited(bc.paras, bc.every, 3)
		if bc.every == 0 {
			new += " A sentence added at the end."
		}
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				diffTexts(old, new)
			}
		})
	}
}
