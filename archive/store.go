package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/gzip" // the gzip format, written in a third of the standard library's time
)

// digestPrefix starts every digest.
const digestPrefix = "sha256-"

// Store errors.
var (
	// ErrNotFound reports a digest that the store does not hold.
	ErrNotFound = errors.New("archive: not in store")
	// ErrBadDigest reports a string that is not a digest as Digest writes it.
	ErrBadDigest = errors.New("archive: malformed digest")
	// ErrCorrupt reports stored bytes that no longer match their digest.
	ErrCorrupt = errors.New("archive: stored bytes do not match digest")

	errClosed = errors.New("archive: store is closed")
)

// defaultRefreshEvery is the least time between two looks for records appended by
// other processes.
const defaultRefreshEvery = 100 * time.Millisecond

// Digest returns the content address of body: "sha256-" and 64 lowercase hex digits.
func Digest(body []byte) string {
	sum := sha256.Sum256(body)
	return digestPrefix + hex.EncodeToString(sum[:])
}

// ValidDigest reports whether s has exactly the form Digest returns.
func ValidDigest(s string) bool {
	if len(s) != len(digestPrefix)+64 || s[:len(digestPrefix)] != digestPrefix {
		return false
	}
	for _, c := range []byte(s[len(digestPrefix):]) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// digestSum decodes a valid digest.
func digestSum(digest string) (sum [32]byte) {
	hex.Decode(sum[:], []byte(digest[len(digestPrefix):]))
	return sum
}

// Store is a content-addressed store of original page bytes, shared by index
// generations and by processes: each body is kept once, gzip-compressed.
//
// Bodies are appended to pack files, dir/packs/p-<time>-<random>.pack, one per writing
// Store, sealed at about 256 MiB and by Close, which then writes an index of the pack
// beside it (p-….idx). Opening a store reads the indexes into memory (a pack without
// one, left by a crash or still being written, is scanned when first needed, and a torn
// last record ignored). A record is readable by this Store as soon as Put returns, and
// by another Store once it looks for new records, which it does, at most every 100 ms,
// when asked for a digest it does not hold. Records are not fsynced one by one: Sync
// and Close make them durable, and Get checks every body against its digest.
//
// Files of the earlier layout, one per body under dir/ab/sha256-ab….gz, are read too.
// Put skips bodies already held; two processes writing at once may each keep a copy,
// which costs space only. A Store is safe for concurrent use.
type Store struct {
	dir     string
	packDir string
	legacy  bool // dir has files of the earlier layout
	closed  atomic.Bool

	// The records are in the index files read (tables) and, for those written by this
	// Store or found by scanning packs, in index.
	mu     sync.RWMutex // guards index, tables and packs
	index  map[[32]byte]loc
	tables []table
	packs  map[string]*pack // by name

	wmu       sync.Mutex // serializes appends; guards cur and dirDirty
	cur       *pack      // the pack being written, if any
	dirDirty  bool       // a pack was created since the directory was last synced
	packLimit int64

	sealMu  sync.Mutex // held while a pack is sealed; guards sealErr
	sealErr error      // the first failure to make a pack durable

	refreshMu    sync.Mutex // one refresh at a time; guards lastRefresh and packs not mine
	lastRefresh  time.Time
	refreshEvery time.Duration
	primed       atomic.Bool // Put has looked for the records of other writers

	enc sync.Pool // *recordBuf
	dec sync.Pool // *gzip.Reader
}

// table is the index file of a pack.
type table struct {
	p *pack
	x packIndex
}

// loc is where a record lies.
type loc struct {
	p   *pack
	off int64 // of the record header
	n   int64 // payload length
}

// OpenStore opens the store in dir, creating dir if needed. It reads the pack indexes
// and creates no file until the first Put of a body it does not hold.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	top, err := os.ReadDir(dir)
	if err != nil {
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return nil, fmt.Errorf("open store: %s is not a directory", dir)
		}
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{
		dir:          dir,
		packDir:      filepath.Join(dir, packsDir),
		legacy:       hasLegacyDirs(top),
		index:        map[[32]byte]loc{},
		packs:        map[string]*pack{},
		packLimit:    defaultPackLimit,
		refreshEvery: defaultRefreshEvery,
	}
	if err := s.addPacks(); err != nil {
		s.closeFiles()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return s, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// Put stores body and returns its digest. Storing bytes already held is a cheap no-op.
func (s *Store) Put(body []byte) (string, error) {
	sum := sha256.Sum256(body)
	digest := digestPrefix + hex.EncodeToString(sum[:])
	if s.closed.Load() {
		return "", fmt.Errorf("store %s: %w", digest, errClosed)
	}
	if !s.primed.Load() {
		s.prime()
	}
	if _, ok := s.find(sum); ok || s.hasLegacy(digest) {
		return digest, nil
	}
	rec, err := s.encode(&sum, body)
	if err != nil {
		return "", fmt.Errorf("store %s: %w", digest, err)
	}
	defer s.enc.Put(rec)
	if err := s.append(&sum, rec.buf.Bytes()); err != nil {
		return "", fmt.Errorf("store %s: %w", digest, err)
	}
	return digest, nil
}

// recordBuf is a reusable compressor with the record it writes.
type recordBuf struct {
	buf bytes.Buffer
	zw  *gzip.Writer
}

var zeroHeader [recordHeaderSize]byte

// encode builds the record of body.
func (s *Store) encode(sum *[32]byte, body []byte) (*recordBuf, error) {
	r, _ := s.enc.Get().(*recordBuf)
	if r == nil {
		r = &recordBuf{}
		r.zw, _ = gzip.NewWriterLevel(&r.buf, gzip.BestSpeed)
	}
	r.buf.Reset()
	r.buf.Write(zeroHeader[:])
	r.zw.Reset(&r.buf)
	if _, err := r.zw.Write(body); err != nil {
		return nil, err
	}
	if err := r.zw.Close(); err != nil {
		return nil, err
	}
	putRecordHeader(r.buf.Bytes(), sum, len(body))
	return r, nil
}

// append writes a record to the current pack, unless another Put of the same body came
// first, and seals the pack when it is full.
func (s *Store) append(sum *[32]byte, rec []byte) error {
	s.wmu.Lock()
	if s.closed.Load() {
		s.wmu.Unlock()
		return errClosed
	}
	if _, ok := s.find(*sum); ok {
		s.wmu.Unlock()
		return nil
	}
	if s.cur == nil {
		p, err := createPack(s.packDir, time.Now())
		if err != nil {
			s.wmu.Unlock()
			return fmt.Errorf("create pack: %w", err)
		}
		s.mu.Lock()
		s.packs[p.name] = p
		s.mu.Unlock()
		s.cur, s.dirDirty = p, true
	}
	p := s.cur
	off := p.size
	if _, err := p.f.WriteAt(rec, off); err != nil {
		p.f.Truncate(off)
		s.wmu.Unlock()
		return fmt.Errorf("write pack %s: %w", p.name, err)
	}
	e := packEntry{sum: *sum, off: off, n: int64(len(rec) - recordHeaderSize)}
	p.size += int64(len(rec))
	p.entries = append(p.entries, e)
	s.mu.Lock()
	s.index[e.sum] = loc{p: p, off: e.off, n: e.n}
	s.mu.Unlock()
	full := p.size >= s.packLimit
	if full {
		s.cur = nil
		s.sealMu.Lock()
	}
	s.wmu.Unlock()
	if full {
		s.seal(p)
		s.sealMu.Unlock()
	}
	return nil
}

// seal makes a pack of this Store durable and writes its index. The caller holds sealMu.
func (s *Store) seal(p *pack) {
	err := p.f.Sync()
	if err == nil {
		err = writePackIndex(s.packPath(p.name, indexExt), p.size, p.entries)
	}
	if err == nil {
		err = syncDir(s.packDir)
	}
	if err != nil && s.sealErr == nil {
		s.sealErr = fmt.Errorf("seal pack %s: %w", p.name, err)
	}
	p.sealed, p.entries = true, nil
}

// Sync makes every body stored so far durable: it fsyncs the pack being written and
// its directory. It reports the first failure to make a pack durable, here or since
// the store was opened.
func (s *Store) Sync() error {
	s.wmu.Lock()
	cur, dirty := s.cur, s.dirDirty
	s.dirDirty = false
	s.sealMu.Lock() // waits for a pack being sealed
	s.wmu.Unlock()
	defer s.sealMu.Unlock()
	if cur != nil {
		if err := cur.f.Sync(); err != nil {
			return fmt.Errorf("sync store: %w", err)
		}
	}
	if dirty {
		if err := syncDir(s.packDir); err != nil {
			return fmt.Errorf("sync store: %w", err)
		}
	}
	if s.sealErr != nil {
		return fmt.Errorf("sync store: %w", s.sealErr)
	}
	return nil
}

// Close seals the pack being written (fsync, then its index) and releases the store's
// files. It reports, as Sync does, any failure to make a pack durable. Closing a closed
// store does nothing; no other method may be used after Close.
func (s *Store) Close() error {
	s.wmu.Lock()
	if s.closed.Swap(true) {
		s.wmu.Unlock()
		return nil
	}
	cur := s.cur
	s.cur = nil
	s.sealMu.Lock()
	s.wmu.Unlock()
	if cur != nil {
		s.seal(cur)
	}
	err := s.sealErr
	s.sealMu.Unlock()
	s.refreshMu.Lock()
	s.closeFiles()
	s.refreshMu.Unlock()
	if err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// closeFiles closes every pack.
func (s *Store) closeFiles() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.packs {
		p.f.Close()
	}
}

// Get returns the bytes stored under digest. It rejects a malformed digest with
// ErrBadDigest before touching the file system, returns ErrNotFound for bytes the store
// does not hold and ErrCorrupt for stored bytes that no longer match their digest.
func (s *Store) Get(digest string) ([]byte, error) {
	if !ValidDigest(digest) {
		return nil, fmt.Errorf("get %q: %w", digest, ErrBadDigest)
	}
	if s.closed.Load() {
		return nil, fmt.Errorf("get %s: %w", digest, errClosed)
	}
	sum := digestSum(digest)
	l, ok := s.find(sum)
	if !ok && s.legacy {
		body, err := s.getLegacy(digest)
		if !errors.Is(err, ErrNotFound) {
			return body, err
		}
	}
	if !ok {
		if err := s.refreshOnMiss(); err != nil {
			return nil, fmt.Errorf("get %s: %w", digest, err)
		}
		if l, ok = s.find(sum); !ok {
			return nil, fmt.Errorf("get %s: %w", digest, ErrNotFound)
		}
	}
	body, err := s.read(l, &sum)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", digest, err)
	}
	return body, nil
}

// Has reports whether the store holds digest. A malformed digest is not held.
func (s *Store) Has(digest string) bool {
	if !ValidDigest(digest) || s.closed.Load() {
		return false
	}
	sum := digestSum(digest)
	if _, ok := s.find(sum); ok || s.hasLegacy(digest) {
		return true
	}
	if s.refreshOnMiss() != nil {
		return false
	}
	_, ok := s.find(sum)
	return ok
}

// Len returns how many bodies the store holds, after looking for records appended by
// other processes.
func (s *Store) Len() (int, error) {
	if s.closed.Load() {
		return 0, fmt.Errorf("count store: %w", errClosed)
	}
	s.refreshMu.Lock()
	err := s.refresh()
	s.lastRefresh = time.Now()
	s.refreshMu.Unlock()
	if err != nil {
		return 0, fmt.Errorf("count store: %w", err)
	}
	n := s.count()
	if s.legacy {
		m, err := s.countLegacy()
		if err != nil {
			return 0, fmt.Errorf("count store: %w", err)
		}
		n += m
	}
	return n, nil
}

// count returns how many distinct bodies the packs hold.
func (s *Store) count() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := 0
	for _, t := range s.tables {
		n += t.x.len()
	}
	if n == 0 {
		return len(s.index)
	}
	// Rare, but two processes may have stored a body each.
	seen := make(map[[32]byte]bool, n+len(s.index))
	for _, t := range s.tables {
		for i := range t.x.len() {
			sum, _, _ := t.x.entry(i)
			seen[sum] = true
		}
	}
	for sum := range s.index {
		seen[sum] = true
	}
	return len(seen)
}

