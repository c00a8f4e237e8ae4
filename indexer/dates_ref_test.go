package indexer

import (
	"slices"
	"strings"
	"testing"
)

// refFindDates is findDates without skipping the forms a text cannot hold: every
// expression run over the whole text.
func refFindDates(text string) []dateMatch {
	if !hasDigitRun(text) {
		return nil
	}
	var out []dateMatch
	for _, p := range dates.patterns {
		for _, loc := range p.re.FindAllStringSubmatchIndex(text, -1) {
			if overlaps(out, loc[0], loc[1]) {
				continue
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = text[loc[2*i]:loc[2*i+1]]
				}
			}
			if d, ok := p.build(m); ok {
				out = append(out, dateMatch{start: loc[0], end: loc[1], date: d})
			}
		}
	}
	sortMatches(out)
	return out
}

func TestFindDatesMatchesReference(t *testing.T) {
	texts := equivalenceTexts(t)
	forms := []string{"03/IX/04", "3.XII.2004", "3 IV 2004", "3  X 04", "3\tV\t2004", "3-I-04", "17.02.2014",
		"2014/2/7", "2014-02-17", "12-01-2003", "1.2.2003", "17th of February, 2014", "Feb. 17 2014", "Mar 2010",
		"5 XIII 04", "9.IX", "12/31", "2010-03", "1-888-407-4747", "Form I-600", "3 iv 2004"}
	seps := []string{" ", ", ", "\n", "", ".", "-", "/", " I ", "x"}
	for i := range 5000 {
		var b strings.Builder
		for k := range 1 + i%5 {
			b.WriteString(forms[(i*7+k*5+i/13)%len(forms)])
			b.WriteString(seps[(i+k*3)%len(seps)])
		}
		texts = append(texts, b.String())
	}
	found := 0
	for _, text := range texts {
		got, want := findDates(text), refFindDates(text)
		if !slices.Equal(got, want) {
			t.Fatalf("findDates(%q) = %+v, want %+v", text, got, want)
		}
		found += len(got)
	}
	if found < 1000 {
		t.Errorf("only %d dates in the inputs: too few to compare", found)
	}
}
