package search_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/indexertest"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// An old generation stays on disk while a server has it open, and the first build after
// the server closes it removes it.
func TestOpenGenerationOutlivesRebuilds(t *testing.T) {
	dir := t.TempDir()
	indexertest.BuildInto(t, dir, "testdata/pages")
	genA, err := schema.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !indexer.GenerationInUse(genA) {
		t.Fatal("an open generation is not seen as in use")
	}
	indexertest.BuildInto(t, dir, "testdata/pages")
	indexertest.BuildInto(t, dir, "testdata/pages")
	if _, err := os.Stat(genA); err != nil {
		t.Fatalf("generation A removed while a server has it open: %v", err)
	}
	// The server still answers from it.
	if resp := mustSearch(t, ix, search.Request{Query: "adoption"}); resp.Total == 0 {
		t.Error("no hits from the open generation after two rebuilds")
	}
	if st := ix.Stats(); st.Generation != filepath.Base(genA) {
		t.Errorf("serving %s, want %s (no reload yet)", st.Generation, filepath.Base(genA))
	}
	ix.Close()
	if indexer.GenerationInUse(genA) {
		t.Error("a closed generation is still seen as in use")
	}
	indexertest.BuildInto(t, dir, "testdata/pages")
	if _, err := os.Stat(genA); !os.IsNotExist(err) {
		t.Errorf("generation A still on disk after Close and another build: %v", err)
	}
	// The current generation and the one before it are kept.
	gens, _ := filepath.Glob(filepath.Join(dir, schema.GenerationsDir, "*"))
	if len(gens) != 2 {
		t.Errorf("generations left: %v, want the current one and the one before", gens)
	}
}

// A generation held read-write by another handle is an error after the bolt timeout,
// not a hang.
func TestOpenLockedIndexFails(t *testing.T) {
	dir := t.TempDir()
	indexertest.BuildInto(t, dir, "testdata/pages")
	gen, err := schema.CurrentGeneration(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := bleve.Open(filepath.Join(gen, schema.BleveDir))
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			w.Close()
		}
	}()
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		ix, err := search.Open(dir, search.Options{BoltTimeout: 500 * time.Millisecond})
		if err == nil {
			ix.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("opened an index held read-write by another handle")
		}
		t.Logf("after %v: %v", time.Since(start).Round(time.Millisecond), err)
	case <-time.After(10 * time.Second):
		t.Fatal("search.Open hangs on a locked index")
	}
	// Once the writer is gone the index opens.
	w.Close()
	closed = true
	ix, err := search.Open(dir, search.Options{BoltTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
}

// Searches running without pause while the index is rebuilt and reloaded several times
// all succeed, on the old generation or the new one.
func TestSearchWhileRebuilding(t *testing.T) {
	dir := t.TempDir()
	indexertest.BuildInto(t, dir, "testdata/pages")
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	first := mustSearch(t, ix, search.Request{Query: "adoption"})
	if len(first.Hits) == 0 {
		t.Fatal("no hits")
	}
	id := first.Hits[0].ID

	requests := []search.Request{
		{Query: "adoption"},
		{Query: "hague convention", Sort: search.SortNewest},
		{Filters: map[string][]string{schema.FieldCountry: {"Cambodia", "Nepal"}}, From: "2008", To: "2016"},
		{Query: "suspend*", Page: 2, Size: 2},
		{Query: "adoption", AllVersions: true, NoFacets: true},
	}
	var (
		stop     atomic.Bool
		searches atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		errs     []error
	)
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if len(errs) < 10 {
			errs = append(errs, err)
		}
	}
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for i := g; !stop.Load(); i++ {
				req := requests[i%len(requests)]
				resp, err := ix.Search(ctx, req)
				switch {
				case err != nil:
					fail(fmt.Errorf("search %+v: %w", req, err))
				case resp.Total == 0:
					fail(fmt.Errorf("search %+v: no hits", req))
				}
				if n, err := ix.Notice(ctx, id); err != nil || n.ID != id {
					fail(fmt.Errorf("notice %s: %v", id, err))
				}
				searches.Add(2)
			}
		}()
	}
	gens := map[string]bool{ix.Stats().Generation: true}
	for i := 0; i < 3; i++ {
		indexertest.BuildInto(t, dir, "testdata/pages")
		switched, err := ix.Reload()
		if err != nil || !switched {
			t.Errorf("reload %d: switched=%v err=%v", i, switched, err)
		}
		gens[ix.Stats().Generation] = true
		time.Sleep(50 * time.Millisecond)
	}
	stop.Store(true)
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	if len(gens) != 4 {
		t.Errorf("served %d generations, want 4", len(gens))
	}
	t.Logf("%d searches across %d generations", searches.Load(), len(gens))
	if searches.Load() < 20 {
		t.Errorf("only %d searches ran", searches.Load())
	}
}

// A search after Close fails at once instead of waiting, and Reload after Close refuses.
func TestSearchAfterClose(t *testing.T) {
	ix, err := search.Open(testIndexDir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	done := make(chan error, 2)
	go func() {
		_, err := ix.Search(context.Background(), search.Request{Query: "adoption"})
		done <- err
		_, err = ix.Notice(context.Background(), "no-such-id")
		done <- err
	}()
	for i := 0; i < 2; i++ {
		select {
		case err := <-done:
			if err == nil {
				t.Error("a call on a closed index succeeded")
			}
		case <-time.After(5 * time.Second):
			t.Fatal("a call on a closed index hangs")
		}
	}
	if _, err := ix.Reload(); !errors.Is(err, search.ErrClosed) {
		t.Errorf("Reload after Close: %v, want ErrClosed", err)
	}
}
