package indexer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// demonyms maps the adjectives of countries that notices use ("Cambodian officials") to
// ISO codes. Words that also name a language spoken elsewhere (Spanish, French, English,
// Portuguese, Arabic) are left out: "translated into Spanish" says nothing of Spain.
var demonyms = map[string]string{
	"afghan": "AF", "albanian": "AL", "algerian": "DZ", "angolan": "AO", "argentine": "AR",
	"argentinian": "AR", "armenian": "AM", "azerbaijani": "AZ", "bangladeshi": "BD",
	"belarusian": "BY", "belizean": "BZ", "beninese": "BJ", "bhutanese": "BT", "bolivian": "BO",
	"bosnian": "BA", "brazilian": "BR", "bulgarian": "BG", "burkinabe": "BF", "burmese": "MM",
	"burundian": "BI", "cambodian": "KH", "khmer": "KH", "cameroonian": "CM", "chadian": "TD",
	"chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD", "costa rican": "CR",
	"croatian": "HR", "cuban": "CU", "czech": "CZ", "djiboutian": "DJ", "dominican": "DO",
	"ecuadorian": "EC", "ecuadoran": "EC", "egyptian": "EG", "salvadoran": "SV", "eritrean": "ER",
	"estonian": "EE", "ethiopian": "ET", "fijian": "FJ", "gabonese": "GA", "gambian": "GM",
	"georgian": "GE", "ghanaian": "GH", "ghanian": "GH", "guatemalan": "GT", "guinean": "GN",
	"guyanese": "GY", "haitian": "HT", "honduran": "HN", "hungarian": "HU", "indian": "IN",
	"indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "ivorian": "CI", "jamaican": "JM",
	"jordanian": "JO", "kazakhstani": "KZ", "kazakh": "KZ", "kenyan": "KE", "kosovar": "XK",
	"kyrgyz": "KG", "kyrgyzstani": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV",
	"lebanese": "LB", "basotho": "LS", "mosotho": "LS", "liberian": "LR", "libyan": "LY",
	"lithuanian": "LT", "macedonian": "MK", "malagasy": "MG", "malawian": "MW",
	"malaysian": "MY", "malian": "ML", "marshallese": "MH", "mauritanian": "MR",
	"mexican": "MX", "micronesian": "FM", "moldovan": "MD", "mongolian": "MN",
	"montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "namibian": "NA",
	"nepali": "NP", "nepalese": "NP", "nicaraguan": "NI", "nigerien": "NE", "nigerian": "NG",
	"pakistani": "PK", "palauan": "PW", "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE",
	"filipino": "PH", "philippine": "PH", "polish": "PL", "romanian": "RO", "russian": "RU",
	"rwandan": "RW", "rwandese": "RW", "samoan": "WS", "senegalese": "SN", "serbian": "RS",
	"sierra leonean": "SL", "slovak": "SK", "slovenian": "SI", "somali": "SO",
	"south african": "ZA", "south sudanese": "SS", "sri lankan": "LK", "sudanese": "SD",
	"surinamese": "SR", "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ",
	"thai": "TH", "togolese": "TG", "tongan": "TO", "trinidadian": "TT", "tunisian": "TN",
	"turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA", "uruguayan": "UY",
	"uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "yemeni": "YE", "zambian": "ZM",
	"zimbabwean": "ZW", "korean": "KR", "south korean": "KR", "north korean": "KP",
	"japanese": "JP", "greek": "GR", "italian": "IT", "irish": "IE", "canadian": "CA",
	"australian": "AU", "british": "GB", "german": "DE", "dutch": "NL", "swedish": "SE",
}

// countryName is one name, alias or demonym of a country, as a sequence of folded words.
type countryName struct {
	words   []string
	code    string
	acronym bool // written in capitals ("DRC", "PRC"): only capitals match
	demonym bool
}

// countryFinder finds the names of countries in text.
type countryFinder struct {
	countries *schema.Countries
	byFirst   map[string][]countryName // first folded word -> names, longest first
}

func newCountryFinder(countries *schema.Countries) *countryFinder {
	f := &countryFinder{countries: countries, byFirst: map[string][]countryName{}}
	add := func(name, code string, demonym bool) {
		toks := tokenize(name)
		if len(toks) == 0 {
			return
		}
		cn := countryName{code: code, demonym: demonym}
		for _, t := range toks {
			cn.words = append(cn.words, t.fold)
		}
		cn.acronym = len(toks) == 1 && toks[0].caps && utf8.RuneCountInString(toks[0].fold) <= 5
		f.byFirst[cn.words[0]] = append(f.byFirst[cn.words[0]], cn)
	}
	for _, nc := range countries.Names() {
		add(nc.Name, nc.Country.Code, false)
	}
	for d, code := range demonyms {
		if _, ok := countries.ByCode(code); ok {
			add(d, code, true)
		}
	}
	for k, names := range f.byFirst {
		sort.SliceStable(names, func(i, j int) bool { return len(names[i].words) > len(names[j].words) })
		f.byFirst[k] = names
	}
	return f
}

