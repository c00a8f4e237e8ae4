package pairs_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/noticearchive/noticearchive/indexer/pairs"
)

// Benchmarks run on generated documents of docTokens pair tokens. Words are drawn from a
// Zipf distribution over a vocabulary of vocabSize made-up words; most words follow from
// the previous one, among a few successors of their own (themselves Zipf-distributed),
// as in real text. This gives about as many distinct pairs as the notices have: 1.5
// million at 20,000 documents, 5 million at 100,000.
// PAIRS_BENCH_DOCS sets the number of documents of the index the benchmarks build
// (default 20,000); BenchmarkBuild at 100,000 needs some 2 GB.
const (
	docTokens = 600
	vocabSize = 100_000
)

func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("PAIRS_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 20_000
}

// language is the made-up words and their successors, the same in every corpus.
type language struct {
	words [][]byte
	succs []uint32 // Zipf-distributed words: the successors of word w are succs[hash(w, k)]
}

var lang = sync.OnceValue(func() language {
	r := rand.New(rand.NewPCG(7, 7))
	l := language{words: make([][]byte, vocabSize), succs: make([]uint32, 1<<20)}
	for i := range l.words {
		w := make([]byte, 2+r.IntN(4)+r.IntN(5))
		for j := range w {
			w[j] = byte('a' + r.IntN(26))
		}
		l.words[i] = w
	}
	z := rand.NewZipf(r, 1.05, 2, vocabSize-1)
	for i := range l.succs {
		l.succs[i] = uint32(z.Uint64())
	}
	return l
})

// corpus generates documents; each goroutine needs its own.
type corpus struct {
	language
	r          *rand.Rand
	zipf, succ *rand.Zipf
	toks       []analysis.Token
	ts         analysis.TokenStream
	buf        []byte
}

func newCorpus(seed uint64) *corpus {
	r := rand.New(rand.NewPCG(seed, 99))
	return &corpus{
		language: lang(),
		r:        r,
		zipf:     rand.NewZipf(r, 1.05, 2, vocabSize-1),
		succ:     rand.NewZipf(r, 1.2, 1, 31),
		toks:     make([]analysis.Token, docTokens),
		ts:       make(analysis.TokenStream, docTokens),
	}
}

// word returns a word to follow prev.
func (c *corpus) word(prev uint64) uint64 {
	if c.r.IntN(100) < 85 {
		return uint64(c.succs[(prev*2654435761+c.succ.Uint64()*40503)%uint64(len(c.succs))])
	}
	return c.zipf.Uint64()
}

// next returns a new document's pair tokens, in memory reused by the next call unless
// keep is set.
func (c *corpus) next(keep bool) analysis.TokenStream {
	toks, ts := c.toks, c.ts
	if keep {
		toks, ts = make([]analysis.Token, docTokens), make(analysis.TokenStream, docTokens)
	}
	buf := c.buf[:0]
	if keep || cap(buf) == 0 {
		buf = make([]byte, 0, docTokens*20)
	}
	prev := c.zipf.Uint64()
	for i := range toks {
		w := c.word(prev)
		from := len(buf)
		buf = append(append(append(buf, c.words[prev]...), ' '), c.words[w]...)
		toks[i] = analysis.Token{Term: buf[from:len(buf):len(buf)], Position: i + 1, Type: analysis.Shingle}
		ts[i] = &toks[i]
		prev = w
	}
	if !keep {
		c.buf = buf
	}
	return ts
}

