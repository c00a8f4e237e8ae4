package main

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// peerIndex searches the peer database.
type peerIndex struct {
	db *sql.DB
}

// openPeer opens the peer database read-only with a pool of connections, so that the
// statements of one search run in parallel, as our facet searches do.
func openPeer(path string) (*peerIndex, error) {
	db, err := sql.Open("sqlite", "file:"+path+peerReadParams)
	if err != nil {
		return nil, fmt.Errorf("open peer: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open peer: %w", err)
	}
	return &peerIndex{db: db}, nil
}

func (p *peerIndex) Close() error { return p.db.Close() }

// peerHit is one notice of a result page.
type peerHit struct {
	ID, Title, TitleHTML, Country, CountryCode, Date, DateEst, Type, URL, CapturedAt string
	Topics, Ministries                                                               []string
	Score                                                                            float64
	Snippet                                                                          string // HTML, query words in <mark>
}

// facetCount is one value of a facet.
type facetCount struct {
	Value string
	Count int
}

// peerResponse is a search's outcome: what a results page shows.
type peerResponse struct {
	Total     int
	Hits      []peerHit
	Facets    map[string][]facetCount // every value, by count then value
	Histogram []search.Bar
}

// peerStmt is one SQL statement with its arguments.
type peerStmt struct {
	SQL  string
	Args []any
}

// peerPlan is a request turned into SQL fragments: the FTS5 match, one condition per
// filtered facet field and the date range, so that each facet can leave its own out.
type peerPlan struct {
	req     search.Request
	match   string // "" without query text
	filters map[string]peerStmt
	date    *peerStmt
}

func newPeerPlan(req search.Request) (*peerPlan, error) {
	if err := req.Normalize(); err != nil {
		return nil, err
	}
	p := &peerPlan{req: req, filters: map[string]peerStmt{}}
	if req.Query != "" {
		node, err := search.Parse(req.Query)
		if err != nil {
			return nil, err
		}
		if p.match, err = ftsMatch(node); err != nil {
			return nil, err
		}
		if p.match == "" {
			return nil, fmt.Errorf("%w: the query has only stop words", errUntranslatable)
		}
	}
	for field, values := range req.Filters {
		args := make([]any, len(values))
		for i, v := range values {
			args[i] = v
		}
		in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(values)), ",") + ")"
		switch field {
		case schema.FieldCountry, schema.FieldType:
			p.filters[field] = peerStmt{"n." + field + " IN " + in, args}
		case schema.FieldTopic:
			p.filters[field] = peerStmt{"n.rowid IN (SELECT notice FROM notice_topics WHERE topic IN " + in + ")", args}
		case schema.FieldMinistry:
			p.filters[field] = peerStmt{"n.rowid IN (SELECT notice FROM notice_ministries WHERE ministry IN " + in + ")", args}
		default:
			return nil, fmt.Errorf("%w: filter %s", errUntranslatable, field)
		}
	}
	if req.From != "" || req.To != "" {
		from, to := req.DateRange()
		var conds []string
		var args []any
		if !from.IsZero() {
			conds, args = append(conds, "n.date_start >= ?"), append(args, from.Format("2006-01-02"))
		}
		if !to.IsZero() {
			conds, args = append(conds, "n.date_start <= ?"), append(args, to.Format("2006-01-02"))
		}
		p.date = &peerStmt{strings.Join(conds, " AND "), args}
	}
	return p, nil
}

// from returns the FROM and WHERE of the matching notices, without the filter of the
// facet field exclude and with or without the date range.
func (p *peerPlan) from(exclude string, withDate bool) (string, []any) {
	var conds []string
	var args []any
	from := "notices n"
	if p.match != "" {
		from = "notices_fts JOIN notices n ON n.rowid = notices_fts.rowid"
		conds, args = append(conds, "notices_fts MATCH ?"), append(args, p.match)
	}
	for _, f := range search.FilterFields {
		if c, ok := p.filters[f]; ok && f != exclude {
			conds, args = append(conds, c.SQL), append(args, c.Args...)
		}
	}
	if withDate && p.date != nil {
		conds, args = append(conds, p.date.SQL), append(args, p.date.Args...)
	}
	if len(conds) == 0 {
		return from, args
	}
	return from + " WHERE " + strings.Join(conds, " AND "), args
}

