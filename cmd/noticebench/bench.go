package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/gen"
	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// classResult is the measurement of one class on one engine and transport.
type classResult struct {
	Lat      latencies
	Errors   int
	FirstErr string
	Totals   float64 // mean total of the distinct queries
	Hits     float64 // mean hits returned
	Snippets float64 // mean hits with a snippet
	Marked   float64 // mean hits with a highlighted word
	// CPU is the process's CPU time (user and system, every thread) per query: what a
	// query costs the machine, which bounds throughput (cores / CPU), and which other
	// processes on a shared machine disturb far less than latency.
	CPU time.Duration
	// Slowest is the query that took longest, and how long: where to look first when a
	// class's p99 rises.
	Slowest    string
	SlowestLat time.Duration
}

// startReport is the time from starting the server process to the first answer.
type startReport struct {
	Opened, Listening, FirstAnswer time.Duration
	Idle                           memSample // right after the first answer
}

// servingMemory is the server's memory under load.
type servingMemory struct {
	Peak      memSample // each figure at its own peak during the throughput levels
	After     memSample // after the last level
	HeapInuse int64     // Go heap in use after the last level (from /metrics)
}

// mismatch is a query whose totals or facet counts differ between the engines.
type mismatch struct {
	Query string
	Diff  string
}

// results is everything a run measured.
type results struct {
	Cfg     config
	Started time.Time
	Machine machineInfo
	Go      string

	CorpusPages   int
	CorpusBytes   int64
	CorpusElapsed time.Duration

	Index        *indexReport
	IndexBytes   int64 // the Bleve index of the current generation
	OriginalsDir int64 // the original-page store beside it
	Peer         *peerBuildReport

	Notices   uint64 // notices the index holds
	SampleN   int
	Pools     map[string]*pool
	Ours      map[string]classResult
	PeerIn    map[string]classResult
	OursHTTP  map[string]classResult
	PeerHTTP  map[string]classResult
	FloorHTTP classResult

	Checked    map[string]int
	Mismatches map[string][]mismatch
	PeerSQL    map[string][]peerStmt
	PeerQuery  map[string]string // the example query of PeerSQL

	Start     *startReport
	Load      []loadResult
	PeerLoad  []loadResult
	FloorLoad []loadResult
	Serving   *servingMemory

	Profile string // go tool pprof -top of the CPU profile

	LoadStart, LoadEnd string // /proc/loadavg: the machine is shared
	SQLiteVersion      string
	Notes              []string
}

// benchmark runs every phase and writes the report.
func benchmark(ctx context.Context, cfg config, log io.Writer) error {
	res := &results{Cfg: cfg, Started: time.Now(), Machine: readMachine(), Go: runtime.Version(),
		Ours: map[string]classResult{}, PeerIn: map[string]classResult{}, OursHTTP: map[string]classResult{},
		PeerHTTP: map[string]classResult{}, Checked: map[string]int{}, Mismatches: map[string][]mismatch{},
		PeerSQL: map[string][]peerStmt{}, PeerQuery: map[string]string{}}
	dir := cfg.Dir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "noticebench-"); err != nil {
			return err
		}
		if !cfg.Keep {
			defer os.RemoveAll(dir)
		} else {
			fmt.Fprintf(log, "work directory %s is kept\n", dir)
		}
	}
	b := &bencher{cfg: cfg, res: res, log: log, dir: dir, corpus: filepath.Join(dir, "corpus"),
		index: filepath.Join(dir, "index"), peerDB: filepath.Join(dir, "peer.db")}
	res.LoadStart = loadAverage()
	if err := b.run(ctx); err != nil {
		return err
	}
	res.LoadEnd = loadAverage()
	report := renderReport(res)
	if cfg.Out == "" {
		_, err := io.WriteString(os.Stdout, report)
		return err
	}
	if err := writeSection(cfg.Out, cfg.N, report); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	fmt.Fprintf(log, "report written to %s\n", cfg.Out)
	return nil
}

// bencher holds the state of one run.
type bencher struct {
	cfg                        config
	res                        *results
	log                        io.Writer
	dir, corpus, index, peerDB string
	pools                      map[string]*pool
	warmup                     []benchQuery
	sample                     []*indexer.Notice    // the notices the pools are drawn from
	outcomes                   map[string][]outcome // ours, per class, per distinct query
	peer                       *peerIndex
}

