package archive

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestStoreRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(strings.Repeat("<p>Notice text.</p>\n", 500))
	digest, err := s.Put(body)
	if err != nil {
		t.Fatal(err)
	}
	if digest != Digest(body) || !ValidDigest(digest) {
		t.Errorf("Put = %q, want %q", digest, Digest(body))
	}
	hex := strings.TrimPrefix(digest, "sha256-")
	path := filepath.Join(dir, hex[:2], digest+".gz")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("stored file: %v", err)
	}
	if fi.Size() >= int64(len(body))/4 {
		t.Errorf("stored %d bytes for %d: not compressed", fi.Size(), len(body))
	}
	again, err := s.Put(body)
	if err != nil || again != digest {
		t.Errorf("second Put = %q, %v", again, err)
	}
	got, err := s.Get(digest)
	if err != nil || string(got) != string(body) {
		t.Errorf("Get = %d bytes, %v; want the %d bytes put", len(got), err, len(body))
	}
	if !s.Has(digest) {
		t.Error("Has = false after Put")
	}
	empty, err := s.Put(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(empty); err != nil || len(got) != 0 {
		t.Errorf("Get(empty) = %q, %v", got, err)
	}
	// Reopening sees the same bytes; no temporary files are left behind.
	s2, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s2.Get(digest); err != nil || string(got) != string(body) {
		t.Errorf("Get after reopen: %v", err)
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func TestStoreBadDigests(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	valid := Digest([]byte("x"))
	bad := []string{
		"", "sha256-", "sha256-abc", "sha1-" + valid[7:], "SHA256-" + valid[7:],
		"sha256-" + strings.ToUpper(valid[7:]), valid + "0", valid[:len(valid)-1],
		"sha256-../../../../../../etc/passwd" + strings.Repeat("0", 30),
		"sha256-" + strings.Repeat("0", 62) + "/x", "sha256-" + strings.Repeat("g", 64),
		"../" + valid, valid + "\x00",
	}
	for _, d := range bad {
		if _, err := s.Get(d); !errors.Is(err, ErrBadDigest) {
			t.Errorf("Get(%q) = %v, want ErrBadDigest", d, err)
		}
		if s.Has(d) {
			t.Errorf("Has(%q) = true", d)
		}
	}
	if _, err := s.Get(valid); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(absent) = %v, want ErrNotFound", err)
	}
}

func TestStoreCorrupt(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := s.Put([]byte("one"))
	d2, _ := s.Put([]byte("two"))
	// Swap in another body's file, then garbage.
	data, err := os.ReadFile(s.path(d2))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.path(d1), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(d1); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Get(swapped) = %v, want ErrCorrupt", err)
	}
	if err := os.WriteFile(s.path(d1), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(d1); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Get(garbage) = %v, want ErrCorrupt", err)
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
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 40 {
				// Half the bodies are shared by all goroutines.
				body := []byte(fmt.Sprintf("<p>page %d %d</p>", i, g*(i%2)))
				d, err := s.Put(body)
				if err != nil {
					errs <- err
					return
				}
				got, err := s.Get(d)
				if err != nil || string(got) != string(body) {
					errs <- fmt.Errorf("Get(%s) = %q, %v", d, got, err)
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
}

func BenchmarkStorePut(b *testing.B) {
	s, err := OpenStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
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
