package indexer

import (
	"slices"
	"strings"
	"unicode"
)

// resolveAcronyms reads the acronyms that stand alone in the text ("The DGM did not..."):
// one defined in brackets or spelled by a body's initials ("MOWCYA") is that body; one the
// vocabulary knows for the notice's country adds that body. Other capitals are ignored.
func (v *mscan) resolveAcronyms(toks []mtok, cands []*mcand, groups []*mgroup) []*mgroup {
	covered := make([]bool, len(toks))
	ignore := map[string]bool{}
	for _, c := range cands {
		for i := c.first; i < c.last; i++ {
			covered[i] = true
		}
		for _, a := range c.acronyms {
			ignore[a] = true // dropped mentions' acronyms (USCIS) stay dropped
		}
	}
	for _, g := range groups {
		for _, a := range g.acronyms {
			delete(ignore, a)
		}
	}
	for i, t := range toks {
		if covered[i] || !t.word || !t.upper || v.usMark[t.fold] {
			continue
		}
		a := mAcronymOf(t)
		if len(a) < 2 || ignore[a] || v.ignoreAcronyms[strings.ToUpper(a)] || mGroupWithAcronym(groups, a) != nil {
			continue
		}
		if g := v.byInitials(toks, groups, a); g != nil {
			g.acronyms = append(g.acronyms, a)
			continue
		}
		for _, kb := range v.known[v.country] {
			if kb.Acronym != a {
				continue
			}
			if g := v.byName(groups, kb.Name); g != nil {
				g.acronyms = append(g.acronyms, a)
			} else {
				groups = append(groups, &mgroup{fixed: kb.Name, acronyms: []string{a}})
			}
			break
		}
	}
	return groups
}

func mGroupWithAcronym(groups []*mgroup, a string) *mgroup {
	for _, g := range groups {
		if slices.Contains(g.acronyms, a) {
			return g
		}
	}
	return nil
}

// mAcronymMarks are the marks an acronym may be written with ("MOJ/DA", "D.G.M.").
var mAcronymMarks = strings.NewReplacer("/", "", "-", "", ".", "")

// byInitials finds the body whose name's initials spell a, with or without "of"
// ("MOWCYA": Ministry of Women, Children and Youth Affairs).
func (v *mscan) byInitials(toks []mtok, groups []*mgroup, a string) *mgroup {
	want := strings.ToUpper(mAcronymMarks.Replace(a))
	if len(want) < 3 {
		return nil
	}
	for _, g := range groups {
		for _, m := range g.mentions {
			var all, content, withOf strings.Builder
			for _, t := range toks[m.name:m.nameEnd] {
				if !t.word {
					continue
				}
				for _, w := range strings.Fields(t.fold) {
					r := strings.ToUpper(w[:1])
					all.WriteString(r)
					if w == "of" {
						withOf.WriteString(r)
					}
					if !mMinorWords[w] {
						content.WriteString(r)
						withOf.WriteString(r)
					}
				}
			}
			if want == all.String() || want == content.String() || want == withOf.String() {
				return g
			}
		}
	}
	return nil
}

// byName finds the body with this name (compared as mNameKey does).
func (v *mscan) byName(groups []*mgroup, name string) *mgroup {
	words := mNameKey(mTokenize(name))
	for _, g := range groups {
		for _, m := range g.mentions {
			if slices.Equal(m.words, words) || len(m.words) > 1 && mSubsetWords(m.words, words) {
				return g
			}
		}
	}
	return nil
}

// display returns the body's name in the fullest form the notice writes it: the mention
// with the most words, its acronyms in brackets. A country adjective before the name is
// kept only where the name says little without it ("Russian Supreme Court").
func (g *mgroup) display(text string, toks []mtok, v *mscan) string {
	if g.fixed != "" {
		return g.fixed + " (" + strings.Join(g.acronyms, ", ") + ")"
	}
	rep := g.mentions[0]
	for _, m := range g.mentions[1:] {
		if fullness(toks, m) > fullness(toks, rep) {
			rep = m
		}
	}
	generic := rep.kind == "bare" || !slices.ContainsFunc(rep.words, func(w string) bool { return !v.generic[w] })
	start := rep.name
	if rep.prefix != "" && (!rep.prefixAdj || generic) {
		start = rep.first
	}
	var s string
	switch {
	case rep.sStart == 0 || generic:
		s = mSpan(text, toks, start, rep.last)
	case rep.bEnd > 0 && rep.sStart < rep.bStart: // "Ministry X of Ukraine (MX)"
		s = mSpan(text, toks, start, rep.sStart) + " " + mSpan(text, toks, rep.bStart, rep.bEnd)
	default:
		s = mSpan(text, toks, start, rep.sStart)
	}
	var missing []string
	for _, a := range g.acronyms {
		if !mContainsWord(s, a) {
			missing = append(missing, a)
		}
	}
	if len(missing) > 0 {
		s += " (" + strings.Join(missing, ", ") + ")"
	}
	return s
}

// fullness ranks the mentions of a body for display: more words first, then "Ministry"
// before "Minister".
func fullness(toks []mtok, m *mcand) int {
	n := 2 * len(m.words)
	if toks[m.head].fold != "minister" {
		n++
	}
	return n
}

// mSpan returns the text of toks[a:b], without an elided article at the start ("L’").
func mSpan(text string, toks []mtok, a, b int) string {
	if a >= b {
		return ""
	}
	return text[toks[a].start+toks[a].elided : toks[b-1].end]
}

// mContainsWord reports whether s contains w as a whole word.
func mContainsWord(s, w string) bool {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '/' }) {
		if f == w {
			return true
		}
	}
	return false
}
