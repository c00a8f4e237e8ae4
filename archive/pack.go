package archive

import (
	"bufio"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"
)

// A pack file is packMagic followed by records, each a header and a gzip member:
//
//	offset size
//	0      4    recordMagic
//	4      1    codec (codecGzip)
//	5      3    zero
//	8      32   SHA-256 of the body
//	40     8    body length (little endian, as every number)
//	48     8    payload length: the compressed bytes after the header
//	56     4    CRC-32C of bytes 0-55 and the payload
//
// A pack is appended to by one Store only and never rewritten. Its records are
// readable as soon as they are written; the index file beside it (see packindex.go)
// is written when the pack is sealed.
const (
	packMagic        = "NAPACK01"
	recordMagic      = "NArc"
	codecGzip        = 1
	recordHeaderSize = 60
	packExt          = ".pack"
	packsDir         = "packs"
	// defaultPackLimit is the size at which a writer seals its pack and starts another.
	defaultPackLimit = 256 << 20
	// maxInflation bounds the body length a payload can claim: deflate expands at most
	// about 1032 times.
	maxInflation = 1100
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// recordHeader is the decoded header of a record.
type recordHeader struct {
	sum     [32]byte
	bodyLen uint64
	payLen  uint64
	crc     uint32
}

// putRecordHeader fills rec[:recordHeaderSize], the header of the payload that follows
// it in rec.
func putRecordHeader(rec []byte, sum *[32]byte, bodyLen int) {
	h := rec[:recordHeaderSize]
	copy(h, recordMagic)
	h[4], h[5], h[6], h[7] = codecGzip, 0, 0, 0
	copy(h[8:40], sum[:])
	binary.LittleEndian.PutUint64(h[40:], uint64(bodyLen))
	binary.LittleEndian.PutUint64(h[48:], uint64(len(rec)-recordHeaderSize))
	binary.LittleEndian.PutUint32(h[56:], recordCRC(h, rec[recordHeaderSize:]))
}

// recordCRC is the checksum of a header (without its last four bytes) and payload.
func recordCRC(h, payload []byte) uint32 {
	return crc32.Update(crc32.Checksum(h[:56], castagnoli), castagnoli, payload)
}

// parseRecordHeader decodes h, reporting false when it is not a record header.
func parseRecordHeader(h []byte) (recordHeader, bool) {
	if len(h) < recordHeaderSize || string(h[:4]) != recordMagic || h[4] != codecGzip || h[5]|h[6]|h[7] != 0 {
		return recordHeader{}, false
	}
	r := recordHeader{
		bodyLen: binary.LittleEndian.Uint64(h[40:]),
		payLen:  binary.LittleEndian.Uint64(h[48:]),
		crc:     binary.LittleEndian.Uint32(h[56:]),
	}
	copy(r.sum[:], h[8:40])
	if r.bodyLen > r.payLen*maxInflation+1024 {
		return recordHeader{}, false
	}
	return r, true
}

// pack is one pack file of the store.
type pack struct {
	name string   // base name, without packExt
	f    *os.File // open for reading (and for appending, when mine)
	mine bool     // created by this Store: its records enter the index as they are written

	// The fields below belong to the writer (under Store.wmu) when mine, else to
	// refresh (under Store.refreshMu).

	// size is the offset just past the last record indexed: for a pack of another
	// writer, where the next scan starts (0: its header is not checked yet).
	size int64
	// sealed: the pack has an index file (or no longer needs one from us); entries is
	// kept only until then.
	sealed  bool
	entries []packEntry
}

// packEntry locates one record.
type packEntry struct {
	sum [32]byte
	off int64 // of the record header
	n   int64 // payload length
}

// packName returns a new pack's base name, sortable by time and unique between writers.
func packName(t time.Time) string {
	var r [4]byte
	rand.Read(r[:])
	return "p-" + t.UTC().Format("20060102T150405.000Z") + "-" + hex.EncodeToString(r[:])
}

// createPack creates a pack in dir, locked against other Stores until it is closed.
// It is created under a temporary name and renamed once locked, so no other Store can
// take a pack being written for one left by a crash.
func createPack(dir string, now time.Time) (*pack, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	name := packName(now)
	final := filepath.Join(dir, name+packExt)
	tmp := final + ".tmp"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*pack, error) {
		f.Close()
		os.Remove(tmp)
		return nil, err
	}
	if err := lockPack(f); err != nil {
		return fail(fmt.Errorf("lock %s: %w", tmp, err))
	}
	if _, err := f.WriteAt([]byte(packMagic), 0); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return fail(err)
	}
	return &pack{name: name, f: f, mine: true, size: int64(len(packMagic)), sealed: false}, nil
}

// scanPack reads the records of f between offsets from and size, returning them and
// the offset just past the last intact one. A record cut short or damaged (a crash
// while it was written, or one still being written by another process) ends the scan
// without an error; so does a file that is not a pack. From 0 the file's magic is
// checked first.
func scanPack(f *os.File, from, size int64) ([]packEntry, int64, error) {
	if from >= size {
		return nil, from, nil
	}
	r := bufio.NewReaderSize(io.NewSectionReader(f, from, size-from), 256<<10)
	short := func(err error) error {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		return err
	}
	off := from
	if off == 0 {
		var m [len(packMagic)]byte
		if _, err := io.ReadFull(r, m[:]); err != nil || string(m[:]) != packMagic {
			return nil, 0, short(err)
		}
		off = int64(len(m))
	}
	var (
		entries []packEntry
		hdr     [recordHeaderSize]byte
		buf     = make([]byte, 64<<10)
	)
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return entries, off, short(err)
		}
		h, ok := parseRecordHeader(hdr[:])
		if !ok || h.payLen > uint64(size-off-recordHeaderSize) {
			return entries, off, nil
		}
		crc := crc32.Checksum(hdr[:56], castagnoli)
		for rest := int(h.payLen); rest > 0; {
			chunk := buf[:min(rest, len(buf))]
			if _, err := io.ReadFull(r, chunk); err != nil {
				return entries, off, short(err)
			}
			crc = crc32.Update(crc, castagnoli, chunk)
			rest -= len(chunk)
		}
		if crc != h.crc {
			return entries, off, nil
		}
		entries = append(entries, packEntry{sum: h.sum, off: off, n: int64(h.payLen)})
		off += recordHeaderSize + int64(h.payLen)
	}
}
