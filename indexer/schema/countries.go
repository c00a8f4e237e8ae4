package schema

import (
	"bufio"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed countries.tsv
var countriesTSV string

// Country is one country of the controlled vocabulary.
type Country struct {
	Code    string   // ISO 3166-1 alpha-2, upper case
	Name    string   // canonical English name
	Aliases []string // other names it goes by
}

// Countries is the country vocabulary with an alias lookup.
type Countries struct {
	list   []Country
	byKey  map[string]int // folded name or alias -> index in list
	byCode map[string]int
}

// LoadCountries parses the embedded country table.
func LoadCountries() (*Countries, error) {
	return ParseCountries(countriesTSV)
}

// ParseCountries parses a country table: code TAB name TAB aliases separated by '|'.
func ParseCountries(tsv string) (*Countries, error) {
	c := &Countries{byKey: map[string]int{}, byCode: map[string]int{}}
	sc := bufio.NewScanner(strings.NewReader(tsv))
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 2 || len(cols[0]) != 2 || cols[1] == "" {
			return nil, fmt.Errorf("countries line %d: want CODE<TAB>Name[<TAB>aliases]", line)
		}
		country := Country{Code: strings.ToUpper(cols[0]), Name: cols[1]}
		if len(cols) > 2 && cols[2] != "" {
			country.Aliases = strings.Split(cols[2], "|")
		}
		i := len(c.list)
		c.list = append(c.list, country)
		c.byCode[country.Code] = i
		for _, n := range append([]string{country.Name}, country.Aliases...) {
			k := FoldName(n)
			if _, dup := c.byKey[k]; !dup || n == country.Name {
				c.byKey[k] = i
			}
		}
	}
	return c, sc.Err()
}

// All returns every country in name order.
func (c *Countries) All() []Country {
	out := append([]Country(nil), c.list...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup finds a country by its name or any alias, ignoring case, accents and punctuation.
func (c *Countries) Lookup(name string) (Country, bool) {
	i, ok := c.byKey[FoldName(name)]
	if !ok {
		return Country{}, false
	}
	return c.list[i], true
}

// ByCode finds a country by its ISO code in either case.
func (c *Countries) ByCode(code string) (Country, bool) {
	i, ok := c.byCode[strings.ToUpper(code)]
	if !ok {
		return Country{}, false
	}
	return c.list[i], true
}

// Names returns every name and alias with the country it denotes, longest name first, so
// that a scanner can prefer "Democratic Republic of the Congo" to "Congo".
func (c *Countries) Names() []NamedCountry {
	var out []NamedCountry
	for _, country := range c.list {
		for _, n := range append([]string{country.Name}, country.Aliases...) {
			out = append(out, NamedCountry{Name: n, Country: country})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Name) > len(out[j].Name) })
	return out
}

// NamedCountry pairs one name or alias with its country.
type NamedCountry struct {
	Name    string
	Country Country
}

// FoldName lowers case, strips accents and reduces punctuation and spacing to single
// spaces, so that "Côte d’Ivoire" and "cote d'ivoire" fold alike.
func FoldName(s string) string {
	if isFolded(s) {
		return s // the common case of a lower-case word: no allocation
	}
	if !isASCII(s) {
		s = norm.NFD.String(s) // safe for concurrent use, unlike a transform.Chain
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
			// an accent split off by NFD: "ô" -> "o"
		case r == '\'' || r == '’' || r == '.':
			// dropped: "D.R.C." == "DRC", "d'Ivoire" == "dIvoire"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// isFolded reports whether s is already folded: lower-case ASCII letters and digits.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
