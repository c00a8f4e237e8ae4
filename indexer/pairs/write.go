package pairs

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// Write writes the index file at path: a temporary file beside it, synced and renamed
// into place, so that a reader never sees a half file. order[i] is the key of the
// document numbered i (Bleve's internal number); a key of order that was never added is
// a document without pairs (length 0); recorded keys not in order are dropped. A key
// that order holds twice gives both documents its pairs.
//
// Write holds the Builder's locks throughout: Add waits for it.
func (b *Builder) Write(path string, order []string) error {
	e, err := b.Encode(order, 0)
	if err != nil {
		return fmt.Errorf("pairs: write %s: %w", path, err)
	}
	return e.WriteFile(path)
}

// Encoded is the content of an index file for one document order, ready to be written.
type Encoded struct {
	parts [][]byte
}

// Encode returns the content of the index file Write would write for order, without
// writing it, on this many goroutines (0: one per core, at most 2). A build encodes on
// one goroutine for the order it expects while Bleve merges on the other core, and
// writes the file once the order is confirmed.
//
// Encode holds the Builder's locks throughout: Add waits for it.
func (b *Builder) Encode(order []string, workers int) (*Encoded, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.terms.lock()
	defer b.terms.unlock()
	if uint64(len(order)) >= math.MaxUint32 {
		return nil, fmt.Errorf("%d documents, more than a uint32 numbers", len(order))
	}
	if workers <= 0 {
		workers = min(runtime.GOMAXPROCS(0), 2)
	}
	docs := make([]record, len(order))
	for i, key := range order {
		docs[i] = b.docs[key]
	}
	parts, err := encode(b.terms, docs, workers)
	if err != nil {
		return nil, err
	}
	return &Encoded{parts: parts}, nil
}

// WriteFile writes the encoded index file at path as Write does.
func (e *Encoded) WriteFile(path string) error {
	if err := writeAtomic(path, e.parts); err != nil {
		return fmt.Errorf("pairs: write %s: %w", path, err)
	}
	return nil
}

// termState is what encode keeps of one term while it walks the documents.
type termState struct {
	start   uint64 // offset of the term's stream in the records section
	size    uint64 // bytes of the stream: counted in pass 1, written so far in pass 2
	lastDoc uint32 // number + 1 of the last document that has the term (0: none yet)
	lastPos uint32 // the term's last position in that document
	docs    uint32 // documents with the term: counted in pass 1
	written uint32 // documents written so far in pass 2
}

// encode returns the file's bytes, in parts, the header first. It reads each document's
// record twice: pass 1 counts every term's documents and stream bytes, so that each
// record can be placed; pass 2 writes the streams in place, document after document.
func encode(terms *termTable, docs []record, workers int) ([][]byte, error) {
	var h header
	h.docs, h.skipEvery, h.bitmapMin = uint64(len(docs)), skipEvery, bitmapMin
	lengths := make([]byte, 4*len(docs))
	for d, r := range docs {
		binary.LittleEndian.PutUint32(lengths[4*d:], r.tokens)
		h.tokens += uint64(r.tokens)
	}

	st := make([]termState, terms.idBound())
	inParallel(workers, func(w, workers int) { count(st, docs, w, workers) })
	records, slots, big, err := place(terms, st, &h)
	if err != nil {
		return nil, err
	}
	inParallel(workers, func(w, workers int) { fill(st, records, docs, w, workers) })

	bitmapDir, bitmaps, err := storeBitmaps(records, st, big)
	if err != nil {
		return nil, err
	}
	h.bitmaps, h.bitmapsSize = uint64(len(big)), uint64(len(bitmaps))

	parts := [][]byte{nil, lengths, pad(len(lengths)), slots, bitmapDir, bitmaps, records}
	for _, p := range parts[1:] {
		h.dataCRC = crc32.Update(h.dataCRC, castagnoli, p)
	}
	parts[0] = h.encode()
	return parts, nil
}

