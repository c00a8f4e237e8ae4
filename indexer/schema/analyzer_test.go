package schema_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// bleveAnalyzers returns Bleve's own chains that the mapping's analyzers replace: en, and
// the word-pair chain as indexes built before 2026-12-07 define it.
func bleveAnalyzers(t testing.TB) (text, pairs analysis.Analyzer) {
	t.Helper()
	cache := registry.NewCache()
	text, err := cache.AnalyzerNamed(en.AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cache.DefineTokenFilter("pairs", map[string]interface{}{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ",
	}); err != nil {
		t.Fatal(err)
	}
	pairs, err = cache.DefineAnalyzer("old_pairs", map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, porter.Name, "pairs"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return text, pairs
}

// mappingAnalyzers returns the analyzers the mapping indexes with.
func mappingAnalyzers(t testing.TB) (text, pairs analysis.Analyzer) {
	t.Helper()
	m, err := schema.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	text, pairs = m.AnalyzerNamed(schema.AnalyzerText), m.AnalyzerNamed(schema.AnalyzerBigrams)
	if text == nil || pairs == nil {
		t.Fatal("mapping lacks its analyzers")
	}
	if m.(*mapping.IndexMappingImpl).DefaultAnalyzer != schema.AnalyzerText {
		t.Fatalf("default analyzer %q", m.(*mapping.IndexMappingImpl).DefaultAnalyzer)
	}
	return text, pairs
}

// sameTokens reports the first difference between the tokens of two analyzers on input.
func sameTokens(want, got analysis.Analyzer, input string) error {
	// Bleve's lower-case filter writes into its input: each analyzer gets a copy.
	if err := equalTokens(want.Analyze([]byte(input)), got.Analyze([]byte(input))); err != nil {
		return fmt.Errorf("%q: %w", clip(input), err)
	}
	return nil
}

// equalTokens reports the first difference between two token streams.
func equalTokens(w, g analysis.TokenStream) error {
	if len(w) != len(g) {
		return fmt.Errorf("%d tokens, want %d:\n got %v\nwant %v", len(g), len(w), g, w)
	}
	for i := range w {
		if string(w[i].Term) != string(g[i].Term) || w[i].Position != g[i].Position || w[i].Start != g[i].Start ||
			w[i].End != g[i].End || w[i].Type != g[i].Type || w[i].KeyWord != g[i].KeyWord {
			return fmt.Errorf("token %d is %v, want %v", i, g[i], w[i])
		}
	}
	return nil
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// analyzerInputs are texts where tokenizing, possessives, case and stemming have edge cases.
var analyzerInputs = []string{
	"", " ", "the", "the who", "a b", "Adoption", "ADOPTIONS", "children's", "Children’s", "CHILDREN'S",
	"children＇s", "s", "'s", "’s", "x's's", "U.S. Department of State", "e-mail", "post-adoption",
	"1,000.50 and 2,5 and 3.4.5", "2012abc abc2012", "a_b __init__", "a:b e.g. i.e.", "don't can’t",
	"ΣΊΣΥΦΟΣ ΟΔΟΣ", "Ⱥnd Ⱦhe", "İstanbul", "Côte d’Ivoire", "São Tomé and Príncipe", "中华人民共和国 收养",
	"ｶﾀｶﾅ カタカナ", "naïve café", "emoji 😀 here", "a\u00a0b", "a\u0301b", "tab\tand\nnewline\r\n",
	"“quoted” — dash – en", "https://travel.state.gov/content/adoption.html?x=1#y", "K-12 3rd 21st",
	"generalizations generalization generalize", "relational conditional rational", "agreed feed",
	"\xff\xfe invalid", "ok \xff", "ﬁnal ligature", "ǅemal", "ΐ", "Ǆ",
	"a.b.c", "a..b", "1.2.3", "1,,2", "a'", "'a", "a_.b", "1a.b", "a1.2", "a.1", "1.a", "_", "__", "_1",
	"1_a", "a:b:c", "a;b", "1;2", "1:2", "x.y'z", ".5", "5.", "a.B", "A'B", "a,b", "1'2", "\x00a\x01b",
}

// TestAnalyzersMatchBleve checks that the mapping's analyzers give Bleve's tokens, term,
// position, offsets and type, on hand-picked texts, on the generated corpus's pages and
// texts, and on random strings; the stem cache is warm for the second round.
func TestAnalyzersMatchBleve(t *testing.T) {
	oldText, oldPairs := bleveAnalyzers(t)
	text, pairs := mappingAnalyzers(t)
	inputs := append([]string(nil), analyzerInputs...)
	err := gen.Generate(gen.Options{N: 60, Seed: 3, Layouts: gen.LayoutsMixed}, func(p gen.Page) error {
		inputs = append(inputs, p.Body, string(p.HTML))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		inputs = append(inputs, randomText(rng, 1+rng.IntN(60)), randomASCII(rng, 1+rng.IntN(40)))
	}
	for round := range 2 {
		for _, in := range inputs {
			if err := sameTokens(oldText, text, in); err != nil {
				t.Fatalf("round %d, text analyzer: %v", round, err)
			}
			if err := sameTokens(oldPairs, pairs, in); err != nil {
				t.Fatalf("round %d, pair analyzer: %v", round, err)
			}
			if err := sameAsTextAndPairs(oldText, oldPairs, in); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}

// sameAsTextAndPairs checks TextAndPairs against Bleve's two chains.
func sameAsTextAndPairs(text, pairs analysis.Analyzer, in string) error {
	gotText, gotPairs := schema.TextAndPairs([]byte(in))
	if err := equalTokens(text.Analyze([]byte(in)), gotText); err != nil {
		return fmt.Errorf("TextAndPairs %q, text: %w", clip(in), err)
	}
	if err := equalTokens(pairs.Analyze([]byte(in)), gotPairs); err != nil {
		return fmt.Errorf("TextAndPairs %q, pairs: %w", clip(in), err)
	}
	return nil
}

// TestAnalyzersConcurrent analyses at once from several goroutines, as Bleve's analysis
// workers do; under -race it checks the shared stem cache.
func TestAnalyzersConcurrent(t *testing.T) {
	oldText, _ := bleveAnalyzers(t)
	text, _ := mappingAnalyzers(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 9))
			for range 200 {
				if err := sameTokens(oldText, text, randomText(rng, 20)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// randomText joins random pieces: words, stop words, punctuation, digits, non-ASCII
// letters and marks, and arbitrary runes.
func randomText(rng *rand.Rand, n int) string {
	pieces := []string{
		"adoption", "Adoptions", "the", "of", "and", "Hague", "convention's", "’s", "'", "s", " ", " ", "  ",
		"\n", "-", ".", ",", ":", "_", "1", "2012", "3,5", "é", "Ö", "ß", "Σ", "ς", "中", "カ", "\u0301",
		"\u200d", "\u00a0", "😀", "U.S.", "e.g.", "ministry", "MINISTRY", "children’s", "x", "Ⱥ",
	}
	var b strings.Builder
	for range n {
		if rng.IntN(12) == 0 {
			b.WriteRune(rune(rng.IntN(0x3000)))
			continue
		}
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// randomASCII is random ASCII weighted towards what joins or splits words.
func randomASCII(rng *rand.Rand, n int) string {
	const common = "aZ9_.:,;' \n-"
	b := make([]byte, n)
	for i := range b {
		if rng.IntN(3) == 0 {
			b[i] = byte(rng.IntN(0x80))
		} else {
			b[i] = common[rng.IntN(len(common))]
		}
	}
	return string(b)
}

// FuzzAnalyzers checks the mapping's analyzers against Bleve's chains on any text.
func FuzzAnalyzers(f *testing.F) {
	for _, in := range analyzerInputs {
		f.Add(in)
	}
	oldText, oldPairs := bleveAnalyzers(f)
	text, pairs := mappingAnalyzers(f)
	f.Fuzz(func(t *testing.T, in string) {
		if err := sameTokens(oldText, text, in); err != nil {
			t.Fatalf("text analyzer: %v", err)
		}
		if err := sameTokens(oldPairs, pairs, in); err != nil {
			t.Fatalf("pair analyzer: %v", err)
		}
		if err := sameAsTextAndPairs(oldText, oldPairs, in); err != nil {
			t.Fatal(err)
		}
	})
}