// find looks sum up in the records indexed so far.
func (s *Store) find(sum [32]byte) (loc, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if l, ok := s.index[sum]; ok {
		return l, true
	}
	for _, t := range s.tables {
		if off, n, ok := t.x.search(&sum); ok {
			return loc{p: t.p, off: off, n: n}, true
		}
	}
	return loc{}, false
}

// read returns the body of the record at l, checked against sum.
func (s *Store) read(l loc, sum *[32]byte) ([]byte, error) {
	rec := make([]byte, recordHeaderSize+l.n)
	if _, err := l.p.f.ReadAt(rec, l.off); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: pack %s ends inside the record", ErrCorrupt, l.p.name)
		}
		return nil, fmt.Errorf("read pack %s: %w", l.p.name, err)
	}
	h, ok := parseRecordHeader(rec)
	switch {
	case !ok:
		return nil, fmt.Errorf("%w: no record header at %s:%d", ErrCorrupt, l.p.name, l.off)
	case h.sum != *sum || h.payLen != uint64(l.n):
		return nil, fmt.Errorf("%w: another record at %s:%d", ErrCorrupt, l.p.name, l.off)
	case recordCRC(rec, rec[recordHeaderSize:]) != h.crc:
		return nil, fmt.Errorf("%w: checksum of %s:%d", ErrCorrupt, l.p.name, l.off)
	}
	body, err := s.gunzip(rec[recordHeaderSize:], int(h.bodyLen))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if sha256.Sum256(body) != *sum {
		return nil, ErrCorrupt
	}
	return body, nil
}

