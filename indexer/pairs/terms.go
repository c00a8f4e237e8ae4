package pairs

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"slices"
	"sync"
	"sync/atomic"
)

// termTable numbers distinct terms. Safe for concurrent use.
//
// It is split into shards by hash, each with its own lock, so that goroutines adding
// documents at once seldom wait for each other, and so that each shard's table stays
// small enough to grow quickly. A term's id is its number in its shard, shifted left,
// or its shard: ids stay dense, and the most frequent terms, seen first, get the
// smallest ones.
//
// A shard is open addressing over 32-byte slots that hold the term's bytes (up to
// inlineMax of them; a longer term's first bytes and where the rest is in a byte
// arena). Finding a term is then a single cache miss, and millions of terms hold no Go
// pointer for the garbage collector to scan.
type termTable struct {
	seed   maphash.Seed
	shards [1 << shardBits]termShard
	sink   atomic.Uint64 // see prefetch
}

const (
	shardBits = 6
	inlineMax = 24 // bytes of a term that a slot holds
	long      = 31 // the length in a slot of a term longer than inlineMax
	localBits = 27 // width of a term's number in its shard + 1, in a slot
	slotMin   = 256
)

// slot is one entry of a shard's table: head, then the term's bytes, or for a longer
// term its first 16 bytes and the offset of the whole term in the shard's arena.
//
// head is 0 when the slot is empty, else the term's number in its shard + 1 (the low
// localBits bits), its length or long (5 bits), and the low 32 bits of its hash, which
// give its place in the table (so that grow need not hash the terms again).
type slot struct {
	head uint64
	data [inlineMax]byte
}

type termShard struct {
	mu    sync.Mutex
	n     int // number of terms
	slots []slot
	arena []byte // the long terms, each as its length (uvarint) and its bytes

	// view publishes slots to prefetch, which reads them without the lock: a slot's
	// head is stored atomically once slots is published, and prefetch reads only heads.
	view atomic.Pointer[[]slot]
	_    [64]byte // keeps shards that goroutines use at once off each other's cache lines
}

func newTermTable() *termTable { return &termTable{seed: maphash.MakeSeed()} }

func (t *termTable) hash(term []byte) uint64 { return maphash.Bytes(t.seed, term) }

func shardOf(h uint64) int { return int(h >> (64 - shardBits)) }

// headOf returns the head of a slot for a term of n bytes and hash h, without its
// number.
func headOf(h uint64, n int) uint64 {
	if n > inlineMax {
		n = long
	}
	return h<<32 | uint64(n)<<localBits
}

const localMask = 1<<localBits - 1

// idBound returns a bound of the ids: every id is smaller. The caller must hold every
// shard's lock, or know that no one adds terms.
func (t *termTable) idBound() int {
	n := 0
	for s := range t.shards {
		n = max(n, t.shards[s].n)
	}
	return n << shardBits
}

// each calls f with the id and bytes of each term, in no particular order. The caller
// must hold every shard's lock, or know that no one adds terms.
func (t *termTable) each(f func(id uint32, term []byte)) {
	for s := range t.shards {
		sh := &t.shards[s]
		for i := range sh.slots {
			if sl := &sh.slots[i]; sl.head != 0 {
				f(uint32(sl.head&localMask-1)<<shardBits|uint32(s), sh.term(sl))
			}
		}
	}
}

// lock and unlock take and release every shard's lock.
func (t *termTable) lock() {
	for s := range t.shards {
		t.shards[s].mu.Lock()
	}
}

func (t *termTable) unlock() {
	for s := range t.shards {
		t.shards[s].mu.Unlock()
	}
}