// pageStmt selects the rowids of the page of hits, in the request's order.
func (p *peerPlan) pageStmt() peerStmt {
	from, args := p.from("", true)
	order := "n.sort_date DESC NULLS LAST, n.id"
	score := "0.0"
	switch {
	case p.req.Sort == search.SortOldest:
		order = "n.sort_date ASC NULLS LAST, n.id"
	case p.req.Sort == search.SortRelevance && p.match != "":
		score = peerBM25
		order = "score, " + order
	}
	args = append(args, p.req.Size, (p.req.Page-1)*p.req.Size)
	return peerStmt{"SELECT n.rowid, " + score + " AS score FROM " + from + " ORDER BY " + order + " LIMIT ? OFFSET ?", args}
}

// hitsStmt reads the shown fields of the page's notices, with the title highlighted and
// a snippet of the body. It runs apart from pageStmt because SQLite computes every
// column of every matching row before sorting: snippets of all matches would cost more
// than the search.
func (p *peerPlan) hitsStmt(rowids []int64) peerStmt {
	cols := "n.rowid, n.id, n.title, n.country, n.country_code, n.date, n.date_estimate, n.type, n.topics, n.ministries, n.url, n.captured_at, "
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(rowids)), ",") + ")"
	var args []any
	if p.match != "" {
		args = append(args, p.match)
	}
	for _, r := range rowids {
		args = append(args, r)
	}
	if p.match == "" {
		return peerStmt{"SELECT " + cols + "'', n.body FROM notices n WHERE n.rowid IN " + in, args}
	}
	return peerStmt{"SELECT " + cols + "highlight(notices_fts, 0, char(1), char(2)), " +
		"snippet(notices_fts, 1, char(1), char(2), '…', 40) FROM notices_fts JOIN notices n ON n.rowid = notices_fts.rowid " +
		"WHERE notices_fts MATCH ? AND notices_fts.rowid IN " + in, args}
}

// facetStmt counts the values of fields over the notices matching all filters but
// exclude's (and the date range when withDate), and their total.
func (p *peerPlan) facetStmt(exclude string, withDate bool, fields []string) peerStmt {
	from, args := p.from(exclude, withDate)
	parts := []string{"SELECT 'total', '', count(*) FROM m"}
	for _, f := range fields {
		switch f {
		case schema.FieldCountry, schema.FieldType, schema.FieldYear:
			parts = append(parts, fmt.Sprintf("SELECT '%s', %s, count(*) FROM m GROUP BY %s", f, f, f))
		case schema.FieldTopic:
			parts = append(parts, "SELECT 'topic', t.topic, count(*) FROM m JOIN notice_topics t ON t.notice = m.r GROUP BY t.topic")
		case schema.FieldMinistry:
			parts = append(parts, "SELECT 'ministry', x.ministry, count(*) FROM m JOIN notice_ministries x ON x.notice = m.r GROUP BY x.ministry")
		}
	}
	return peerStmt{"WITH m AS MATERIALIZED (SELECT n.rowid AS r, n.country AS country, n.type AS type, n.year AS year FROM " +
		from + ") " + strings.Join(parts, " UNION ALL "), args}
}

// facetStmts are the statements of every facet: one over all filters for the facets
// without a selection (and the total), one per facet with a selection without its own
// filter, one for the histogram without the date range when there is one.
func (p *peerPlan) facetStmts() []peerStmt {
	var main []string
	var out []peerStmt
	for _, f := range search.FilterFields {
		if _, ok := p.filters[f]; ok {
			out = append(out, p.facetStmt(f, true, []string{f}))
		} else {
			main = append(main, f)
		}
	}
	if p.date == nil {
		main = append(main, schema.FieldYear)
	} else {
		out = append(out, p.facetStmt("", false, []string{schema.FieldYear}))
	}
	return append([]peerStmt{p.facetStmt("", true, main)}, out...)
}

// Statements lists the SQL a request runs (the hits statement for a page of 20 rowids).
func (p *peerPlan) Statements() []peerStmt {
	ids := make([]int64, p.req.Size)
	return append([]peerStmt{p.pageStmt(), p.hitsStmt(ids)}, p.facetStmts()...)
}

// Search runs a request: the page of hits with snippets and every facet, in parallel.
func (p *peerIndex) Search(ctx context.Context, req search.Request) (*peerResponse, error) {
	plan, err := newPeerPlan(req)
	if err != nil {
		return nil, err
	}
	stmts := plan.facetStmts()
	counts := make([]map[string][]facetCount, len(stmts))
	totals := make([]int, len(stmts))
	errs := make([]error, len(stmts)+1)
	var wg sync.WaitGroup
	for i, st := range stmts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[i], totals[i], errs[i] = p.facets(ctx, st)
		}()
	}
	resp := &peerResponse{Facets: map[string][]facetCount{}}
	resp.Hits, errs[len(stmts)] = p.hits(ctx, plan)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	resp.Total = totals[0]
	for _, c := range counts {
		for f, vs := range c {
			resp.Facets[f] = vs
		}
	}
	resp.Histogram = peerHistogram(resp.Facets[schema.FieldYear])
	delete(resp.Facets, schema.FieldYear)
	return resp, nil
}

