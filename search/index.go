package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// ErrNotFound is returned for a notice id the index does not hold.
var ErrNotFound = errors.New("notice not found")

// MovedError is returned for an id that was issued by an earlier index run and now
// resolves to another id: callers redirect to To.
type MovedError struct{ From, To string }

func (e *MovedError) Error() string { return fmt.Sprintf("notice %s is now %s", e.From, e.To) }

// Options configure an open index.
type Options struct {
	// BoltTimeout bounds the wait for the index's lock, so that a locked index is an error,
	// not a hang. Default 2s.
	BoltTimeout time.Duration
	// BleveFacets answers with Bleve's own facet code (one extra search per facet with a
	// selection) instead of the in-memory columns: slower, kept as the reference that
	// tests and benchmarks compare the column path with.
	BleveFacets bool
	// BleveWalk walks every query through Bleve's searchers, even a plain term disjunction
	// that the column path would walk over the postings directly (termwalk.go): kept as the
	// reference that tests compare the direct walk with.
	BleveWalk bool
}

// Index searches the current generation of an index directory. It is safe for concurrent
// use, and Reload switches it to a newer generation while searches are in flight.
type Index struct {
	dir     string
	opts    Options
	current atomic.Pointer[snapshot]
	reload  sync.Mutex // held by Reload and Close
	closed  bool       // guarded by reload
	vocab   *vocabulary
	// inflight counts the searches walking the index now (see collect).
	inflight atomic.Int32
}

// snapshot is one open generation.
type snapshot struct {
	gen     string
	idx     bleve.Index
	aliases map[string]string
	opened  time.Time
	docs    uint64
	// noticeCount counts the newest versions only.
	noticeCount uint64
	cols        *columns        // nil with Options.BleveFacets
	postings    *postingBitmaps // the segments, with cols
	// bigramPhrases: the bigram field holds positions (CompileOptions.BigramPhrases).
	bigramPhrases bool
	// titlePairs: the index has the title's word pairs (CompileOptions.TitlePairs).
	titlePairs bool
	// pairs is the bigram field, in indexes that keep it apart from Bleve (pairs.go).
	pairs *pairs.Index

	mu     sync.RWMutex // searches hold it shared; Close takes it exclusively
	closed bool

	cacheMu   sync.Mutex
	browse    map[string]*Response // answers to browsing requests, by browseKey
	countries []CountryCount       // the country list, once computed
}

// Open opens the current generation of the index in dir read-only.
func Open(dir string, opts Options) (*Index, error) {
	if opts.BoltTimeout <= 0 {
		opts.BoltTimeout = 2 * time.Second
	}
	vocab, err := loadVocabulary()
	if err != nil {
		return nil, err
	}
	ix := &Index{dir: dir, opts: opts, vocab: vocab}
	s, err := ix.openCurrent()
	if err != nil {
		return nil, err
	}
	ix.current.Store(s)
	return ix, nil
}

func (ix *Index) openCurrent() (*snapshot, error) {
	gen, err := schema.CurrentGeneration(ix.dir)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.OpenUsing(filepath.Join(gen, schema.BleveDir), map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": ix.opts.BoltTimeout.String(),
	})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", gen, err)
	}
	s := &snapshot{gen: gen, idx: idx, aliases: map[string]string{}, opened: time.Now(), browse: map[string]*Response{}}
	if b, err := os.ReadFile(filepath.Join(gen, schema.AliasesFile)); err == nil {
		if err := json.Unmarshal(b, &s.aliases); err != nil {
			idx.Close()
			return nil, fmt.Errorf("read aliases of %s: %w", gen, err)
		}
	}
	if s.docs, err = idx.DocCount(); err != nil {
		idx.Close()
		return nil, fmt.Errorf("count documents of %s: %w", gen, err)
	}
	if !ix.opts.BleveFacets {
		if s.postings, err = openPostings(idx); err != nil {
			idx.Close()
			return nil, fmt.Errorf("open index %s: %w", gen, err)
		}
		if s.cols, err = loadColumns(s.postings); err != nil {
			s.postings.Close()
			idx.Close()
			return nil, fmt.Errorf("open index %s: %w", gen, err)
		}
	}
	if s.pairs, err = openPairs(gen); err != nil {
		s.close()
		return nil, err
	}
	if s.postings != nil {
		s.postings.pairs = s.pairs
	}
	s.noticeCount = countNotices(s)
	s.bigramPhrases, s.titlePairs = pairFields(idx.Mapping())
	s.bigramPhrases = s.bigramPhrases || s.pairs != nil
	return s, nil
}

