package schema

import "time"

// Meta is the part of a notice stored as one JSON field (FieldMeta): what a notice page
// shows but nothing searches.
type Meta struct {
	Source       string     `json:"source"`
	DateEstimate string     `json:"date_estimate,omitempty"`
	Cites        []Citation `json:"cites,omitempty"`
	Captures     []Capture  `json:"captures,omitempty"`
	// FirstHeld is when the archive first held this version of the notice.
	FirstHeld time.Time `json:"first_held"`
	Digest    string    `json:"digest,omitempty"`
	// Versions lists the distinct texts of the notice, oldest first, when there are several.
	Versions []Version `json:"versions,omitempty"`
}

// Version is one distinct text of a notice, seen in one or more captures.
type Version struct {
	ID       string    `json:"id"`     // the notice id for the newest version, id-vN for earlier ones
	Digest   string    `json:"digest"` // the newest capture showing this text
	First    time.Time `json:"first,omitempty"`
	Last     time.Time `json:"last,omitempty"`
	Captures int       `json:"captures"`
	Latest   bool      `json:"latest,omitempty"`
}

// Citation is a reference in a notice to an earlier notice, such as "the Department's
// January 2, 2013 Notice".
type Citation struct {
	Date    string `json:"date"`              // YYYY-MM-DD or YYYY-MM
	Country string `json:"country,omitempty"` // canonical name when the citation names one
	Text    string `json:"text"`              // the words that cite it
}

// Capture describes one archived copy of a notice.
type Capture struct {
	Source string    `json:"source"`
	URL    string    `json:"url,omitempty"`
	Time   time.Time `json:"time,omitempty"` // zero when the capture time is unknown
	Digest string    `json:"digest"`
	// ContentType is the HTTP Content-Type of a capture from a WARC, whose charset the
	// page's bytes may not name themselves.
	ContentType string `json:"content_type,omitempty"`
}
