package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Targets at 100,000 notices on the 2-core machine.
const (
	targetP50         = 5 * time.Millisecond
	targetP99         = 15 * time.Millisecond
	targetRPS         = 800.0
	targetRPSClients  = 16
	targetIndexRate   = 1000.0
	targetServingMem  = 400 << 20
	targetFirstSearch = time.Second
	targetN           = 100_000
)

// renderReport writes the results as markdown.
func renderReport(r *results) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("### %s notices: run of %s", num(r.Cfg.N), r.Started.UTC().Format("2006-01-02 15:04 MST"))
	w("")
	w("- Machine: %s, %d cores, %s memory; %s", orDash(r.Machine.CPU), r.Machine.Cores, mb(r.Machine.Memory), r.Go)
	w("- Command: `%s`", strings.TrimSpace(r.Cfg.Command))
	if r.CorpusPages > 0 {
		w("- Corpus: %s generated pages (%s of HTML, seed %d, %s layouts), generated in %s", num(r.CorpusPages),
			mb(r.CorpusBytes), r.Cfg.Seed, r.Cfg.Layouts, r.CorpusElapsed.Round(time.Millisecond))
	}
	notices := fmt.Sprintf("%s documents", num(int(r.Notices)))
	if r.Index != nil {
		notices = fmt.Sprintf("%s notices (%s index documents, earlier versions included)", num(r.Index.Notices), num(int(r.Notices)))
	}
	w("- Index: %s; queries per class %d (after %d warm-up queries per engine), throughput levels of %s",
		notices, r.Cfg.Queries, r.Cfg.Warmup, r.Cfg.Duration)
	if r.LoadStart != "" {
		w("- Load average (1, 5, 15 min) at the start %s, at the end %s: other processes share the %d cores, and every figure is affected by them", r.LoadStart, r.LoadEnd, r.Machine.Cores)
	}
	for _, n := range r.Notes {
		w("- %s", n)
	}
	w("")
	renderTargets(w, r)
	renderIndexing(w, r)
	renderInProcess(w, r)
	renderHTTP(w, r)
	renderLoad(w, r)
	renderServing(w, r)
	renderCheck(w, r)
	renderPools(w, r)
	renderSQL(w, r)
	if r.Profile != "" {
		w("#### CPU profile of the in-process search loop (our engine)")
		w("")
		w("```")
		b.WriteString(strings.TrimRight(r.Profile, "\n"))
		w("")
		w("```")
		w("")
	}
	return b.String()
}

type writer func(format string, args ...any)

func renderTargets(w writer, r *results) {
	w("#### Targets")
	w("")
	if int(r.Notices) < targetN {
		w("The targets are set at %s notices; this run has %s, so the verdicts below only indicate.", num(targetN), num(int(r.Notices)))
		w("")
	}
	w("| target | figure | verdict |")
	w("|---|---|---|")
	if len(r.Ours) > 0 {
		var slow []string
		worst50, worst99 := time.Duration(0), time.Duration(0)
		for _, c := range classes {
			l := r.Ours[c.Name].Lat
			worst50, worst99 = max(worst50, l.P50), max(worst99, l.P99)
			if l.P50 > targetP50 || l.P99 > targetP99 || r.Ours[c.Name].Errors > 0 {
				slow = append(slow, c.Name)
			}
		}
		w("| in process, every class: p50 ≤ 5 ms and p99 ≤ 15 ms | worst p50 %s ms, worst p99 %s ms%s | %s |",
			ms(worst50), ms(worst99), listIf(" — over: ", slow), verdict(len(slow) == 0))
	}
	for _, l := range r.Load {
		if l.Clients == targetRPSClients {
			w("| HTTP, %d clients, even mix: ≥ 800 searches/s, no error | %.0f searches/s, %d errors | %s |",
				l.Clients, l.PerSecond, l.Errors, verdict(l.PerSecond >= targetRPS && l.Errors == 0))
		}
	}
	if r.Index != nil {
		rate := pagesPerSecond(r.Index.Pages, r.Index.Elapsed)
		w("| indexing ≥ 1,000 pages/s | %.0f pages/s | %s |", rate, verdict(rate >= targetIndexRate))
	}
	if r.Serving != nil {
		w("| memory while serving ≤ 400 MB (anonymous resident, Go heap included) | peak %s | %s |",
			mb(r.Serving.Peak.Anonymous), verdict(r.Serving.Peak.Anonymous <= targetServingMem))
	}
	if r.Start != nil {
		w("| first answered search within 1 s of start | %s ms | %s |", ms(r.Start.FirstAnswer), verdict(r.Start.FirstAnswer <= targetFirstSearch))
	}
	if len(r.PeerIn) > 0 {
		var slower []string
		for _, c := range classes {
			o, p := r.Ours[c.Name].Lat, r.PeerIn[c.Name].Lat
			if o.P50 >= p.P50 || o.P99 >= p.P99 {
				slower = append(slower, c.Name)
			}
		}
		w("| faster than the SQLite peer in every class (in process, p50 and p99 ratio < 1.0) | %d of %d classes faster%s | %s |",
			len(classes)-len(slower), len(classes), listIf(" — not: ", slower), verdict(len(slower) == 0))
	}
	w("")
}

