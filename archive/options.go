package archive

import (
	"errors"
	"fmt"
)

// DefaultMaxSize is the size cap applied when Options.MaxSize is zero.
const DefaultMaxSize = 20 << 20

// Options tune Walk.
type Options struct {
	// MaxSize is the largest page, in bytes, that Walk reads; larger files and WARC
	// payloads are skipped with ReasonTooLarge. Zero means DefaultMaxSize.
	MaxSize int64
	// NoFollowSymlinks stops Walk from following symbolic links inside directories; each
	// link is then reported with ReasonSymlink. By default (false) links to files and
	// directories are followed, with loop detection: a link back into its own ancestry is
	// reported with ReasonSymlinkLoop, and a file or directory reached a second time with
	// ReasonDuplicate. A source named in the call is always followed.
	NoFollowSymlinks bool
}

// SetDefaults fills the zero fields that have a default (MaxSize).
func (o *Options) SetDefaults() {
	if o.MaxSize == 0 {
		o.MaxSize = DefaultMaxSize
	}
}

// Validate reports options that cannot work.
func (o Options) Validate() error {
	if o.MaxSize < 0 {
		return fmt.Errorf("archive: MaxSize %d is negative", o.MaxSize)
	}
	return nil
}

// Skip reasons. Reason is one of these constants so that callers can count skips by
// kind; Err carries the details.
const (
	ReasonNotHTML      = "not HTML"                // file or record that is not an HTML page
	ReasonTooLarge     = "too large"               // over Options.MaxSize
	ReasonUnreadable   = "unreadable"              // open or read failed (permissions, I/O)
	ReasonVanished     = "vanished"                // listed, then gone before it was read
	ReasonSymlinkLoop  = "symlink loop"            // a link leading back into its own ancestry
	ReasonBrokenLink   = "broken symlink"          // a link to nothing
	ReasonSymlink      = "symlink not followed"    // NoFollowSymlinks is set
	ReasonDuplicate    = "already read"            // same file or directory reached twice
	ReasonSpecial      = "not a regular file"      // device, socket, pipe
	ReasonHTTPStatus   = "HTTP status not 200"     // WARC response other than 200
	ReasonBadRecord    = "bad WARC record"         // a record that cannot be decoded
	ReasonTruncated    = "truncated WARC"          // the WARC breaks off; earlier records were read
	ReasonRevisitUnref = "revisit of unknown page" // revisit whose original was not read
)

// Skip is a page that Walk did not yield, with a human reason.
type Skip struct {
	// Source is the file path, or "file.warc.gz#offset" for a WARC record.
	Source string
	// Reason is one of the Reason constants.
	Reason string
	// Err holds the details, or is nil.
	Err error
}

// String renders the skip for a log line.
func (s Skip) String() string {
	if s.Err == nil {
		return s.Source + ": " + s.Reason
	}
	return s.Source + ": " + s.Reason + ": " + s.Err.Error()
}

// ErrSourceNotFound is returned (wrapped) by Walk when a source named by the caller does
// not exist at all.
var ErrSourceNotFound = errors.New("archive: source not found")
