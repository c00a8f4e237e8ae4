package search

import (
	"encoding/binary"
	"errors"
	"reflect"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// Reading a postings list through, with every document's frequency and field length, is
// most of the cost of ranking a broad word: zap's iterator spends about 35 ns a posting
// on its general path (positioning, chunk checks, a Posting behind an interface). A
// rawPostings reads the same bytes directly: the list's roaring bitmap gives the
// documents in order and, beside it, one stream of varints per chunk of documents gives
// each one's frequency and length (zap's chunkedIntCoder, see zap.md).
//
// zap keeps where those bytes are in unexported fields of its PostingsList. Their
// offsets are looked up once, by name and type, with reflect; should a zap version
// rename or retype any of them, rawLayout.ok is false and the walk uses zap's iterator,
// as it does for a list with deleted documents, an encrypted segment or a list in
// another format. Tests compare both readings posting by posting.

// readRaw lets term walks read their lists as rawPostings (tests turn it off).
var readRaw = true

// rawLayout holds the offsets of the fields read in zap's structs.
var rawLayout = func() (l struct {
	ok                                                  bool
	sb, freqOffset, postings, except, doc1Hit, norm1Hit uintptr
	chunkSize, mem, fileReader, processor               uintptr
}) {
	field := func(t reflect.Type, name, typ string) (uintptr, bool) {
		f, ok := t.FieldByName(name)
		return f.Offset, ok && f.Type.String() == typ
	}
	pl := reflect.TypeOf(zap.PostingsList{})
	sb, ok1 := field(pl, "sb", "*zap.SegmentBase")
	freq, ok2 := field(pl, "freqOffset", "uint64")
	postings, ok3 := field(pl, "postings", "*roaring.Bitmap")
	except, ok4 := field(pl, "except", "*roaring.Bitmap")
	doc1, ok5 := field(pl, "docNum1Hit", "uint64")
	norm1, ok6 := field(pl, "normBits1Hit", "uint64")
	chunk, ok7 := field(pl, "chunkSize", "uint64")
	base := reflect.TypeOf(zap.SegmentBase{})
	mem, ok8 := field(base, "mem", "[]uint8")
	fr, ok9 := field(base, "fileReader", "*zap.FileReader")
	proc, ok10 := field(reflect.TypeOf(zap.FileReader{}), "processor", "func([]uint8) ([]uint8, error)")
	l.sb, l.freqOffset, l.postings, l.except, l.doc1Hit, l.norm1Hit = sb, freq, postings, except, doc1, norm1
	l.chunkSize, l.mem, l.fileReader, l.processor = chunk, mem, fr, proc
	l.ok = ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && ok8 && ok9 && ok10
	return l
}()

// rawPostings is one segment's postings list of a term, read from the segment's bytes.
type rawPostings struct {
	docs      *roaring.Bitmap // nil for an empty list or a one-hit list
	one       bool            // a list of one document: doc1, frequency 1, norm1
	doc1      uint64
	norm1     uint64
	chunkSize uint64
	mem       []byte   // the segment
	data      uint64   // offset in mem of the first chunk's varints
	ends      []uint64 // end of each chunk's varints, from data
}

// errRawPostings reports bytes that do not decode as expected: a bug, or a corrupt index.
var errRawPostings = errors.New("postings: malformed frequency chunk")

// rawFrom reads where pl's postings are; ok is false when they must be read through
// zap's iterator instead.
func rawFrom(pl segment.PostingsList) (r rawPostings, ok bool) {
	zpl, isZap := pl.(*zap.PostingsList)
	if !isZap || zpl == nil || !rawLayout.ok {
		return r, false
	}
	at := func(off uintptr) unsafe.Pointer { return unsafe.Add(unsafe.Pointer(zpl), off) }
	except := *(**roaring.Bitmap)(at(rawLayout.except))
	if except != nil && !except.IsEmpty() {
		return r, false
	}
	if norm1 := *(*uint64)(at(rawLayout.norm1Hit)); norm1 != 0 {
		return rawPostings{one: true, doc1: *(*uint64)(at(rawLayout.doc1Hit)), norm1: norm1}, true
	}
	r.docs = *(**roaring.Bitmap)(at(rawLayout.postings))
	if r.docs == nil {
		return rawPostings{}, true // the empty list
	}
	sb := *(*unsafe.Pointer)(at(rawLayout.sb))
	if sb == nil {
		return r, false
	}
	if fr := *(*unsafe.Pointer)(unsafe.Add(sb, rawLayout.fileReader)); fr != nil {
		if *(*unsafe.Pointer)(unsafe.Add(fr, rawLayout.processor)) != nil {
			return r, false // the segment's bytes pass through a reader callback
		}
	}
	r.mem = *(*[]byte)(unsafe.Add(sb, rawLayout.mem))
	r.chunkSize = *(*uint64)(at(rawLayout.chunkSize))
	off := *(*uint64)(at(rawLayout.freqOffset))
	if off == 0 || r.chunkSize == 0 || off >= uint64(len(r.mem)) {
		return r, false
	}
	n, k := binary.Uvarint(r.mem[off:])
	if k <= 0 {
		return r, false
	}
	off += uint64(k)
	r.ends = make([]uint64, n)
	for i := range r.ends {
		if r.ends[i], k = binary.Uvarint(r.mem[off:]); k <= 0 {
			return r, false
		}
		off += uint64(k)
	}
	r.data = off
	return r, true
}

// rawBlocks reads the postings of a range of documents a block at a time into arrays,
// so that a caller scores a block in a tight loop.
type rawBlocks struct {
	r        *rawPostings
	lo, hi   uint64
	it       roaring.ManyIntIterable
	pend     [rawBlock]uint32 // documents taken from the bitmap, pend[at:got] not yet read
	at, got  int
	chunkEnd uint64 // first document after the chunk b reads (0: none yet)
	b        []byte // the rest of the chunk's varints
	one      bool   // a one-hit list not yet read
	done     bool
	docs     [rawBlock]uint32
	freqs    [rawBlock]uint32
	lengths  [rawBlock]uint32
}

const rawBlock = 256

// blocks reads the list's postings in lo <= doc < hi. The varints of a chunk are read
// from its first document, so those of documents before lo in lo's chunk are read and
// passed over.
func (r *rawPostings) blocks(lo, hi uint64) *rawBlocks {
	b := &rawBlocks{r: r, lo: lo, hi: hi, one: r.one, done: lo >= hi || (!r.one && r.docs == nil)}
	if !b.done && !r.one {
		// The bitmap's many-at-a-time iterator is twice as fast as its one-at-a-time
		// iterator but starts at the beginning: it reads the documents of the range
		// (from lo's chunk) cut out of the bitmap.
		docs := r.docs
		if first := lo - lo%r.chunkSize; first > 0 || hi <= uint64(docs.Maximum()) {
			docs = roaring.New()
			docs.AddRange(first, hi)
			docs.And(r.docs)
		}
		b.it = docs.ManyIterator()
	}
	return b
}

// next fills docs, freqs and lengths with the next postings of the range and returns
// how many; 0 at the end.
func (b *rawBlocks) next() (int, error) {
	if b.done {
		return 0, nil
	}
	r := b.r
	if b.one {
		b.one, b.done = false, true
		if r.doc1 < b.lo || r.doc1 >= b.hi {
			return 0, nil
		}
		b.docs[0], b.freqs[0], b.lengths[0] = uint32(r.doc1), 1, uint32(r.norm1)
		return 1, nil
	}
	n := 0
	buf := b.b
	for n < rawBlock {
		if b.at == b.got {
			if b.got, b.at = b.it.NextMany(b.pend[:]), 0; b.got == 0 {
				b.done = true
				break
			}
		}
		d := b.pend[b.at]
		b.at++
		doc := uint64(d)
		if doc >= b.hi {
			b.done = true
			break
		}
		if doc >= b.chunkEnd {
			c := doc / r.chunkSize
			var err error
			if buf, err = r.chunk(c); err != nil {
				return 0, err
			}
			b.chunkEnd = (c + 1) * r.chunkSize
		}
		var v, length uint64
		if len(buf) > 0 && buf[0] < 0x80 { // most frequencies take one byte
			v, buf = uint64(buf[0]), buf[1:]
		} else {
			var k int
			if v, k = binary.Uvarint(buf); k <= 0 {
				return 0, errRawPostings
			}
			buf = buf[k:]
		}
		freq := v >> 1
		if freq != 0 {
			var k int
			if length, k = binary.Uvarint(buf); k <= 0 {
				return 0, errRawPostings
			}
			buf = buf[k:]
		}
		if doc < b.lo {
			continue
		}
		b.docs[n], b.freqs[n], b.lengths[n] = d, uint32(freq), uint32(length)
		n++
	}
	b.b = buf
	return n, nil
}

// rawCursor walks a rawPostings list one document at a time, or to a document: a jump
// to a later chunk skips the chunks between without reading them.
type rawCursor struct {
	r       *rawPostings
	it      roaring.IntPeekable
	chunk   uint64 // the chunk b holds; noChunk before the first and after a jump
	b       []byte // the rest of the chunk's varints
	started bool   // doc, freq and length hold the current document
	done    bool
	doc     uint64
	freq    uint64
	length  uint64
}

const noChunk = ^uint64(0)

func (r *rawPostings) cursor() *rawCursor {
	c := &rawCursor{r: r, chunk: noChunk, done: !r.one && r.docs == nil}
	if r.docs != nil {
		c.it = r.docs.Iterator()
	}
	return c
}

// next moves to the list's next document; false at its end.
func (c *rawCursor) next() (bool, error) {
	if c.done {
		return false, nil
	}
	r := c.r
	if r.one {
		if c.started {
			c.done = true
			return false, nil
		}
		c.started = true
		c.doc, c.freq, c.length = r.doc1, 1, uint64(uint32(r.norm1))
		return true, nil
	}
	if !c.it.HasNext() {
		c.done = true
		return false, nil
	}
	doc := uint64(c.it.Next())
	if ch := doc / r.chunkSize; ch != c.chunk {
		if err := c.load(ch); err != nil {
			return false, err
		}
	}
	v, k := binary.Uvarint(c.b)
	if k <= 0 {
		return false, errRawPostings
	}
	c.b = c.b[k:]
	c.started = true
	c.doc, c.freq, c.length = doc, v>>1, 0
	if c.freq != 0 {
		length, k := binary.Uvarint(c.b)
		if k <= 0 {
			return false, errRawPostings
		}
		c.b = c.b[k:]
		c.length = uint64(uint32(length))
	}
	return true, nil
}

// advance moves to the first document at or after target, staying on the current one if
// it is; false if there is none.
func (c *rawCursor) advance(target uint64) (bool, error) {
	if c.done {
		return false, nil
	}
	if c.started && c.doc >= target {
		return true, nil
	}
	r := c.r
	if !r.one {
		if ch := target / r.chunkSize; !c.started || ch > c.chunk {
			// Jump to the first document of target's chunk, whose varints are read from
			// its beginning.
			c.it.AdvanceIfNeeded(uint32(ch * r.chunkSize))
			c.chunk = noChunk
		}
	}
	for {
		ok, err := c.next()
		if !ok || err != nil {
			return ok, err
		}
		if c.doc >= target {
			return true, nil
		}
	}
}

// load points b at chunk ch's varints.
func (c *rawCursor) load(ch uint64) error {
	b, err := c.r.chunk(ch)
	c.b, c.chunk = b, ch
	return err
}

// chunk returns the varints of chunk c.
func (r *rawPostings) chunk(c uint64) ([]byte, error) {
	if c >= uint64(len(r.ends)) {
		return nil, errRawPostings
	}
	start := r.data
	if c > 0 {
		start += r.ends[c-1]
	}
	end := r.data + r.ends[c]
	if start > end || end > uint64(len(r.mem)) {
		return nil, errRawPostings
	}
	return r.mem[start:end], nil
}