func renderIndexing(w writer, r *results) {
	if r.Index == nil && r.Peer == nil {
		return
	}
	w("#### Indexing")
	w("")
	w("End to end: walk the corpus folder, read, decode and parse each page, extract the notice, index it, durable writes (fsync), merge to one segment. Both builds extract on %d workers.", r.Machine.Cores)
	w("")
	w("| | ours (Bleve) | peer (SQLite FTS5) |")
	w("|---|---|---|")
	oi, pi := r.Index, r.Peer
	if oi == nil {
		oi = &indexReport{}
	}
	if pi == nil {
		pi = &peerBuildReport{}
	}
	w("| pages/s | %s | %s |", rate(oi.Pages, oi.Elapsed), rate(pi.Pages, pi.Elapsed))
	w("| time | %s | %s |", dur(oi.Elapsed), dur(pi.Elapsed))
	w("| of which the final merge (one core) | %s | – |", dur(oi.Merge))
	if oi.PairsGuessed {
		w("| of which writing the word pairs (encoded during the final merge, on the other core) | %s | – |", dur(oi.Pairs))
	} else {
		w("| of which writing the word pairs (one core) | %s | – |", dur(oi.Pairs))
	}
	w("| notices | %s | %s |", num(oi.Notices), num(pi.Notices))
	w("| cores used (CPU time / wall time) | %s | %s |", cores(oi.CPU, oi.Elapsed), cores(pi.CPU, pi.Elapsed))
	w("| peak memory: anonymous resident | %s | %s |", mb(oi.Peak.Anonymous), mb(pi.Peak.Anonymous))
	w("| peak memory: Go heap in use | %s | %s |", mb(oi.Peak.HeapInuse), mb(pi.Peak.HeapInuse))
	w("| peak resident set (VmHWM) | %s | – |", mb(oi.PeakRSS))
	notices := int64(max(oi.Notices, int(r.Notices), pi.Notices))
	w("| index on disk | %s (%s per notice) | %s (%s per notice) |", mb(r.IndexBytes), perNotice(r.IndexBytes, notices),
		mb(pi.Bytes), perNotice(pi.Bytes, notices))
	w("| original pages kept beside it | %s | – |", mb(r.OriginalsDir))
	w("")
	w("Peak memory is sampled every 50 ms from /proc/PID/status (RssAnon) and the Go runtime's heap metrics. Our build runs in a child process, so its memory is its own. The peer is built inside the benchmark process: its memory figures include the benchmark's.")
	w("")
}

func renderInProcess(w writer, r *results) {
	if len(r.Ours) == 0 {
		return
	}
	w("#### Search in process")
	w("")
	w("Latency of `(*search.Index).Search` and of the peer's equivalent, one query at a time, in ms: each with the page of 20 hits, snippets with highlights, every facet (country, topic, ministry, type; a selected facet counted without its own filter) and the year histogram (without the date range).")
	w("")
	w("| class | queries (distinct) | mean total | ours p50 / p95 / p99 | peer p50 / p95 / p99 | ratio p50 | ratio p99 | CPU per query, ours / peer |")
	w("|---|---|---|---|---|---|---|---|")
	for _, c := range classes {
		o, p := r.Ours[c.Name], r.PeerIn[c.Name]
		w("| %s | %d (%d) | %s | %s | %s | %s | %s | %s / %s |", c.Label, o.Lat.N, r.Pools[c.Name].Distinct, num(int(o.Totals+0.5)),
			triple(o), triple(p), ratio(o.Lat.P50, p.Lat.P50), ratio(o.Lat.P99, p.Lat.P99), cpuMS(o.CPU), cpuMS(p.CPU))
	}
	w("")
	w("CPU per query is the benchmark process's CPU time (user and system, all threads) over a class's loop divided by its queries: what one query costs the machine whatever else runs on it. Ours can exceed the latency because a large index is walked in parallel parts, one per core.")
	w("")
	renderErrors(w, "in process, ours", r.Ours)
	renderErrors(w, "in process, peer", r.PeerIn)
}