func (b *bencher) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func (b *bencher) run(ctx context.Context) error {
	if err := b.prepare(ctx); err != nil {
		return err
	}
	if err := b.drawPools(ctx); err != nil {
		return err
	}
	if _, err := os.Stat(b.peerDB); err != nil && b.cfg.Reuse && !b.cfg.SkipPeer {
		b.res.Notes = append(b.res.Notes, "No peer database to reuse in the work directory: the peer was skipped.")
		b.cfg.SkipPeer = true
	}
	if !b.cfg.SkipPeer {
		p, err := openPeer(b.peerDB)
		if err != nil {
			return err
		}
		defer p.Close()
		b.peer = p
		p.db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&b.res.SQLiteVersion)
	}
	if !b.cfg.HTTPOnly {
		if err := b.inProcess(ctx); err != nil {
			return err
		}
	}
	if !b.cfg.SkipHTTP {
		if err := b.overHTTP(ctx); err != nil {
			return err
		}
	}
	return nil
}

// prepare generates the corpus and builds our index and the peer, measuring each.
func (b *bencher) prepare(ctx context.Context) error {
	if b.cfg.Reuse {
		if _, err := schema.CurrentGeneration(b.index); err != nil {
			return fmt.Errorf("--reuse: %w", err)
		}
		b.res.Notes = append(b.res.Notes, "Reused the corpus and indexes of an earlier run (--reuse): no indexing figures.")
		b.measureSizes()
		return nil
	}
	os.RemoveAll(b.corpus)
	os.RemoveAll(b.index)
	b.logf("generating %d pages (seed %d, %s layouts)", b.cfg.N, b.cfg.Seed, b.cfg.Layouts)
	t := time.Now()
	st, err := gen.Write(ctx, b.corpus, gen.Options{N: b.cfg.N, Seed: b.cfg.Seed, Layouts: b.cfg.Layouts})
	if err != nil {
		return err
	}
	b.res.CorpusPages, b.res.CorpusBytes, b.res.CorpusElapsed = st.Pages, st.Bytes, time.Since(t)
	// The corpus just written is still being written back to disk: flush it first, so
	// that the builds below do not share the cores with the kernel writing it, as they
	// would not with an archive that has long been on disk. Its pages stay cached.
	t = time.Now()
	syscall.Sync()
	b.logf("corpus flushed to disk in %s", time.Since(t).Round(time.Millisecond))

	b.logf("indexing (child process)")
	if b.res.Index, err = b.childIndex(ctx); err != nil {
		return err
	}
	b.logf("indexed %d pages in %s", b.res.Index.Pages, b.res.Index.Elapsed.Round(time.Millisecond))
	b.measureSizes()
	if !b.cfg.SkipPeer {
		b.logf("building the SQLite FTS5 peer")
		runtime.GC()
		keep := sampled(b.cfg.N, sampleSize)
		collect := func(n *indexer.Notice, c *archive.Capture) {
			if keep(c.Source) {
				b.sample = append(b.sample, n)
			}
		}
		if b.res.Peer, err = buildPeer(ctx, b.corpus, b.peerDB, runtime.NumCPU(), collect); err != nil {
			return err
		}
		b.logf("peer built: %d notices in %s", b.res.Peer.Notices, b.res.Peer.Elapsed.Round(time.Millisecond))
	}
	return nil
}

func (b *bencher) measureSizes() {
	if gen, err := schema.CurrentGeneration(b.index); err == nil {
		b.res.IndexBytes = dirSize(filepath.Join(gen, schema.BleveDir)) + fileSize(filepath.Join(gen, schema.PairsFile))
	}
	b.res.OriginalsDir = dirSize(filepath.Join(b.index, schema.OriginalsDir))
	if b.res.Peer == nil && !b.cfg.SkipPeer {
		if fi, err := os.Stat(b.peerDB); err == nil {
			b.res.Peer = &peerBuildReport{Bytes: fi.Size()}
		}
	}
}

// childIndex runs the index build in a child process and reads its report.
func (b *bencher) childIndex(ctx context.Context) (*indexReport, error) {
	exe, err := selfExe()
	if err != nil {
		return nil, err
	}
	args := []string{childIndexCmd, "--corpus", b.corpus, "--index", b.index}
	if b.cfg.IndexCPUProfile != "" {
		args = append(args, "--cpuprofile", b.cfg.IndexCPUProfile)
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = b.log
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("index child: %w", err)
	}
	var rep indexReport
	if err := json.Unmarshal(out, &rep); err != nil {
		return nil, fmt.Errorf("index child: %w: %.200s", err, out)
	}
	return &rep, nil
}

