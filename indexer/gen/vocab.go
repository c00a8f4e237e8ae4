package gen

import (
	"math"
	"math/rand/v2"
	"strings"
)

// Filler vocabulary. Each class starts with real words, most frequent first, followed by
// generated pseudo-words; words are drawn with Zipf-distributed ranks. None of them may
// contain a topic trigger, a country name or the stem "adopt".
var (
	coreNouns = []string{
		"children", "families", "process", "information", "documents", "parents", "officials",
		"procedures", "requirements", "cases", "application", "review", "office", "dossier",
		"services", "system", "guidance", "matters", "questions", "region", "period",
		"policy", "practice", "records", "agreement", "update", "status", "referral", "placement",
		"communication", "timeline", "interview", "appointment", "request", "response",
		"file", "report", "standards", "criteria", "approach", "efforts", "implementation",
		"circumstances", "development", "capacity", "training", "support", "assistance", "resources",
		"data", "statistics", "registry", "notification", "instructions", "child", "family", "case",
		"caseworker", "translation", "passport", "citizenship", "consent", "guardian", "identity",
		"history", "province", "district", "staff", "schedule", "deadline", "form", "copy", "letter", "database", "website", "clarification", "progress",
		"oversight", "coordination", "planning", "evaluation", "verification", "submission",
		"approval", "eligibility", "suitability", "match", "dossiers", "agencies", "agency",
		"receipt", "signature", "stamp", "interpreter", "physician", "home study", "social worker",
		"birth certificate", "medical report", "police clearance",
	}
	coreAdjs = []string{
		"new", "current", "additional", "local", "national", "regional", "prospective", "relevant",
		"appropriate", "final", "previous", "further", "recent", "individual",
		"specific", "necessary", "complete", "available", "formal", "administrative", "provincial",
		"public", "private", "detailed", "timely", "accurate", "careful", "clear", "initial",
		"standard", "preliminary", "various", "separate", "federal", "domestic", "international",
		"important", "possible", "significant", "limited", "certain", "responsible", "required",
		"updated", "consistent", "effective", "ongoing", "practical", "procedural", "substantial",
	}
	coreVerbs = []string{
		"review", "provide", "confirm", "require", "coordinate", "consider", "complete",
		"submit", "receive", "clarify", "monitor", "implement", "update", "notify", "verify",
		"ensure", "assist", "support", "continue", "inform", "request", "establish", "address",
		"evaluate", "examine", "prepare", "maintain", "respond", "share", "publish", "follow",
		"obtain", "contact", "track", "document", "record", "assess", "consult", "explain", "issue",
		"register", "translate", "collect",
	}
)

// Sizes of the pseudo-word tails of each class.
const (
	pseudoNouns  = 30000
	pseudoAdjs   = 5000
	pseudoVerbs  = 3000
	pseudoPlaces = 3000
	// zipfExponent of the word classes: the real words at the head carry about three
	// quarters of the draws, the pseudo-words the rest.
	zipfExponent = 1.25
)

// vocab holds the filler word classes. It depends on no seed: it is the corpus' language.
type vocab struct {
	nouns, adjs, verbs, verbsS, places zipfTable
}

// zipfTable draws words with probability proportional to 1/(rank+1.5)^s in O(1): an
// alias table for the few head words, which take most draws and stay in cache, and one
// for the long tail.
type zipfTable struct {
	words      []string
	head, tail aliasTable // over words[:len(head)] and the rest
	headP      uint32     // chance of the head, scaled to 2^32
}

const zipfHead = 128

func (z *zipfTable) pick(r *rand.Rand) string {
	x := r.Uint64()
	if uint32(x) < z.headP {
		return z.words[z.head.index(r.Uint64())]
	}
	return z.words[len(z.head.cells)+z.tail.index(r.Uint64())]
}

func newZipfTable(words []string, s float64) zipfTable {
	w := make([]float64, len(words))
	var sum, head float64
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1)+1.5, s)
		sum += w[i]
		if i < zipfHead {
			head += w[i]
		}
	}
	h := min(zipfHead, len(words))
	z := zipfTable{words: words, head: newAliasTable(w[:h]), tail: newAliasTable(w[h:])}
	z.headP = uint32(math.Min(head/sum*(1<<32), math.MaxUint32))
	return z
}

// aliasTable draws an index with given weights in O(1) (Vose's alias method).
type aliasTable struct{ cells []aliasCell }

type aliasCell struct{ prob, alias uint32 } // prob scaled to 2^32

func (a *aliasTable) index(x uint64) int {
	if len(a.cells) == 0 {
		return 0
	}
	i := uint32((x & 0xffffffff) * uint64(len(a.cells)) >> 32)
	if c := a.cells[i]; uint32(x>>32) >= c.prob {
		i = c.alias
	}
	return int(i)
}