// gunzip decompresses a payload that holds exactly n bytes.
func (s *Store) gunzip(payload []byte, n int) ([]byte, error) {
	zr, _ := s.dec.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(payload))
	} else {
		err = zr.Reset(bytes.NewReader(payload))
	}
	if err != nil {
		return nil, err
	}
	defer s.dec.Put(zr)
	body := make([]byte, n)
	if _, err := io.ReadFull(zr, body); err != nil {
		return nil, err
	}
	var extra [1]byte
	if m, err := zr.Read(extra[:]); m != 0 || err != io.EOF {
		if err == nil || err == io.EOF {
			err = errors.New("longer than its header says")
		}
		return nil, err
	}
	return body, nil
}

// packPath returns the path of a pack's file with the extension ext.
func (s *Store) packPath(name, ext string) string {
	return filepath.Join(s.packDir, name+ext)
}

// syncDir fsyncs a directory, so that the files created in it last.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// prime indexes, before the first Put, the records of packs left unindexed by other
// writers, so that Put does not store their bodies again.
func (s *Store) prime() {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	if s.primed.Load() {
		return
	}
	s.refresh() // on failure, at worst a body already held is stored again
	s.lastRefresh = time.Now()
	s.primed.Store(true)
}

// refreshOnMiss looks for records appended by other processes, unless it did so less
// than refreshEvery ago. Concurrent callers wait for one look.
func (s *Store) refreshOnMiss() error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	if !s.lastRefresh.IsZero() && time.Since(s.lastRefresh) < s.refreshEvery {
		return nil
	}
	err := s.refresh()
	s.lastRefresh = time.Now()
	return err
}

