package indexer

import (
	"strings"
)

// mcand is one mention of a public body in a notice.
type mcand struct {
	first, last int // tokens [first, last): country prefix, name, bracket, country suffix
	name        int // first token of the name proper, after a country prefix
	nameEnd     int // end of the name proper, before a bracket or a country suffix
	bStart      int // tokens [bStart, bEnd) of a bracket after the name; bEnd is 0 if none
	bEnd        int
	sStart      int    // tokens [sStart, last) name the country after the name; sStart is 0 if none
	head        int    // token of the head word ("Ministry", "Court")
	kind        string // kind of the head word, see ministries.json
	prefix      string // canonical country named before the name ("Cambodian", "Vietnam’s")
	prefixAdj   bool   // the prefix is an adjective or a possessive, not a bare country name
	suffix      string // canonical country named after the name ("of Ukraine")
	located     bool   // an embassy or consulate with a place ("in Washington")
	acronyms    []string
	us          bool     // preceded by a U.S. marker ("U.S. Central Authority")
	indefinite  bool     // "a Ghanaian court": a kind of body, not a body
	asRole      bool     // "as the Hague Central Authority": a role, not a mention
	key         string   // folded name proper without minor words, see mNameKey
	words       []string // the words of key
	heads       []string // folded head words, two for a joined mention
}

// mscan scans one notice: the vocabulary and the notice's country, which settles adjectives
// shared by two countries ("Congolese").
type mscan struct {
	*mVocab
	country string
}

// scan finds every mention of a body: a head word with the capitalised words around it.
func (v *mscan) scan(toks []mtok) []*mcand {
	var out []*mcand
	floor := 0 // tokens before floor belong to an earlier mention
	for i := 0; i < len(toks); i++ {
		kind := v.headKind(toks, i)
		if kind == "" {
			continue
		}
		c := v.extend(toks, i, kind, floor)
		out = append(out, c)
		floor = c.last
		i = c.last - 1
	}
	return out
}

// headKind returns the kind of the head word at i, or "" when toks[i] is none.
func (v *mscan) headKind(toks []mtok, i int) string {
	if i >= len(toks) || !toks[i].word {
		return ""
	}
	t := toks[i]
	if !v.headShapes.Has(t.fold) {
		return "" // no head word: most words
	}
	kind := v.heads[t.fold]
	switch {
	case kind == "":
		return ""
	case kind == "minister" && (i+1 >= len(toks) || toks[i+1].fold != "of"):
		return "" // "Foreign Minister Lavrov" is a person
	case t.upper:
		return "" // a line in capitals: where the name ends cannot be told
	case t.cap:
		return kind
	}
	// A lower-case head after a country ("Guatemala’s congress") or before an acronym
	// ("Solicitor General’s office (PGN)").
	if i == 0 || !toks[i-1].word || !toks[i-1].cap {
		return ""
	}
	if c, _ := v.countryEndingAt(toks, i); c != "" {
		return kind
	}
	if acr, _, _ := v.bracket(toks, i+1); acr != "" {
		return kind
	}
	return ""
}

