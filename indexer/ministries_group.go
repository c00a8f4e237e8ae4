package indexer

import (
	"slices"
	"strings"
)

// mKeySynonyms spell alike the words that vary between mentions of one body.
var mKeySynonyms = map[string]string{"minister": "ministry", "centre": "center", "labour": "labor", "programme": "program"}

// mNameKey folds the words of toks for comparison, minor words dropped:
// "Ministry of Women, Children, and Youth Affairs" -> "ministry women children youth affairs".
func mNameKey(toks []mtok) []string {
	var words []string
	for _, t := range toks {
		if !t.word {
			continue
		}
		for _, w := range strings.Fields(t.fold) {
			if mMinorWords[w] {
				continue
			}
			if s, ok := mKeySynonyms[w]; ok {
				w = s
			}
			words = append(words, w)
		}
	}
	return words
}

// filter keeps the mentions of the notice's foreign bodies: it drops American and
// international bodies, bodies of another country, generic mentions ("the Central
// Authority", "a Ghanaian court"), names cut off by the end of the text and a central
// authority that only describes the body next to it ("Vietnam’s Central Adoption Authority,
// the Ministry of Justice"). Mentions that follow each other directly are joined into one
// ("Ministry of Justice Department of Adoptions").
func (v *mscan) filter(toks []mtok, cands []*mcand) []*mcand {
	var kept []*mcand
	for i, c := range cands {
		c.words = mNameKey(toks[c.name:c.nameEnd])
		c.key = strings.Join(c.words, " ")
		c.heads = []string{mHeadWord(toks, c)}
		var prev, next *mcand
		if i > 0 {
			prev = cands[i-1]
		}
		if i+1 < len(cands) {
			next = cands[i+1]
		}
		if !v.keep(toks, c, prev, next) {
			continue
		}
		if n := len(kept); n > 0 && kept[n-1] == prev && prev.last == c.first && (prev.bEnd > 0 || c.bEnd > 0) &&
			!v.isRole(prev.key) && !v.isRole(c.key) {
			mJoinMentions(prev, c)
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// keep decides whether mention c names one of the notice's foreign bodies.
func (v *mscan) keep(toks []mtok, c, prev, next *mcand) bool {
	switch {
	case c.key == "", c.indefinite, c.asRole:
		return false
	case c.last == len(toks) && toks[len(toks)-1].word:
		return false // "the Ministry of Civil Affai": the copy ends mid-word
	case v.isUS(c):
		return false
	case v.country != "" && (c.prefix != "" && c.prefix != v.country || c.suffix != "" && c.suffix != v.country):
		return false
	}
	qualified := c.prefix != "" || c.suffix != "" || c.located || len(c.acronyms) > 0
	if !qualified && prev != nil && c.first > 0 && prev.last == c.first-1 && (prev.prefix != "" || prev.located) {
		f := toks[c.first-1].fold
		qualified = f == "and" || f == "or" // "Kazakhstani Embassy or Consulate General"
	}
	switch {
	case len(c.words) == 1 && (c.kind != "bare" || !qualified):
		return false // "the Ministry", "Center"
	case c.kind == "weak" && c.prefix == "" && len(c.acronyms) == 0:
		return false
	case v.isRole(c.key) && !qualified:
		return false // "the Central Authority"
	case v.isRole(c.key) && mAppositive(toks, c, prev, next):
		return false
	}
	return true
}

// isUS reports whether c names an American or international body.
func (v *mscan) isUS(c *mcand) bool {
	if c.us || c.prefix == "United States" || c.suffix == "United States" || v.usExact[c.key] {
		return true
	}
	padded := " " + c.key + " "
	for _, s := range v.usContains {
		if strings.Contains(padded, s) {
			return true
		}
	}
	return false
}

// mAppositive reports whether c stands next to another mention, separated by a comma only, as
// in "Kenyan National Adoption Committee, Kenya’s Central Authority".
func mAppositive(toks []mtok, c, prev, next *mcand) bool {
	p := c.first - 1
	if p >= 0 && toks[p].fold == "the" {
		p--
	}
	if p >= 0 && toks[p].text == "," && prev != nil && prev.last == p {
		return true
	}
	n := c.last
	if n < len(toks) && toks[n].text == "," && next != nil {
		if next.first == n+1 || next.first == n+2 && toks[n+1].fold == "the" {
			return true
		}
	}
	return false
}

// mJoinMentions makes c part of the mention a that it directly follows.
func mJoinMentions(a, c *mcand) {
	a.nameEnd, a.last = c.nameEnd, c.last
	a.bStart, a.bEnd, a.sStart = c.bStart, c.bEnd, c.sStart
	if c.suffix != "" {
		a.suffix = c.suffix
	}
	a.acronyms = append(a.acronyms, c.acronyms...)
	a.words = append(a.words, c.words...)
	a.heads = append(a.heads, c.heads...)
	a.key = strings.Join(a.words, " ")
}

// mgroup is one body with all its mentions.
type mgroup struct {
	mentions []*mcand
	acronyms []string
	fixed    string // display name of a body known only by its acronym
}

// matches reports whether mention c names body g: the same name, the same acronym, or
// one name's words within the other's with the same head ("Ministry of Social" and
// "Ukrainian Ministry of Social Policy").
func (v *mscan) matches(toks []mtok, g *mgroup, c *mcand) bool {
	for _, a := range c.acronyms {
		if slices.Contains(g.acronyms, a) {
			return true
		}
	}
	for _, m := range g.mentions {
		if m.key == c.key || mExtendsRole(m.key, c.key) || mExtendsRole(c.key, m.key) {
			return true
		}
		if v.isRole(m.key) || v.isRole(c.key) {
			continue
		}
		if mSubsetWords(m.words, c.words) && slices.Contains(c.heads, m.heads[0]) ||
			mSubsetWords(c.words, m.words) && slices.Contains(m.heads, c.heads[0]) {
			return true
		}
	}
	return false
}

// isRole reports whether key names a role rather than a body ("central authority"), perhaps
// with generic words after it ("central authority for adoptions").
func (v *mscan) isRole(key string) bool {
	if v.roles[key] {
		return true
	}
	for r := range v.roles {
		if !strings.Contains(r, " ") || !strings.HasPrefix(key, r+" ") {
			continue
		}
		if !slices.ContainsFunc(strings.Fields(key[len(r)+1:]), func(w string) bool { return !v.generic[w] }) {
			return true
		}
	}
	return false
}

// mExtendsRole reports whether key is a role followed by more words: "embassy washington"
// for "embassy", "central authority intercountry adoption" for "central authority".
func mExtendsRole(role, key string) bool { return strings.HasPrefix(key, role+" ") }

func mHeadWord(toks []mtok, c *mcand) string {
	w := toks[c.head].fold
	if s, ok := mKeySynonyms[w]; ok {
		return s
	}
	return w
}

// mSubsetWords reports whether every word of a (two or more) is in b.
func mSubsetWords(a, b []string) bool {
	if len(a) < 2 {
		return false
	}
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// group gathers the mentions of each body, in order of first mention.
func (v *mscan) group(toks []mtok, kept []*mcand) []*mgroup {
	var groups []*mgroup
	for _, c := range kept {
		var into *mgroup
		for gi := 0; gi < len(groups); gi++ {
			g := groups[gi]
			if !v.matches(toks, g, c) {
				continue
			}
			if into == nil {
				into = g
				continue
			}
			into.mentions = append(into.mentions, g.mentions...)
			into.acronyms = mAppendNew(into.acronyms, g.acronyms...)
			groups = slices.Delete(groups, gi, gi+1)
			gi--
		}
		if into == nil {
			into = &mgroup{}
			groups = append(groups, into)
		}
		into.mentions = append(into.mentions, c)
		into.acronyms = mAppendNew(into.acronyms, c.acronyms...)
	}
	return groups
}

func mAppendNew(list []string, add ...string) []string {
	for _, a := range add {
		if !slices.Contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}
