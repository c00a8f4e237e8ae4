package main

// The peer is the archive as a user who picked SQLite instead of Bleve would build it:
// a notices table, an FTS5 index over it as an external content table kept in step by
// triggers, and join tables for the multi-valued facets, each with indexes both ways.
// The tokenizer is FTS5's "porter unicode61": lower case, Unicode word breaks and the
// Porter stemmer, as close as FTS5 comes to Bleve's "en" analyzer.

// peerSchema creates the peer's tables.
const peerSchema = `
CREATE TABLE notices (           -- small columns first: reading them skips the long texts
  rowid         INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  country       TEXT NOT NULL,
  type          TEXT NOT NULL,
  year          TEXT NOT NULL,     -- '2014' or 'undated'
  date          TEXT NOT NULL,     -- as written: '2014-02-17', '2010-03' or ''
  date_start    TEXT,              -- first day of the date, NULL when undated
  sort_date     TEXT,              -- date_start, else the estimate
  date_estimate TEXT NOT NULL,
  country_code  TEXT NOT NULL,
  topics        TEXT NOT NULL,     -- JSON array, for display
  ministries    TEXT NOT NULL,     -- JSON array, for display
  url           TEXT NOT NULL,
  source        TEXT NOT NULL,
  digest        TEXT NOT NULL,
  captured_at   TEXT NOT NULL,
  country_text  TEXT NOT NULL,     -- country name and aliases, one per line, for plain words
  ministry_text TEXT NOT NULL,     -- ministry names, one per line, for plain words
  title         TEXT NOT NULL,
  body          TEXT NOT NULL
);
CREATE INDEX notices_country ON notices(country);
CREATE INDEX notices_type ON notices(type);
CREATE INDEX notices_date ON notices(date_start);
CREATE INDEX notices_sort ON notices(sort_date, id);

CREATE TABLE notice_topics (
  notice INTEGER NOT NULL REFERENCES notices(rowid),
  topic  TEXT NOT NULL,
  PRIMARY KEY (topic, notice)
) WITHOUT ROWID;
CREATE INDEX notice_topics_notice ON notice_topics(notice, topic);

CREATE TABLE notice_ministries (
  notice   INTEGER NOT NULL REFERENCES notices(rowid),
  ministry TEXT NOT NULL,
  PRIMARY KEY (ministry, notice)
) WITHOUT ROWID;
CREATE INDEX notice_ministries_notice ON notice_ministries(notice, ministry);

CREATE VIRTUAL TABLE notices_fts USING fts5(
  title, body, country_text, ministry_text,
  content='notices', content_rowid='rowid',
  tokenize='porter unicode61'
);
CREATE TRIGGER notices_ai AFTER INSERT ON notices BEGIN
  INSERT INTO notices_fts(rowid, title, body, country_text, ministry_text)
  VALUES (new.rowid, new.title, new.body, new.country_text, new.ministry_text);
END;
CREATE TRIGGER notices_ad AFTER DELETE ON notices BEGIN
  INSERT INTO notices_fts(notices_fts, rowid, title, body, country_text, ministry_text)
  VALUES ('delete', old.rowid, old.title, old.body, old.country_text, old.ministry_text);
END;
CREATE TRIGGER notices_au AFTER UPDATE ON notices BEGIN
  INSERT INTO notices_fts(notices_fts, rowid, title, body, country_text, ministry_text)
  VALUES ('delete', old.rowid, old.title, old.body, old.country_text, old.ministry_text);
  INSERT INTO notices_fts(rowid, title, body, country_text, ministry_text)
  VALUES (new.rowid, new.title, new.body, new.country_text, new.ministry_text);
END;
`

// sqliteModule is the driver's version, as go.mod requires it.
const sqliteModule = "v1.62.0"

// peerBM25 ranks with the field weights of our plain words: title 3, body 1, country 2,
// ministries 1.5 (FTS5's bm25 is lower for better matches).
const peerBM25 = "bm25(notices_fts, 3.0, 1.0, 2.0, 1.5)"

// Durable writes (WAL with synchronous FULL: every commit is fsynced) for the build;
// read-only connections with the database memory-mapped, as our index is, for searching.
const (
	peerWriteParams = "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(ON)"
	peerReadParams  = "?mode=ro&_pragma=query_only(1)&_pragma=mmap_size(1073741824)"
)
