package gen

import (
	"fmt"
	"strings"
)

// slot is the kind of one segment of a sentence template.
type slot uint8

const (
	slotLit   slot = iota
	slotAdopt      // a word of the "adopt" family, replaced in notices that avoid it
	slotC          // {C} the country as sentences write it
	slotCp         // {Cp} its possessive
	slotCU         // {CU} its name in capitals
	slotD          // {D} its demonym
	slotM          // {M} the next foreign body to name, or the government
	slotMS         // {MS} the notice's first body, short (acronym) form, for titles
	slotCity       // {city} where the U.S. Embassy is
	slotDate       // {date} an earlier day: "March 3, 2010"
	slotMonth      // {month} an earlier month: "March 2010"
	slotYear       // {year} the publication year
	slotNum        // {num} a small number
	slotCite       // {cite} a reference to an earlier notice
	slotOther      // {O} another country
	slotN          // {N} filler noun
	slotA          // {A} filler adjective
	slotV          // {V} filler verb
	slotVs         // {Vs} filler verb, third person
	slotP          // {P} filler place name
	numSlots
)

var slotNames = map[string]slot{
	"C": slotC, "Cp": slotCp, "CU": slotCU, "D": slotD, "M": slotM, "MS": slotMS, "city": slotCity,
	"date": slotDate, "month": slotMonth, "year": slotYear, "num": slotNum, "cite": slotCite,
	"O": slotOther, "N": slotN, "A": slotA, "V": slotV, "Vs": slotVs, "P": slotP,
}

// countrySlots need a country of origin: templates using them are not for General notices.
const countrySlots = 1<<slotC | 1<<slotCp | 1<<slotCU | 1<<slotD | 1<<slotM | 1<<slotMS | 1<<slotCity

// adoptAlt replaces the words of the "adopt" family in the notices (about one in twenty)
// that avoid them; "" drops the word and the space after it.
var adoptAlt = map[string]string{
	"adoption": "placement", "adoptions": "placements", "Adoption": "Placement",
	"Adoptions": "Placements", "adoptive": "", "Adoptive": "", "Adopted": "Placed", "adopted": "placed", "adopt": "receive",
	"adopting": "receiving", "Adopting": "Receiving", "adoptees": "children",
}

type seg struct {
	slot     slot
	lit, alt string
}

// tmpl is a parsed sentence template.
type tmpl struct {
	src    string
	segs   []seg
	slots  uint32   // bit per slot used
	topics topicSet // topics its own words render
	// fixedAdopt marks templates whose "adopt" words are part of a name or set phrase
	// ("Hague Adoption Convention"): notices that avoid the word do not use them.
	fixedAdopt bool
}

func (t *tmpl) uses(s slot) bool { return t.slots&(1<<s) != 0 }

// countryFree reports whether the template suits a notice about no single country.
func (t *tmpl) countryFree() bool { return t.slots&countrySlots == 0 }

// parseTmpl parses "text {Slot} text".
func parseTmpl(src string) (tmpl, error) {
	t := tmpl{src: src}
	var lits strings.Builder
	s := src
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t.addLit(s)
			lits.WriteString(s)
			break
		}
		t.addLit(s[:i])
		lits.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return t, fmt.Errorf("template %q: unclosed {", src)
		}
		name := s[i+1 : i+j]
		sl, ok := slotNames[name]
		if !ok {
			return t, fmt.Errorf("template %q: unknown slot {%s}", src, name)
		}
		t.segs = append(t.segs, seg{slot: sl})
		t.slots |= 1 << sl
		lits.WriteString(" . ")
		s = s[i+j+1:]
	}
	if strings.ContainsAny(src, "<>&\"") {
		return t, fmt.Errorf("template %q: contains a character HTML would need escaped", src)
	}
	for _, sg := range t.segs {
		if sg.slot == slotAdopt {
			if _, ok := adoptAlt[strings.TrimSpace(sg.lit)]; !ok {
				return t, fmt.Errorf("template %q: no replacement for %q", src, sg.lit)
			}
		}
	}
	t.topics = scanTopics(lits.String())
	t.fixedAdopt = strings.Contains(src, "Hague Adoption") || strings.Contains(src, "ADOPTION") ||
		strings.Contains(strings.ToLower(src), "adopting from")
	return t, nil
}

// addLit appends literal text, splitting out words of the "adopt" family.
func (t *tmpl) addLit(s string) {
	for s != "" {
		i := indexAdopt(s)
		if i < 0 {
			t.segs = append(t.segs, seg{lit: s})
			return
		}
		if i > 0 {
			t.segs = append(t.segs, seg{lit: s[:i]})
		}
		j := i
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		word := s[i:j]
		alt, ok := adoptAlt[word]
		if !ok {
			alt = word // reported by parseTmpl
		}
		if j < len(s) && s[j] == ' ' {
			j++
			word += " "
			if alt != "" {
				alt += " "
			}
		}
		t.segs = append(t.segs, seg{slot: slotAdopt, lit: word, alt: alt})
		t.slots |= 1 << slotAdopt
		s = s[j:]
	}
}

// indexAdopt finds a word starting with "adopt" or "Adopt".
func indexAdopt(s string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], "dopt")
		if i < 0 {
			return -1
		}
		i += off
		if i > 0 && (s[i-1] == 'a' || s[i-1] == 'A') && (i == 1 || !isWordByte(s[i-2])) {
			return i - 1
		}
		off = i + 1
	}
}

func parseAll(srcs []string) ([]tmpl, error) {
	out := make([]tmpl, 0, len(srcs))
	for _, s := range srcs {
		t, err := parseTmpl(s)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
