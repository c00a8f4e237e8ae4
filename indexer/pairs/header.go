package pairs

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/bits"
)

const (
	magic      = "NAPAIRS\n"
	version    = 1
	headerSize = 128

	// skipEvery is the number of documents between two skip entries of a term.
	skipEvery = 64
	// bitmapMin is the number of documents from which a term's bitmap is stored; smaller
	// lists are read from the stream (measured: a stored bitmap of 200 documents reads
	// in 0.6 µs, a stream of 60 in 1.4 µs, one of 10 in 0.5 µs).
	bitmapMin = 32
	// offsetBits is the width of a record offset in a slot; the rest is a hash fingerprint.
	offsetBits = 40
)

// ErrCorrupt is wrapped by the errors of Open and Verify for a file that is not a
// complete pairs file of this version.
var ErrCorrupt = errors.New("corrupt pairs file")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// header is what the first headerSize bytes of a file hold.
type header struct {
	docs, terms, tokens uint64
	skipEvery           uint64 // stored so that a reader never depends on this build's constant
	bitmapMin           uint64
	slots               uint64 // number of hash slots, a power of two
	bitmaps             uint64 // number of stored bitmaps
	bitmapsSize         uint64 // bytes of the bitmaps section
	recordsSize         uint64 // bytes of the records section
	dataCRC             uint32 // CRC-32C of every byte after the header
}

// Field offsets in the header.
const (
	hMagic   = 0
	hVersion = 8
	hCRC     = 12
	hFields  = 16 // nine uint64 fields from here, in header's order
	hDataCRC = hFields + 9*8
)

func (h *header) fields() []*uint64 {
	return []*uint64{&h.docs, &h.terms, &h.tokens, &h.skipEvery, &h.bitmapMin,
		&h.slots, &h.bitmaps, &h.bitmapsSize, &h.recordsSize}
}

// encode returns the header's bytes, their CRC included.
func (h *header) encode() []byte {
	b := make([]byte, headerSize)
	copy(b[hMagic:], magic)
	binary.LittleEndian.PutUint32(b[hVersion:], version)
	for i, f := range h.fields() {
		binary.LittleEndian.PutUint64(b[hFields+8*i:], *f)
	}
	binary.LittleEndian.PutUint32(b[hDataCRC:], h.dataCRC)
	binary.LittleEndian.PutUint32(b[hCRC:], crc32.Checksum(b, castagnoli))
	return b
}

// decodeHeader reads and checks the header of a file of size bytes.
func decodeHeader(b []byte, size uint64) (h header, l layout, err error) {
	if len(b) < headerSize {
		return h, l, fmt.Errorf("%w: %d bytes, shorter than a header", ErrCorrupt, len(b))
	}
	b = b[:headerSize]
	if string(b[hMagic:hMagic+len(magic)]) != magic {
		return h, l, fmt.Errorf("%w: not a pairs file (bad magic)", ErrCorrupt)
	}
	if v := binary.LittleEndian.Uint32(b[hVersion:]); v != version {
		return h, l, fmt.Errorf("%w: version %d, want %d", ErrCorrupt, v, version)
	}
	sum := binary.LittleEndian.Uint32(b[hCRC:])
	c := append([]byte(nil), b...)
	binary.LittleEndian.PutUint32(c[hCRC:], 0)
	if crc32.Checksum(c, castagnoli) != sum {
		return h, l, fmt.Errorf("%w: header checksum mismatch", ErrCorrupt)
	}
	for i, f := range h.fields() {
		*f = binary.LittleEndian.Uint64(b[hFields+8*i:])
	}
	h.dataCRC = binary.LittleEndian.Uint32(b[hDataCRC:])
	if h.skipEvery == 0 || h.skipEvery > 1<<20 || h.bitmapMin == 0 {
		return h, l, fmt.Errorf("%w: bad parameters", ErrCorrupt)
	}
	if h.slots == 0 || bits.OnesCount64(h.slots) != 1 || h.terms >= h.slots {
		return h, l, fmt.Errorf("%w: %d hash slots for %d terms", ErrCorrupt, h.slots, h.terms)
	}
	l, ok := h.layout()
	if !ok || l.end != size {
		return h, l, fmt.Errorf("%w: sizes in the header do not add up to the file's %d bytes", ErrCorrupt, size)
	}
	return h, l, nil
}

// layout is where the sections of a file are: each one is [start, next start).
type layout struct {
	lengths, slots, bitmapDir, bitmaps, records, end uint64
}

// layout computes the sections' offsets; ok is false when they overflow.
func (h *header) layout() (l layout, ok bool) {
	at := uint64(headerSize)
	ok = true
	add := func(n, width uint64) uint64 {
		hi, size := bits.Mul64(n, width)
		start := at
		var carry, carry2 uint64
		at, carry = bits.Add64(at, size, 0)
		at, carry2 = bits.Add64(at, (8-at%8)%8, 0)
		if hi != 0 || carry != 0 || carry2 != 0 {
			ok = false
		}
		return start
	}
	l.lengths = add(h.docs, 4)
	l.slots = add(h.slots, 8)
	l.bitmapDir = add(h.bitmaps+1, 8)
	l.bitmaps = add(h.bitmapsSize, 1)
	l.records = add(h.recordsSize, 1)
	l.end = l.records + h.recordsSize
	return l, ok && h.bitmaps+1 != 0
}
