package search

import (
	"context"
	"errors"
	"html"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Typo tolerance.
const (
	// fewHits: a search that finds fewer notices is checked for words no notice holds.
	fewHits = 3
	// minTypoRunes: shorter words are never taken for typos ("DRC", "CNA").
	minTypoRunes = 4
	// longTypoRunes: words this long are searched within two edits, shorter ones within one.
	longTypoRunes = 8
)

// TypoPass is the typo-tolerant second pass of a search: resp is the answer to req. When it
// found fewer than a few notices and plain words of the query are in no notice ("guatamala",
// "convension"), it searches again with those words fuzzy: within one edit, two for long
// words, exact spellings still ranking first. If the first pass found nothing, the second
// pass's answer replaces it, with Fuzzy set and Request still the user's; in both cases
// DidYouMean suggests the query with the words spelt as the notices found spell them.
// Otherwise resp is returned as it is, as it is for a response that already went through.
//
// It costs nothing for a search that found enough, and a few term look-ups and one more
// search for the others.
func (ix *Index) TypoPass(ctx context.Context, req Request, resp *Response) (*Response, error) {
	if resp == nil || resp.Fuzzy || resp.DidYouMean != "" || resp.Total >= fewHits {
		return resp, nil
	}
	node, err := Parse(strings.TrimSpace(req.Query))
	if err != nil {
		return resp, nil
	}
	typos, err := ix.typos(ctx, node)
	if err != nil || len(typos) == 0 {
		return resp, err
	}
	// The nearest spellings first: one edit, then two for the long words.
	var r2 *Response
	for k := 1; k <= 2 && (r2 == nil || r2.Total == 0); k++ {
		changed := false
		for i := range typos {
			if want := min(k, typos[i].maxK); want > typos[i].k {
				typos[i].k, typos[i].node.Fuzzy, changed = want, want, true
			}
		}
		if !changed {
			break
		}
		second := resp.Request
		second.Query = node.String() // the typos are fuzzy now
		if r2, err = ix.Search(ctx, second); err != nil {
			var qe *QueryError
			if errors.As(err, &qe) { // too many expansions: keep the first answer
				return resp, nil
			}
			return nil, err
		}
	}
	if r2 == nil || r2.Total == 0 || r2.Total <= resp.Total {
		return resp, nil
	}
	suggestion := suggest(resp.Request.Query, typos, r2.Hits, ix.vocab.countries)
	if resp.Total > 0 {
		out := *resp
		out.DidYouMean = suggestion
		return &out, nil
	}
	r2.Request = resp.Request
	r2.Fuzzy = true
	r2.DidYouMean = suggestion
	r2.Took += resp.Took
	return r2, nil
}

// typo is a word of the query that no notice holds.
type typo struct {
	node *TermNode
	text string // as typed
	k    int    // edits allowed now
	maxK int    // edits allowed at most
}

// typos finds the plain words of the query (outside NOT) that no notice holds.
func (ix *Index) typos(ctx context.Context, n Node) ([]typo, error) {
	var words []*TermNode
	collectWords(n, &words)
	d, err := loadDefaults()
	if err != nil {
		return nil, err
	}
	var out []typo
	for _, w := range words {
		terms := analyze(d.text, w.Text)
		if len(terms) != 1 || utf8.RuneCountInString(w.Text) < minTypoRunes || !strings.ContainsFunc(w.Text, unicode.IsLetter) {
			continue
		}
		known, err := ix.holds(ctx, terms[0])
		if err != nil {
			return nil, err
		}
		if known {
			continue
		}
		t := typo{node: w, text: w.Text, maxK: 1}
		if utf8.RuneCountInString(w.Text) >= longTypoRunes {
			t.maxK = 2
		}
		out = append(out, t)
	}
	return out, nil
}

// collectWords gathers the plain, exact words of a query outside NOT.
func collectWords(n Node, out *[]*TermNode) {
	switch n := n.(type) {
	case *TermNode:
		if n.Field == "" && !n.Prefix && n.Fuzzy == 0 {
			*out = append(*out, n)
		}
	case *AndNode:
		for _, c := range n.Children {
			collectWords(c, out)
		}
	case *OrNode:
		for _, c := range n.Children {
			collectWords(c, out)
		}
	}
}

// holds reports whether any notice has the analysed term in a text field a plain word
// searches.
func (ix *Index) holds(ctx context.Context, term string) (bool, error) {
	var qs []query.Query
	for _, f := range wordFields {
		qs = append(qs, termQuery(f.name, term))
	}
	s, release := ix.acquire()
	defer release()
	res, err := s.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(qs), 0, 0, false))
	if err != nil {
		return false, searchError(err)
	}
	return res.Total > 0, nil
}

var (
	tagRE  = regexp.MustCompile(`<[^>]*>`)
	wordRE = regexp.MustCompile(`[\pL\pN]+(?:['’-][\pL\pN]+)*`)
)

// suggest rewrites the query with each typo replaced by the nearest word (within its edits)
// of the hits' titles, countries and snippets, or of the country names; "" when no typo
// finds one.
func suggest(q string, typos []typo, hits []Hit, countries *schema.Countries) string {
	seen := map[string]int{}
	add := func(text string, weight int) {
		for _, w := range wordRE.FindAllString(text, -1) {
			seen[strings.ToLower(w)] += weight
		}
	}
	for _, h := range hits {
		add(h.Title, 2)
		add(h.Country, 2)
		add(html.UnescapeString(tagRE.ReplaceAllString(string(h.Snippet), " ")), 1)
	}
	for _, c := range countries.All() {
		add(c.Name, 0)
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	changed := false
	for _, t := range typos {
		lower := strings.ToLower(t.text)
		best, bestD := "", t.k+1
		for _, w := range words {
			if w == lower {
				continue
			}
			d := editDistance(lower, w, bestD+1)
			if d > t.k {
				continue
			}
			if d < bestD || d == bestD && seen[w] > seen[best] {
				best, bestD = w, d
			}
		}
		if best == "" {
			continue
		}
		q = replaceWord(q, t.text, matchCase(t.text, best))
		changed = true
	}
	if !changed {
		return ""
	}
	return q
}

// replaceWord replaces the whole-word occurrences of old in s, ignoring case.
func replaceWord(s, old, repl string) string {
	var b strings.Builder
	rs, lower := []rune(s), []rune(strings.ToLower(old))
	isWord := func(i int) bool { return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) }
	for i := 0; i < len(rs); {
		if i+len(lower) <= len(rs) && strings.ToLower(string(rs[i:i+len(lower)])) == string(lower) && !isWord(i-1) && !isWord(i+len(lower)) {
			b.WriteString(repl)
			i += len(lower)
			continue
		}
		b.WriteRune(rs[i])
		i++
	}
	return b.String()
}

// matchCase spells w in the case pattern of like: all capitals, a capital first, or lower.
func matchCase(like, w string) string {
	switch {
	case strings.ToUpper(like) == like && strings.ToLower(like) != like:
		return strings.ToUpper(w)
	case unicode.IsUpper([]rune(like)[0]):
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	return w
}

// editDistance is the optimal-string-alignment distance of a and b (an adjacent
// transposition is one edit, as in Bleve's fuzzy matching); it returns limit as soon as the
// distance cannot be below it.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit)
}
