package archive

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
)

// A pack's index file (name.idx beside name.pack) lists its records, so that opening a
// store reads a few bytes per record instead of the packs:
//
//	indexMagic
//	8 bytes  the pack length it describes (later bytes are scanned, if any)
//	8 bytes  the number of entries, then per entry, in the order of the SHA-256:
//	  32 bytes SHA-256, 8 bytes offset of the record header, 8 bytes payload length
//	4 bytes  CRC-32C of all the bytes before
//
// It is written whole under a temporary name and renamed; one that fails any check is
// ignored and the pack scanned instead. A Store searches the entries where they were
// read, so that opening a store costs little more than reading the files.
const (
	indexMagic       = "NAIDX001"
	indexExt         = ".idx"
	indexHeaderSize  = len(indexMagic) + 16
	indexEntrySize   = 48
	indexTrailerSize = 4
)

var errBadIndex = errors.New("malformed pack index")

// writePackIndex writes the index of a pack whose first covered bytes hold entries.
func writePackIndex(path string, covered int64, entries []packEntry) error {
	entries = slices.Clone(entries)
	slices.SortFunc(entries, func(a, b packEntry) int { return bytes.Compare(a.sum[:], b.sum[:]) })
	entries = slices.CompactFunc(entries, func(a, b packEntry) bool { return a.sum == b.sum })
	buf := make([]byte, 0, indexHeaderSize+len(entries)*indexEntrySize+indexTrailerSize)
	buf = append(buf, indexMagic...)
	buf = binary.LittleEndian.AppendUint64(buf, uint64(covered))
	buf = binary.LittleEndian.AppendUint64(buf, uint64(len(entries)))
	for _, e := range entries {
		buf = append(buf, e.sum[:]...)
		buf = binary.LittleEndian.AppendUint64(buf, uint64(e.off))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(e.n))
	}
	buf = binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli))

	var r [6]byte
	rand.Read(r[:])
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+hex.EncodeToString(r[:])+indexExt)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(buf)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// packIndex is a checked index file.
type packIndex struct {
	covered int64
	data    []byte // the entries
}

func (x packIndex) len() int { return len(x.data) / indexEntrySize }

// entry decodes entry i.
func (x packIndex) entry(i int) (sum [32]byte, off, n int64) {
	e := x.data[i*indexEntrySize : (i+1)*indexEntrySize]
	copy(sum[:], e)
	return sum, int64(binary.LittleEndian.Uint64(e[32:])), int64(binary.LittleEndian.Uint64(e[40:]))
}

// search finds the record of sum.
func (x packIndex) search(sum *[32]byte) (off, n int64, ok bool) {
	i, j := 0, x.len()
	for i < j {
		h := int(uint(i+j) >> 1)
		if bytes.Compare(x.data[h*indexEntrySize:h*indexEntrySize+32], sum[:]) < 0 {
			i = h + 1
		} else {
			j = h
		}
	}
	if i == x.len() || !bytes.Equal(x.data[i*indexEntrySize:i*indexEntrySize+32], sum[:]) {
		return 0, 0, false
	}
	_, off, n = x.entry(i)
	return off, n, true
}

// readPackIndex reads and checks the index at path of a pack that is packSize bytes
// long. Every entry must lie within the bytes the index covers, in order.
func readPackIndex(path string, packSize int64) (packIndex, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return packIndex{}, err
	}
	if len(b) < indexHeaderSize+indexTrailerSize || string(b[:len(indexMagic)]) != indexMagic {
		return packIndex{}, errBadIndex
	}
	body := b[:len(b)-indexTrailerSize]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(body):]) {
		return packIndex{}, errBadIndex
	}
	covered := binary.LittleEndian.Uint64(b[len(indexMagic):])
	count := binary.LittleEndian.Uint64(b[len(indexMagic)+8:])
	x := packIndex{covered: int64(covered), data: body[indexHeaderSize:]}
	if covered < uint64(len(packMagic)) || covered > uint64(packSize) || count != uint64(len(x.data)/indexEntrySize) || len(x.data)%indexEntrySize != 0 {
		return packIndex{}, errBadIndex
	}
	for i := range x.len() {
		e := x.data[i*indexEntrySize:]
		off, n := int64(binary.LittleEndian.Uint64(e[32:])), int64(binary.LittleEndian.Uint64(e[40:]))
		if off < int64(len(packMagic)) || n < 0 || n > x.covered || off > x.covered-recordHeaderSize-n ||
			i > 0 && bytes.Compare(x.data[(i-1)*indexEntrySize:][:32], e[:32]) >= 0 {
			return packIndex{}, errBadIndex
		}
	}
	return x, nil
}