// sampleSize is about the number of notices the query pools are drawn from.
const sampleSize = 3000

// drawPools draws the query pools from a sample of the corpus' notices: those the peer
// build collected, else a sample extracted now.
func (b *bencher) drawPools(ctx context.Context) error {
	if b.sample == nil {
		b.logf("extracting a sample of the corpus for the query pools")
		keep := sampled(b.cfg.N, sampleSize)
		err := extractPages(ctx, b.corpus, runtime.NumCPU(), func(c *archive.Capture) bool { return keep(c.Source) },
			func(r extractResult) error {
				if r.err == nil {
					b.sample = append(b.sample, r.notice)
				}
				return nil
			})
		if err != nil {
			return err
		}
	}
	s := newSample(b.sample)
	b.res.SampleN = len(b.sample)
	var err error
	if b.pools, err = buildPools(s, b.cfg.Seed, b.cfg.Queries); err != nil {
		return err
	}
	b.res.Pools = b.pools
	b.warmup = warmupQueries(s, b.cfg.Seed, b.cfg.Warmup)
	return nil
}

// inProcess measures both engines in this process and checks that they agree.
func (b *bencher) inProcess(ctx context.Context) error {
	ix, err := search.Open(b.index, search.Options{})
	if err != nil {
		return err
	}
	defer ix.Close()
	b.res.Notices = ix.Stats().Notices
	ours := ourEngine{ix}
	b.logf("in process: our index (%d notices)", b.res.Notices)
	b.runWarmup(ctx, ours)
	b.outcomes = map[string][]outcome{}
	stopProfile := func() {}
	for _, c := range classes {
		if c.Name == b.cfg.ProfileClass || (b.cfg.ProfileClass == "" && c.Name == classes[0].Name) {
			if stopProfile, err = b.startProfile(); err != nil {
				return err
			}
		}
		r, outs := measure(ctx, ours, b.pools[c.Name], b.cfg.Queries)
		b.res.Ours[c.Name], b.outcomes[c.Name] = r, outs
		if c.Name == b.cfg.ProfileClass {
			stopProfile()
			stopProfile = func() {}
		}
	}
	stopProfile()
	if b.peer == nil {
		return nil
	}
	peer := peerEngine{b.peer}
	b.logf("in process: SQLite peer")
	b.runWarmup(ctx, peer)
	for _, c := range classes {
		r, outs := measure(ctx, peer, b.pools[c.Name], b.cfg.Queries)
		b.res.PeerIn[c.Name] = r
		b.check(c.Name, outs)
		plan, err := newPeerPlan(b.pools[c.Name].Queries[0].Req)
		if err == nil {
			b.res.PeerSQL[c.Name] = plan.Statements()
			b.res.PeerQuery[c.Name] = describe(b.pools[c.Name].Queries[0].Req)
		}
	}
	return nil
}

// check compares the peer's outcomes with ours, query by query.
func (b *bencher) check(class string, peer []outcome) {
	ours := b.outcomes[class]
	p := b.pools[class]
	for i := 0; i < len(ours) && i < len(peer); i++ {
		if !ours[i].OK || !peer[i].OK {
			continue // the query failed on one side; counted as an error
		}
		b.res.Checked[class]++
		if d := compareOutcomes(ours[i], peer[i]); d != "" {
			b.res.Mismatches[class] = append(b.res.Mismatches[class], mismatch{describe(p.Queries[i].Req), d})
		}
	}
}

func (b *bencher) runWarmup(ctx context.Context, e engine) {
	for _, q := range b.warmup {
		e.run(ctx, q)
	}
}

func (b *bencher) startProfile() (func(), error) {
	if b.cfg.CPUProfile == "" {
		return func() {}, nil
	}
	stop, err := startCPUProfile(b.cfg.CPUProfile)
	if err != nil {
		return nil, err
	}
	return func() {
		stop()
		for _, args := range [][]string{{"-top"}, {"-top", "-cum"}} {
			args = append(append([]string{"tool", "pprof"}, args...), `-hide=^main\.|^runtime\.main$`, "-nodecount=30", b.cfg.CPUProfile)
			if out, err := exec.Command("go", args...).Output(); err == nil {
				b.res.Profile += dropHeader(string(out)) + "\n"
			}
		}
	}, nil
}

// dropHeader removes pprof's lines about the binary (file, build id, time).
func dropHeader(out string) string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "File:") && !strings.HasPrefix(line, "Build ID:") && !strings.HasPrefix(line, "Time:") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

