// Package score measures an extractor against a labels.jsonl of true notice fields, exactly
// as /work/shared/tools/score-extract.py does, so that tests and the script agree. It serves
// the shared real corpus and generated corpora alike.
package score

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Label is one line of labels.jsonl: the true fields of one page.
type Label struct {
	File       string   `json:"file"`
	Layout     string   `json:"layout"`
	Country    string   `json:"country"`
	Date       string   `json:"date"`
	Type       string   `json:"type"`
	Title      string   `json:"title"`
	Ministries []string `json:"ministries"`
	Topics     []string `json:"topics"`
	SourceURL  string   `json:"source_url"`
}

// Scores are the per-field figures of one run.
type Scores struct {
	Pages      int // labelled pages
	Extracted  int // pages the extractor returned a notice for
	Country    float64
	Date       float64
	Type       float64
	Title      float64 // over the pages whose label has a title
	Topics     float64 // F1
	Ministries float64 // ministries F1
	Misses     []string
}

// Goals are the figures a run must reach.
type Goals struct {
	Country, Date, Type, Title, Topics, Ministries float64
}

// Goal is the project's goal, as in score-extract.py.
var Goal = Goals{Country: 0.98, Date: 0.98, Type: 0.98, Title: 0.95, Topics: 0.85, Ministries: 0.80}

// Below lists the fields of s under g.
func (s Scores) Below(g Goals) []string {
	var out []string
	for _, f := range []struct {
		name       string
		have, want float64
	}{{"country", s.Country, g.Country}, {"date", s.Date, g.Date}, {"type", s.Type, g.Type},
		{"title", s.Title, g.Title}, {"topics_f1", s.Topics, g.Topics}, {"ministries_f1", s.Ministries, g.Ministries}} {
		if f.have < f.want {
			out = append(out, f.name)
		}
	}
	return out
}

// String prints the figures as score-extract.py does.
func (s Scores) String() string {
	return fmt.Sprintf("%d/%d pages extracted; country=%.2f date=%.2f type=%.2f title=%.2f topics_f1=%.2f ministries_f1=%.2f",
		s.Extracted, s.Pages, s.Country, s.Date, s.Type, s.Title, s.Topics, s.Ministries)
}

// ReadLabels reads a labels.jsonl file.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	defer f.Close()
	var out []Label
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var l Label
		if err := json.Unmarshal([]byte(text), &l); err != nil {
			return nil, fmt.Errorf("read labels %s:%d: %w", path, line, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read labels %s: %w", path, err)
	}
	return out, nil
}

// ScoreLabels runs extract on every page labelled in labelsPath (file names relative to
// root) and scores the notices against the labels.
func ScoreLabels(labelsPath, root string, extract func(path string) (*indexer.Notice, error)) (Scores, error) {
	labels, err := ReadLabels(labelsPath)
	if err != nil {
		return Scores{}, err
	}
	countries, err := schema.LoadCountries()
	if err != nil {
		return Scores{}, fmt.Errorf("score: %w", err)
	}
	got := make(map[string]*indexer.Notice, len(labels))
	errs := map[string]error{}
	for _, l := range labels {
		n, err := extract(filepath.Join(root, filepath.FromSlash(l.File)))
		if err != nil {
			errs[l.File] = err
			continue
		}
		got[l.File] = n
	}
	return Score(labels, got, errs, countries), nil
}

