package pairs

import (
	"encoding/binary"

	"github.com/RoaringBitmap/roaring/v2"
)

// Postings are the documents and positions of one term: a small value, cheap to copy,
// that reads the Index's mapped file. The zero value has no documents.
type Postings struct {
	docs   uint64
	stream []byte // see the package comment
	skips  []byte
	bitmap []byte // the serialized bitmap, for lists of bitmapMin documents or more
}

// Count returns the number of documents with the term.
func (p Postings) Count() uint64 { return p.docs }

// Bitmap returns the documents with the term, in a fresh bitmap the caller may modify.
func (p Postings) Bitmap() *roaring.Bitmap {
	if p.bitmap != nil {
		if bm := readBitmap(p.bitmap); bm != nil {
			return bm
		}
	}
	bm := roaring.New()
	bm.AddMany(appendDocs(make([]uint32, 0, p.docs), p.stream))
	return bm
}

// readBitmap reads a stored bitmap into memory of its own, or returns nil should the
// bytes not decode (a damaged file: roaring may panic on some).
func readBitmap(b []byte) (bm *roaring.Bitmap) {
	defer func() {
		if recover() != nil {
			bm = nil
		}
	}()
	view := roaring.New()
	if _, err := view.FromBuffer(b); err != nil {
		return nil
	}
	return view.Clone()
}

// appendDocs appends the document numbers of a stream to docs.
func appendDocs(docs []uint32, stream []byte) []uint32 {
	next := uint64(0) // the previous document + 1
	for i := 0; i < len(stream); {
		if stream[i]&1 == 0 { // a position: skip it
			for i < len(stream) && stream[i] >= 0x80 {
				i++
			}
			i++
			continue
		}
		v, n := binary.Uvarint(stream[i:])
		if n <= 0 {
			break
		}
		i += n
		doc := next + v>>1
		docs = append(docs, uint32(doc))
		next = doc + 1
	}
	return docs
}

// Iterator returns an iterator over the postings, before their first document.
func (p Postings) Iterator() *Iterator {
	return &Iterator{stream: p.stream, skips: p.skips}
}

// Iterator walks postings in document order. It is not safe for concurrent use.
type Iterator struct {
	stream, skips []byte
	at            int    // offset in stream of the next document
	next          uint64 // the current document + 1 (0 before the first)
	doc, freq     uint64
	posFrom       int // offset in stream of the current document's positions
	pos           []uint64
	posRead       bool // pos holds the current document's positions
	started, done bool // Next has found a document; Next has found the end
	skip          int  // skip entries before it block documents before an earlier target
}

// Next moves to the next document and reports whether there is one.
func (it *Iterator) Next() bool {
	s, i := it.stream, it.at
	if i >= len(s) {
		it.done = true
		return false
	}
	v, n := binary.Uvarint(s[i:])
	if n <= 0 || v&1 == 0 { // a damaged stream: stop there
		it.at, it.done = len(s), true
		return false
	}
	i += n
	it.doc = it.next + v>>1
	it.next = it.doc + 1
	it.posFrom, it.posRead, it.started = i, false, true
	freq := uint64(0)
	for i < len(s) && s[i]&1 == 0 { // the low bit of a uvarint is in its first byte
		for i < len(s) && s[i] >= 0x80 {
			i++
		}
		i++
		freq++
	}
	it.freq, it.at = freq, min(i, len(s))
	return true
}

// Advance moves to the first document at or after doc, unless the iterator is already
// on one, and reports whether there is one. It jumps over blocks of skipEvery documents
// that come before doc.
func (it *Iterator) Advance(doc uint64) bool {
	if it.done {
		return false
	}
	if it.started && it.doc >= doc {
		return true
	}
	// Find the last skip entry whose block starts after a document before doc. Targets
	// only grow: the search starts where the last one ended, and gallops, so that
	// advancing to the next few documents costs a comparison, not a binary search.
	entry := func(m int) uint64 { return uint64(binary.LittleEndian.Uint32(it.skips[8*m:])) }
	lo, n := it.skip, len(it.skips)/8
	if lo < n && entry(lo) < doc {
		step := 1
		for lo+step < n && entry(lo+step) < doc {
			lo += step
			step <<= 1
		}
		hi := min(lo+step, n)
		lo++ // entry(lo) < doc: the first entry at or after doc is in [lo+1, hi]
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if entry(m) < doc {
				lo = m + 1
			} else {
				hi = m
			}
		}
	}
	it.skip = lo
	if lo > 0 {
		e := it.skips[8*(lo-1):]
		if at := int(binary.LittleEndian.Uint32(e[4:])); at > it.at && at < len(it.stream) {
			it.at, it.next = at, uint64(binary.LittleEndian.Uint32(e))+1
		}
	}
	for it.Next() {
		if it.doc >= doc {
			return true
		}
	}
	return false
}

// Doc returns the current document.
func (it *Iterator) Doc() uint64 { return it.doc }

// Freq returns the number of occurrences of the term in the current document.
func (it *Iterator) Freq() uint64 { return it.freq }

// Positions returns the term's positions in the current document, ascending. The slice
// is the iterator's: valid until the iterator moves.
func (it *Iterator) Positions() []uint64 {
	if it.posRead {
		return it.pos
	}
	it.pos, it.posRead = it.pos[:0], true
	s, pos := it.stream, uint64(0)
	for i := it.posFrom; i < len(s) && s[i]&1 == 0; {
		v, n := binary.Uvarint(s[i:])
		if n <= 0 {
			break
		}
		i += n
		pos += v >> 1
		it.pos = append(it.pos, pos)
	}
	return it.pos
}