// ids sets the id of each token, numbering the new terms; order is scratch space,
// returned grown.
//
// Finding a term in a large table costs a cache miss. ids first reads (prefetch) the
// slots of all the tokens without locks, their loads independent of one another, so
// that the misses of hundreds of tokens overlap rather than follow one another. Then,
// shard by shard under the shard's lock, it finds or adds each term for good, mostly in
// cache.
func (t *termTable) ids(toks []token, order []int32) []int32 {
	t.prefetch(toks)

	// Group the tokens by shard (a counting sort of their indexes).
	var start [len(t.shards) + 1]int
	for i := range toks {
		start[shardOf(toks[i].hash)+1]++
	}
	for s := range t.shards {
		start[s+1] += start[s]
	}
	order = slices.Grow(order[:0], len(toks))[:len(toks)]
	at := start
	for i := range toks {
		s := shardOf(toks[i].hash)
		order[at[s]] = int32(i)
		at[s]++
	}
	// Two goroutines adding documents at once find a shard held by the other for one
	// in 2,000 (measured): no need to go round held shards.
	for s := range t.shards {
		if start[s] < start[s+1] {
			sh := &t.shards[s]
			sh.mu.Lock()
			sh.ids(toks, order[start[s]:start[s+1]], uint32(s))
			sh.mu.Unlock()
		}
	}
	return order
}

// prefetch reads the head of each token's first slot, to bring it into cache.
func (t *termTable) prefetch(toks []token) {
	sink := uint64(0)
	for i := range toks {
		h := toks[i].hash
		if v := t.shards[shardOf(h)].view.Load(); v != nil {
			sink += atomic.LoadUint64(&(*v)[h&uint64(len(*v)-1)].head)
		}
	}
	t.sink.Store(sink) // a store: the compiler may not drop the loads
}

// ids sets the id of the tokens toks[i] for each i of order, all of shard s.
func (sh *termShard) ids(toks []token, order []int32, s uint32) {
	if 4*(sh.n+len(order)) > 3*len(sh.slots) {
		sh.grow(sh.n + len(order))
	}
	for _, i := range order {
		toks[i].id = sh.id(toks[i].term, toks[i].hash, s)
	}
}

// id returns the id of term, whose hash is h, numbering it if it is new. The table must
// have room for it (grow).
func (sh *termShard) id(term []byte, h uint64, s uint32) uint32 {
	want := headOf(h, len(term))
	mask := uint64(len(sh.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &sh.slots[i]
		head := sl.head
		if head == 0 {
			sh.n++
			sh.fill(sl, term)
			atomic.StoreUint64(&sl.head, want|uint64(sh.n)) // prefetch may be reading
			return uint32(sh.n-1)<<shardBits | s
		}
		if head&^localMask == want && sh.holds(sl, term) {
			return uint32(head&localMask-1)<<shardBits | s
		}
	}
}

// fill writes term's bytes in sl (and the arena for a long term).
func (sh *termShard) fill(sl *slot, term []byte) {
	if len(term) <= inlineMax {
		copy(sl.data[:], term)
		return
	}
	copy(sl.data[:16], term)
	binary.LittleEndian.PutUint64(sl.data[16:], uint64(len(sh.arena)))
	sh.arena = binary.AppendUvarint(sh.arena, uint64(len(term)))
	sh.arena = append(sh.arena, term...)
}

// holds reports whether sl, whose head has term's length, holds term.
func (sh *termShard) holds(sl *slot, term []byte) bool {
	if len(term) <= inlineMax {
		return bytes.Equal(sl.data[:len(term)], term)
	}
	return bytes.Equal(sl.data[:16], term[:16]) && bytes.Equal(sh.term(sl), term)
}

// term returns the bytes of the term that sl holds.
func (sh *termShard) term(sl *slot) []byte {
	if n := sl.head >> localBits & 31; n != long {
		return sl.data[:n:n]
	}
	a := sh.arena[binary.LittleEndian.Uint64(sl.data[16:]):]
	n, k := binary.Uvarint(a)
	return a[k : k+int(n) : k+int(n)]
}

// grow makes the table big enough for n terms at most three quarters full, and
// publishes it to prefetch. A shard can hold 2^26 terms (ids are uint32); its table
// 2^32 slots.
func (sh *termShard) grow(n int) {
	size := max(len(sh.slots), slotMin)
	for 4*n > 3*size {
		size *= 2
	}
	slots := make([]slot, size)
	mask := uint64(size - 1)
	for _, sl := range sh.slots {
		if sl.head == 0 {
			continue
		}
		i := sl.head >> 32 & mask
		for slots[i].head != 0 {
			i = (i + 1) & mask
		}
		slots[i] = sl
	}
	sh.slots = slots
	sh.view.Store(&slots)
}
