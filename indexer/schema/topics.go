package schema

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed topics.json
var topicsJSON []byte

// Topic is one entry of the topic taxonomy.
type Topic struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Taxonomy assigns topics to notices by rules kept in an embedded, editable data file
// (topics.json): phrases whose matches in the title and body add up to a minimum score.
type Taxonomy struct {
	topics      []Topic
	rules       []topicRule
	byFirst     map[string][]int // first word of a phrase -> indexes in phrases
	firstShapes WordShapes       // the shapes of byFirst's words, to skip most words without a lookup
	phrases     []topicPhrase
	titleWeight float64
}

// topicRule is the threshold of one topic.
type topicRule struct{ min float64 }

// topicPhrase is one compiled phrase of one topic.
type topicPhrase struct {
	words   []string // normalised words, see TopicWords
	topic   int
	weight  float64
	exclude bool // hides its words from the topic's other phrases
	title   bool // counts only in the title
}

// taxonomyFile is the shape of topics.json.
type taxonomyFile struct {
	TitleWeight float64 `json:"title_weight"`
	Topics      []struct {
		ID           string   `json:"id"`
		Label        string   `json:"label"`
		Phrases      []string `json:"phrases"`
		Weak         []string `json:"weak"`
		TitlePhrases []string `json:"title_phrases"`
		Exclude      []string `json:"exclude"`
		Min          float64  `json:"min"`
	} `json:"topics"`
}

// ErrBadTaxonomy is wrapped by every error about the content of a taxonomy file.
var ErrBadTaxonomy = errors.New("bad topic taxonomy")

// LoadTaxonomy loads the embedded taxonomy.
func LoadTaxonomy() (*Taxonomy, error) { return ParseTaxonomy(topicsJSON) }

// ParseTaxonomy compiles a taxonomy file (the format of topics.json).
func ParseTaxonomy(data []byte) (*Taxonomy, error) {
	var f taxonomyFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("parse topic taxonomy: %w", err)
	}
	if len(f.Topics) == 0 {
		return nil, fmt.Errorf("parse topic taxonomy: no topics: %w", ErrBadTaxonomy)
	}
	t := &Taxonomy{byFirst: map[string][]int{}, titleWeight: f.TitleWeight}
	if t.titleWeight == 0 {
		t.titleWeight = 1
	}
	seen := map[string]bool{}
	for i, tp := range f.Topics {
		switch {
		case tp.ID == "" || tp.Label == "":
			return nil, fmt.Errorf("parse topic taxonomy: topic %d: id and label are required: %w", i+1, ErrBadTaxonomy)
		case seen[tp.ID]:
			return nil, fmt.Errorf("parse topic taxonomy: topic %q twice: %w", tp.ID, ErrBadTaxonomy)
		case len(tp.Phrases)+len(tp.Weak)+len(tp.TitlePhrases) == 0:
			return nil, fmt.Errorf("parse topic taxonomy: topic %q has no phrases: %w", tp.ID, ErrBadTaxonomy)
		case tp.Min < 0:
			return nil, fmt.Errorf("parse topic taxonomy: topic %q: negative min: %w", tp.ID, ErrBadTaxonomy)
		}
		seen[tp.ID] = true
		t.topics = append(t.topics, Topic{ID: tp.ID, Label: tp.Label})
		minScore := tp.Min
		if minScore == 0 {
			minScore = 1
		}
		t.rules = append(t.rules, topicRule{min: minScore})
		groups := []struct {
			list           []string
			weight         float64
			exclude, title bool
		}{{tp.Phrases, 1, false, false}, {tp.Weak, 0.5, false, false}, {tp.TitlePhrases, 1, false, true}, {tp.Exclude, 0, true, false}}
		added := map[string]bool{}
		for _, g := range groups {
			for _, p := range g.list {
				words := TopicWords(p)
				if len(words) == 0 {
					return nil, fmt.Errorf("parse topic taxonomy: topic %q: phrase %q has no words: %w", tp.ID, p, ErrBadTaxonomy)
				}
				key := fmt.Sprint(g.exclude, g.title, words)
				if added[key] {
					continue // "special needs" and "special need" are one phrase
				}
				added[key] = true
				t.byFirst[words[0]] = append(t.byFirst[words[0]], len(t.phrases))
				t.firstShapes.Add(words[0])
				t.phrases = append(t.phrases, topicPhrase{words: words, topic: i, weight: g.weight, exclude: g.exclude, title: g.title})
			}
		}
	}
	return t, nil
}

// Topics returns every topic in display order.
func (t *Taxonomy) Topics() []Topic { return t.topics }

// Label returns a topic's label, or the id when it is unknown.
func (t *Taxonomy) Label(id string) string {
	for _, tp := range t.topics {
		if tp.ID == id {
			return tp.Label
		}
	}
	return id
}

