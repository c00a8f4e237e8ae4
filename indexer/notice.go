// Package indexer turns archived captures into notices (country, date, type, title, body,
// ministries, topics, citations) and writes them into a Bleve index.
package indexer

import (
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// Notice is what the extractor understood of one archived notice page.
type Notice struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	URL         string `json:"url,omitempty"`
	Country     string `json:"country"`      // canonical English name, or "General"
	CountryCode string `json:"country_code"` // ISO 3166-1 alpha-2, "" for General
	// Date is the publication date as written: "2014-02-17", or "2010-03" for a month-only
	// date, or "" when the page states none.
	Date string `json:"date"`
	// DateEstimate places an undated notice in timelines: the earliest capture or a date in
	// the body. It is an estimate, never shown as the publication date.
	DateEstimate string      `json:"date_estimate,omitempty"`
	Type         string      `json:"type"` // notice | alert | other
	Title        string      `json:"title"`
	Body         string      `json:"body,omitempty"` // clean text, paragraphs separated by "\n\n"
	Ministries   []string    `json:"ministries"`
	Topics       []string    `json:"topics"`
	Cites        []Citation  `json:"cites"`
	CapturedAt   []time.Time `json:"captured_at"`
	Digest       string      `json:"digest,omitempty"` // content address of the original bytes
	// Captures lists every archived copy merged into this notice, oldest first.
	Captures []CaptureInfo `json:"captures,omitempty"`
	// FirstHeld is when the archive first held this version (set by the index builder).
	FirstHeld time.Time `json:"first_held,omitempty"`
	// Latest is false for an earlier version of a notice whose text changed later.
	Latest bool `json:"-"`
	// Versions lists the distinct texts of the notice, oldest first, when there are several.
	Versions []schema.Version `json:"versions,omitempty"`
}

// Citation is a reference in a notice to an earlier notice.
type Citation = schema.Citation

// CaptureInfo describes one archived copy of a notice.
type CaptureInfo = schema.Capture
