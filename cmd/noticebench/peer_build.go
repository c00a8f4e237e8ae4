package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, "sqlite"

	"github.com/noticearchive/noticearchive/archive"
	"github.com/noticearchive/noticearchive/indexer"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// peerBuildReport describes how the peer was built.
type peerBuildReport struct {
	Pages, Notices, Skipped int
	Elapsed                 time.Duration
	CPU                     time.Duration
	Peak                    memSample // of the benchmark process while it built the peer
	Bytes                   int64     // database file size
}

// peerBatch is the number of notices per write transaction, as our index batches 500.
const peerBatch = 500

// buildPeer reads the corpus as our indexer does (archive.Walk, the same extractor on
// every core, one notice per identity with the newest capture winning) and writes it
// into a new SQLite database at path. sample, when set, sees every extracted notice.
func buildPeer(ctx context.Context, corpus, path string, workers int, sample func(*indexer.Notice, *archive.Capture)) (*peerBuildReport, error) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	db, err := sql.Open("sqlite", "file:"+path+peerWriteParams)
	if err != nil {
		return nil, fmt.Errorf("open peer database: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, peerSchema); err != nil {
		return nil, fmt.Errorf("create peer schema: %w", err)
	}
	smp := startSampler("self", heapInuse, 50*time.Millisecond)
	cpu0 := cpuTime()
	start := time.Now()
	rep := &peerBuildReport{}
	w := &peerWriter{db: db, seen: map[string]peerRow{}, now: time.Now().UTC()}
	err = extractPages(ctx, corpus, workers, nil, func(r extractResult) error {
		rep.Pages++
		if r.err != nil {
			rep.Skipped++
			return nil
		}
		if sample != nil {
			sample(r.notice, r.capture)
		}
		return w.add(ctx, r.notice, r.capture)
	})
	if err == nil {
		err = w.commit()
	}
	if err == nil {
		err = finishPeer(ctx, db)
	}
	rep.Elapsed = time.Since(start)
	rep.CPU = cpuTime() - cpu0
	rep.Peak, _, _ = smp.Stop()
	if err != nil {
		w.rollback()
		return nil, err
	}
	rep.Notices = len(w.seen)
	if fi, err := os.Stat(path); err == nil {
		rep.Bytes = fi.Size()
	}
	return rep, nil
}

// finishPeer merges the FTS5 index into one b-tree (as our build force-merges), updates
// the planner's statistics and checkpoints the write-ahead log into the database.
func finishPeer(ctx context.Context, db *sql.DB) error {
	for _, stmt := range []string{
		"INSERT INTO notices_fts(notices_fts) VALUES('optimize')",
		"ANALYZE",
		"PRAGMA wal_checkpoint(TRUNCATE)",
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("peer: %s: %w", stmt, err)
		}
	}
	return nil
}

// peerRow is a notice already written, by identity, with the capture it shows.
type peerRow struct {
	rowid  int64
	time   time.Time
	source string
}

// shows reports whether capture c should be shown instead of the row's: the later
// capture wins, then the lexically last source, as our index picks a notice's newest.
func (r peerRow) shows(c *archive.Capture) bool {
	if !c.Time.Equal(r.time) {
		return c.Time.After(r.time)
	}
	return c.Source > r.source
}

// peerWriter writes notices in transactions of peerBatch.
type peerWriter struct {
	db      *sql.DB
	tx      *sql.Tx
	pending int
	seen    map[string]peerRow
	ids     map[string]bool
	now     time.Time
}

func (w *peerWriter) add(ctx context.Context, n *indexer.Notice, c *archive.Capture) error {
	key := indexer.IdentityKey(n)
	old, dup := w.seen[key]
	if dup && !old.shows(c) {
		return nil // the notice keeps its newer capture
	}
	if w.tx == nil {
		tx, err := w.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("peer: begin: %w", err)
		}
		w.tx = tx
	}
	row, err := w.write(ctx, key, n, c, old.rowid)
	if err != nil {
		return err
	}
	w.seen[key] = peerRow{rowid: row, time: c.Time, source: c.Source}
	if w.pending++; w.pending >= peerBatch {
		return w.commit()
	}
	return nil
}