// inParallel runs f(w, workers) for w from 0 to workers-1 at once.
// The passes split the terms between workers: each reads every record and keeps the
// tokens of its own terms, those whose (id>>1)%workers is w (two termStates share a
// cache line: one worker owns both).
func inParallel(workers int, f func(w, workers int)) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { f(w, workers) })
	}
	wg.Wait()
}

// count is pass 1 for worker w: it counts the documents and stream bytes of its terms.
func count(st []termState, docs []record, w, workers int) {
	var toks []docToken
	for d, r := range docs {
		toks = appendTokens(toks[:0], r.data, w, workers)
		prefetchStates(st, toks)
		for _, t := range toks {
			s := &st[t.id]
			if s.lastDoc != uint32(d)+1 {
				s.size += uvarintLen(uint64(uint32(d)-s.lastDoc)<<1 | 1)
				s.lastDoc, s.lastPos = uint32(d)+1, 0
				s.docs++
			}
			s.size += uvarintLen(uint64(t.pos-s.lastPos) << 1)
			s.lastPos = t.pos
		}
	}
}

// fill is pass 2 for worker w: it writes the streams and skip entries of its terms.
func fill(st []termState, records []byte, docs []record, w, workers int) {
	var toks []docToken
	for d, r := range docs {
		toks = appendTokens(toks[:0], r.data, w, workers)
		prefetchStates(st, toks)
		sink := byte(0) // the bytes where the streams go on, read to bring them into cache
		for _, t := range toks {
			s := &st[t.id]
			sink += records[min(s.start+s.size, uint64(len(records)-1))]
		}
		runtime.KeepAlive(sink)
		for _, t := range toks {
			s := &st[t.id]
			if s.lastDoc != uint32(d)+1 {
				if s.written > 0 && s.written%skipEvery == 0 {
					at := s.start - 8*skips(s.docs) + 8*uint64(s.written/skipEvery-1)
					binary.LittleEndian.PutUint32(records[at:], s.lastDoc-1)
					binary.LittleEndian.PutUint32(records[at+4:], uint32(s.size))
				}
				s.size += uint64(binary.PutUvarint(records[s.start+s.size:], uint64(uint32(d)-s.lastDoc)<<1|1))
				s.lastDoc, s.lastPos = uint32(d)+1, 0
				s.written++
			}
			s.size += uint64(binary.PutUvarint(records[s.start+s.size:], uint64(t.pos-s.lastPos)<<1))
			s.lastPos = t.pos
		}
	}
}

// prefetchStates reads the states of the tokens' terms, their loads independent of one
// another, so that their cache misses overlap.
func prefetchStates(st []termState, toks []docToken) {
	sink := uint32(0)
	for _, t := range toks {
		sink += st[t.id].lastDoc
	}
	runtime.KeepAlive(sink)
}

// skips returns the number of skip entries of a term in docs documents.
func skips(docs uint32) uint64 { return uint64(max(docs, 1)-1) / skipEvery }

