package archive

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Walk reads every source, a directory (recursively) or a single file, and calls fn for
// each capture and skip for each file or record it passes over, with the reason.
// Sources are read in the order given, directories in lexical order, so the order of
// captures is deterministic.
//
// One bad file never stops the walk: unreadable files, files over the size cap, files
// that are not HTML, symlink loops and files that vanish during the run are reported
// through skip. Walk returns an error only when ctx is cancelled, when a source does not
// exist at all (checked for every source before anything is read; the error wraps
// ErrSourceNotFound), when the options are invalid, or when fn returns one (returned
// as is). skip may be nil.
//
// HTML is recognised by extension (.html .htm .shtml .xhtml .php .asp .aspx .cfm .jsp)
// or, for a file without an extension, by its first bytes. A page's URL and capture time
// come from its canonical link, og:url, Wayback toolbar or file path (see
// ParseWaybackURL); the file's modification time is kept apart as ModTime.
//
// Files named *.warc and *.warc.gz are read record by record, never whole: HTML
// responses with status 200 (and HTML resource records) become captures with Source
// "file.warc.gz#offset", the WARC-Target-URI and the WARC-Date; revisit records become
// captures of the page they repeat (see Capture.RevisitOf) when it was read earlier in
// the same walk. Other responses are skipped with a reason; requests, metadata and
// warcinfo records are passed over silently. A file that breaks off yields the records
// before the break and reports the break with ReasonTruncated.
//
// Walk calls fn and skip from one goroutine, in order; fn owns the Capture it receives
// and may hand it to other goroutines.
func Walk(ctx context.Context, sources []string, opts Options, fn func(*Capture) error, skip func(Skip)) error {
	opts.SetDefaults()
	if err := opts.Validate(); err != nil {
		return err
	}
	if skip == nil {
		skip = func(Skip) {}
	}
	for _, src := range sources {
		if _, err := os.Stat(src); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%w: %s", ErrSourceNotFound, src)
			}
		}
	}
	w := &walker{
		ctx: ctx, opts: opts, fn: fn, skip: skip,
		active: make(map[fileID]bool),
		seen:   make(map[fileID]string),
		warcs:  newRevisitIndex(),
	}
	for _, src := range sources {
		if err := w.source(src); err != nil {
			return err
		}
	}
	return nil
}

// walker holds the state of one Walk.
type walker struct {
	ctx    context.Context
	opts   Options
	fn     func(*Capture) error
	skip   func(Skip)
	active map[fileID]bool   // directories being walked: a link to one of them is a loop
	seen   map[fileID]string // every file and directory read so far, with its path
	warcs  *revisitIndex     // WARC records that later revisit records may refer to
}

// source walks one named source. The source itself is followed even when it is a link.
func (w *walker) source(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		w.skipErr(path, err)
		return nil
	}
	return w.entry(path, fi)
}

// entry dispatches a file or directory whose (followed) FileInfo is fi.
func (w *walker) entry(path string, fi fs.FileInfo) error {
	id := idOf(path, fi)
	switch {
	case fi.IsDir() && w.active[id]:
		w.skip(Skip{Source: path, Reason: ReasonSymlinkLoop, Err: fmt.Errorf("leads back to %s", w.seen[id])})
		return nil
	case w.seen[id] != "":
		w.skip(Skip{Source: path, Reason: ReasonDuplicate, Err: fmt.Errorf("same as %s", w.seen[id])})
		return nil
	}
	w.seen[id] = path
	switch {
	case fi.IsDir():
		w.active[id] = true
		defer delete(w.active, id)
		return w.dir(path)
	case fi.Mode().IsRegular():
		return w.file(path, fi)
	default:
		w.skip(Skip{Source: path, Reason: ReasonSpecial, Err: fmt.Errorf("mode %s", fi.Mode())})
		return nil
	}
}

// dir walks a directory's entries in lexical order.
func (w *walker) dir(path string) error {
	entries, err := os.ReadDir(path)
	if err != nil {
		// ReadDir returns what it read before the error; walk that much.
		w.skipErr(path, err)
	}
	for _, e := range entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		name := filepath.Join(path, e.Name())
		fi, ok := w.stat(name, e)
		if !ok {
			continue
		}
		if err := w.entry(name, fi); err != nil {
			return err
		}
	}
	return nil
}