// Assign returns the ids of the topics a notice with this title and body touches, in
// display order.
func (t *Taxonomy) Assign(title, body string) []string {
	var ids []string
	for _, e := range t.explain(title, body, false) {
		if e.Assigned {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// Evidence tells why a topic was or was not assigned: its score, the minimum, and the
// phrases found (normalised, a title phrase marked "title:").
type Evidence struct {
	ID       string
	Score    float64
	Min      float64
	Assigned bool
	Phrases  []string
}

// Explain returns the evidence for every topic with a score above zero, in display order,
// to help whoever edits topics.json.
func (t *Taxonomy) Explain(title, body string) []Evidence { return t.explain(title, body, true) }

// explain is Explain, with the phrases found named only when named is true: Assign needs
// the scores alone.
func (t *Taxonomy) explain(title, body string, named bool) []Evidence {
	ev := make([]Evidence, len(t.topics))
	t.addScores(ev, TopicWords(body), 1, false, named)
	t.addScores(ev, TopicWords(title), t.titleWeight, true, named)
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

// phraseMatch is one phrase found at a word position.
type phraseMatch struct{ at, phrase int }

// addScores adds to each topic's evidence the weights of the phrases found in words, times factor, after
// hiding each topic's excluded phrases; and their names when named is true.
func (t *Taxonomy) addScores(ev []Evidence, words []string, factor float64, inTitle, named bool) {
	var found []phraseMatch
	for i, w := range words {
		if !t.firstShapes.Has(w) {
			continue // no phrase starts with w
		}
		for _, pi := range t.byFirst[w] {
			if hasWordsAt(words, i, t.phrases[pi].words) {
				found = append(found, phraseMatch{i, pi})
			}
		}
	}
	var hidden []phraseMatch // excluded phrases, few: checked one by one
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
			if !named {
				continue
			}
			name := strings.Join(p.words, " ")
			if inTitle {
				name = "title:" + name
			}
			ev[p.topic].Phrases = append(ev[p.topic].Phrases, name)
		}
	}
}

// hiddenBy reports whether phrase p found at position at overlaps an excluded phrase of its
// topic.
func (t *Taxonomy) hiddenBy(hidden []phraseMatch, p topicPhrase, at int) bool {
	for _, h := range hidden {
		hp := t.phrases[h.phrase]
		if hp.topic == p.topic && h.at < at+len(p.words) && at < h.at+len(hp.words) {
			return true
		}
	}
	return false
}

// WordShapes is a set of word shapes, a shape being a word's length (up to 63) with its
// first byte and with its last: a word whose shape is not in the set is none of the words
// the set was made of. It is a cheap test to run before a map lookup that mostly fails.
type WordShapes struct{ first, last [256]uint64 }

// Add adds the shape of w.
func (s *WordShapes) Add(w string) {
	if w != "" {
		bit := uint64(1) << min(len(w), 63)
		s.first[w[0]] |= bit
		s.last[w[len(w)-1]] |= bit
	}
}

// Has reports whether w may be one of the words added: false means it is none of them.
func (s *WordShapes) Has(w string) bool {
	if w == "" {
		return false
	}
	bit := uint64(1) << min(len(w), 63)
	return s.first[w[0]]&bit != 0 && s.last[w[len(w)-1]]&bit != 0
}

func hasWordsAt(words []string, i int, phrase []string) bool {
	if i+len(phrase) > len(words) {
		return false
	}
	for k, w := range phrase {
		if words[i+k] != w {
			return false
		}
	}
	return true
}

// TopicWords normalises text as the taxonomy matches it: lower case, accents removed,
// possessive "’s" dropped, words of letters and digits with plural and -ed/-ing endings
// folded ("Suspended Adoptions" -> "suspend adoption").
//
// A word of ASCII letters and digits, the common case, is lowered without a string of its
// own: it is sliced from one lowered copy of the text.
func TopicWords(text string) []string {
	if !isASCII(text) {
		text = norm.NFD.String(text) // accents split off, then dropped below
	}
	words := make([]string, 0, len(text)/6)
	var lower string // text with its ASCII capitals lowered, made for the first word with one
	for i := 0; i < len(text); {
		j, ascii, capital := i, true, false
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf {
				if !isTopicByte(c) {
					break
				}
				capital = capital || 'A' <= c && c <= 'Z'
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isTopicRune(r) {
				break
			}
			ascii = false
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		var w string
		switch {
		case !ascii:
			w = lowerWord(text[i:j])
		case capital:
			if lower == "" {
				lower = LowerASCII(text)
			}
			w = lower[i:j]
		default:
			w = text[i:j]
		}
		words = append(words, stemWord(w))
		i = skipPossessive(text, j)
	}
	if len(words) == 0 {
		return nil
	}
	return words
}

// LowerASCII returns s with its ASCII capitals lowered and every other byte kept, so that
// the byte offsets of s hold in the result; s itself when it has no ASCII capital.
func LowerASCII(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is written to b
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			if done == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[done:i])
			b.WriteByte(c + 'a' - 'A')
			done = i + 1
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// isTopicByte reports whether the ASCII byte c is a letter or a digit.
func isTopicByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isTopicRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// lowerWord lowers a word and drops the accents that NFD split off.
func lowerWord(w string) string {
	if isASCII(w) {
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

// skipPossessive skips a possessive "’s" or "'s" at j.
func skipPossessive(text string, j int) int {
	if j >= len(text) || text[j] != '\'' && text[j] != "’"[0] {
		return j
	}
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

// stemWord folds plural and -ed/-ing endings: "authorities" -> "authority", "stopped" ->
// "stop", "processing" -> "process", "cases" -> "case".
func stemWord(w string) string {
	if w == "" {
		return w
	}
	if last := w[len(w)-1]; last != 's' && last != 'd' && last != 'g' {
		return w // no ending below: most words
	}
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
				w = w[:n-1] // "stopped" -> "stop"
			}
			break
		}
	}
	return w
}