// extend grows the mention around the head word at i: capitalised words to its left (not
// before floor), then its complement ("of Justice"), a bracketed acronym and a country.
func (v *mscan) extend(toks []mtok, i int, kind string, floor int) *mcand {
	c := &mcand{head: i, kind: kind}
	j := i
	for j-1 >= floor && v.leftWord(toks[j-1]) {
		j--
		// "Family and Children Court": one "and" between capitalised words.
		if j-2 >= floor && (toks[j-1].fold == "and" || toks[j-1].text == "&") && !toks[j-1].cap && v.leftWord(toks[j-2]) {
			if c, _ := v.countryOf(toks[j-2 : j-1]); c == "" && j-2 < i {
				j -= 2
				for j-1 >= floor && v.leftWord(toks[j-1]) {
					j--
				}
				break
			}
		}
	}
	c.first, c.name = j, j
	for n := min(4, i-j); n >= 1; n-- {
		if country, adj := v.countryOf(toks[j : j+n]); country != "" {
			c.prefix, c.prefixAdj, c.name = country, adj, j+n
			break
		}
	}
	if j > 0 {
		p := toks[j-1]
		c.us = v.usMark[p.fold] && p.cap
		switch p.fold {
		case "a", "an", "any", "another", "each", "every", "other", "some", "no":
			c.indefinite = true
		case "as":
			c.asRole = true
		case "the":
			c.asRole = j > 1 && toks[j-2].fold == "as"
		}
	}
	k := v.postModifiers(toks, i+1, kind)
	if f := toks[i].fold; (f == "embassy" || f == "consulate") && k+1 < len(toks) && toks[k].fold == "in" && v.nameWord(toks[k+1]) {
		k = v.capRun(toks, k+1)
		c.located = true
	}
	k = v.complement(toks, k)
	c.nameEnd = k
	if country, at := v.countrySuffix(toks, i+1, k); country != "" {
		c.suffix, c.nameEnd, c.sStart = country, at, at
	}
	if acr, end, _ := v.bracket(toks, k); acr != "" {
		c.acronyms = append(c.acronyms, acr)
		c.bStart, c.bEnd, k = k, end, end
		if c.suffix == "" && k+1 < len(toks) && toks[k].fold == "of" {
			for n := min(4, len(toks)-k-1); n >= 1; n-- {
				if country, _ := v.countryOf(toks[k+1 : k+1+n]); country != "" {
					c.suffix, c.sStart, k = country, k, k+1+n
					break
				}
			}
		}
	}
	c.last = k
	return c
}

// leftWord reports whether t can stand before a head word in a name ("Central Adoption").
func (v *mscan) leftWord(t mtok) bool {
	return t.word && t.cap && !v.leftStops[t.fold] && !v.usMark[t.fold] && !v.stopWords[t.fold] &&
		(v.heads[t.fold] == "" || t.poss)
}

// nameWord reports whether t can continue a name after its head ("of Social Welfare").
func (v *mscan) nameWord(t mtok) bool {
	return t.word && t.cap && !t.upper && v.heads[t.fold] == "" && !v.stopWords[t.fold]
}

// capRun returns the end of the run of name words starting at k.
func (v *mscan) capRun(toks []mtok, k int) int {
	for k < len(toks) && v.nameWord(toks[k]) {
		k++
	}
	return k
}

// postModifiers skips the words that may follow a head directly: any capitalised word after
// a Spanish or French head ("Consejo Nacional"), "General" after any ("Consulate General").
func (v *mscan) postModifiers(toks []mtok, k int, kind string) int {
	for k < len(toks) && v.nameWord(toks[k]) && !v.connectors[toks[k].fold] {
		if f := toks[k].fold; kind != "romance" && f != "general" && f != "generale" {
			break
		}
		k++
	}
	return k
}

// complement returns the end of the words completing a head from k on: a connector and
// capitalised words ("of Women, Children and Youth Affairs", "de la Familia").
func (v *mscan) complement(toks []mtok, k int) int {
	inComp := false
	for k < len(toks) {
		t := toks[k]
		if t.text == "," && inComp {
			m := k + 1
			if m < len(toks) && (m+1 < len(toks) && toks[m+1].cap) && v.joiners[toks[m].fold] && !toks[m].cap {
				m++
			}
			if m >= len(toks) || !v.nameWord(toks[m]) || toks[m].upper {
				break
			}
			if c, _ := v.countryOf(toks[m : m+1]); c != "" {
				break
			}
			e := v.capRun(toks, m)
			if v.headKind(toks, e) != "" {
				break
			}
			k = e
			continue
		}
		if !t.word || !(v.connectors[t.fold] || inComp && v.joiners[t.fold]) || t.cap && t.fold != "of" {
			break
		}
		m := k + 1
		if m+1 < len(toks) && !v.connectors[t.fold] && v.connectors[toks[m].fold] && !toks[m].cap {
			m++ // "et de Recherches"
		}
		if m < len(toks) && v.articles[toks[m].fold] && (v.connectors[toks[m-1].fold] || t.fold == "y") {
			m++
		}
		if m >= len(toks) || !v.nameWord(toks[m]) {
			break
		}
		e := v.capRun(toks, m)
		if !v.connectors[t.fold] && v.headKind(toks, e) != "" {
			break // "Ministry of Justice and Supreme Court": a second body
		}
		if c, _ := v.countryEndingAt(toks, e); c != "" && !v.connectors[t.fold] {
			break // "Department of State and United States Citizenship"
		}
		k, inComp = e, true
	}
	return k
}

