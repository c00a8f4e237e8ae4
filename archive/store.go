package archive

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// digestPrefix starts every digest.
const digestPrefix = "sha256-"

// Store errors.
var (
	// ErrNotFound reports a digest that the store does not hold.
	ErrNotFound = errors.New("archive: not in store")
	// ErrBadDigest reports a string that is not a digest as Digest writes it.
	ErrBadDigest = errors.New("archive: malformed digest")
	// ErrCorrupt reports a stored file whose bytes no longer match its digest.
	ErrCorrupt = errors.New("archive: stored bytes do not match digest")
)

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

// Store is a content-addressed store of original page bytes, shared by index
// generations: each body is kept once, gzip-compressed, under dir/ab/sha256-ab....gz.
// One level of 256 fan-out directories keeps directories small up to millions of
// pages; a second level would cost 65,536 mostly near-empty directories (4 KiB each)
// at the scale of this archive. Writes are atomic (temporary file and rename), so readers
// never see a partial file and a crash leaves at worst a stray temporary file. Files are
// not fsynced; Get verifies every body against its digest instead. A Store is safe for
// concurrent use, also by several processes sharing dir.
type Store struct {
	dir  string
	dirs sync.Map // fan-out directories known to exist
	gz   sync.Pool
}

// OpenStore opens the store in dir, creating dir if needed.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("open store: %s is not a directory", dir)
	}
	return &Store{dir: dir}, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// path returns the file of a valid digest.
func (s *Store) path(digest string) string {
	return filepath.Join(s.dir, digest[len(digestPrefix):len(digestPrefix)+2], digest+".gz")
}

// Put stores body and returns its digest. Storing bytes already held is a cheap no-op.
func (s *Store) Put(body []byte) (string, error) {
	digest := Digest(body)
	path := s.path(digest)
	if _, err := os.Stat(path); err == nil {
		return digest, nil
	}
	dir := filepath.Dir(path)
	if _, ok := s.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("store %s: %w", digest, err)
		}
		s.dirs.Store(dir, true)
	}
	if err := s.write(path, body); err != nil {
		return "", fmt.Errorf("store %s: %w", digest, err)
	}
	return digest, nil
}

// write compresses body into a temporary file next to path and renames it into place.
func (s *Store) write(path string, body []byte) error {
	z, _ := s.gz.Get().(*gzipBuf)
	if z == nil {
		z = &gzipBuf{}
		z.w, _ = gzip.NewWriterLevel(&z.buf, gzip.BestSpeed)
	}
	defer s.gz.Put(z)
	z.buf.Reset()
	z.w.Reset(&z.buf)
	if _, err := z.w.Write(body); err != nil {
		return err
	}
	if err := z.w.Close(); err != nil {
		return err
	}
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+hex.EncodeToString(rnd[:]))
	if err := os.WriteFile(tmp, z.buf.Bytes(), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// gzipBuf is a reusable compressor with its output buffer.
type gzipBuf struct {
	buf bytes.Buffer
	w   *gzip.Writer
}

// Get returns the bytes stored under digest. It rejects a malformed digest with
// ErrBadDigest before touching the file system, returns ErrNotFound for bytes the store
// does not hold and ErrCorrupt for a file that no longer matches its digest.
func (s *Store) Get(digest string) ([]byte, error) {
	if !ValidDigest(digest) {
		return nil, fmt.Errorf("get %q: %w", digest, ErrBadDigest)
	}
	f, err := os.Open(s.path(digest))
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

// Has reports whether the store holds digest. A malformed digest is not held.
func (s *Store) Has(digest string) bool {
	if !ValidDigest(digest) {
		return false
	}
	_, err := os.Stat(s.path(digest))
	return err == nil
}
