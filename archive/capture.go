// Package archive reads archived web pages (folders of saved HTML files and WARC files)
// and yields captures: the page's bytes with what is known of where and when it was
// captured. It also keeps the original bytes in a content-addressed store so that a
// notice can later be shown as archived. It imports none of the project's packages.
package archive

import "time"

// Capture is one archived copy of one page.
type Capture struct {
	// Source names where the bytes came from: a file path, or "file.warc.gz#offset".
	Source string
	// URL is the page's original URL (canonical link, og:url, Wayback form, WARC target),
	// or "" when unknown.
	URL string
	// Time is when the page was captured (Wayback timestamp, WARC-Date); zero when unknown.
	Time time.Time
	// ModTime is the file's modification time. It is never shown as a capture time.
	ModTime time.Time
	// ContentType is the Content-Type header of the response when known (WARC), else "".
	ContentType string
	// Body is the page's bytes as archived (HTTP transfer and content encodings removed).
	Body []byte
	// RevisitOf is set for a WARC revisit record: the Source of the earlier capture whose
	// payload it repeats. Body, ContentType and Digest are then that capture's.
	RevisitOf string
	// Digest is the content address of Body in a Store: "sha256-<hex>" (see Digest).
	// Walk sets it.
	Digest string
}
