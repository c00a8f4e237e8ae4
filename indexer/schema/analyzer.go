package schema

import (
	"bytes"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/go-porterstemmer"
)

// Analyzer types registered with Bleve: the English chain and the word-pair chain, each
// giving exactly the tokens of Bleve's own (en; unicode, possessive_en, to_lower,
// stemmer_porter, shingle 2) at a fraction of the cost. Stems are remembered, since an
// archive's vocabulary is small and Porter's stemmer allocates, and pairs are built in one
// buffer. TestAnalyzersMatchBleve compares them with Bleve's chains token by token.
const (
	analyzerTypeText  = "notice_en"
	analyzerTypePairs = "notice_pairs"
)

func init() {
	for typ, pairs := range map[string]bool{analyzerTypeText: false, analyzerTypePairs: true} {
		err := registry.RegisterAnalyzer(typ, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
			return newNoticeAnalyzer(pairs), nil
		})
		if err != nil {
			panic(err)
		}
	}
}

// noticeAnalyzer is the en analyzer, or with pairs the word-pair analyzer.
type noticeAnalyzer struct {
	pairs      bool
	tokenizer  *unicode.UnicodeTokenizer
	possessive *en.PossessiveFilter
	lower      *lowercase.LowerCaseFilter
	stop       analysis.TokenFilter
	shingle    *shingle.ShingleFilter
}

func newNoticeAnalyzer(pairs bool) *noticeAnalyzer {
	stop, err := en.StopTokenFilterConstructor(nil, registry.NewCache())
	if err != nil {
		panic(err) // a fixed list compiled into Bleve
	}
	return &noticeAnalyzer{
		pairs:      pairs,
		tokenizer:  unicode.NewUnicodeTokenizer(),
		possessive: en.NewPossessiveFilter(),
		lower:      lowercase.NewLowerCaseFilter(),
		stop:       stop,
		shingle:    shingle.NewShingleFilter(2, 2, false, " ", "_"),
	}
}

// Analyze implements analysis.Analyzer.
func (a *noticeAnalyzer) Analyze(input []byte) analysis.TokenStream {
	tokens := a.tokenize(input)
	tokens = a.lower.Filter(a.possessive.Filter(tokens))
	if !a.pairs {
		tokens = a.stop.Filter(tokens)
	}
	for _, t := range tokens {
		t.Term = stems.of(t.Term)
	}
	if a.pairs {
		return a.wordPairs(tokens)
	}
	return tokens
}

// TextAndPairs analyses a text once for two fields: its tokens as the text analyzer
// (AnalyzerText) gives them, and its word pairs as the pair analyzer (AnalyzerBigrams)
// gives them. Both chains split, lower and stem alike; only the text's drops stop words
// (before stemming, as Bleve's stop filter does, keeping the positions of the rest).
// The indexer analyses the body this way: once instead of twice.
func TextAndPairs(input []byte) (text, pairs analysis.TokenStream) {
	a := pairAnalyzer
	tokens := a.tokenize(input)
	tokens = a.lower.Filter(a.possessive.Filter(tokens))
	text = make(analysis.TokenStream, 0, len(tokens))
	for _, t := range tokens {
		if !stopWords[string(t.Term)] {
			text = append(text, t) // stemmed below: the streams share their tokens
		}
		t.Term = stems.of(t.Term)
	}
	return text, a.wordPairs(tokens)
}

var (
	pairAnalyzer = newNoticeAnalyzer(true)
	// stopWords are those of the text analyzer's stop filter.
	stopWords = func() analysis.TokenMap {
		m, err := registry.NewCache().TokenMapNamed(en.StopName)
		if err != nil {
			panic(err) // a fixed list compiled into Bleve
		}
		return m
	}()
)

// wordPairs returns the pairs of adjacent tokens as Bleve's shingle filter (min and max
// 2, originals dropped, separator " ") does, in one buffer. Tokens of the pair chain
// follow one another; should a position be skipped, the shingle filter itself runs.
func (a *noticeAnalyzer) wordPairs(tokens analysis.TokenStream) analysis.TokenStream {
	if len(tokens) < 2 {
		return analysis.TokenStream{}
	}
	size := 0
	for i, t := range tokens {
		if t.Position != i+1 {
			return a.shingle.Filter(tokens)
		}
		size += 2*len(t.Term) + 1
	}
	buf := make([]byte, 0, size)
	pairs := make([]analysis.Token, len(tokens)-1)
	out := make(analysis.TokenStream, len(pairs))
	for i := range pairs {
		first, second := tokens[i], tokens[i+1]
		from := len(buf)
		buf = append(append(append(buf, first.Term...), ' '), second.Term...)
		pairs[i] = analysis.Token{
			Term:     buf[from:len(buf):len(buf)],
			Position: first.Position,
			Start:    first.Start,
			End:      second.End,
			Type:     analysis.Shingle,
		}
		out[i] = &pairs[i]
	}
	return out
}