// openPairs opens the pairs file of the generation gen; nil for a generation built before
// the pairs left Bleve, whose bigram field is Bleve's.
func openPairs(gen string) (*pairs.Index, error) {
	x, err := pairs.Open(filepath.Join(gen, schema.PairsFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("open word pairs of %s: %w", gen, err)
	}
	return x, nil
}

// pairFields reports what an index's word-pair fields hold: positions in the bigram field
// (CompileOptions.BigramPhrases), and the title's pairs (CompileOptions.TitlePairs). An
// index built before them is searched the old way: its body has positions of its own.
func pairFields(m mapping.IndexMapping) (bigramPhrases, titlePairs bool) {
	return m.FieldMappingForPath(schema.FieldBigrams).IncludeTermVectors,
		m.FieldMappingForPath(schema.FieldTitlePairs).Analyzer == schema.AnalyzerBigrams
}

// Reload switches to the index directory's current generation if it changed. Searches in
// flight finish on the generation they started on, which is closed after them.
// It reports whether it switched.
func (ix *Index) Reload() (bool, error) {
	ix.reload.Lock()
	defer ix.reload.Unlock()
	if ix.closed {
		return false, ErrClosed
	}
	gen, err := schema.CurrentGeneration(ix.dir)
	if err != nil {
		return false, err
	}
	old := ix.current.Load()
	if old != nil && old.gen == gen {
		return false, nil
	}
	s, err := ix.openCurrent()
	if err != nil {
		return false, err
	}
	ix.current.Store(s)
	if old != nil {
		go old.close()
	}
	return true, nil
}

// acquire returns the current snapshot, held open until release is called. After Close
// it returns the closed snapshot, whose Bleve index answers every call with an error.
func (ix *Index) acquire() (*snapshot, func()) {
	for {
		s := ix.current.Load()
		s.mu.RLock()
		if !s.closed || ix.current.Load() == s {
			return s, s.mu.RUnlock
		}
		s.mu.RUnlock()
	}
}

func (s *snapshot) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.postings != nil {
		s.postings.Close()
	}
	if s.pairs != nil {
		s.pairs.Close()
	}
	return s.idx.Close()
}

// segments returns the snapshot's postings, or ErrClosed once it is closed (a caller
// holding it shared through acquire can still see it closed by Index.Close).
func (s *snapshot) segments() (*postingBitmaps, error) {
	if s.closed {
		return nil, ErrClosed
	}
	return s.postings, nil
}

// ErrClosed is returned by Reload after Close.
var ErrClosed = errors.New("search index is closed")

// Close closes the index. Searches in flight finish first; later ones fail.
func (ix *Index) Close() error {
	ix.reload.Lock()
	defer ix.reload.Unlock()
	ix.closed = true
	if s := ix.current.Load(); s != nil {
		return s.close()
	}
	return nil
}

// Stats describes the open generation.
type Stats struct {
	Generation string
	Notices    uint64 // notices, each counted once however many versions it has
	Documents  uint64 // documents in the index: notices and their earlier versions
	Opened     time.Time
}

// Stats describes the open generation.
func (ix *Index) Stats() Stats {
	s := ix.current.Load()
	return Stats{Generation: filepath.Base(s.gen), Notices: s.notices(), Documents: s.docs, Opened: s.opened}
}

// Dir returns the index directory.
func (ix *Index) Dir() string { return ix.dir }

// notices counts the newest versions: the notices a user would count.
func (s *snapshot) notices() uint64 { return s.noticeCount }

func countNotices(s *snapshot) uint64 {
	if s.cols == nil {
		return s.docs
	}
	n := uint64(0)
	for doc, latest := range s.cols.latest {
		if latest && s.cols.ids[doc] != "" {
			n++
		}
	}
	return n
}