func renderHTTP(w writer, r *results) {
	if len(r.OursHTTP) == 0 {
		return
	}
	w("#### Search over HTTP")
	w("")
	w("`GET /api/search` on loopback, one client, in ms, to the last byte of the JSON answer; %d queries per class to ours, %d to the peer.", r.Cfg.Queries, min(r.Cfg.Queries, r.Cfg.PeerHTTPQueries))
	w("Our server is a separate process wired as `noticearchive serve` (chi router and its middleware); the peer's handler runs on chi in the benchmark process. The floor is `/healthz` on our server: the same router and middleware with a trivial handler.")
	w("")
	w("| class | ours p50 / p95 / p99 | peer p50 / p95 / p99 | ratio p50 | ratio p99 |")
	w("|---|---|---|---|---|")
	for _, c := range classes {
		o, p := r.OursHTTP[c.Name], r.PeerHTTP[c.Name]
		w("| %s | %s | %s | %s | %s |", c.Label, triple(o), triple(p), ratio(o.Lat.P50, p.Lat.P50), ratio(o.Lat.P99, p.Lat.P99))
	}
	w("| floor: trivial handler | %s | | | |", triple(r.FloorHTTP))
	w("")
	renderErrors(w, "HTTP, ours", r.OursHTTP)
	renderErrors(w, "HTTP, peer", r.PeerHTTP)
}

func renderLoad(w writer, r *results) {
	if len(r.Load) == 0 {
		return
	}
	w("#### Throughput")
	w("")
	w("Concurrent clients on loopback, each sending the next query of an even mix of the classes as soon as it has its answer, for %s per level. The clients run on the same 2 cores as the server.", r.Cfg.Duration)
	w("")
	w("| clients | ours: searches/s | ours p50 / p99 ms | errors | floor: requests/s | peer: searches/s | peer p50 / p99 ms | peer errors |")
	w("|---|---|---|---|---|---|---|---|")
	for i, l := range r.Load {
		floor, peer := "–", loadResult{}
		if i < len(r.FloorLoad) {
			floor = fmt.Sprintf("%.0f", r.FloorLoad[i].PerSecond)
		}
		if i < len(r.PeerLoad) {
			peer = r.PeerLoad[i]
		}
		w("| %d | %.0f | %s / %s | %d | %s | %s | %s / %s | %s |", l.Clients, l.PerSecond, ms(l.Latency.P50), ms(l.Latency.P99),
			l.Errors, floor, perSecond(peer), ms(peer.Latency.P50), ms(peer.Latency.P99), errCount(peer))
	}
	w("")
	for _, l := range append(append([]loadResult(nil), r.Load...), r.PeerLoad...) {
		if l.FirstErr != "" {
			w("- %d clients: first error: %s", l.Clients, l.FirstErr)
		}
	}
}

func renderServing(w writer, r *results) {
	if r.Start == nil {
		return
	}
	w("#### Start and memory while serving")
	w("")
	s := r.Start
	w("From starting the server process: index open and app built at %s ms, listening at %s ms, first search answered at %s ms (page cache warm: the index was just built).",
		ms(s.Opened), ms(s.Listening), ms(s.FirstAnswer))
	w("")
	if r.Serving == nil {
		return
	}
	w("| server process | anonymous resident | file-backed resident (mapped index, binary) | Go heap in use |")
	w("|---|---|---|---|")
	w("| after the first search | %s | %s | – |", mb(s.Idle.Anonymous), mb(s.Idle.File))
	w("| peak during the throughput levels | %s | %s | – |", mb(r.Serving.Peak.Anonymous), mb(r.Serving.Peak.File))
	w("| after the throughput levels | %s | %s | %s |", mb(r.Serving.After.Anonymous), mb(r.Serving.After.File), mb(r.Serving.HeapInuse))
	w("")
	w("Memory is the anonymous resident memory (the Go heap in use is part of it); memory-mapped index files are the file-backed rest of the resident set, reported apart. Single readings come from /proc/PID/smaps_rollup (Anonymous); peaks from /proc/PID/status (RssAnon, the same pages counted without walking the page tables) every 100 ms.")
	w("")
}

func renderCheck(w writer, r *results) {
	if len(r.Checked) == 0 {
		return
	}
	w("#### Same answers")
	w("")
	w("Every distinct query ran on both engines; their totals, country facet counts (our top values and the count of the others) and type facet counts are compared.")
	w("")
	w("| class | queries compared | mismatches |")
	w("|---|---|---|")
	total := 0
	for _, c := range classes {
		total += len(r.Mismatches[c.Name])
		w("| %s | %d | %d |", c.Label, r.Checked[c.Name], len(r.Mismatches[c.Name]))
	}
	w("")
	if total > 0 {
		w("Mismatches (ours vs peer), first three per class:")
		w("")
		for _, c := range classes {
			for i, m := range r.Mismatches[c.Name] {
				if i == 3 {
					break
				}
				w("- %s `%s`: %s", c.Name, m.Query, m.Diff)
			}
		}
		w("")
	}
	w("Caches: the search package caches only the facet counts of the empty, unfiltered query; no class sends that query, so no measured answer came from a cache. Classes whose pool holds fewer distinct requests than were measured cycle through it (the \"distinct\" count above); repeats are answered by the engine again, not by a cache.")
	w("")
}