func (p *peerIndex) facets(ctx context.Context, st peerStmt) (map[string][]facetCount, int, error) {
	rows, err := p.db.QueryContext(ctx, st.SQL, st.Args...)
	if err != nil {
		return nil, 0, fmt.Errorf("peer facets: %w", err)
	}
	defer rows.Close()
	out := map[string][]facetCount{}
	total := 0
	for rows.Next() {
		var field, value string
		var n int
		if err := rows.Scan(&field, &value, &n); err != nil {
			return nil, 0, fmt.Errorf("peer facets: %w", err)
		}
		if field == "total" {
			total = n
			continue
		}
		out[field] = append(out[field], facetCount{value, n})
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("peer facets: %w", err)
	}
	for _, vs := range out {
		slices.SortFunc(vs, func(a, b facetCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
		})
	}
	return out, total, nil
}

func (p *peerIndex) hits(ctx context.Context, plan *peerPlan) ([]peerHit, error) {
	st := plan.pageStmt()
	rows, err := p.db.QueryContext(ctx, st.SQL, st.Args...)
	if err != nil {
		return nil, fmt.Errorf("peer page: %w", err)
	}
	var ids []int64
	scores := map[int64]float64{}
	for rows.Next() {
		var id int64
		var score float64
		if err := rows.Scan(&id, &score); err != nil {
			rows.Close()
			return nil, fmt.Errorf("peer page: %w", err)
		}
		ids = append(ids, id)
		scores[id] = -score
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("peer page: %w", err)
	}
	if len(ids) == 0 {
		return []peerHit{}, nil
	}
	st = plan.hitsStmt(ids)
	rows, err = p.db.QueryContext(ctx, st.SQL, st.Args...)
	if err != nil {
		return nil, fmt.Errorf("peer hits: %w", err)
	}
	defer rows.Close()
	byID := map[int64]peerHit{}
	for rows.Next() {
		var h peerHit
		var rowid int64
		var topics, ministries, title, body string
		if err := rows.Scan(&rowid, &h.ID, &h.Title, &h.Country, &h.CountryCode, &h.Date, &h.DateEst, &h.Type,
			&topics, &ministries, &h.URL, &h.CapturedAt, &title, &body); err != nil {
			return nil, fmt.Errorf("peer hits: %w", err)
		}
		json.Unmarshal([]byte(topics), &h.Topics)
		json.Unmarshal([]byte(ministries), &h.Ministries)
		if strings.ContainsRune(title, 1) {
			h.TitleHTML = markHTML(title)
		}
		if strings.ContainsRune(body, 1) {
			h.Snippet = markHTML(body)
		} else {
			h.Snippet = html.EscapeString(leadRunes(strings.NewReplacer("\x01", "", "\x02", "").Replace(body), 240))
		}
		h.Score = scores[rowid]
		byID[rowid] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("peer hits: %w", err)
	}
	out := make([]peerHit, 0, len(ids))
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// markHTML escapes text and turns the \x01 \x02 markers of highlight() and snippet()
// into <mark> elements.
func markHTML(s string) string {
	s = html.EscapeString(s)
	return strings.NewReplacer("\x01", "<mark>", "\x02", "</mark>").Replace(s)
}

// leadRunes returns the start of s, at most n runes, cut at a space.
func leadRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > 0 {
		return string(r)[:i] + " …"
	}
	return string(r) + "…"
}

// peerHistogram zero-fills the year counts from the first year to the last, with the
// undated notices last, as our histogram does.
func peerHistogram(years []facetCount) []search.Bar {
	counts := map[int]int{}
	first, last, undated := 0, 0, 0
	for _, y := range years {
		if y.Value == schema.YearUndated {
			undated = y.Count
			continue
		}
		n, err := strconv.Atoi(y.Value)
		if err != nil {
			continue
		}
		counts[n] = y.Count
		if first == 0 || n < first {
			first = n
		}
		last = max(last, n)
	}
	var bars []search.Bar
	for y := first; first != 0 && y <= last; y++ {
		bars = append(bars, search.Bar{Year: strconv.Itoa(y), Count: counts[y]})
	}
	if undated > 0 {
		bars = append(bars, search.Bar{Year: schema.YearUndated, Count: undated})
	}
	return bars
}