// refresh opens packs created since the last look and indexes the records appended to
// the packs of other writers. The caller holds refreshMu.
func (s *Store) refresh() error {
	if s.closed.Load() {
		return errClosed
	}
	if err := s.addPacks(); err != nil {
		return err
	}
	var others []*pack
	s.mu.RLock()
	for _, p := range s.packs {
		if !p.mine {
			others = append(others, p)
		}
	}
	s.mu.RUnlock()
	for _, p := range others {
		if err := s.catchUp(p); err != nil {
			return err
		}
	}
	return nil
}

// addPacks opens the packs not open yet and reads their indexes. The caller holds
// refreshMu, or is OpenStore.
func (s *Store) addPacks() error {
	ents, err := os.ReadDir(s.packDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), packExt)
		if !ok || !strings.HasPrefix(name, "p-") {
			continue
		}
		s.mu.RLock()
		_, known := s.packs[name]
		s.mu.RUnlock()
		if known {
			continue
		}
		f, err := os.Open(filepath.Join(s.packDir, e.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		p := &pack{name: name, f: f}
		var x packIndex
		if fi, err := f.Stat(); err == nil {
			if x, err = readPackIndex(s.packPath(name, indexExt), fi.Size()); err == nil {
				p.size, p.sealed = x.covered, true
			}
		}
		s.mu.Lock()
		s.packs[name] = p
		if p.sealed {
			s.tables = append(s.tables, table{p: p, x: x})
		}
		s.mu.Unlock()
	}
	return nil
}

