package archive

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// openStore opens a store that the test closes at its end.
func openStore(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// put stores body, failing the test on an error.
func put(t testing.TB, s *Store, body []byte) string {
	t.Helper()
	d, err := s.Put(body)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// wantBody checks that s returns body under its digest.
func wantBody(t *testing.T, s *Store, body []byte) {
	t.Helper()
	got, err := s.Get(Digest(body))
	if err != nil || !bytes.Equal(got, body) {
		t.Errorf("Get(%.15s…) = %d bytes, %v; want the %d bytes put", Digest(body), len(got), err, len(body))
	}
}

// crash drops a store's files as the death of its process would: no fsync, no index.
func crash(s *Store) {
	s.closed.Store(true)
	s.closeFiles()
}

// storeFiles lists the files under dir/packs with the extension ext, sorted.
func storeFiles(t *testing.T, dir, ext string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, packsDir, "*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(m)
	return m
}

// notice returns a page of about size bytes that differs with i.
func notice(i, size int) []byte {
	words := strings.Fields("the department of state notes that central authority has suspended " +
		"processing adoption intercountry hague convention prospective adoptive parents children " +
		"orphan petition embassy visa immigrant consular officers government ministry welfare court decree")
	r := rand.New(rand.NewPCG(uint64(i), 7))
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><title>Notice %d</title></head><body><div class=\"tsg-rwd-text\">\n", i)
	for b.Len() < size {
		b.WriteString("<p>")
		for range 12 {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	b.WriteString("</div></body></html>\n")
	return []byte(b.String())
}

func TestStoreRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := openStore(t, dir)
	if n, err := s.Len(); err != nil || n != 0 {
		t.Errorf("Len of a new store = %d, %v", n, err)
	}
	if len(storeFiles(t, dir, "")) != 0 {
		t.Error("OpenStore created files before any Put")
	}
	body := []byte(strings.Repeat("<p>Notice text.</p>\n", 500))
	digest := put(t, s, body)
	if digest != Digest(body) || !ValidDigest(digest) {
		t.Errorf("Put = %q, want %q", digest, Digest(body))
	}
	packs := storeFiles(t, dir, packExt)
	if len(packs) != 1 {
		t.Fatalf("packs %v, want one", packs)
	}
	fi, err := os.Stat(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() >= int64(len(body))/4 {
		t.Errorf("stored %d bytes for %d: not compressed", fi.Size(), len(body))
	}
	wantBody(t, s, body)
	if !s.Has(digest) {
		t.Error("Has = false after Put")
	}
	empty := put(t, s, nil)
	if got, err := s.Get(empty); err != nil || len(got) != 0 {
		t.Errorf("Get(empty) = %q, %v", got, err)
	}
	if n, err := s.Len(); err != nil || n != 2 {
		t.Errorf("Len = %d, %v; want 2", n, err)
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	// Reopened, the store reads the pack's index; no temporary files are left.
	s2 := openStore(t, dir)
	if _, ok := s2.find(digestSum(digest)); !ok {
		t.Error("record not indexed on open")
	}
	wantBody(t, s2, body)
	if got := storeFiles(t, dir, indexExt); len(got) != 1 {
		t.Errorf("index files %v, want one", got)
	}
	if tmp := append(storeFiles(t, dir, ".tmp"), storeFiles(t, dir, ".tmp-*")...); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestStoreDedup(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	body := notice(1, 8000)
	for range 5 {
		if d := put(t, s, body); d != Digest(body) {
			t.Fatalf("Put = %s", d)
		}
	}
	put(t, s, notice(2, 8000))
	if len(s.cur.entries) != 2 {
		t.Errorf("%d records written, want 2", len(s.cur.entries))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Another Store (a later run) holding the bodies writes nothing.
	s2 := openStore(t, dir)
	put(t, s2, body)
	put(t, s2, notice(2, 8000))
	if s2.cur != nil {
		t.Error("a Put of bodies held created a pack")
	}
	if n, err := s2.Len(); err != nil || n != 2 {
		t.Errorf("Len = %d, %v; want 2", n, err)
	}
}

func TestStoreBadDigests(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	put(t, s, []byte("x"))
	valid := Digest([]byte("y"))
	bad := []string{
		"", "sha256-", "sha256-abc", "sha1-" + valid[7:], "SHA256-" + valid[7:],
		"sha256-" + strings.ToUpper(valid[7:]), valid + "0", valid[:len(valid)-1],
		"sha256-../../../../../../etc/passwd" + strings.Repeat("0", 30),
		"sha256-" + strings.Repeat("0", 62) + "/x", "sha256-" + strings.Repeat("g", 64),
		"../" + valid, valid + "\x00",
	}
	// The store looks at the disk only on a miss, in refresh: a bad digest never gets
	// there.
	s.lastRefresh = time.Time{}
	for _, d := range bad {
		if _, err := s.Get(d); !errors.Is(err, ErrBadDigest) {
			t.Errorf("Get(%q) = %v, want ErrBadDigest", d, err)
		}
		if s.Has(d) {
			t.Errorf("Has(%q) = true", d)
		}
	}
	if !s.lastRefresh.IsZero() {
		t.Error("a malformed digest made the store look at its files")
	}
	if _, err := s.Get(valid); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(absent) = %v, want ErrNotFound", err)
	}
	if s.lastRefresh.IsZero() {
		t.Error("a miss did not refresh")
	}
	// Nor after Close, when any file access would fail.
	s.Close()
	for _, d := range bad[:3] {
		if _, err := s.Get(d); !errors.Is(err, ErrBadDigest) {
			t.Errorf("Get(%q) after Close = %v, want ErrBadDigest", d, err)
		}
	}
}

// damage describes how a test spoils a pack.
type damage struct {
	name string
	// spoil changes the pack's bytes; rec is the offset of the record of the victim.
	spoil func(b []byte, rec int) []byte
}

func TestStoreCorruptRecord(t *testing.T) {
	tests := []damage{
		{"payload byte", func(b []byte, rec int) []byte { b[rec+recordHeaderSize+5] ^= 0x40; return b }},
		{"header digest", func(b []byte, rec int) []byte { b[rec+10] ^= 1; return b }},
		{"header magic", func(b []byte, rec int) []byte { b[rec] = 'X'; return b }},
		{"body length", func(b []byte, rec int) []byte { b[rec+40]++; return b }},
		{"truncated", func(b []byte, rec int) []byte { return b[:rec+recordHeaderSize+3] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, dir)
			one, two := notice(1, 3000), notice(2, 3000)
			put(t, s, one)
			put(t, s, two)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			pack := storeFiles(t, dir, packExt)[0]
			b, err := os.ReadFile(pack)
			if err != nil {
				t.Fatal(err)
			}
			s2 := openStore(t, dir)
			l, ok := s2.find(digestSum(Digest(two)))
			if !ok {
				t.Fatal("record not indexed")
			}
			if err := os.WriteFile(pack, tt.spoil(b, int(l.off)), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := s2.Get(Digest(two)); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Get(damaged) = %v, want ErrCorrupt", err)
			}
			wantBody(t, s2, one)
		})
	}
}

// TestStoreSwappedRecord: an index pointing at another record's bytes is caught.
func TestStoreSwappedRecord(t *testing.T) {
	s := openStore(t, t.TempDir())
	d1, d2 := put(t, s, []byte("one")), put(t, s, []byte("two"))
	s.mu.Lock()
	s.index[digestSum(d1)] = s.index[digestSum(d2)]
	s.mu.Unlock()
	if _, err := s.Get(d1); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Get(swapped) = %v, want ErrCorrupt", err)
	}
}

func TestStoreOpenNotDir(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(f); err == nil {
		t.Error("OpenStore(file) succeeded")
	}
}

func TestStoreConcurrent(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	s.packLimit = 64 << 10 // several packs sealed while others write
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Go(func() {
			for i := range 40 {
				// Half the bodies are shared by all goroutines.
				body := notice(1000*g*(i%2)+i, 2000)
				d, err := s.Put(body)
				if err != nil {
					errs <- err
					return
				}
				got, err := s.Get(d)
				if err != nil || !bytes.Equal(got, body) {
					errs <- fmt.Errorf("Get(%s) = %d bytes, %v", d, len(got), err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	want := 20 + 16*20 // the shared even bodies, and each goroutine's odd ones
	if n, err := s.Len(); err != nil || n != want {
		t.Errorf("Len = %d, %v; want %d", n, err, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	packs, idx := storeFiles(t, dir, packExt), storeFiles(t, dir, indexExt)
	if len(packs) < 2 || len(idx) != len(packs) {
		t.Errorf("%d packs, %d indexes; want several, each indexed", len(packs), len(idx))
	}
	s2 := openStore(t, dir)
	if n, err := s2.Len(); err != nil || n != want {
		t.Errorf("Len after reopen = %d, %v; want %d", n, err, want)
	}
	for g := range 16 {
		for i := range 40 {
			wantBody(t, s2, notice(1000*g*(i%2)+i, 2000))
		}
	}
}

// TestStoreSecondInstance: a Store in another process (simulated by a second Store)
// sees records appended after it opened, once it refreshes on a miss.
func TestStoreSecondInstance(t *testing.T) {
	dir := t.TempDir()
	w := openStore(t, dir)
	put(t, w, notice(0, 1000))
	r := openStore(t, dir)
	r.refreshEvery = time.Hour
	wantBody(t, r, notice(0, 1000)) // first miss: refreshes

	put(t, w, notice(1, 1000))
	if _, err := r.Get(Digest(notice(1, 1000))); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get within the refresh interval = %v, want ErrNotFound", err)
	}
	r.refreshEvery = 0
	wantBody(t, r, notice(1, 1000))
	if len(storeFiles(t, dir, indexExt)) != 0 {
		t.Error("the reader wrote an index of a pack still being written")
	}

	// New packs, sealed and not, are found too.
	w.packLimit = 4 << 10
	for i := 2; i < 12; i++ {
		put(t, w, notice(i, 1000))
	}
	if !r.Has(Digest(notice(11, 1000))) {
		t.Error("Has(record in a new pack) = false")
	}
	for i := range 12 {
		wantBody(t, r, notice(i, 1000))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	wantBody(t, r, notice(5, 1000))
	if n, err := r.Len(); err != nil || n != 12 {
		t.Errorf("reader Len = %d, %v; want 12", n, err)
	}
	// A third Store opened now reads indexes only.
	o := openStore(t, dir)
	if _, ok := o.find(digestSum(Digest(notice(11, 1000)))); !ok {
		t.Error("record not indexed on open after the writer closed")
	}

	// A pack the reader scanned while it was written: once sealed, the reader reads
	// its index rather than the rest of the pack.
	w2 := openStore(t, dir)
	put(t, w2, notice(20, 1000))
	wantBody(t, r, notice(20, 1000))
	put(t, w2, notice(21, 1000))
	if err := w2.Close(); err != nil {
		t.Fatal(err)
	}
	wantBody(t, r, notice(21, 1000))
	r.mu.RLock()
	_, scanned := r.index[digestSum(Digest(notice(21, 1000)))]
	r.mu.RUnlock()
	if scanned {
		t.Error("the reader scanned a pack with an index")
	}
}

func TestStoreTornTail(t *testing.T) {
	tests := []damage{
		{"cut in the payload", func(b []byte, rec int) []byte { return b[:len(b)-7] }},
		{"cut in the header", func(b []byte, rec int) []byte { return b[:rec+20] }},
		{"header only", func(b []byte, rec int) []byte { return b[:rec+recordHeaderSize] }},
		{"zeros", func(b []byte, rec int) []byte { clear(b[rec+recordHeaderSize+10:]); return b }},
		{"zeros after the end", func(b []byte, rec int) []byte { return append(b[:rec], make([]byte, 5000)...) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, dir)
			for i := range 3 {
				put(t, s, notice(i, 4000))
			}
			last := s.cur.entries[2].off
			crash(s)
			pack := storeFiles(t, dir, packExt)[0]
			b, err := os.ReadFile(pack)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(pack, tt.spoil(b, int(last)), 0o644); err != nil {
				t.Fatal(err)
			}

			s2 := openStore(t, dir)
			wantBody(t, s2, notice(0, 4000))
			wantBody(t, s2, notice(1, 4000))
			if _, err := s2.Get(Digest(notice(2, 4000))); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get(torn record) = %v, want ErrNotFound", err)
			}
			// The pack is no one's: the reader indexed it, and the next Store reads that.
			if idx := storeFiles(t, dir, indexExt); len(idx) != 1 {
				t.Fatalf("index files %v, want one for the crashed pack", idx)
			}
			s3 := openStore(t, dir)
			if _, ok := s3.find(digestSum(Digest(notice(1, 4000)))); !ok {
				t.Error("record not indexed on open")
			}
			// Writing again works, in a new pack; the torn body is stored again.
			put(t, s3, notice(2, 4000))
			wantBody(t, s3, notice(2, 4000))
			if err := s3.Close(); err != nil {
				t.Fatal(err)
			}
			if n := len(storeFiles(t, dir, packExt)); n != 2 {
				t.Errorf("%d packs, want 2", n)
			}
		})
	}
}

// TestStoreIndexDamaged: a pack whose index is missing or spoiled is scanned instead.
func TestStoreIndexDamaged(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(path string) error
	}{
		{"missing", os.Remove},
		{"flipped byte", func(p string) error {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b[indexHeaderSize+3] ^= 1
			return os.WriteFile(p, b, 0o644)
		}},
		{"truncated", func(p string) error { return os.Truncate(p, 30) }},
		{"empty", func(p string) error { return os.WriteFile(p, nil, 0o644) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openStore(t, dir)
			for i := range 5 {
				put(t, s, notice(i, 2000))
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if err := tt.spoil(storeFiles(t, dir, indexExt)[0]); err != nil {
				t.Fatal(err)
			}
			s2 := openStore(t, dir)
			for i := range 5 {
				wantBody(t, s2, notice(i, 2000))
			}
		})
	}
}

// writeLegacy stores body as the earlier layout did.
func writeLegacy(t *testing.T, dir string, body []byte) string {
	t.Helper()
	d := Digest(body)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(body)
	zw.Close()
	sub := filepath.Join(dir, d[7:9])
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, d+".gz"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestStoreLegacyLayout(t *testing.T) {
	dir := t.TempDir()
	old := notice(1, 3000)
	writeLegacy(t, dir, old)
	d2 := writeLegacy(t, dir, []byte("two"))
	s := openStore(t, dir)
	wantBody(t, s, old)
	if !s.Has(Digest(old)) {
		t.Error("Has(legacy) = false")
	}
	put(t, s, old)
	if s.cur != nil {
		t.Error("Put of a body held in the earlier layout wrote it again")
	}
	put(t, s, notice(2, 3000))
	wantBody(t, s, notice(2, 3000))
	if n, err := s.Len(); err != nil || n != 3 {
		t.Errorf("Len = %d, %v; want 3", n, err)
	}
	if _, err := s.Get(Digest([]byte("absent"))); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(absent) = %v, want ErrNotFound", err)
	}

	// A file swapped for another body's, then garbage.
	path := func(d string) string { return filepath.Join(dir, d[7:9], d+".gz") }
	data, err := os.ReadFile(path(d2))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path(Digest(old)), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(Digest(old)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Get(swapped) = %v, want ErrCorrupt", err)
	}
	if err := os.WriteFile(path(Digest(old)), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(Digest(old)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Get(garbage) = %v, want ErrCorrupt", err)
	}
}

func TestStoreReopenAfterClose(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir)
	put(t, s, notice(1, 2000))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(notice(2, 2000)); err == nil {
		t.Error("Put after Close succeeded")
	}
	if _, err := s.Get(Digest(notice(1, 2000))); err == nil {
		t.Error("Get after Close succeeded")
	}
	for run := 2; run <= 3; run++ {
		s := openStore(t, dir)
		for i := 1; i < run; i++ {
			wantBody(t, s, notice(i, 2000))
		}
		put(t, s, notice(run, 2000))
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if p, x := storeFiles(t, dir, packExt), storeFiles(t, dir, indexExt); len(p) != 3 || len(x) != 3 {
		t.Errorf("packs %v, indexes %v; want three of each", p, x)
	}
	s = openStore(t, dir)
	for i := 1; i <= 3; i++ {
		wantBody(t, s, notice(i, 2000))
	}
}

// BenchmarkStorePut stores 45 KB pages.
func BenchmarkStorePut(b *testing.B) {
	s := openStore(b, b.TempDir())
	base := []byte(strings.Repeat("<div class=\"tsg-rwd-text\"><p>The Department of State notes that the Central Authority has suspended processing.</p></div>\n", 450))
	b.SetBytes(int64(len(base)))
	i := 0
	for b.Loop() {
		i++
		body := append([]byte(fmt.Sprintf("%d", i)), base...)
		if _, err := s.Put(body); err != nil {
			b.Fatal(err)
		}
	}
}

// notices returns n different pages of about 8 KB.
func notices(n int) [][]byte {
	pages := make([][]byte, n)
	for i := range pages {
		pages[i] = notice(i, 8000)
	}
	return pages
}

// BenchmarkStorePut8K stores distinct 8 KB pages; run it with -benchtime=10000x to
// store 10,000 and compare with BenchmarkFilePerPagePut8K.
func BenchmarkStorePut8K(b *testing.B) {
	pages := notices(10000)
	s := openStore(b, b.TempDir())
	b.SetBytes(int64(len(pages[0])))
	i := 0
	for b.Loop() {
		if _, err := s.Put(pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFilePerPagePut8K stores pages as the store did before packs: one gzip file
// per page, written to a temporary file and renamed into a fan-out directory.
func BenchmarkFilePerPagePut8K(b *testing.B) {
	pages := notices(10000)
	dir := b.TempDir()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	b.SetBytes(int64(len(pages[0])))
	i := 0
	for b.Loop() {
		body := pages[i%len(pages)]
		i++
		d := Digest(body)
		path := filepath.Join(dir, d[7:9], d+".gz")
		if _, err := os.Stat(path); err == nil {
			continue
		}
		os.MkdirAll(filepath.Dir(path), 0o755)
		buf.Reset()
		zw.Reset(&buf)
		zw.Write(body)
		zw.Close()
		tmp := filepath.Join(filepath.Dir(path), fmt.Sprintf(".tmp-%d", i))
		if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStorePut8KParallel stores 8 KB pages from as many goroutines as cores.
func BenchmarkStorePut8KParallel(b *testing.B) {
	pages := notices(10000)
	s := openStore(b, b.TempDir())
	b.SetBytes(int64(len(pages[0])))
	var next sync.Mutex
	i := 0
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			next.Lock()
			body := pages[i%len(pages)]
			i++
			next.Unlock()
			if _, err := s.Put(body); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// storeOf100k writes a store of 100,000 small records in two packs and closes it.
func storeOf100k(b *testing.B) string {
	dir := b.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		b.Fatal(err)
	}
	s.packLimit = 5 << 20
	for i := range 100_000 {
		if _, err := s.Put(fmt.Appendf(nil, "<p>page %d</p>", i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkStoreOpen100k opens a store of 100,000 records and gets one.
func BenchmarkStoreOpen100k(b *testing.B) {
	dir := storeOf100k(b)
	d := Digest([]byte("<p>page 77</p>"))
	for b.Loop() {
		s, err := OpenStore(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Get(d); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkStoreOpen100kScan opens a store of 100,000 records whose packs lost their
// indexes (a crash) and gets a record: the packs are scanned.
func BenchmarkStoreOpen100kScan(b *testing.B) {
	dir := storeOf100k(b)
	d := Digest([]byte("<p>page 77</p>"))
	for b.Loop() {
		b.StopTimer()
		for _, x := range must(filepath.Glob(filepath.Join(dir, packsDir, "*"+indexExt))) {
			os.Remove(x)
		}
		b.StartTimer()
		s, err := OpenStore(dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Get(d); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
