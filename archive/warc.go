package archive

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// maxBadRecords bounds how many broken records in a row Walk steps over in one WARC
// file before it gives the rest of the file up.
const maxBadRecords = 100

// warcFile is one WARC file being read.
type warcFile struct {
	path string
	size int64
	mod  time.Time
	// stream marks a .warc.gz compressed as a single gzip stream rather than record by
	// record; its offsets count uncompressed bytes.
	stream bool
}

// errSingleStream reports a .warc.gz whose first gzip member holds the whole file.
var errSingleStream = errors.New("WARC compressed as one gzip stream")

// warc reads the records of a WARC file. Response and resource records holding HTML
// with status 200 become captures; revisit records become captures of the page they
// repeat; request, metadata and warcinfo records are passed over silently.
func (w *walker) warc(path string, fi fs.FileInfo) error {
	wf := &warcFile{path: path, size: fi.Size(), mod: fi.ModTime()}
	err := w.readWARC(wf)
	if errors.Is(err, errSingleStream) {
		wf.stream = true
		err = w.readWARC(wf)
	}
	return err
}

// readWARC reads wf from the start. Records that cannot be read are reported as
// skipped; a break in the file ends it.
func (w *walker) readWARC(wf *warcFile) error {
	r, closer, err := openWARC(wf, 0)
	if err != nil {
		w.skipErr(wf.path, err)
		return nil
	}
	defer closer()
	perRecordGzip := !wf.stream && gzipFile(wf.path)
	bad, lastBad := 0, int64(-1)
	for first := true; ; first = false {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		rec, err := r.Next()
		// A first gzip member that spans the whole file (complete or broken off) holds
		// every record: read the file again as one stream.
		if first && perRecordGzip && rec.Offset == 0 && rec.Size >= wf.size &&
			(err == nil || errors.Is(err, io.ErrUnexpectedEOF)) {
			rec.Close()
			return errSingleStream
		}
		src := fmt.Sprintf("%s#%d", wf.path, rec.Offset)
		if err == nil && incomplete(rec) {
			err = fmt.Errorf("record incomplete: %v", rec.Validation)
			if wf.stream || rec.Offset+rec.Size >= wf.size {
				err = fmt.Errorf("%w: %w", io.ErrUnexpectedEOF, err)
			}
		}
		if err != nil {
			rec.Close()
			switch {
			case err == io.EOF && rec.Size == 0:
				return nil // the end
			case first:
				w.skip(Skip{Source: src, Reason: ReasonBadRecord, Err: fmt.Errorf("no WARC record at the start: %w", err)})
				return nil
			case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
				w.skip(Skip{Source: src, Reason: ReasonTruncated, Err: err})
				return nil
			}
			w.skip(Skip{Source: src, Reason: ReasonBadRecord, Err: err})
			if bad++; bad > maxBadRecords || rec.Offset <= lastBad {
				return nil
			}
			lastBad = rec.Offset
			continue
		}
		bad = 0
		err = w.warcRecord(wf, rec, src)
		rec.Close()
		if err != nil {
			return err
		}
	}
}

// gzipFile reports whether the file at path starts with the gzip magic number.
func gzipFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [2]byte
	_, err = io.ReadFull(f, magic[:])
	return err == nil && magic[0] == 0x1f && magic[1] == 0x8b
}

// openWARC opens wf for reading at a record's offset.
func openWARC(wf *warcFile, offset int64) (*gowarc.WarcFileReader, func(), error) {
	if !wf.stream {
		r, err := gowarc.NewWarcFileReader(wf.path, offset)
		if err != nil {
			return nil, nil, err
		}
		return r, func() { r.Close() }, nil
	}
	f, err := os.Open(wf.path)
	if err != nil {
		return nil, nil, err
	}
	zr, err := gzip.NewReader(f)
	if err == nil {
		_, err = io.CopyN(io.Discard, zr, offset)
	}
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("open %s at %d: %w", wf.path, offset, err)
	}
	r, err := gowarc.NewWarcFileReaderFromStream(zr, offset)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return r, func() { r.Close(); f.Close() }, nil
}

// incomplete reports a record whose block is shorter than its header says, or that has
// no length at all: the file broke off inside it.
func incomplete(rec gowarc.Record) bool {
	if rec.WarcRecord == nil || !rec.WarcRecord.WarcHeader().Has(gowarc.ContentLength) {
		return true
	}
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) {
			return true
		}
	}
	return false
}

// warcRecord turns one record into a capture or a skip.
func (w *walker) warcRecord(wf *warcFile, rec gowarc.Record, src string) error {
	wr := rec.WarcRecord
	switch wr.Type() {
	case gowarc.Response, gowarc.Resource:
	case gowarc.Revisit:
		return w.warcRevisit(wf, wr, src)
	default:
		return nil
	}
	page, reason, err := decodeRecord(wr, w.opts.MaxSize)
	if reason != "" {
		w.skip(Skip{Source: src, Reason: reason, Err: err})
		return nil
	}
	u, ts := warcOrigin(wr)
	c := &Capture{
		Source: src, URL: u, Time: ts, ModTime: wf.mod,
		ContentType: page.contentType, Body: page.body, Digest: Digest(page.body),
	}
	w.warcs.add(warcLoc{file: wf, offset: rec.Offset, source: src}, wr.WarcHeader())
	return w.fn(c)
}

