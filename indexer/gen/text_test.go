package gen

import (
	"math"
	"sort"
	"strings"
	"testing"
)

// TestTemplateTopics checks the generator's promise that labels are the truth: neutral
// sentences and filler render no topic, and a topic's sentences render that topic.
func TestTemplateTopics(t *testing.T) {
	tm, err := parseTables()
	if err != nil {
		t.Fatal(err)
	}
	neutral := map[string][]tmpl{
		"openings": tm.openings, "generalOpenings": tm.generalOpenings, "context": tm.context,
		"ministry": tm.ministry, "cite": tm.cite, "other": tm.other, "general": tm.general,
		"closing": tm.closing, "filler": tm.filler,
	}
	for name, list := range neutral {
		for _, x := range list {
			if x.topics != 0 {
				t.Errorf("%s template %q renders %v", name, x.src, x.topics.ids())
			}
		}
	}
	for i, list := range tm.topics {
		for _, x := range list {
			if x.topics&(1<<i) == 0 {
				t.Errorf("%s template %q does not render its topic", topicIDs[i], x.src)
			}
		}
	}
	for typ, byTopic := range tm.topicTitles {
		for i, list := range byTopic {
			for _, x := range list {
				if x.topics&(1<<i) == 0 && !x.uses(slotMS) {
					t.Errorf("%s title %q does not render %s", typeNames[typ], x.src, topicIDs[i])
				}
			}
		}
	}
}

func TestNamesRenderNoTopics(t *testing.T) {
	countries, err := loadCountries()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range countries {
		for _, name := range []string{c.name, c.text, c.poss, c.demonym, c.city} {
			if s := scanTopics(name); s != 0 {
				t.Errorf("%s: %q renders %v", c.name, name, s.ids())
			}
		}
		if len(c.bodies) < len(genericBodies)+1 {
			t.Errorf("%s: no bodies of its own", c.name)
		}
	}
	if len(countries) < 55 {
		t.Errorf("%d countries, want about 60", len(countries))
	}
	words := map[string]bool{}
	for _, c := range countries {
		for _, w := range strings.Fields(strings.ToLower(c.name)) {
			words[w] = true
		}
	}
	v := newVocab(words)
	total := 0
	for _, z := range []*zipfTable{&v.nouns, &v.adjs, &v.verbs, &v.verbsS, &v.places} {
		total += len(z.words)
		for _, w := range z.words {
			if s := scanTopics(w); s != 0 || strings.Contains(strings.ToLower(w), "adopt") || words[strings.ToLower(w)] {
				t.Errorf("vocabulary word %q renders %v", w, s.ids())
			}
		}
	}
	if total < 40000 {
		t.Errorf("vocabulary of %d words, want tens of thousands", total)
	}
}

func TestScanTopics(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The Hague Adoption Certificate", []string{"hague-convention", "hague-certificate-determination"}},
		{"a “non-Convention” case", []string{"hague-convention"}},
		{"Costa Rica and the flawless process", []string{}},
		{"children with special needs; fees and costs", []string{"special-needs", "fees"}},
		{"the Supreme Court", []string{"court-process"}},
		{"outlaw", []string{}},
	}
	for _, tt := range tests {
		if got := scanTopics(tt.text).ids(); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("scanTopics(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestZipf checks that body words follow a Zipf-like rank-frequency law over a large
// vocabulary.
func TestZipf(t *testing.T) {
	freq := map[string]int{}
	tokens := 0
	for _, p := range generateAll(t, Options{N: 500, Seed: 11}) {
		for _, w := range strings.FieldsFunc(strings.ToLower(p.Body), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r == '’' || r == '-')
		}) {
			freq[w]++
			tokens++
		}
	}
	counts := make([]int, 0, len(freq))
	for _, c := range freq {
		counts = append(counts, c)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	if len(counts) < 10000 {
		t.Errorf("%d distinct words in %d tokens, want at least 10000", len(counts), tokens)
	}
	// Least-squares slope of log(frequency) over log(rank), ranks 1..2000.
	n := min(2000, len(counts))
	var sx, sy, sxx, sxy float64
	for i := 0; i < n; i++ {
		x, y := math.Log(float64(i+1)), math.Log(float64(counts[i]))
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	slope := (float64(n)*sxy - sx*sy) / (float64(n)*sxx - sx*sx)
	t.Logf("%d tokens, %d distinct words, rank-frequency slope %.2f", tokens, len(counts), slope)
	if slope > -0.8 || slope < -1.6 {
		t.Errorf("rank-frequency slope %.2f, want Zipf-like (-0.8 to -1.6)", slope)
	}
}