// countrySuffix returns the country that ends the name in toks[from:to] after "of" or "for"
// ("Ministry of Social Policy of Ukraine", "Central Authority of the Colombian State") and
// the index of that "of".
func (v *mscan) countrySuffix(toks []mtok, from, to int) (string, int) {
	for s := to - 1; s >= from; s-- {
		if f := toks[s].fold; f != "of" && f != "for" {
			continue
		}
		rest := toks[s+1 : to]
		if len(rest) > 0 && v.articles[rest[0].fold] {
			rest = rest[1:]
		}
		if n := len(rest); n > 1 {
			switch rest[n-1].fold {
			case "state", "republic", "government", "kingdom":
				rest = rest[:n-1]
			}
		}
		if len(rest) > 0 && len(rest) <= 4 {
			if len(rest) == 1 && v.usMark[rest[0].fold] {
				return "United States", s
			}
			if c, _ := v.countryOf(rest); c != "" {
				return c, s
			}
		}
		return "", 0
	}
	return "", 0
}

// countryOf returns the country that toks name, by name or adjective ("Sierra Leone’s",
// "Congolese"), and whether they are an adjective or possessive.
func (v *mscan) countryOf(toks []mtok) (string, bool) {
	parts := make([]string, len(toks))
	for i, t := range toks {
		if !t.word || !t.cap {
			return "", false
		}
		parts[i] = t.fold
	}
	key := strings.Join(parts, " ")
	poss := toks[len(toks)-1].poss
	if c, ok := v.countries.Lookup(key); ok {
		return c.Name, poss
	}
	if cs := v.demonyms[key]; len(cs) > 0 {
		for _, c := range cs {
			if c == v.country {
				return c, true
			}
		}
		return cs[0], true
	}
	return "", false
}

// countryEndingAt returns the country named by the words just before i.
func (v *mscan) countryEndingAt(toks []mtok, i int) (string, bool) {
	for n := min(4, i); n >= 1; n-- {
		if c, adj := v.countryOf(toks[i-n : i]); c != "" {
			return c, adj
		}
	}
	return "", false
}

// bracket reads "(MOJ)" or "(Direction Generale d’Immigration, DGM)" at k: the acronym it
// ends with, the token after ")", and whether it holds nothing but the acronym.
func (v *mscan) bracket(toks []mtok, k int) (acr string, end int, bare bool) {
	if k >= len(toks) || toks[k].text != "(" {
		return "", 0, false
	}
	for e := k + 1; e < len(toks) && e <= k+16; e++ {
		switch toks[e].text {
		case "\n", "(":
			return "", 0, false
		case ")":
			inner := toks[k+1 : e]
			if len(inner) == 0 || !inner[0].cap {
				return "", 0, false
			}
			last := inner[len(inner)-1]
			if !last.word || !last.upper || v.usMark[last.fold] {
				return "", 0, false
			}
			return mAcronymOf(last), e + 1, len(inner) == 1
		}
	}
	return "", 0, false
}

// mAcronymOf returns the acronym a token spells, without possessive or plural "s".
func mAcronymOf(t mtok) string {
	a := t.text[t.elided:]
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		a = strings.TrimSuffix(a, suf)
	}
	return strings.TrimSuffix(a, "s")
}