// catchUp indexes the records appended to a pack of another writer since the last
// look (reading its index file if the writer has sealed it meanwhile), and writes the
// index of a pack left by a crash. The caller holds refreshMu.
func (s *Store) catchUp(p *pack) error {
	fi, err := p.f.Stat()
	if err != nil {
		return err
	}
	idx := s.packPath(p.name, indexExt)
	if !p.sealed && fi.Size() > p.size {
		if x, err := readPackIndex(idx, fi.Size()); err == nil {
			s.mu.Lock()
			s.tables = append(s.tables, table{p: p, x: x})
			s.mu.Unlock()
			p.size, p.sealed, p.entries = max(p.size, x.covered), true, nil
		}
	}
	if fi.Size() <= p.size {
		return nil
	}
	entries, end, err := scanPack(p.f, p.size, fi.Size())
	if err != nil {
		return fmt.Errorf("scan pack %s: %w", p.name, err)
	}
	p.size = end
	if len(entries) > 0 {
		s.mu.Lock()
		for _, e := range entries {
			s.index[e.sum] = loc{p: p, off: e.off, n: e.n}
		}
		s.mu.Unlock()
	}
	if p.sealed {
		return nil
	}
	p.entries = append(p.entries, entries...)
	if end > 0 && !packInUse(p.f) {
		// Left by a crash: index what it holds, if the directory is writable.
		writePackIndex(idx, end, p.entries)
		p.sealed, p.entries = true, nil
	}
	return nil
}

// hasLegacyDirs reports whether a store directory holds fan-out directories of the
// earlier layout.
func hasLegacyDirs(ents []fs.DirEntry) bool {
	for _, e := range ents {
		if n := e.Name(); e.IsDir() && len(n) == 2 && isLowerHex(n[0]) && isLowerHex(n[1]) {
			return true
		}
	}
	return false
}

func isLowerHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' }

// legacyPath returns the file of a valid digest in the earlier layout.
func (s *Store) legacyPath(digest string) string {
	return filepath.Join(s.dir, digest[len(digestPrefix):len(digestPrefix)+2], digest+".gz")
}

// hasLegacy reports whether the earlier layout holds digest.
func (s *Store) hasLegacy(digest string) bool {
	if !s.legacy {
		return false
	}
	_, err := os.Stat(s.legacyPath(digest))
	return err == nil
}

// getLegacy reads digest from the earlier layout.
func (s *Store) getLegacy(digest string) ([]byte, error) {
	f, err := os.Open(s.legacyPath(digest))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("get %s: %w", digest, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", digest, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w: %w", digest, ErrCorrupt, err)
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("get %s: %w: %w", digest, ErrCorrupt, err)
	}
	if Digest(buf.Bytes()) != digest {
		return nil, fmt.Errorf("get %s: %w", digest, ErrCorrupt)
	}
	return buf.Bytes(), nil
}

// countLegacy counts the bodies of the earlier layout.
func (s *Store) countLegacy() (int, error) {
	top, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range top {
		if !hasLegacyDirs([]fs.DirEntry{d}) {
			continue
		}
		ents, err := os.ReadDir(filepath.Join(s.dir, d.Name()))
		if err != nil {
			return 0, err
		}
		for _, e := range ents {
			if name, ok := strings.CutSuffix(e.Name(), ".gz"); ok && ValidDigest(name) {
				n++
			}
		}
	}
	return n, nil
}