// place lays out the records of the terms that have documents, in id order: it writes
// each record's fields before its stream, sets each term's start, and builds the hash
// slots. big lists, in bitmap number order, the terms whose bitmap is stored.
func place(terms *termTable, st []termState, h *header) (records, slots []byte, big []uint32, err error) {
	size := uint64(0)
	terms.each(func(id uint32, term []byte) {
		s := &st[id]
		if s.docs == 0 {
			return
		}
		if s.size > math.MaxUint32 {
			err = errors.New("a term's postings exceed 4 GiB")
		}
		h.terms++
		size += recordHead(len(term), s, uint64(len(big))) + s.size
		if s.docs >= bitmapMin {
			big = append(big, id)
		}
	})
	if err != nil {
		return nil, nil, nil, err
	}
	if size >= 1<<offsetBits-1 {
		return nil, nil, nil, errors.New("postings exceed 1 TiB")
	}
	h.recordsSize = size
	h.slots = 1 << bits.Len64(h.terms+h.terms/3)
	records = make([]byte, size)
	slots = make([]byte, 8*h.slots)
	mask := h.slots - 1

	at, nbig := uint64(0), uint64(0)
	terms.each(func(id uint32, term []byte) {
		s := &st[id]
		if s.docs == 0 {
			return
		}
		hash := fileHash(term)
		i := hash & mask
		for binary.LittleEndian.Uint64(slots[8*i:]) != 0 {
			i = (i + 1) & mask
		}
		binary.LittleEndian.PutUint64(slots[8*i:], hash>>offsetBits<<offsetBits|(at+1))

		head := recordHead(len(term), s, nbig)
		r := records[at:at] // appends write in place: records has the room
		r = binary.AppendUvarint(r, uint64(len(term)))
		r = append(r, term...)
		r = binary.AppendUvarint(r, uint64(s.docs))
		if s.docs >= bitmapMin {
			r = binary.AppendUvarint(r, nbig)
			nbig++
		}
		binary.AppendUvarint(r, s.size)
		s.start = at + head
		at = s.start + s.size
		s.size, s.lastDoc, s.lastPos = 0, 0, 0
	})
	return records, slots, big, nil
}

// storeBitmaps serializes the bitmaps of the big terms, each at a multiple of 8, and
// returns them with their directory.
func storeBitmaps(records []byte, st []termState, big []uint32) (dir, bitmaps []byte, err error) {
	dir = make([]byte, 8*(len(big)+1))
	var buf bytes.Buffer
	var docs []uint32
	for i, id := range big {
		s := &st[id]
		docs = appendDocs(docs[:0], records[s.start:s.start+s.size])
		bm := roaring.New()
		bm.AddMany(docs)
		if _, err := bm.WriteTo(&buf); err != nil {
			return nil, nil, err
		}
		buf.Write(pad(buf.Len()))
		binary.LittleEndian.PutUint64(dir[8*(i+1):], uint64(buf.Len()))
	}
	return dir, buf.Bytes(), nil
}

// recordHead returns the bytes of a record before its stream: term length, term,
// documents, bitmap number, stream length and skip entries.
func recordHead(termLen int, s *termState, nbig uint64) uint64 {
	n := uvarintLen(uint64(termLen)) + uint64(termLen) + uvarintLen(uint64(s.docs))
	if s.docs >= bitmapMin {
		n += uvarintLen(nbig)
	}
	return n + uvarintLen(s.size) + 8*skips(s.docs)
}

// pad returns the zero bytes that bring n to a multiple of 8.
func pad(n int) []byte { return make([]byte, (8-n%8)%8) }

func uvarintLen(v uint64) uint64 { return uint64(bits.Len64(v|1)+6) / 7 }

// docToken is a token of a record.
type docToken struct{ id, pos uint32 }

// appendTokens appends the tokens of a record whose terms are worker w's (workers is
// 1 or 2).
func appendTokens(toks []docToken, data []byte, w, workers int) []docToken {
	pos, mask, want := uint32(0), uint32(workers-1), uint32(w)
	for i := 0; i < len(data); {
		v, n := uvarint(data, i)
		i += n
		if v&1 == 0 {
			pos++
		} else {
			g, n := uvarint(data, i)
			i += n
			pos += uint32(g)
		}
		if id := uint32(v >> 1); id>>1&mask == want {
			toks = append(toks, docToken{id, pos})
		}
	}
	return toks
}

// uvarint decodes the uvarint at b[i:], with a fast path for one or two bytes. The
// records are the Builder's own: no error to check.
func uvarint(b []byte, i int) (uint64, int) {
	if c := b[i]; c < 0x80 {
		return uint64(c), 1
	} else if i+1 < len(b) && b[i+1] < 0x80 {
		return uint64(c&0x7f) | uint64(b[i+1])<<7, 2
	}
	return binary.Uvarint(b[i:])
}

// writeAtomic writes parts to a temporary file beside path, syncs it and renames it
// into place.
func writeAtomic(path string, parts [][]byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	for _, p := range parts {
		if _, err := tmp.Write(p); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}
