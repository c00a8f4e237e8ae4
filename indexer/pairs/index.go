package pairs

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"

	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/mmap-go"
	"github.com/cespare/xxhash/v2"
)

// Index is a pairs file opened read-only and memory-mapped. Safe for concurrent use.
//
// What it returns (Postings, Iterators, the slices of Positions) reads the mapped file:
// none of it may be used after Close. Bitmaps are copies and stay valid.
type Index struct {
	mm mmap.MMap
	h  header

	lengths, slots, bitmapDir, bitmaps, records []byte
}

// Open opens the pairs file at path. It checks the header (magic, version, checksum)
// and that the sizes it gives add up to the file's, and returns an error wrapping
// ErrCorrupt when they do not. It does not read the rest of the file (see Verify);
// should a byte of it be damaged, lookups give wrong answers but do not panic.
func Open(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pairs: open: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("pairs: open: %w", err)
	}
	size := fi.Size()
	if size < headerSize {
		return nil, fmt.Errorf("pairs: open %s: %w: %d bytes, shorter than a header", path, ErrCorrupt, size)
	}
	mm, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("pairs: open %s: %w", path, err)
	}
	h, l, err := decodeHeader(mm, uint64(len(mm)))
	if err != nil {
		mm.Unmap()
		return nil, fmt.Errorf("pairs: open %s: %w", path, err)
	}
	b := []byte(mm)
	return &Index{
		mm:        mm,
		h:         h,
		lengths:   b[l.lengths : l.lengths+4*h.docs],
		slots:     b[l.slots : l.slots+8*h.slots],
		bitmapDir: b[l.bitmapDir : l.bitmapDir+8*(h.bitmaps+1)],
		bitmaps:   b[l.bitmaps : l.bitmaps+h.bitmapsSize],
		records:   b[l.records:l.end],
	}, nil
}

// Close unmaps the file. Nothing read from the Index may be used afterwards.
func (x *Index) Close() error {
	if x.mm == nil {
		return nil
	}
	err := x.mm.Unmap()
	*x = Index{} // an Index used after Close is empty rather than a crash

	if err != nil {
		return fmt.Errorf("pairs: close: %w", err)
	}
	return nil
}

// Verify reads the whole file and checks it against the checksum Write stored.
func (x *Index) Verify() error {
	if x.mm == nil {
		return errors.New("pairs: verify: index closed")
	}
	if crc32.Checksum(x.mm[headerSize:], castagnoli) != x.h.dataCRC {
		return fmt.Errorf("pairs: verify: %w: checksum mismatch", ErrCorrupt)
	}
	return nil
}

// Docs returns the number of documents numbered (len(order) at Write).
func (x *Index) Docs() int { return int(x.h.docs) }

// Terms returns the number of distinct terms.
func (x *Index) Terms() int { return int(x.h.terms) }

// Tokens returns the number of pair tokens of all documents (Bleve's "field cardinality").
func (x *Index) Tokens() uint64 { return x.h.tokens }

// Length returns the number of pair tokens of document doc (0 if out of range).
func (x *Index) Length(doc uint64) uint64 {
	if doc >= x.h.docs {
		return 0
	}
	return uint64(binary.LittleEndian.Uint32(x.lengths[4*doc:]))
}

// Postings returns the postings of term, ok false when no document has it.
func (x *Index) Postings(term []byte) (p Postings, ok bool) {
	h := fileHash(term)
	n := x.h.slots
	mask, fp := n-1, h>>offsetBits
	i := h & mask
	for probes := uint64(0); probes < n; probes++ {
		s := binary.LittleEndian.Uint64(x.slots[8*i:])
		if s == 0 {
			break
		}
		if s>>offsetBits == fp {
			p, t, ok := x.record(s&(1<<offsetBits-1) - 1)
			if ok && bytes.Equal(t, term) {
				return p, true
			}
		}
		i = (i + 1) & mask
	}
	return Postings{}, false
}

// fileHash is the hash of the file's slots: xxhash64, fixed for good.
func fileHash(term []byte) uint64 { return xxhash.Sum64(term) }

// record reads the record at off in the records section, checking every bound.
func (x *Index) record(off uint64) (p Postings, term []byte, ok bool) {
	if off >= uint64(len(x.records)) {
		return p, nil, false
	}
	r := x.records[off:]
	n, r, ok1 := readUvarint(r)
	if !ok1 || n > uint64(len(r)) {
		return p, nil, false
	}
	term, r = r[:n], r[n:]
	docs, r, ok2 := readUvarint(r)
	if !ok2 || docs == 0 || docs > x.h.docs {
		return p, nil, false
	}
	if docs >= x.h.bitmapMin {
		var b uint64
		b, r, ok = readUvarint(r)
		if !ok || b >= x.h.bitmaps {
			return p, nil, false
		}
		from := binary.LittleEndian.Uint64(x.bitmapDir[8*b:])
		to := binary.LittleEndian.Uint64(x.bitmapDir[8*b+8:])
		if from > to || to > uint64(len(x.bitmaps)) {
			return p, nil, false
		}
		p.bitmap = x.bitmaps[from:to:to]
	}
	size, r, ok3 := readUvarint(r)
	skip := (docs - 1) / x.h.skipEvery * 8
	if !ok3 || skip > uint64(len(r)) || size > uint64(len(r))-skip {
		return p, nil, false
	}
	p.docs = docs
	p.skips = r[:skip:skip]
	p.stream = r[skip : skip+size : skip+size]
	return p, term, true
}

// readUvarint reads a uvarint at the start of b and returns the rest of b.
func readUvarint(b []byte) (v uint64, rest []byte, ok bool) {
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

// DocOrder returns the external ids of r's documents by their internal numbers, as
// Builder.Write takes them: "" for a number no document has.
func DocOrder(r index.IndexReader) ([]string, error) {
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	var order []string
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			return order, nil
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, err
		}
		for uint64(len(order)) <= id.Value() {
			order = append(order, "")
		}
		order[id.Value()] = ext
	}
}
