package indexer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer/pairs"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Options configure an index run.
type Options struct {
	// Dir is the index directory; it holds the generations and the original-page store.
	Dir string
	// Workers is the number of pages parsed at once; default: the number of CPUs.
	Workers int
	// BatchSize is the number of notices written to Bleve in one batch; default 500.
	BatchSize int
	// Writers is the number of batches written to Bleve at once, each building its own
	// segment; default one per CPU, at most 2. On 2 cores one writer is busy all the time
	// while the parsers wait for it; two built 10,000 pages 10-20 % faster and 100,000
	// 6 % faster (BENCHMARKS.md, fifth session).
	Writers int
	// Archive configures how sources are read.
	Archive archive.Options
	// Progress, when set, is called after every page with the counts so far.
	Progress func(Progress)
	// Now returns the current time; default time.Now. Tests pin it.
	Now func() time.Time
	// SkipForceMerge leaves the finished index in many segments (faster builds for tests);
	// by default it is compacted to one segment, which searches fastest.
	SkipForceMerge bool
	// MemoryLimit, when positive, is a soft limit in bytes on the memory of the Go runtime
	// while Build runs (runtime/debug.SetMemoryLimit), under which the garbage collector
	// runs less often (GOGC BuildGCPercent): a build allocates a lot, and collecting it at
	// the default pace costs a fifth of its CPU. Both settings are process-wide and are
	// restored when Build returns. Zero leaves the runtime's settings alone.
	MemoryLimit int64
}

// BuildGCPercent is the GOGC of a build run with Options.MemoryLimit.
const BuildGCPercent = 400

// Progress reports how far an index run has come.
type Progress struct {
	PagesRead, PagesSkipped, NoticesIndexed int
}