// Score scores notices (by label file name) against labels; errs holds the pages whose
// extraction failed.
func Score(labels []Label, got map[string]*indexer.Notice, errs map[string]error, countries *schema.Countries) Scores {
	s := Scores{Pages: len(labels)}
	var n [4][2]int // country, date, type, title: right, total
	var topics, minist [3]int
	miss := func(format string, args ...any) { s.Misses = append(s.Misses, fmt.Sprintf(format, args...)) }
	for _, l := range labels {
		r := got[l.File]
		if r == nil {
			miss("%s: no result %v", l.File, errs[l.File])
			r = &indexer.Notice{}
		} else {
			s.Extracted++
		}
		code := strings.ToUpper(r.CountryCode)
		var ok bool
		if code != "" {
			want, _ := countries.Lookup(l.Country)
			ok = code == want.Code
		} else {
			ok = Norm(r.Country) == Norm(l.Country)
		}
		count(&n[0], ok)
		if !ok {
			miss("%s: country %q/%s want %s", l.File, r.Country, code, l.Country)
		}
		date := r.Date
		if len(date) > 10 {
			date = date[:10]
		}
		if ok = date == l.Date; !count(&n[1], ok) {
			miss("%s: date %q want %q", l.File, r.Date, l.Date)
		}
		if ok = strings.ToLower(r.Type) == l.Type; !count(&n[2], ok) {
			miss("%s: type %q want %s", l.File, r.Type, l.Type)
		}
		if l.Title != "" {
			if ok = Norm(r.Title) == Norm(l.Title); !count(&n[3], ok) {
				miss("%s: title %q want %q", l.File, r.Title, l.Title)
			}
		}
		want, have := set(l.Topics), set(r.Topics)
		for t := range have {
			if want[t] {
				topics[0]++
			} else {
				topics[1]++
			}
		}
		for t := range want {
			if !have[t] {
				topics[2]++
			}
		}
		matchedW, matchedH := 0, 0
		for _, w := range l.Ministries {
			if anySame(w, r.Ministries) {
				matchedW++
			}
		}
		for _, h := range r.Ministries {
			if anySame(h, l.Ministries) {
				matchedH++
			}
		}
		minist[0] += matchedW
		minist[1] += len(r.Ministries) - matchedH
		minist[2] += len(l.Ministries) - matchedW
	}
	ratio := func(c [2]int) float64 {
		if c[1] == 0 {
			return 0
		}
		return float64(c[0]) / float64(c[1])
	}
	s.Country, s.Date, s.Type, s.Title = ratio(n[0]), ratio(n[1]), ratio(n[2]), ratio(n[3])
	s.Topics, s.Ministries = f1(topics), f1(minist)
	return s
}

func count(c *[2]int, ok bool) bool {
	if ok {
		c[0]++
	}
	c[1]++
	return ok
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func anySame(a string, bs []string) bool {
	for _, b := range bs {
		if SameBody(a, b) {
			return true
		}
	}
	return false
}

// f1 is the F1 measure of true positives, false positives and false negatives.
func f1(c [3]int) float64 {
	tp, fp, fn := float64(c[0]), float64(c[1]), float64(c[2])
	var p, r float64
	if tp+fp > 0 {
		p = tp / (tp + fp)
	}
	if tp+fn > 0 {
		r = tp / (tp + fn)
	}
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

var (
	labelRE = regexp.MustCompile(`^(adoption\s+)?(notice|alert)\s*:\s*`)
	wordRE  = regexp.MustCompile(`[a-z0-9]+`)
)

// Norm folds a title or name as score-extract.py's norm does: ASCII only, lower case,
// without a leading "Notice:" label, words separated by single spaces.
func Norm(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
		}
	}
	t := labelRE.ReplaceAllString(strings.TrimSpace(strings.ToLower(b.String())), "")
	return strings.Join(wordRE.FindAllString(t, -1), " ")
}

var stopWords = map[string]bool{"the": true, "of": true, "and": true, "s": true, "for": true, "in": true}

func toks(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(Norm(s)) {
		if !stopWords[w] {
			m[w] = true
		}
	}
	return m
}

// SameBody reports whether two ministry names denote the same body, as score-extract.py's
// same_body does.
func SameBody(a, b string) bool {
	ta, tb := toks(a), toks(b)
	na, nb := Norm(a), Norm(b)
	if len(ta) == 0 || len(tb) == 0 || len(strings.Fields(na)) > 14 || len(strings.Fields(nb)) > 14 {
		return false
	}
	inter := 0
	for w := range ta {
		if tb[w] {
			inter++
		}
	}
	union := len(ta) + len(tb) - inter
	return float64(inter)/float64(union) >= 0.6 || strings.Contains(nb, na) || strings.Contains(na, nb)
}

// SortedMisses returns the misses in order, for stable logs.
func (s Scores) SortedMisses() []string {
	out := append([]string(nil), s.Misses...)
	sort.Strings(out)
	return out
}