// measure runs n queries of the pool (cycling through it) one after another and returns
// their latencies, with the outcome of each distinct query.
func measure(ctx context.Context, e engine, p *pool, n int) (classResult, []outcome) {
	var r classResult
	var lat []time.Duration
	outs := make([]outcome, len(p.Queries))
	var sumTotal, sumHits, sumSnip, sumMarked float64
	cpu0 := processCPU()
	for i := range n {
		q := p.Queries[i%len(p.Queries)]
		t := time.Now()
		o, err := e.run(ctx, q)
		d := time.Since(t)
		if err != nil {
			r.Errors++
			if r.FirstErr == "" {
				r.FirstErr = describe(q.Req) + ": " + err.Error()
			}
			continue
		}
		lat = append(lat, d)
		if d > r.SlowestLat {
			r.Slowest, r.SlowestLat = describe(q.Req), d
		}
		if i < len(p.Queries) {
			if h, ok := e.(*httpEngine); ok {
				o, err = h.decodeLast()
				if err != nil {
					r.Errors++
					continue
				}
			}
			outs[i] = o
			sumTotal += float64(o.Total)
			sumHits += float64(o.Hits)
			sumSnip += float64(o.Snippets)
			sumMarked += float64(o.Marked)
		}
	}
	if n > 0 {
		r.CPU = (processCPU() - cpu0) / time.Duration(n)
	}
	r.Lat = summarize(lat)
	if k := float64(min(n, len(p.Queries))); k > 0 {
		r.Totals, r.Hits, r.Snippets, r.Marked = sumTotal/k, sumHits/k, sumSnip/k, sumMarked/k
	}
	return r, outs
}

// describe is a short form of a request for the report.
func describe(r search.Request) string {
	var parts []string
	if r.Query != "" {
		parts = append(parts, "q="+r.Query)
	}
	for _, f := range search.FilterFields {
		if v := r.Filters[f]; len(v) > 0 {
			parts = append(parts, f+"="+strings.Join(v, "|"))
		}
	}
	if r.From != "" || r.To != "" {
		parts = append(parts, "date="+r.From+".."+r.To)
	}
	if r.Sort != "" && r.Sort != search.SortRelevance {
		parts = append(parts, "sort="+r.Sort)
	}
	if r.Page > 1 {
		parts = append(parts, "page="+strconv.Itoa(r.Page))
	}
	return strings.Join(parts, " ")
}

// overHTTP starts our server as a fresh process, times its first answer, measures each
// class, the floor and the throughput levels, and the server's memory.
func (b *bencher) overHTTP(ctx context.Context) error {
	srv, err := b.startServer(ctx)
	if err != nil {
		return err
	}
	defer srv.stop()
	ours := &httpEngine{base: srv.base, client: newClient(1)}
	b.logf("over HTTP: our server (pid %d)", srv.cmd.Process.Pid)
	if b.res.Notices == 0 {
		b.res.Notices = serverNotices(ctx, srv.base)
	}
	b.runWarmup(ctx, ours)
	for _, c := range classes {
		r, _ := measure(ctx, ours, b.pools[c.Name], b.cfg.Queries)
		b.res.OursHTTP[c.Name] = r
	}
	floor := &pool{Class: "floor", Queries: []benchQuery{{Class: "floor"}}, Distinct: 1}
	b.res.FloorHTTP, _ = measure(ctx, floorEngine{srv.base, ours.client}, floor, b.cfg.Queries)

	var peerBase string
	if b.peer != nil {
		ps, err := startPeerServer(b.peer)
		if err != nil {
			return err
		}
		defer ps.Close()
		peerBase = ps.base
		pe := &httpEngine{base: peerBase, client: newClient(1)}
		b.logf("over HTTP: SQLite peer")
		b.runWarmup(ctx, pe)
		for _, c := range classes {
			r, _ := measure(ctx, pe, b.pools[c.Name], min(b.cfg.PeerHTTPQueries, b.cfg.Queries))
			b.res.PeerHTTP[c.Name] = r
		}
	}

	paths := mixPaths(b.pools)
	pid := strconv.Itoa(srv.cmd.Process.Pid)
	smp := startSampler(pid, nil, 100*time.Millisecond)
	for _, c := range b.cfg.Clients {
		b.logf("throughput: %d clients, %s", c, b.cfg.Duration)
		b.res.Load = append(b.res.Load, load(ctx, srv.base, paths, c, b.cfg.Duration))
	}
	peak, after, _ := smp.Stop()
	if m, err := readSmapsRollup(pid); err == nil {
		after = m
	}
	b.res.Serving = &servingMemory{Peak: peak, After: after, HeapInuse: scrapeHeap(ctx, srv.base)}
	for _, c := range b.cfg.Clients {
		b.res.FloorLoad = append(b.res.FloorLoad, load(ctx, srv.base, []string{"/healthz"}, c, b.cfg.Duration))
	}
	if peerBase != "" {
		for _, c := range b.cfg.Clients {
			b.logf("throughput (peer): %d clients", c)
			b.res.PeerLoad = append(b.res.PeerLoad, load(ctx, peerBase, paths, c, b.cfg.Duration))
		}
	}
	return nil
}