// SetDefaults fills unset options.
func (o *Options) SetDefaults() {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.Writers <= 0 {
		o.Writers = min(runtime.NumCPU(), 2)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	o.Archive.SetDefaults()
}

// Validate reports options that cannot work.
func (o *Options) Validate() error {
	if o.Dir == "" {
		return errors.New("index options: no index directory")
	}
	return o.Archive.Validate()
}

// Summary is the outcome of an index run.
type Summary struct {
	Generation     string         `json:"generation"`
	PagesRead      int            `json:"pages_read"`
	NoticesIndexed int            `json:"notices_indexed"`
	CapturesMerged int            `json:"captures_merged"`
	Versions       int            `json:"earlier_versions"`
	Segments       int            `json:"segments"` // index segments after the final merge
	Merges         int            `json:"merges"`   // segment merges run, the final one included
	PagesSkipped   int            `json:"pages_skipped"`
	Aliases        int            `json:"aliases"`
	Skipped        []archive.Skip `json:"-"`
	Elapsed        time.Duration  `json:"elapsed_ns"`
	MergeElapsed   time.Duration  `json:"merge_ns"` // of Elapsed, the final merge
	PairsElapsed   time.Duration  `json:"pairs_ns"` // of Elapsed, writing the pairs file
	// PairsGuessed: the pairs file was encoded during the force merge, for the document
	// order the merge was expected to give, which it gave.
	PairsGuessed bool `json:"pairs_guessed"`
}

// ErrNothingIndexed is returned when a run found no notice at all; the previous generation
// stays current.
var ErrNothingIndexed = errors.New("no notice could be indexed")

// Build reads every source, extracts the notices, writes them into a new generation of the
// index in opts.Dir and makes it current. A failed or interrupted run leaves the previous
// generation current; its partial directory is removed by the next run.
func Build(ctx context.Context, sources []string, opts Options) (*Summary, error) {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.MemoryLimit > 0 {
		gc := debug.SetGCPercent(BuildGCPercent)
		limit := debug.SetMemoryLimit(opts.MemoryLimit)
		defer func() {
			debug.SetGCPercent(gc)
			debug.SetMemoryLimit(limit)
		}()
	}
	if err := os.MkdirAll(filepath.Join(opts.Dir, schema.GenerationsDir), 0o755); err != nil {
		return nil, fmt.Errorf("create index directory: %w", err)
	}
	unlock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := removePartials(opts.Dir); err != nil {
		return nil, err
	}
	ex, err := NewExtractor()
	if err != nil {
		return nil, err
	}
	store, err := archive.OpenStore(filepath.Join(opts.Dir, schema.OriginalsDir))
	if err != nil {
		return nil, fmt.Errorf("open original-page store: %w", err)
	}
	defer store.Close() // on failure; a successful run closes it before the switch
	registry, err := loadRegistry(filepath.Join(opts.Dir, schema.IDRegistryFile))
	if err != nil {
		return nil, err
	}

	start := opts.Now()
	name := generationName(start)
	partial := filepath.Join(opts.Dir, schema.GenerationsDir, name+schema.PartialSuffix)
	if err := os.MkdirAll(partial, 0o755); err != nil {
		return nil, fmt.Errorf("create generation: %w", err)
	}
	b := &builder{opts: opts, ex: ex, store: store, registry: registry, groups: map[string]*group{}, now: start}
	sum, err := b.run(ctx, sources, filepath.Join(partial, schema.BleveDir))
	if err != nil {
		os.RemoveAll(partial)
		return nil, err
	}
	sum.Generation = name
	if sum.NoticesIndexed == 0 {
		os.RemoveAll(partial)
		return sum, fmt.Errorf("index %s: %w (%d pages read, %d skipped)", opts.Dir, ErrNothingIndexed, sum.PagesRead, sum.PagesSkipped)
	}
	aliases := b.resolveAliases()
	sum.Aliases = len(aliases)
	sum.Elapsed = opts.Now().Sub(start)
	if err := writeReports(partial, sum, aliases); err != nil {
		os.RemoveAll(partial)
		return nil, err
	}
	if err := b.registry.save(); err != nil {
		os.RemoveAll(partial)
		return nil, err
	}
	if err := store.Close(); err != nil { // the originals are durable before the switch
		os.RemoveAll(partial)
		return nil, fmt.Errorf("original-page store: %w", err)
	}
	final := filepath.Join(opts.Dir, schema.GenerationsDir, name)
	if err := os.Rename(partial, final); err != nil {
		os.RemoveAll(partial)
		return nil, fmt.Errorf("finish generation: %w", err)
	}
	if err := switchCurrent(opts.Dir, name); err != nil {
		return nil, err
	}
	removeOldGenerations(opts.Dir, name)
	return sum, nil
}

// generationName is sortable by time, to the microsecond (so that the generation kept for
// rollback is the one before, even between runs started in the same second), and unique
// between runs started at the same instant.
func generationName(t time.Time) string {
	var r [3]byte
	rand.Read(r[:])
	return "g" + t.UTC().Format("20060102T150405.000000Z") + "-" + hex.EncodeToString(r[:])
}

// extracted is one page after parsing, on its way to the writer.
type extracted struct {
	capture CaptureInfo
	notice  *Notice
	skip    *archive.Skip
}

// group is one notice and every capture merged into it, by version of its text.
type group struct {
	id       string
	key      string
	versions []*version
	merged   bool // has more than one capture: written again when the run ends
}

// version is one distinct text of a notice and the captures that show it.
type version struct {
	text     string        // digest of the notice's words
	captures []CaptureInfo // oldest first
}

type builder struct {
	opts     Options
	ex       *Extractor
	store    *archive.Store
	registry *registry
	groups   map[string]*group
	ids      map[string]string // id -> identity key, to detect collisions
	now      time.Time
	big      sync.Mutex // held while a page over bigPage is extracted

	summary Summary
}

func (b *builder) run(ctx context.Context, sources []string, path string) (*Summary, error) {
	idx, err := openForBuild(path, b.opts.BatchSize)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	captures := make(chan *archive.Capture, 64)
	results := make(chan extracted, 64)
	walkErr := make(chan error, 1)
	go func() {
		defer close(captures)
		walkErr <- archive.Walk(ctx, sources, b.opts.Archive, func(c *archive.Capture) error {
			select {
			case captures <- c:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(s archive.Skip) {
			select {
			case results <- extracted{skip: &s}:
			case <-ctx.Done():
			}
		})
	}()
	var workers sync.WaitGroup
	for i := 0; i < b.opts.Workers; i++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for c := range captures {
				r := b.extract(c)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { workers.Wait(); close(results) }()

	w, err := newBatchWriter(idx, b.opts.BatchSize, b.opts.Writers, b.ex.Countries())
	if err != nil {
		idx.Close()
		return nil, err
	}
	writeErr := b.collect(ctx, results, w)
	if writeErr == nil {
		writeErr = b.finish(w)
	}
	if err := w.close(writeErr == nil); writeErr == nil {
		writeErr = err
	}
	cancel()
	for range results { // drain so the workers end
	}
	if err := <-walkErr; err != nil && writeErr == nil && !errors.Is(err, context.Canceled) {
		writeErr = fmt.Errorf("read sources: %w", err)
	}
	var guess *pairsGuess
	if writeErr == nil && !b.opts.SkipForceMerge {
		guess = guessPairs(idx, w.pairs)
		start := time.Now()
		b.summary.Segments, writeErr = forceMerge(idx)
		b.summary.MergeElapsed = time.Since(start)
	}
	b.summary.Merges = merges(idx)
	if err := idx.Close(); err != nil && writeErr == nil {
		writeErr = fmt.Errorf("close index: %w", err)
	}
	if writeErr == nil {
		start := time.Now()
		b.summary.PairsGuessed, writeErr = writePairs(path, w.pairs, filepath.Join(filepath.Dir(path), schema.PairsFile), guess)
		b.summary.PairsElapsed = time.Since(start)
	}
	if writeErr != nil {
		return nil, writeErr
	}
	if !b.opts.SkipForceMerge {
		// The writer may close before Scorch has deleted the files the merge replaced.
		if err := reclaimDisk(path); err != nil {
			return nil, err
		}
	}
	sum := b.summary
	return &sum, nil
}

// bigPage is the size above which pages are extracted one at a time. Extraction holds
// some 25 times a page's size at its peak, so without this a run's heap would grow with
// its number of workers (see docs/robustness.md).
const bigPage = 1 << 20

// extract parses one capture and keeps its bytes in the store.
func (b *builder) extract(c *archive.Capture) extracted {
	if len(c.Body) > bigPage {
		b.big.Lock()
		defer b.big.Unlock()
	}
	n, err := b.ex.Extract(c)
	if err != nil {
		return extracted{skip: &archive.Skip{Source: c.Source, Reason: err.Error(), Err: err}}
	}
	digest, err := b.store.Put(c.Body)
	if err != nil {
		return extracted{skip: &archive.Skip{Source: c.Source, Reason: "cannot keep original: " + err.Error(), Err: err}}
	}
	n.Digest = digest
	info := CaptureInfo{Source: c.Source, URL: n.URL, Time: c.Time, Digest: digest, ContentType: c.ContentType}
	n.Body, n.Title = ValidUTF8(n.Body), ValidUTF8(n.Title)
	return extracted{capture: info, notice: n}
}

// collect merges captures into notices and hands them to the writer. It runs in one
// goroutine, and its outcome does not depend on the order in which pages arrive.
func (b *builder) collect(ctx context.Context, results <-chan extracted, w *batchWriter) error {
	b.ids = map[string]string{}
	for r := range results {
		if err := ctx.Err(); err != nil {
			return err
		}
		b.summary.PagesRead++
		if r.skip != nil {
			b.summary.PagesSkipped++
			b.summary.Skipped = append(b.summary.Skipped, *r.skip)
			b.progress()
			continue
		}
		if err := b.add(r, w); err != nil {
			return err
		}
		b.progress()
	}
	return ctx.Err()
}

func (b *builder) progress() {
	if b.opts.Progress != nil {
		b.opts.Progress(Progress{PagesRead: b.summary.PagesRead, PagesSkipped: b.summary.PagesSkipped, NoticesIndexed: len(b.groups)})
	}
}

// add merges one extracted page into its notice. The first capture of a notice is
// written at once; a notice with more captures is written again, whole, by finish.
func (b *builder) add(r extracted, w *batchWriter) error {
	n := r.notice
	key := IdentityKey(n)
	text := TextDigest(n)
	g, seen := b.groups[key]
	if !seen {
		g = &group{id: b.issueID(key, n), key: key, versions: []*version{{text: text, captures: []CaptureInfo{r.capture}}}}
		b.groups[key] = g
		b.summary.NoticesIndexed++
		return b.write(w, g, g.versions[0], n)
	}
	b.summary.CapturesMerged++
	g.merged = true
	for _, v := range g.versions {
		if v.text == text {
			v.captures = insertCapture(v.captures, r.capture)
			return nil
		}
	}
	g.versions = append(g.versions, &version{text: text, captures: []CaptureInfo{r.capture}})
	return nil
}

// finish writes again every notice that has more than one capture: the newest version
// under the notice's id, each earlier version under id-vN (N counts versions from the
// oldest), all listing every capture and version.
func (b *builder) finish(w *batchWriter) error {
	var merged []*group
	for _, g := range b.groups {
		if g.merged {
			merged = append(merged, g)
		}
	}
	sort.Slice(merged, func(i, j int) bool { return merged[i].id < merged[j].id })
	if len(merged) > 0 {
		if err := w.barrier(); err != nil { // the first writes are in before they are replaced
			return err
		}
	}
	for _, g := range merged {
		sort.Slice(g.versions, func(i, j int) bool { return captureBefore(g.versions[i].captures[0], g.versions[j].captures[0]) })
		b.summary.Versions += len(g.versions) - 1
		for _, v := range g.versions {
			newest := v.captures[len(v.captures)-1]
			n, err := b.reextract(newest)
			if err != nil {
				return err
			}
			if err := b.write(w, g, v, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// latest returns the version shown by the notice's newest capture.
func (g *group) latest() *version {
	best := g.versions[0]
	for _, v := range g.versions[1:] {
		if captureBefore(best.captures[len(best.captures)-1], v.captures[len(v.captures)-1]) {
			best = v
		}
	}
	return best
}

// versionID is the id of a version of the notice: its own id for the newest version.
func (g *group) versionID(v *version) string {
	if v == g.latest() {
		return g.id
	}
	for i, x := range g.versions {
		if x == v {
			return fmt.Sprintf("%s-v%d", g.id, i+1)
		}
	}
	return g.id
}

// write indexes one version of a notice.
func (b *builder) write(w *batchWriter, g *group, v *version, n *Notice) error {
	newest := v.captures[len(v.captures)-1]
	n.ID = g.versionID(v)
	n.Digest = newest.Digest
	n.Latest = v == g.latest()
	n.Captures = nil
	for _, x := range g.versions {
		n.Captures = append(n.Captures, x.captures...)
	}
	sort.Slice(n.Captures, func(i, j int) bool { return captureBefore(n.Captures[i], n.Captures[j]) })
	n.CapturedAt = captureTimes(v.captures)
	if len(g.versions) > 1 {
		n.Versions = nil
		for _, x := range g.versions {
			n.Versions = append(n.Versions, schema.Version{
				ID: g.versionID(x), Digest: x.captures[len(x.captures)-1].Digest,
				First: x.captures[0].Time, Last: x.captures[len(x.captures)-1].Time,
				Captures: len(x.captures), Latest: x == g.latest(),
			})
		}
	}
	n.FirstHeld = b.registry.firstHeld(g.id, v.text, b.now)
	if n.Date == "" && n.DateEstimate == "" && len(n.CapturedAt) > 0 {
		n.DateEstimate = n.CapturedAt[0].UTC().Format("2006-01-02")
	}
	b.registry.record(g.id, g.key, v.text, n, b.now)
	return w.index(n)
}

func (b *builder) reextract(c CaptureInfo) (*Notice, error) {
	body, err := b.store.Get(c.Digest)
	if err != nil {
		return nil, fmt.Errorf("read original %s of %s: %w", c.Digest, c.Source, err)
	}
	n, err := b.ex.Extract(&archive.Capture{Source: c.Source, URL: c.URL, Time: c.Time, Body: body, Digest: c.Digest, ContentType: c.ContentType})
	if err != nil {
		return nil, fmt.Errorf("extract %s again: %w", c.Source, err)
	}
	n.Digest = c.Digest
	return n, nil
}

// issueID derives the notice's id, lengthening the hash in the (rare) case that two
// identities share a readable prefix and short hash.
func (b *builder) issueID(key string, n *Notice) string {
	for hashLen := 4; ; hashLen += 2 {
		id := NoticeID(key, n, hashLen)
		if other, taken := b.ids[id]; !taken || other == key {
			b.ids[id] = key
			return id
		}
	}
}

func insertCapture(list []CaptureInfo, c CaptureInfo) []CaptureInfo {
	i := len(list)
	for i > 0 && captureBefore(c, list[i-1]) {
		i--
	}
	list = append(list, CaptureInfo{})
	copy(list[i+1:], list[i:])
	list[i] = c
	return list
}

func captureBefore(a, b CaptureInfo) bool {
	if !a.Time.Equal(b.Time) {
		return a.Time.Before(b.Time)
	}
	return a.Source < b.Source
}

func captureTimes(list []CaptureInfo) []time.Time {
	var out []time.Time
	for _, c := range list {
		if !c.Time.IsZero() {
			out = append(out, c.Time)
		}
	}
	return out
}

// maxBatchText bounds the text of the notices in one batch: Bleve analyses a batch at
// once, with a peak heap some 35 times its text, so huge pages go in batches of their
// own instead of piling up, up to BatchSize of them, in one. A batch of 500 ordinary
// notices holds 1-2 MB of text.
const maxBatchText = 2 << 20

// batchWriter writes notices to Bleve in batches. Batches are written by goroutines of
// their own (Options.Writers of them) while the next one fills, so that parsing goes on
// while Bleve analyses, builds and syncs segments, and segments are built on every core.
// Batches written at once must not hold the same notice: a notice written again later
// (by finish) is written after barrier, so that it replaces the earlier document.
type batchWriter struct {
	idx       bleve.Index
	countries *schema.Countries
	batch     *bleve.Batch
	texts     []pairText // the batch's notices, for their word pairs
	size      int
	text      int // bytes of title and body in the batch
	segments  int // batches handed over since the last merge, each one segment

	pairs         *pairs.Builder    // the word pairs of every notice written
	pairsAnalyzer analysis.Analyzer // schema.AnalyzerBigrams

	pending  chan pendingBatch
	inflight sync.WaitGroup // batches handed over and not yet written
	writers  sync.WaitGroup
	failed   atomic.Pointer[error] // the first write error, seen by the next flush
}

// pendingBatch is a batch handed to a writing goroutine, with the text of its notices.
type pendingBatch struct {
	batch *bleve.Batch
	texts []pairText
}

// pairText is what the pairs index takes of a notice, and where its body's tokens go.
type pairText struct {
	id, body, title string
	bodyTokens      *tokensAnalyzer // nil if the document has no body field
}

// tokensAnalyzer is an analyzer that gives tokens analysed beforehand, whatever its
// input: the body is analysed once for the body field and its word pairs
// (schema.TextAndPairs), by the batch writer before Bleve analyses the batch.
type tokensAnalyzer struct{ tokens analysis.TokenStream }

// Analyze implements analysis.Analyzer.
func (a *tokensAnalyzer) Analyze([]byte) analysis.TokenStream { return a.tokens }

// preAnalyzed replaces the body field of doc by one analysed beforehand and returns its
// analyzer, to be given the tokens before the document is written.
func preAnalyzed(doc *document.Document) *tokensAnalyzer {
	for i, f := range doc.Fields {
		body, ok := f.(*document.TextField)
		if !ok || body.Name() != schema.FieldBody {
			continue
		}
		a := &tokensAnalyzer{}
		doc.Fields[i] = document.NewTextFieldCustom(body.Name(), body.ArrayPositions(), body.Value(), body.Options(), a)
		return a
	}
	return nil
}

func newBatchWriter(idx bleve.Index, size, writers int, countries *schema.Countries) (*batchWriter, error) {
	w := &batchWriter{idx: idx, size: size, countries: countries, pending: make(chan pendingBatch),
		pairs: pairs.NewBuilder(), pairsAnalyzer: idx.Mapping().AnalyzerNamed(schema.AnalyzerBigrams)}
	if w.pairsAnalyzer == nil {
		return nil, fmt.Errorf("index mapping lacks analyzer %q", schema.AnalyzerBigrams)
	}
	for i := 0; i < max(writers, 1); i++ {
		w.writers.Add(1)
		go func() {
			defer w.writers.Done()
			for p := range w.pending {
				if w.failed.Load() == nil { // after a failure, drain
					w.addPairs(p.texts)
					if err := idx.Batch(p.batch); err != nil {
						err = fmt.Errorf("write batch: %w", err)
						w.failed.CompareAndSwap(nil, &err)
					}
				}
				w.inflight.Done()
			}
		}()
	}
	return w, nil
}

// addPairs records the word pairs of the notices: the body's, then the title's, two
// values of the pair field so that no pair joins them (as Bleve kept them when the pairs
// were a field of its own). A notice written again replaces its pairs as its document.
func (w *batchWriter) addPairs(texts []pairText) {
	for _, t := range texts {
		body, pairs := schema.TextAndPairs([]byte(t.body))
		if t.bodyTokens != nil {
			t.bodyTokens.tokens = body
		}
		w.pairs.Add(t.id, pairs, w.pairsAnalyzer.Analyze([]byte(t.title)))
	}
}

func (w *batchWriter) index(n *Notice) error {
	if w.batch == nil {
		w.batch = w.idx.NewBatch()
	}
	fields, err := n.Document(w.countries)
	if err != nil {
		return err
	}
	doc := document.NewDocument(n.ID)
	if err := w.idx.Mapping().MapDocument(doc, fields); err != nil {
		return fmt.Errorf("index notice %s (%s): %w", n.ID, n.Source, err)
	}
	text := pairText{id: n.ID, body: n.Body, title: n.Title, bodyTokens: preAnalyzed(doc)}
	if err := w.batch.IndexAdvanced(doc); err != nil {
		return fmt.Errorf("index notice %s (%s): %w", n.ID, n.Source, err)
	}
	w.texts = append(w.texts, text)
	w.text += len(n.Title) + len(n.Body)
	if w.batch.Size() >= w.size || w.text >= maxBatchText {
		return w.flush()
	}
	return nil
}

// flush hands the filled batch to a writing goroutine, waiting while all of them still
// write earlier ones. Every maxBuildSegments batches it waits for them all and merges
// what is written into one segment, which bounds the open files.
func (w *batchWriter) flush() error {
	if err := w.failed.Load(); err != nil {
		return *err
	}
	if w.batch == nil || w.batch.Size() == 0 {
		return nil
	}
	if w.segments >= maxBuildSegments {
		if err := w.barrier(); err != nil {
			return err
		}
		if _, err := forceMerge(w.idx); err != nil {
			return err
		}
		w.segments = 1
	}
	w.handOver()
	return nil
}

// handOver gives the filling batch to a writing goroutine.
func (w *batchWriter) handOver() {
	w.inflight.Add(1)
	w.pending <- pendingBatch{batch: w.batch, texts: w.texts}
	w.batch, w.texts, w.text = nil, nil, 0
	w.segments++
}

// barrier writes the filling batch and waits until every batch handed over is written:
// what is written after it replaces what was written before.
func (w *batchWriter) barrier() error {
	if w.batch != nil && w.batch.Size() > 0 {
		w.handOver()
	}
	w.inflight.Wait()
	if err := w.failed.Load(); err != nil {
		return *err
	}
	return nil
}

// close writes the last batch when commit is set, waits for every write and returns the
// first error.
func (w *batchWriter) close(commit bool) error {
	var err error
	if commit {
		err = w.flush()
	}
	close(w.pending)
	w.writers.Wait()
	if ferr := w.failed.Load(); err == nil && ferr != nil {
		err = *ferr
	}
	return err
}

// writePairs writes the pairs file of the closed Bleve index at path, its documents
// numbered as Bleve numbers them when the index is opened (the search reads both by that
// number). Until the index is closed, a merge may still renumber them. The encoding a
// guess made during the force merge is written if it was made for that numbering.
func writePairs(path string, b *pairs.Builder, pairsPath string, guess *pairsGuess) (guessed bool, err error) {
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return false, fmt.Errorf("write pairs: %w", err)
	}
	defer idx.Close()
	adv, err := idx.Advanced()
	if err != nil {
		return false, fmt.Errorf("write pairs: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return false, fmt.Errorf("write pairs: %w", err)
	}
	defer r.Close()
	order, err := pairs.DocOrder(r)
	if err != nil {
		return false, fmt.Errorf("write pairs: %w", err)
	}
	if enc := guess.take(order); enc != nil {
		return true, enc.WriteFile(pairsPath)
	}
	if err := b.Write(pairsPath, order); err != nil {
		return false, fmt.Errorf("write pairs: %w", err)
	}
	return false, nil
}