func newAliasTable(w []float64) aliasTable {
	n := len(w)
	a := aliasTable{cells: make([]aliasCell, n)}
	var sum float64
	for _, x := range w {
		sum += x
	}
	scaled := make([]float64, n)
	var small, large []int
	for i := range w {
		scaled[i] = w[i] * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.cells[s] = aliasCell{prob: uint32(scaled[s] * (1 << 32)), alias: uint32(l)}
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range append(small, large...) {
		a.cells[i] = aliasCell{prob: math.MaxUint32, alias: uint32(i)}
	}
	return a
}

// forbiddenStems may not occur anywhere in a pseudo-word: topic trigger stems, "adopt",
// and words that would read as names of government bodies.
var forbiddenStems = []string{
	"adopt", "orphan", "visa", "dna", "court", "law", "fee", "fraud", "hague", "suspen", "resum",
	"morator", "accredit", "pend", "pipe", "relativ", "kin", "decree", "judg", "judic", "welfar",
	"foster", "conven", "certific", "delegat", "visit", "travel", "cost", "legis", "regul",
	"special", "need", "corrupt", "brib", "traffic", "statut", "donat", "pay", "abandon",
	"relinq", "immigr", "parliam", "congres", "senat", "duma", "assembl", "minist", "council",
	"committ", "author", "agenc", "tribun", "offic", "lift", "halt", "reopen", "bill", "hear",
	"forg", "falsif", "amend", "contrib", "uscis", "general", "notice", "alert", "nation",
	"rada", "code", "met", "licens", "disab", "exempt", "await", "wait", "delay", "underway", "sibling",
	"custod", "guardian", "summon", "price", "expens", "charg", "evacu", "abus", "ratif", "promulg",
	"terminat", "freez", "frozen", "paus", "temporar", "scam", "coerc", "illicit", "grandparent",
	"commenc", "tour", "asp", "ban", "dollar", "enact", "desert", "protect", "interest",
}

// newVocab builds the filler vocabulary. countryWords are lower-case words of country
// names that pseudo-words must not equal or start with.
func newVocab(countryWords map[string]bool) *vocab {
	r := rand.New(rand.NewPCG(0x5eed0fca7a1, 0xc0de))
	seen := map[string]bool{}
	for _, l := range [][]string{coreNouns, coreAdjs, coreVerbs} {
		for _, w := range l {
			seen[w] = true
		}
	}
	ok := func(w string) bool {
		if seen[w] || len(w) < 4 {
			return false
		}
		for _, s := range forbiddenStems {
			if strings.Contains(w, s) {
				return false
			}
		}
		for n := 4; n <= len(w); n++ {
			if countryWords[w[:n]] {
				return false
			}
		}
		seen[w] = true
		return true
	}
	gen := func(n int, suffixes []string) []string {
		out := make([]string, 0, n)
		for len(out) < n {
			w := pseudoStem(r) + suffixes[r.IntN(len(suffixes))]
			if ok(w) {
				out = append(out, w)
			}
		}
		return out
	}
	nouns := append(append([]string(nil), coreNouns...),
		gen(pseudoNouns, []string{"", "", "ion", "ment", "ity", "ance", "er", "ism", "age", "ure", "ness", "ry"})...)
	adjs := append(append([]string(nil), coreAdjs...),
		gen(pseudoAdjs, []string{"al", "ive", "ous", "ic", "ary", "ful", "ent", "ish"})...)
	verbs := append(append([]string(nil), coreVerbs...), gen(pseudoVerbs, []string{"ize", "ate", "en", "ify"})...)
	places := gen(pseudoPlaces, []string{"a", "o", "i", "ia", "an", "pur", "ville", "ovo", "abad"})
	for i, p := range places {
		places[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	verbsS := make([]string, len(verbs))
	for i, v := range verbs {
		verbsS[i] = thirdPerson(v)
	}
	return &vocab{
		nouns:  newZipfTable(nouns, zipfExponent),
		adjs:   newZipfTable(adjs, zipfExponent),
		verbs:  newZipfTable(verbs, zipfExponent),
		verbsS: newZipfTable(verbsS, zipfExponent),
		places: newZipfTable(places, 1.0),
	}
}

var (
	onsets = []string{"b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m",
		"n", "p", "pl", "pr", "r", "s", "st", "t", "tr", "v", "z", "sh", "ch", "th", "w", "sk", "qu"}
	nuclei = []string{"a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ou"}
	codas  = []string{"", "", "", "", "n", "r", "l", "s", "m", "t", "nd", "st"}
)

func pseudoStem(r *rand.Rand) string {
	var b strings.Builder
	n := 1 + r.IntN(2)
	if r.IntN(5) == 0 {
		n = 3
	}
	for i := 0; i < n; i++ {
		b.WriteString(onsets[r.IntN(len(onsets))])
		b.WriteString(nuclei[r.IntN(len(nuclei))])
		if i == n-1 || r.IntN(4) == 0 {
			b.WriteString(codas[r.IntN(len(codas))])
		}
	}
	return b.String()
}

// thirdPerson returns the third person singular of an English (or English-like) verb.
func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") ||
		strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z"):
		return v + "es"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}