// floorEngine asks the server's /healthz: a trivial handler behind the same router and
// middleware as /api/search.
type floorEngine struct {
	base   string
	client *http.Client
}

func (e floorEngine) run(ctx context.Context, _ benchQuery) (outcome, error) {
	_, err := get(ctx, e.client, e.base+"/healthz")
	return outcome{}, err
}

// server is our server running as a child process.
type server struct {
	cmd  *exec.Cmd
	base string
	done chan struct{}
}

// startServer starts a child-serve process on a free loopback port and waits for its
// first answered search, measuring the time from the start of the process.
func (b *bencher) startServer(ctx context.Context) (*server, error) {
	exe, err := selfExe()
	if err != nil {
		return nil, err
	}
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	args := []string{childServeCmd, "--index", b.index, "--addr", addr, "--t0", strconv.FormatInt(t0.UnixNano(), 10)}
	if b.cfg.ServerCPUProfile != "" {
		args = append(args, "--cpuprofile", b.cfg.ServerCPUProfile)
	}
	cmd := exec.Command(exe, args...)
	cmd.Stderr = b.log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	s := &server{cmd: cmd, base: "http://" + addr, done: make(chan struct{})}
	events := make(chan serveEvent, 4)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var ev serveEvent
			if json.Unmarshal(sc.Bytes(), &ev) == nil {
				events <- ev
			}
		}
	}()
	go func() { cmd.Wait(); close(s.done) }()
	first := b.warmupPath()
	answered, err := waitFirstAnswer(ctx, s.base+first, 60*time.Second)
	if err != nil {
		s.stop()
		return nil, err
	}
	st := &startReport{FirstAnswer: answered.Sub(t0)}
	for ev := range events {
		if ev.Event == "opened" {
			st.Opened = ev.Since
		}
		if ev.Event == "listening" {
			st.Listening = ev.Since
			break
		}
	}
	st.Idle, _ = readSmapsRollup(strconv.Itoa(cmd.Process.Pid))
	b.res.Start = st
	return s, nil
}

// warmupPath is the first search sent to a fresh server: a query of no pool.
func (b *bencher) warmupPath() string {
	if len(b.warmup) > 0 {
		return searchPath(b.warmup[0].Req)
	}
	return searchPath(search.Request{Query: "adoption"})
}

func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
}

// freePort returns a loopback address with a port free right now.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// peerServer serves the peer over HTTP in this process.
type peerServer struct {
	base string
	hs   *http.Server
}

func startPeerServer(p *peerIndex) (*peerServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: peerHandler(p), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	return &peerServer{base: "http://" + ln.Addr().String(), hs: hs}, nil
}

func (p *peerServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return p.hs.Shutdown(ctx)
}

// scrapeHeap reads go_memstats_heap_inuse_bytes from the server's /metrics.
func scrapeHeap(ctx context.Context, base string) int64 {
	body, err := get(ctx, newClient(1), base+"/metrics")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, "go_memstats_heap_inuse_bytes "); ok {
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return int64(f)
		}
	}
	return 0
}

// serverNotices reads the number of notices from the server's /healthz.
func serverNotices(ctx context.Context, base string) uint64 {
	body, err := get(ctx, newClient(1), base+"/healthz")
	if err != nil {
		return 0
	}
	var h struct {
		Notices uint64 `json:"notices"`
	}
	json.Unmarshal(body, &h)
	return h.Notices
}

// fileSize is the size of the file at path, 0 if there is none.
func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// dirSize is the size of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// loadAverage returns the 1, 5 and 15 minute load averages of the machine.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// machineInfo describes the machine for the report.
type machineInfo struct {
	CPU    string
	Cores  int
	Memory int64
}

func readMachine() machineInfo {
	m := machineInfo{Cores: runtime.NumCPU()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				m.Memory = kb << 10
			}
		}
	}
	return m
}