// stemCache remembers the Porter stems of the words seen, in shards so that analysis
// workers rarely wait on each other. It stops growing at maxStems words; later new words
// are stemmed each time.
type stemCache struct {
	seed   maphash.Seed
	size   atomic.Int64
	shards [64]struct {
		mu sync.RWMutex
		m  map[string][]byte
	}
}

const maxStems = 1 << 18 // some 20 MB; a corpus of 100,000 notices has far fewer words

var stems = newStemCache()

func newStemCache() *stemCache {
	c := &stemCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = make(map[string][]byte)
	}
	return c
}

// of returns the Porter stem of a lower-cased word, as Bleve's stemmer_porter filter
// makes it. The slice returned is shared: it must not be changed.
func (c *stemCache) of(word []byte) []byte {
	shard := &c.shards[maphash.Bytes(c.seed, word)%uint64(len(c.shards))]
	shard.mu.RLock()
	stem, ok := shard.m[string(word)]
	shard.mu.RUnlock()
	if ok {
		return stem
	}
	stem = porterStem(word)
	if c.size.Load() < maxStems {
		shard.mu.Lock()
		if _, ok := shard.m[string(word)]; !ok {
			shard.m[string(word)] = stem
			c.size.Add(1)
		}
		shard.mu.Unlock()
	}
	return stem
}

// porterStem stems a word exactly as Bleve's stemmer_porter filter does.
func porterStem(word []byte) []byte {
	stem := analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(word)))
	return stem[:len(stem):len(stem)]
}

// Classes of ASCII bytes in Unicode word segmentation (UAX #29 as blevesearch/segment
// implements it): letters, digits, the underscore that joins them, and the punctuation
// that joins two letters (":"), two digits (",", ";") or either (".", "'").
const (
	classOther byte = iota
	classSpace
	classLetter
	classDigit
	classJoin      // "_", ExtendNumLet
	classMidLetter // ":"
	classMidNum    // "," ";"
	classMidEither // "." "'"
	classNonASCII
)

var asciiClass = func() (t [256]byte) {
	for c := 0x80; c < 0x100; c++ {
		t[c] = classNonASCII
	}
	for _, c := range " \t\n\r\v\f" {
		t[c] = classSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = classLetter, classLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	t['_'], t[':'], t[','], t[';'], t['.'], t['\''] = classJoin, classMidLetter, classMidNum, classMidNum, classMidEither, classMidEither
	return t
}()

// tokenize splits input into words as Bleve's unicode tokenizer does. Runs of ASCII
// between spaces are split here; a run holding any other byte is left to the tokenizer.
// A space ends every word, and what follows it is segmented alone, so the runs can be
// split apart. Text that is not UTF-8 is left to the tokenizer whole (it stops at the
// first bad byte).
func (a *noticeAnalyzer) tokenize(input []byte) analysis.TokenStream {
	if !utf8.Valid(input) {
		return a.tokenizer.Tokenize(input)
	}
	tokens := make([]analysis.Token, 0, len(input)/6+1)
	pos := 1
	for i := 0; i < len(input); {
		if asciiClass[input[i]] == classSpace {
			i++
			continue
		}
		end, ascii := i, true
		for end < len(input) && asciiClass[input[end]] != classSpace {
			ascii = ascii && input[end] < 0x80
			end++
		}
		if ascii {
			tokens, pos = asciiWords(input, i, end, tokens, pos)
		} else {
			for _, t := range a.tokenizer.Tokenize(input[i:end]) {
				t.Start += i
				t.End += i
				t.Position = pos
				pos++
				tokens = append(tokens, *t)
			}
		}
		i = end
	}
	stream := make(analysis.TokenStream, len(tokens))
	for k := range tokens {
		stream[k] = &tokens[k]
	}
	return stream
}

// asciiWords appends the words of input[from:to], ASCII without spaces, to tokens,
// numbering them from pos. A word is a run of letters, digits and underscores, where a
// letter may be followed by ":", "." or "'" and another letter, a digit by ",", ";", "."
// or "'" and another digit. It is Numeric when it holds digits but no letter.
func asciiWords(input []byte, from, to int, tokens []analysis.Token, pos int) ([]analysis.Token, int) {
	for k := from; k < to; {
		switch asciiClass[input[k]] {
		case classLetter, classDigit, classJoin:
		default:
			k++
			continue
		}
		start, letters, digits := k, false, false
	word:
		for k < to {
			switch c := asciiClass[input[k]]; c {
			case classLetter:
				letters = true
			case classDigit:
				digits = true
			case classJoin:
			case classMidLetter, classMidNum, classMidEither:
				if k+1 >= to {
					break word
				}
				prev, next := asciiClass[input[k-1]], asciiClass[input[k+1]]
				joinsLetters := prev == classLetter && next == classLetter && c != classMidNum
				joinsDigits := prev == classDigit && next == classDigit && c != classMidLetter
				if !joinsLetters && !joinsDigits {
					break word
				}
			default:
				break word
			}
			k++
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		tokens = append(tokens, analysis.Token{Term: input[start:k:k], Start: start, End: k, Position: pos, Type: typ})
		pos++
	}
	return tokens, pos
}