// warcRevisit yields a revisit record as a capture of the page it repeats, found among
// the records read so far.
func (w *walker) warcRevisit(wf *warcFile, wr gowarc.WarcRecord, src string) error {
	if pb, ok := wr.Block().(gowarc.ProtocolHeaderBlock); ok && len(bytes.TrimSpace(pb.ProtocolHeaderBytes())) > 0 {
		if h, err := parseHTTPHead(pb.ProtocolHeaderBytes()); err == nil {
			ct := h.Header.Get("Content-Type")
			switch {
			case h.Status != 200 && h.Status != 304:
				w.skip(Skip{Source: src, Reason: ReasonHTTPStatus, Err: fmt.Errorf("revisit with status %d", h.Status)})
				return nil
			case !isHTMLType(ct) && !unknownType(ct):
				w.skip(Skip{Source: src, Reason: ReasonNotHTML, Err: fmt.Errorf("revisit of Content-Type %q", ct)})
				return nil
			}
		}
	}
	hdr := wr.WarcHeader()
	loc, ok := w.warcs.find(hdr)
	if !ok {
		ref := firstNonEmpty(hdr.GetId(gowarc.WarcRefersTo), hdr.Get(gowarc.WarcRefersToTargetURI), hdr.Get(gowarc.WarcPayloadDigest))
		w.skip(Skip{Source: src, Reason: ReasonRevisitUnref, Err: fmt.Errorf("refers to %q", ref)})
		return nil
	}
	page, err := w.warcs.load(loc, w.opts.MaxSize)
	if err != nil {
		w.skip(Skip{Source: src, Reason: ReasonBadRecord, Err: fmt.Errorf("revisit of %s: %w", loc.source, err)})
		return nil
	}
	u, ts := warcOrigin(wr)
	return w.fn(&Capture{
		Source: src, URL: u, Time: ts, ModTime: wf.mod,
		ContentType: page.contentType, Body: bytes.Clone(page.body), Digest: Digest(page.body),
		RevisitOf: loc.source,
	})
}

// warcOrigin returns a record's target URL and capture time: the Wayback form's
// timestamp when the target is a Wayback URL, else the WARC-Date.
func warcOrigin(wr gowarc.WarcRecord) (string, time.Time) {
	raw := strings.Trim(strings.TrimSpace(wr.WarcHeader().Get(gowarc.WarcTargetURI)), "<>")
	u, ts, ok := ParseWaybackURL(raw)
	if !ok {
		u = NormalizeURL(raw)
	}
	if ts.IsZero() {
		if d, err := wr.Date(); err == nil {
			ts = d.UTC()
		}
	}
	return u, ts
}

// warcPage is the decoded HTML of a record.
type warcPage struct {
	contentType string
	body        []byte
}

// decodeRecord returns the HTML page a response or resource record holds, or the
// reason (a Reason constant) it holds none.
func decodeRecord(wr gowarc.WarcRecord, limit int64) (warcPage, string, error) {
	hdr := wr.WarcHeader()
	if hdr.Has(gowarc.WarcSegmentNumber) {
		return warcPage{}, ReasonBadRecord, errors.New("segmented records are not supported")
	}
	var (
		ct   string
		head httpHead
		raw  io.Reader
		err  error
	)
	switch block := wr.Block().(type) {
	case gowarc.HttpResponseBlock:
		if head, err = parseHTTPHead(block.ProtocolHeaderBytes()); err != nil {
			return warcPage{}, ReasonBadRecord, err
		}
		if head.Status != 200 {
			return warcPage{}, ReasonHTTPStatus, fmt.Errorf("status %d", head.Status)
		}
		ct = head.Header.Get("Content-Type")
		raw, err = block.PayloadBytes()
	default:
		if wr.Type() != gowarc.Resource {
			return warcPage{}, ReasonNotHTML, fmt.Errorf("record Content-Type %q", hdr.Get(gowarc.ContentType))
		}
		ct = hdr.Get(gowarc.ContentType)
		raw, err = block.RawBytes()
	}
	if err != nil {
		return warcPage{}, ReasonBadRecord, err
	}
	if !isHTMLType(ct) && !unknownType(ct) {
		return warcPage{}, ReasonNotHTML, fmt.Errorf("Content-Type %q", ct)
	}
	body, err := decodePayload(raw, head, limit)
	switch {
	case errors.Is(err, errTooLarge):
		return warcPage{}, ReasonTooLarge, fmt.Errorf("payload over %d bytes", limit)
	case err != nil:
		return warcPage{}, ReasonBadRecord, err
	case !isHTMLType(ct) && !sniffHTML(body):
		return warcPage{}, ReasonNotHTML, fmt.Errorf("Content-Type %q, content not HTML", ct)
	}
	return warcPage{contentType: ct, body: body}, "", nil
}

// unknownType reports a Content-Type that says nothing about the content, so that the
// content itself decides.
func unknownType(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	switch strings.ToLower(strings.TrimSpace(mt)) {
	case "", "application/octet-stream", "unk", "unknown", "unknown/unknown", "application/unknown", "no-type":
		return true
	}
	return false
}