func renderPools(w writer, r *results) {
	if r.Pools == nil {
		return
	}
	if len(r.Ours) > 0 {
		w("#### Slowest queries")
		w("")
		w("The query of each class that took longest in process (ours), where to look first when a p99 rises:")
		w("")
		w("| class | query | ms |")
		w("|---|---|---|")
		for _, c := range classes {
			if o, ok := r.Ours[c.Name]; ok && o.Slowest != "" {
				w("| %s | `%s` | %s |", c.Label, o.Slowest, ms(o.SlowestLat))
			}
		}
		w("")
	}
	w("#### Query pools")
	w("")
	w("Drawn with the seed from %d notices extracted from the corpus: words and phrases of plain ASCII letters that are one term to both analyzers (no stop words), so that both engines mean the same. Examples:", r.SampleN)
	w("")
	for _, c := range classes {
		p := r.Pools[c.Name]
		var ex []string
		for i := 0; i < len(p.Queries) && i < 3; i++ {
			ex = append(ex, "`"+describe(p.Queries[i].Req)+"`")
		}
		w("- %s: %s", c.Label, strings.Join(ex, ", "))
	}
	w("")
}

func renderSQL(w writer, r *results) {
	if len(r.PeerSQL) == 0 {
		return
	}
	w("#### The peer's SQL")
	w("")
	w("Schema (SQLite %s through modernc.org/sqlite %s and database/sql; durable writes: WAL, synchronous FULL; searches on read-only connections with the file memory-mapped):", orDash(r.SQLiteVersion), sqliteModule)
	w("")
	w("```sql")
	w("%s", strings.TrimSpace(peerSchema))
	w("```")
	w("")
	w("Each search runs, in parallel on a pool of connections: the page of rowids, then titles highlighted and snippets for those rowids only, and one grouped count per set of filters. The statements of one query per class, with their arguments:")
	w("")
	for _, c := range classes {
		stmts := r.PeerSQL[c.Name]
		if len(stmts) == 0 {
			continue
		}
		w("%s — `%s`:", c.Label, r.PeerQuery[c.Name])
		w("")
		w("```sql")
		for _, s := range stmts {
			w("%s;", s.SQL)
			w("-- args: %s", args(s.Args))
		}
		w("```")
		w("")
	}
}

func renderErrors(w writer, what string, m map[string]classResult) {
	for _, c := range classes {
		if r := m[c.Name]; r.Errors > 0 {
			w("- %s, %s: %d errors; first: %s", what, c.Name, r.Errors, r.FirstErr)
		}
	}
}

func args(a []any) string {
	parts := make([]string, len(a))
	for i, v := range a {
		if s, ok := v.(string); ok {
			parts[i] = strconv.Quote(s)
		} else {
			parts[i] = fmt.Sprint(v)
		}
	}
	if len(parts) > 24 {
		parts = append(parts[:24], "…")
	}
	return strings.Join(parts, ", ")
}

func triple(c classResult) string {
	if c.Lat.N == 0 {
		return "–"
	}
	return ms(c.Lat.P50) + " / " + ms(c.Lat.P95) + " / " + ms(c.Lat.P99)
}

func verdict(ok bool) string {
	if ok {
		return "pass"
	}
	return "**fail**"
}

func listIf(prefix string, l []string) string {
	if len(l) == 0 {
		return ""
	}
	return prefix + strings.Join(l, ", ")
}

func pagesPerSecond(pages int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(pages) / d.Seconds()
}

func rate(pages int, d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", pagesPerSecond(pages, d))
}

func perSecond(l loadResult) string {
	if l.Clients == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", l.PerSecond)
}

func errCount(l loadResult) string {
	if l.Clients == 0 {
		return "–"
	}
	return strconv.FormatInt(l.Errors, 10)
}

func cores(cpu, wall time.Duration) string {
	if wall <= 0 || cpu <= 0 {
		return "–"
	}
	return trimFloat(cpu.Seconds()/wall.Seconds(), 2)
}

func dur(d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return d.Round(10 * time.Millisecond).String()
}

func num(n int) string {
	if n == 0 {
		return "–"
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func mb(n int64) string {
	if n <= 0 {
		return "–"
	}
	if n >= 10<<30 {
		return fmt.Sprintf("%.0f GB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

func perNotice(bytes, notices int64) string {
	if bytes <= 0 || notices <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f KB", float64(bytes)/float64(notices)/1024)
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func trimFloat(f float64, prec int) string {
	return strconv.FormatFloat(f, 'f', prec, 64)
}

// cpuMS formats a CPU time per query in milliseconds, "–" when not measured.
func cpuMS(d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond))
}
