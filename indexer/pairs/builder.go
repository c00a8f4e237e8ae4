package pairs

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Builder collects the word pairs of documents while an index is built. Safe for
// concurrent use; Add and Write wait for each other.
//
// It keeps each distinct term once, in a slot of 32 bytes (about 55 bytes a term with
// the table's free slots), and each document as a record of about three bytes a token:
// at 100,000 documents of 600 pair tokens (4.9 million distinct terms) some 430 MB.
type Builder struct {
	terms   *termTable // locks of its own
	mu      sync.Mutex // guards docs
	docs    map[string]record
	scratch sync.Pool // of *addScratch
}

// record is one document's pair tokens in position order, as uvarints: a token whose
// position is one more than the previous token's (the first: 1) is id<<1; any other is
// id<<1|1 followed by the gap from the previous position (the first: from 0).
type record struct {
	data   []byte
	tokens uint32
}

// token is one pair token while Add numbers it.
type token struct {
	term []byte // the caller's bytes: used only during Add
	hash uint64 // termTable.hash
	pos  uint32
	id   uint32
}

type addScratch struct {
	toks  []token
	order []int32
	rec   []byte
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{terms: newTermTable(), docs: make(map[string]record)}
}

// Add records a document's pair tokens under key (its external ID), replacing an earlier
// record of the same key. values are the field's values (body first, then title), each a
// token stream as Bleve's analyzers return it: Term is the pair text ("hague convent"),
// Position counts from 1 within the value (a smaller one is taken as 1; positions are
// kept as uint32, a larger one is clamped). Positions of later values are shifted so
// that no two values are ever adjacent: value i+1 starts at (last position of value i)
// + 2; an empty value shifts nothing. The document's length is the number of its tokens,
// all values together.
//
// Add copies what it keeps: the tokens' bytes may be reused once it returns.
func (b *Builder) Add(key string, values ...analysis.TokenStream) {
	s, _ := b.scratch.Get().(*addScratch)
	if s == nil {
		s = new(addScratch)
	}
	toks := tokensOf(s.toks[:0], values, b.terms)
	s.order = b.terms.ids(toks, s.order)

	rec := slices.Grow(s.rec[:0], 6*len(toks)) // room for most records: no growing
	prev := uint32(0)
	for _, t := range toks {
		if t.pos-prev == 1 {
			rec = binary.AppendUvarint(rec, uint64(t.id)<<1)
		} else {
			rec = binary.AppendUvarint(rec, uint64(t.id)<<1|1)
			rec = binary.AppendUvarint(rec, uint64(t.pos-prev))
		}
		prev = t.pos
	}
	r := record{data: bytes.Clone(rec), tokens: uint32(len(toks))}

	b.mu.Lock()
	if _, ok := b.docs[key]; !ok {
		key = strings.Clone(key) // do not keep a caller's larger string alive
	}
	b.docs[key] = r
	b.mu.Unlock()

	clear(toks) // drop the references to the caller's bytes
	s.toks, s.rec = toks[:0], rec[:0]
	b.scratch.Put(s)
}

// tokensOf appends the tokens of values to toks, hashed for terms and with shifted positions,
// in position order.
func tokensOf(toks []token, values []analysis.TokenStream, terms *termTable) []token {
	shift := uint64(0)
	for _, v := range values {
		from, last, sorted := len(toks), uint64(0), true
		for _, t := range v {
			if t == nil {
				continue
			}
			p := uint64(max(t.Position, 1)) + shift
			p = min(p, math.MaxUint32)
			sorted = sorted && p >= last
			last = max(last, p)
			toks = append(toks, token{term: t.Term, hash: terms.hash(t.Term), pos: uint32(p)})
		}
		if !sorted {
			slices.SortStableFunc(toks[from:], func(a, b token) int { return cmp.Compare(a.pos, b.pos) })
		}
		if len(toks) > from {
			shift = last + 1
		}
	}
	return toks
}

// Len returns the number of documents recorded (distinct keys).
func (b *Builder) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.docs)
}