// token is one word of text.
type token struct {
	fold  string // lower case, accents and inner apostrophes and dots removed
	upper bool   // starts with a capital
	caps  bool   // all capitals (two or more letters)
}

// tokenize splits text into words the way schema.FoldName folds names: apostrophes and
// dots inside a word vanish ("D.R.C." is "drc"), other punctuation separates. The folded
// words share one allocation.
func tokenize(text string) []token {
	buf := make([]byte, 0, len(text))
	type span struct {
		start, end   int
		upper, caps  bool
		ascii        bool
		origin, stop int // the word in text, for words folded by schema.FoldName
	}
	spans := make([]span, 0, len(text)/5+1)
	cur := span{start: -1}
	upper, lower := 0, 0
	flush := func(at int) {
		if cur.start >= 0 && len(buf) > cur.start {
			cur.end, cur.stop = len(buf), at
			cur.caps = upper >= 2 && lower == 0
			spans = append(spans, cur)
		}
		cur = span{start: -1}
		upper, lower = 0, 0
	}
	begin := func(at int, up bool) {
		if cur.start < 0 {
			cur = span{start: len(buf), upper: up, ascii: true, origin: at}
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			begin(i-size, false)
			buf = append(buf, byte(r))
			lower++
		case r >= 'A' && r <= 'Z':
			begin(i-size, true)
			buf = append(buf, byte(r+'a'-'A'))
			upper++
		case (r == '\'' || r == '’') && possessive(text[i:]):
			flush(i - size) // "Kenya’s": the word is "Kenya"
			i++
		case r == '\'' || r == '’' || r == '.':
			// inside a word: dropped
		case r >= 0x80 && unicode.IsLetter(r):
			begin(i-size, unicode.IsUpper(r))
			cur.ascii = false
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
			buf = utf8.AppendRune(buf, r)
		default:
			flush(i - size)
		}
	}
	flush(len(text))
	folded := string(buf)
	toks := make([]token, len(spans))
	for i, sp := range spans {
		w := folded[sp.start:sp.end]
		if !sp.ascii {
			w = schema.FoldName(text[sp.origin:sp.stop])
		}
		toks[i] = token{fold: w, upper: sp.upper, caps: sp.caps}
	}
	return toks
}

// possessive reports whether rest, what follows an apostrophe, is the "s" of a
// possessive: "s" alone at the end of a word.
func possessive(rest string) bool {
	if rest == "" || rest[0] != 's' && rest[0] != 'S' {
		return false
	}
	if len(rest) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// mention is a country named in text.
type mention struct {
	code    string
	demonym bool
}

// find returns the countries named in text, in order. With anyCase, words need not be
// capitalised (for URLs).
func (f *countryFinder) find(text string, anyCase bool) []mention {
	toks := tokenize(text)
	var out []mention
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !anyCase && !t.upper {
			continue
		}
		names := f.byFirst[t.fold]
		for _, cn := range names {
			if !matchAt(toks, i, cn.words) || (cn.acronym && !anyCase && !t.caps) {
				continue
			}
			out = append(out, mention{code: cn.code, demonym: cn.demonym})
			i += len(cn.words) - 1
			break
		}
	}
	return out
}

func matchAt(toks []token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for j, w := range words {
		if toks[i+j].fold != w {
			return false
		}
	}
	return true
}

// exact returns the country that s names and nothing else ("Cambodia", "Burma").
func (f *countryFinder) exact(s string) (schema.Country, bool) {
	s = strings.TrimSpace(strings.Trim(s, " :|-–—,.;"))
	if s == "" || len(s) > 80 {
		return schema.Country{}, false
	}
	return f.countries.Lookup(s)
}

// Country votes. Each signal adds weight to the countries it names; the page's country is
// the one with most weight, provided something beyond body text speaks for it.

const (
	voteExact   = 5.0 // a breadcrumb, heading or kicker that is the country's name
	voteTag     = 4.0 // a <title> segment that is the name
	voteTitle   = 3.0 // named in the notice's title
	voteMeta    = 2.0 // a keywords entry, a short heading naming it, the URL
	voteBodyMax = 3.0 // body mentions, half a point each up to this
)