// write inserts the notice, or replaces the row of an older capture of it.
func (w *peerWriter) write(ctx context.Context, key string, n *indexer.Notice, c *archive.Capture, rowid int64) (int64, error) {
	if w.ids == nil {
		w.ids = map[string]bool{}
	}
	if rowid != 0 {
		for _, stmt := range []string{"DELETE FROM notice_topics WHERE notice = ?", "DELETE FROM notice_ministries WHERE notice = ?", "DELETE FROM notices WHERE rowid = ?"} {
			if _, err := w.tx.ExecContext(ctx, stmt, rowid); err != nil {
				return 0, fmt.Errorf("peer: replace notice: %w", err)
			}
		}
	}
	id := ""
	for hashLen := 4; id == "" || w.ids[id]; hashLen += 2 {
		id = indexer.NoticeID(key, n, hashLen)
	}
	w.ids[id] = true
	v := peerValues(n, c)
	res, err := w.tx.ExecContext(ctx, `INSERT INTO notices (id, title, body, country, country_code, country_text,
		ministry_text, type, date, date_start, year, sort_date, date_estimate, topics, ministries, url, source,
		digest, captured_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, v.title, v.body, n.Country, n.CountryCode, v.countryText, strings.Join(n.Ministries, "\n"),
		n.Type, n.Date, v.dateStart, v.year, v.sortDate, v.estimate, v.topics, v.ministries, n.URL,
		c.Source, c.Digest, v.captured)
	if err != nil {
		return 0, fmt.Errorf("peer: insert notice %s: %w", c.Source, err)
	}
	row, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, t := range n.Topics {
		if _, err := w.tx.ExecContext(ctx, "INSERT OR IGNORE INTO notice_topics (notice, topic) VALUES (?, ?)", row, t); err != nil {
			return 0, fmt.Errorf("peer: insert topic: %w", err)
		}
	}
	for _, m := range n.Ministries {
		if _, err := w.tx.ExecContext(ctx, "INSERT OR IGNORE INTO notice_ministries (notice, ministry) VALUES (?, ?)", row, m); err != nil {
			return 0, fmt.Errorf("peer: insert ministry: %w", err)
		}
	}
	return row, nil
}

// rowValues are the derived columns of a notice row.
type rowValues struct {
	title, body, countryText, year, estimate, topics, ministries, captured string
	dateStart, sortDate                                                    any
}

func peerValues(n *indexer.Notice, c *archive.Capture) rowValues {
	v := rowValues{title: indexer.ValidUTF8(n.Title), body: indexer.ValidUTF8(n.Body), year: schema.YearUndated, estimate: n.DateEstimate}
	if n.Country != schema.GeneralCountry && n.Country != "" {
		// The name and its aliases, as our index makes them searchable ("Burma" finds Myanmar).
		names := []string{n.Country}
		if countries, err := loadCountries(); err == nil {
			if c, ok := countries.Lookup(n.Country); ok {
				names = append(names, c.Aliases...)
			}
		}
		v.countryText = strings.Join(names, "\n")
	}
	if v.estimate == "" && n.Date == "" && !c.Time.IsZero() {
		v.estimate = c.Time.UTC().Format("2006-01-02")
	}
	if t, ok := indexer.ParseNoticeDate(n.Date); ok {
		v.dateStart = t.Format("2006-01-02")
		v.sortDate = v.dateStart
		v.year = n.Date[:4]
	} else if t, ok := indexer.ParseNoticeDate(v.estimate); ok {
		v.sortDate = t.Format("2006-01-02")
	}
	topics, _ := json.Marshal(nonNil(n.Topics))
	ministries, _ := json.Marshal(nonNil(n.Ministries))
	v.topics, v.ministries = string(topics), string(ministries)
	if !c.Time.IsZero() {
		v.captured = c.Time.UTC().Format(time.RFC3339)
	}
	return v
}

var loadCountries = sync.OnceValues(schema.LoadCountries)

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (w *peerWriter) commit() error {
	if w.tx == nil {
		return nil
	}
	err := w.tx.Commit()
	w.tx, w.pending = nil, 0
	if err != nil {
		return fmt.Errorf("peer: commit: %w", err)
	}
	return nil
}

func (w *peerWriter) rollback() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}

// extractResult is one page read and extracted.
type extractResult struct {
	notice  *indexer.Notice
	capture *archive.Capture
	err     error
}

// extractPages walks the corpus and extracts every page that keep accepts (every page
// when keep is nil) on workers goroutines, handing the results to fn on one goroutine.
func extractPages(ctx context.Context, corpus string, workers int, keep func(*archive.Capture) bool, fn func(extractResult) error) error {
	ex, err := indexer.NewExtractor()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	captures := make(chan *archive.Capture, 64)
	results := make(chan extractResult, 64)
	walkErr := make(chan error, 1)
	go func() {
		defer close(captures)
		walkErr <- archive.Walk(ctx, []string{corpus}, archive.Options{}, func(c *archive.Capture) error {
			if keep != nil && !keep(c) {
				return nil
			}
			select {
			case captures <- c:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, nil)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range captures {
				n, err := ex.Extract(c)
				select {
				case results <- extractResult{notice: n, capture: c, err: err}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	var fnErr error
	for r := range results {
		if fnErr == nil {
			if fnErr = fn(r); fnErr != nil {
				cancel()
			}
		}
	}
	if fnErr != nil {
		return fnErr
	}
	if err := <-walkErr; err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	return nil
}

// sampled picks the pages of the query sample: about want of n pages, by a hash of the
// page's source, so that the same pages are picked whatever order they are read in.
func sampled(n, want int) func(source string) bool {
	every := uint32(max(1, n/want))
	return func(source string) bool {
		h := fnv.New32a()
		h.Write([]byte(source))
		return h.Sum32()%every == 0
	}
}
