package indexer

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// evalScoreNorm folds like score-extract.py's norm(): ASCII only, lower case, words of letters
// and digits.
func evalScoreNorm(s string) string {
	s = norm.NFKD.String(s)
	s = strings.Map(func(r rune) rune {
		if r > unicode.MaxASCII {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	s = evalLabelPrefixRE.ReplaceAllString(strings.TrimSpace(s), "")
	return strings.Join(evalWordRE.FindAllString(s, -1), " ")
}

var (
	evalLabelPrefixRE = regexp.MustCompile(`^(adoption\s+)?(notice|alert)\s*:\s*`)
	evalWordRE        = regexp.MustCompile(`[a-z0-9]+`)
	evalMinorWords    = map[string]bool{"the": true, "of": true, "and": true, "s": true, "for": true, "in": true}
)

func evalScoreToks(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(evalScoreNorm(s)) {
		if !evalMinorWords[w] {
			m[w] = true
		}
	}
	return m
}

// evalSameBody is score-extract.py's same_body(): how the scorer matches ministry names.
func evalSameBody(a, b string) bool {
	ta, tb := evalScoreToks(a), evalScoreToks(b)
	na, nb := evalScoreNorm(a), evalScoreNorm(b)
	if len(ta) == 0 || len(tb) == 0 || len(strings.Fields(na)) > 14 || len(strings.Fields(nb)) > 14 {
		return false
	}
	inter, union := 0, len(tb)
	for w := range ta {
		if tb[w] {
			inter++
		} else {
			union++
		}
	}
	return float64(inter)/float64(union) >= 0.6 || strings.Contains(na, nb) || strings.Contains(nb, na)
}

// evalPRF holds true positives, false positives and false negatives.
type evalPRF struct{ tp, fp, fn int }

func (s evalPRF) f1() float64 {
	if s.tp == 0 {
		return 0
	}
	p := float64(s.tp) / float64(s.tp+s.fp)
	r := float64(s.tp) / float64(s.tp+s.fn)
	return 2 * p * r / (p + r)
}

// TestMinistriesCorpus measures ExtractMinistries against the labelled real pages the way
// score-extract.py does, logging each page's misses.
func TestMinistriesCorpus(t *testing.T) {
	pages := evalLoadCorpus(t)
	var total evalPRF
	for _, p := range pages {
		got := ExtractMinistries(p.Body, p.Country)
		var s evalPRF
		for _, w := range p.Ministries {
			if evalContainsFunc(got, func(h string) bool { return evalSameBody(w, h) }) {
				s.tp++
			} else {
				s.fn++
				t.Logf("%s: missed %q (got %q)", p.File, w, got)
			}
		}
		for _, h := range got {
			if !evalContainsFunc(p.Ministries, func(w string) bool { return evalSameBody(w, h) }) {
				s.fp++
				t.Logf("%s: extra %q (want %q)", p.File, h, p.Ministries)
			}
		}
		total.tp, total.fp, total.fn = total.tp+s.tp, total.fp+s.fp, total.fn+s.fn
	}
	t.Logf("ministries: tp=%d fp=%d fn=%d F1=%.3f", total.tp, total.fp, total.fn, total.f1())
	if f := total.f1(); f < 0.80 {
		t.Errorf("ministries F1 = %.3f, want >= 0.80", f)
	}
}

func evalContainsFunc(list []string, f func(string) bool) bool {
	for _, s := range list {
		if f(s) {
			return true
		}
	}
	return false
}

func TestMinistriesCorpusDump(t *testing.T) {
	if testing.Short() || !testing.Verbose() {
		t.Skip("verbose only")
	}
	for _, p := range evalLoadCorpus(t) {
		t.Logf("%s: %q", p.File, ExtractMinistries(p.Body, p.Country))
	}
}