// votes tallies country signals.
type votes struct {
	weight map[string]float64 // code -> total
	page   map[string]float64 // code -> weight from other than the body
	body   map[string]int     // code -> mentions in the body
}

func newVotes() *votes {
	return &votes{weight: map[string]float64{}, page: map[string]float64{}, body: map[string]int{}}
}

func (v *votes) add(code string, w float64) {
	if code == "" {
		return
	}
	v.weight[code] += w
	v.page[code] += w
}

// addBody counts the body's mentions of countries.
func (v *votes) addBody(ms []mention) {
	for _, m := range ms {
		if m.code == "US" {
			continue
		}
		v.body[m.code]++
	}
	for code, n := range v.body {
		v.weight[code] += min(float64(n)*0.5, voteBodyMax)
	}
}

// settled reports whether the page's own signals already decide, whatever the body says:
// its leader is named strongly and no other country could catch up through body mentions.
func (v *votes) settled() bool {
	best, second := 0.0, 0.0
	for _, w := range v.page {
		switch {
		case w > best:
			best, second = w, best
		case w > second:
			second = w
		}
	}
	return best >= voteExact && second+voteBodyMax < best
}

// winner decides the page's country code, "" for a notice about no single country.
func (v *votes) winner() string {
	best, second := "", ""
	for code, w := range v.weight {
		if best == "" || w > v.weight[best] || w == v.weight[best] && code < best {
			best, second = code, best
		} else if second == "" || w > v.weight[second] || w == v.weight[second] && code < second {
			second = code
		}
	}
	if best == "" {
		return ""
	}
	if v.page[best] >= voteMeta {
		if second != "" && v.weight[second] == v.weight[best] && v.page[second] >= voteMeta {
			return "" // two countries with equal standing: a notice about both is General
		}
		return best
	}
	// Only the body speaks: take its country when it clearly dominates.
	n, n2 := v.body[best], 0
	if second != "" {
		n2 = v.body[second]
	}
	if n >= 3 && n >= 2*n2+1 || n >= 2 && n2 == 0 {
		return best
	}
	return ""
}

// country decides the one country a notice is about from every signal on the page; the
// zero Country means General.
func (e *Extractor) country(r *reading, h *head, meta pageMeta, crumbs []string, site siteHints) schema.Country {
	v := newVotes()
	f := e.finder
	for _, s := range site.countries {
		if c, ok := f.exact(s); ok {
			v.add(c.Code, voteExact)
		}
	}
	for i, s := range crumbs {
		if c, ok := f.exact(s); ok {
			v.add(c.Code, map[bool]float64{true: voteExact, false: voteMeta}[i == len(crumbs)-1])
		}
	}
	if h.kicker != nil {
		v.add(h.kicker.country.Code, voteExact)
	}
	if h.metaPlace != "" {
		if c, ok := f.exact(h.metaPlace); ok {
			v.add(c.Code, voteExact)
		} else {
			v.addShared(foreign(f.find(h.metaPlace, true)), voteMeta)
		}
	}
	for _, s := range h.above {
		if c, ok := f.exact(s); ok {
			v.add(c.Code, voteExact)
		} else if len(s) <= 80 {
			v.addShared(foreign(f.find(s, false)), voteMeta)
		}
	}
	v.addShared(foreign(f.find(r.title, false)), voteTitle)
	segs := titleSegments(meta.title)
	tagDone := false
	for _, s := range segs {
		if c, ok := f.exact(s); ok {
			v.add(c.Code, voteTag)
			tagDone = true
		} else if k, ok := e.parseKicker(s); ok {
			v.add(k.country.Code, voteExact)
			tagDone = true
		}
	}
	if !tagDone {
		v.addShared(foreign(f.find(meta.title, false)), voteMeta)
	}
	for _, k := range meta.keywords {
		if c, ok := f.exact(k); ok {
			v.add(c.Code, voteMeta)
		}
	}
	v.addShared(foreign(f.find(urlWords(r.url), true)), voteMeta)
	if !v.settled() {
		v.addBody(f.find(r.body, false))
	}
	c, _ := e.countries.ByCode(v.winner())
	return c
}

// foreign returns the distinct countries mentioned, leaving out the United States: notices
// are U.S. notices about other countries.
func foreign(ms []mention) []string {
	var codes []string
	for _, m := range ms {
		if m.code == "US" {
			continue
		}
		dup := false
		for _, c := range codes {
			dup = dup || c == m.code
		}
		if !dup {
			codes = append(codes, m.code)
		}
	}
	return codes
}

// addShared gives w to a single country, or shares it among several.
func (v *votes) addShared(codes []string, w float64) {
	for _, c := range codes {
		v.add(c, w/float64(len(codes)))
	}
}