// BenchmarkAdd adds new documents to a builder that knows the terms of 10,000, from
// one goroutine and then two at once: per token, each Add's time (waits for locks
// included) and the CPU time of its thread (which leaves out the time the machine's
// other work took). The documents are generated just before they are added, as
// analysis hands them over, but outside the time measured.
func BenchmarkAdd(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprint("goroutines=", workers), func(b *testing.B) {
			builder, _, _ := build(10_000, 2)
			var spent, cpu atomic.Int64
			var wg sync.WaitGroup
			var n atomic.Int64
			b.ResetTimer()
			for w := range workers {
				wg.Go(func() {
					runtime.LockOSThread()
					defer runtime.UnlockOSThread()
					c := newCorpus(uint64(w) + 100)
					for d := n.Add(1); d <= int64(b.N); d = n.Add(1) {
						ts := c.next(false)
						start, startCPU := time.Now(), threadCPU()
						builder.Add("new-"+strconv.Itoa(int(d)), ts)
						cpu.Add(int64(threadCPU() - startCPU))
						spent.Add(int64(time.Since(start)))
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(spent.Load())/float64(b.N), "ns/Add")
			b.ReportMetric(float64(spent.Load())/float64(b.N)/docTokens, "ns/token")
			b.ReportMetric(float64(cpu.Load())/float64(b.N)/docTokens, "cpu-ns/token")
		})
	}
}

// fixture is a builder of benchDocs documents, built once.
var fixture = sync.OnceValues(func() (*pairs.Builder, []string) {
	b, order, _ := build(benchDocs(), 2)
	return b, order
})

// build adds n documents from goroutines at once and returns the time spent in Add.
func build(n, goroutines int) (*pairs.Builder, []string, time.Duration) {
	b := pairs.NewBuilder()
	order := make([]string, n)
	var spent atomic.Int64
	var wg sync.WaitGroup
	for w := range goroutines {
		wg.Go(func() {
			c := newCorpus(uint64(w) + 10)
			for d := w; d < n; d += goroutines {
				order[d] = "notice-" + strconv.Itoa(d)
				ts := c.next(false)
				start := time.Now()
				b.Add(order[d], ts)
				spent.Add(int64(time.Since(start)))
			}
		})
	}
	wg.Wait()
	return b, order, time.Duration(spent.Load())
}

// fixtureDir holds the fixture's file, written once; TestMain removes it.
var fixtureDir string

// index returns the fixture written and opened, once for all benchmarks.
func index(b *testing.B) *pairs.Index {
	x, err := fixtureIndex()
	if err != nil {
		b.Fatal(err)
	}
	return x
}

var fixtureIndex = sync.OnceValues(func() (*pairs.Index, error) {
	builder, order := fixture()
	dir, err := os.MkdirTemp("", "pairs-bench")
	if err != nil {
		return nil, err
	}
	fixtureDir = dir
	path := filepath.Join(dir, "pairs")
	if err := builder.Write(path, order); err != nil {
		return nil, err
	}
	return pairs.Open(path)
})

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

func BenchmarkWrite(b *testing.B) {
	builder, order := fixture()
	path := filepath.Join(b.TempDir(), "pairs")
	b.ResetTimer()
	for b.Loop() {
		if err := builder.Write(path, order); err != nil {
			b.Fatal(err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(order)), "ns/doc")
	b.ReportMetric(float64(fi.Size())/float64(len(order)), "file-bytes/doc")
}

// BenchmarkBuild adds benchDocs documents from two goroutines and writes them once,
// reporting the time of Add per token, the time of Write, the peak of the live heap
// during Write above what it was before, and the file's size.
func BenchmarkBuild(b *testing.B) {
	n := benchDocs()
	for b.Loop() {
		builder, order, spent := build(n, 2)
		runtime.GC()
		before := liveHeap()
		peak, stop := watchHeap()
		path := filepath.Join(b.TempDir(), "pairs")
		start := time.Now()
		if err := builder.Write(path, order); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		stop()
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		x, err := pairs.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(spent.Nanoseconds())/float64(n*docTokens), "add-ns/token")
		b.ReportMetric(took.Seconds(), "write-s")
		b.ReportMetric(float64(peak.Load()-before)/(1<<20), "write-peak-MB")
		b.ReportMetric(float64(before)/(1<<20), "builder-MB")
		b.ReportMetric(float64(fi.Size())/float64(n), "file-bytes/doc")
		b.ReportMetric(float64(x.Terms()), "terms")
		x.Close()
	}
}

// liveHeap returns the bytes of live and not yet collected heap objects.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// watchHeap samples liveHeap every 5 ms until stop is called.
func watchHeap() (peak *atomic.Uint64, stop func()) {
	peak = new(atomic.Uint64)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			if h := liveHeap(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	return peak, func() { close(done); wg.Wait() }
}

// sampleTerms returns n terms as queries draw them: from documents of the corpus, so
// that frequent terms come often.
func sampleTerms(n int) [][]byte {
	c := newCorpus(10)
	var terms [][]byte
	for len(terms) < n {
		for _, t := range c.next(true)[:50] {
			terms = append(terms, t.Term)
		}
	}
	return terms[:n]
}

func BenchmarkPostings(b *testing.B) {
	x := index(b)
	terms := sampleTerms(4096)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, ok := x.Postings(terms[i%len(terms)]); !ok {
			b.Fatalf("%q not found", terms[i%len(terms)])
		}
		i++
	}
}

func BenchmarkPostingsMissing(b *testing.B) {
	x := index(b)
	terms := make([][]byte, 4096)
	for i := range terms {
		terms[i] = fmt.Appendf(nil, "no such %d", i)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		x.Postings(terms[i%len(terms)])
		i++
	}
}

// termNear returns a sampled term whose documents are closest to docs in number.
func termNear(x *pairs.Index, docs uint64) (pairs.Postings, []byte) {
	var best pairs.Postings
	var term []byte
	dist := func(n uint64) uint64 { return max(n, docs) - min(n, docs) }
	for _, t := range sampleTerms(20_000) {
		if p, ok := x.Postings(t); ok && (term == nil || dist(p.Count()) < dist(best.Count())) {
			best, term = p, t
		}
	}
	return best, term
}

func BenchmarkPostingsBitmap(b *testing.B) {
	x := index(b)
	for _, share := range []float64{0.5, 0.01, 0.003, 0.0005} {
		p, term := termNear(x, uint64(share*float64(x.Docs())))
		b.Run(fmt.Sprintf("docs=%d", p.Count()), func(b *testing.B) {
			for b.Loop() {
				if p.Bitmap().GetCardinality() != p.Count() {
					b.Fatalf("%q: bitmap of %d documents", term, p.Count())
				}
			}
		})
	}
}

func BenchmarkIterate(b *testing.B) {
	x := index(b)
	for _, share := range []float64{0.5, 0.01} {
		p, _ := termNear(x, uint64(share*float64(x.Docs())))
		b.Run(fmt.Sprintf("docs=%d", p.Count()), func(b *testing.B) {
			n := 0
			for b.Loop() {
				for it := p.Iterator(); it.Next(); {
					n += len(it.Positions())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(p.Count()), "ns/doc")
		})
		b.Run(fmt.Sprintf("docs=%d/no-positions", p.Count()), func(b *testing.B) {
			for b.Loop() {
				for it := p.Iterator(); it.Next(); {
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(p.Count()), "ns/doc")
		})
	}
}

func BenchmarkAdvance(b *testing.B) {
	x := index(b)
	p, _ := termNear(x, uint64(x.Docs()/2))
	b.ResetTimer()
	for b.Loop() {
		it := p.Iterator()
		for doc := uint64(0); it.Advance(doc); doc = it.Doc() + 200 {
		}
	}
}