// stat returns the FileInfo to walk for a directory entry, following a link when the
// options say so; it reports the entry as skipped and returns false otherwise.
func (w *walker) stat(name string, e fs.DirEntry) (fs.FileInfo, bool) {
	if e.Type()&fs.ModeSymlink == 0 {
		fi, err := e.Info()
		if err != nil {
			w.skipErr(name, err)
			return nil, false
		}
		return fi, true
	}
	if w.opts.NoFollowSymlinks {
		w.skip(Skip{Source: name, Reason: ReasonSymlink})
		return nil, false
	}
	fi, err := os.Stat(name)
	switch {
	case err == nil:
		return fi, true
	case errors.Is(err, syscall.ELOOP):
		w.skip(Skip{Source: name, Reason: ReasonSymlinkLoop, Err: err})
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(name); lerr != nil {
			w.skip(Skip{Source: name, Reason: ReasonVanished, Err: err})
		} else {
			w.skip(Skip{Source: name, Reason: ReasonBrokenLink, Err: err})
		}
	default:
		w.skip(Skip{Source: name, Reason: ReasonUnreadable, Err: err})
	}
	return nil, false
}

// skipErr reports a file that could not be opened or read.
func (w *walker) skipErr(path string, err error) {
	reason := ReasonUnreadable
	if errors.Is(err, fs.ErrNotExist) {
		reason = ReasonVanished
	}
	w.skip(Skip{Source: path, Reason: reason, Err: err})
}

// file reads one regular file.
func (w *walker) file(path string, fi fs.FileInfo) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	kind := kindOf(path)
	switch kind {
	case kindOther:
		w.skip(Skip{Source: path, Reason: ReasonNotHTML})
		return nil
	case kindWARC:
		return w.warc(path, fi)
	}
	if fi.Size() > w.opts.MaxSize {
		w.skip(Skip{Source: path, Reason: ReasonTooLarge, Err: fmt.Errorf("%d bytes, cap %d", fi.Size(), w.opts.MaxSize)})
		return nil
	}
	body, skipped := w.read(path, fi.Size(), kind == kindUnknown)
	if skipped {
		return nil
	}
	o := pageOrigin(body)
	if o.URL == "" || o.Time.IsZero() {
		if u, ts, ok := parseWaybackPath(filepath.ToSlash(path)); ok {
			o.fill(u, ts)
		}
	}
	return w.fn(&Capture{
		Source:  path,
		URL:     o.URL,
		Time:    o.Time,
		ModTime: fi.ModTime(),
		Body:    body,
		Digest:  Digest(body),
	})
}

// read returns a file's bytes, or reports a skip and returns true. With sniff set, a file
// whose first bytes are not HTML is skipped before the rest is read.
func (w *walker) read(path string, size int64, sniff bool) ([]byte, bool) {
	f, err := os.Open(path)
	if err != nil {
		w.skipErr(path, err)
		return nil, true
	}
	defer f.Close()
	// Read one byte more than expected to notice a file that grew past the cap.
	buf := make([]byte, 0, min(size, w.opts.MaxSize)+1)
	lr := &io.LimitedReader{R: f, N: w.opts.MaxSize + 1}
	if sniff {
		n, err := io.ReadFull(lr, buf[:min(cap(buf), sniffLen)])
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			w.skipErr(path, err)
			return nil, true
		}
		buf = buf[:n]
		if !sniffHTML(buf) {
			w.skip(Skip{Source: path, Reason: ReasonNotHTML, Err: errors.New("content is not HTML")})
			return nil, true
		}
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			w.skipErr(path, err)
			return nil, true
		}
	}
	if int64(len(buf)) > w.opts.MaxSize {
		w.skip(Skip{Source: path, Reason: ReasonTooLarge, Err: fmt.Errorf("grew past the cap of %d bytes while read", w.opts.MaxSize)})
		return nil, true
	}
	return buf, false
}

// realPath returns path with links resolved, for identifying files where the system
// offers no inode numbers.
func realPath(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	}
	if p, err := filepath.Abs(path); err == nil {
		path = p
	}
	return path
}

// parseWaybackPath reads a Wayback URL out of a file path, as mirrors of the Wayback
// Machine save pages: ".../web/20140301000000/travel.state.gov/page.html", where the
// original URL has no scheme, or "https:/host/..." with its slashes collapsed.
func parseWaybackPath(path string) (orig string, ts time.Time, ok bool) {
	i := strings.LastIndex(path, "/web/")
	if i < 0 {
		return "", time.Time{}, false
	}
	rest := path[i:]
	for _, scheme := range []string{"http:/", "https:/"} {
		if j := strings.Index(rest, "/"+scheme); j >= 0 && !strings.HasPrefix(rest[j+1+len(scheme):], "/") {
			rest = rest[:j+1] + scheme + "/" + rest[j+1+len(scheme):]
		}
	}
	return ParseWaybackURL("https://web.archive.org" + rest)
}
