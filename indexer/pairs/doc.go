// Package pairs keeps the word pairs of an index's documents ("hague convent", "of the")
// with their positions, for fast phrase search, in a sidecar file beside the Bleve index.
//
// A Builder collects each document's pair tokens while the index is built, as a compact
// record of term ids; Write then lays every term's postings out in two passes over the
// records (count, then write each list in place), with no sorting of terms and no
// merging. Open memory-maps the file, and Postings finds a term through an
// open-addressing hash table whose records hold, and are compared with, the term's
// bytes, so that a lookup is exact.
//
// Postings, Iterators and the slices they return read the mapped file: they must not be
// used after Index.Close. Bitmaps are copies.
//
// # File format
//
// All integers are little-endian; "uvarint" is encoding/binary's. The file is a 128-byte
// header followed by five sections, each starting at a multiple of 8:
//
//	header     magic "NAPAIRS\n", version, CRC-32C of the header, counts, sizes, skipEvery
//	           (64) and bitmapMin (32), and the CRC-32C of the rest of the file (header.go)
//	lengths    uint32 per document: its number of pair tokens
//	slots      uint64 per hash slot (a power of two): 0 when empty, else the record's offset
//	           + 1 in the low 40 bits and the top 24 bits of the term's xxhash64 above them
//	bitmapDir  uint64 per term of at least bitmapMin documents, and one more: where each
//	           one's roaring bitmap starts in the bitmaps section (the last is the end)
//	bitmaps    serialized roaring bitmaps (portable format), each at a multiple of 8
//	records    one record per term, in no particular order
//
// A record is
//
//	uvarint len(term), term, uvarint documents
//	uvarint bitmap number                  (only when documents >= bitmapMin)
//	uvarint len(stream)
//	skips: (documents-1)/skipEvery entries of 8 bytes
//	stream
//
// The stream is a sequence of uvarints v in document order. An odd v starts a document:
// its number is v>>1 plus one more than the previous document's (the first one: v>>1).
// An even v is a position of the term in that document: v>>1 more than the previous
// position in the same document (the first one: v>>1). Every document has at least one
// position, and the number of positions is the term's frequency in it.
//
// Skip entry j is the (uint32) number of document j*skipEvery+skipEvery-1 (0-based, in the
// term's list) followed by the (uint32) stream offset at which the next document starts,
// so that Iterator.Advance can jump over whole blocks.
package pairs
