package gen

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Defaults applied by WARCOptions.Validate to zero fields (percentages).
const (
	DefaultRecaptured = 30 // notices captured more than once
	DefaultEdited     = 40 // recaptured notices whose text changes between captures
	DefaultRevisits   = 50 // repeated identical captures written as revisit records
	DefaultChunked    = 25 // responses with Transfer-Encoding: chunked
	DefaultGzip       = 25 // responses with Content-Encoding: gzip
	DefaultNoCharset  = 10 // responses whose Content-Type names no charset
	DefaultAssets     = 5  // notices followed by a stylesheet or image
	DefaultErrors     = 5  // notices followed by a 404 or 302 response
)

// WARCOptions says how a corpus is archived as a WARC file: how often notices are
// captured again, edited between captures and repeated as revisit records, and how the
// HTTP responses are encoded. Percentages run from 0 to 100; a zero field takes its
// default and a negative one means none.
type WARCOptions struct {
	// Seed varies the capture plan; the same seed and corpus give the same bytes.
	Seed       int64
	Recaptured int // percent of notices captured 2 to 4 times
	Edited     int // percent of recaptured notices edited between two captures
	Revisits   int // percent of repeated identical captures written as revisit records
	Chunked    int // percent of responses sent chunked
	Gzip       int // percent of responses sent gzip-compressed
	NoCharset  int // percent of responses whose Content-Type names no charset
	Assets     int // percent of notices followed by a non-HTML response
	Errors     int // percent of notices followed by a 404 or 302 response
	// Uncompressed writes a plain WARC; by default each record is its own gzip member.
	Uncompressed bool
}

// Validate fills zero fields with their defaults and checks the rest.
func (o *WARCOptions) Validate() error {
	for _, f := range []struct {
		name string
		v    *int
		def  int
	}{
		{"recaptured", &o.Recaptured, DefaultRecaptured}, {"edited", &o.Edited, DefaultEdited},
		{"revisits", &o.Revisits, DefaultRevisits}, {"chunked", &o.Chunked, DefaultChunked},
		{"gzip", &o.Gzip, DefaultGzip}, {"no-charset", &o.NoCharset, DefaultNoCharset},
		{"assets", &o.Assets, DefaultAssets}, {"errors", &o.Errors, DefaultErrors},
	} {
		switch {
		case *f.v == 0:
			*f.v = f.def
		case *f.v < 0:
			*f.v = 0
		case *f.v > 100:
			return fmt.Errorf("%w: %s %d%%: want at most 100", ErrInvalidOptions, f.name, *f.v)
		}
	}
	return nil
}

// WARCStats counts what a WARC run wrote.
type WARCStats struct {
	Stats          // the notices, one generated page each
	Captures   int // captures of notices (status 200, HTML), revisit records included
	Revisits   int // captures written as revisit records
	Recaptured int // notices captured more than once
	Edited     int // notices whose text changed between captures
	Versions   int // earlier versions: texts of a notice other than its last one
	Assets     int // non-HTML responses (stylesheets, images)
	Errors     int // responses with a status other than 200
	Records    int // WARC records, warcinfo and request records included
}

// WriteWARC generates the corpus that opts describes and archives it as a WARC file at
// path, the way a crawler would have captured the live pages, with labels.jsonl beside
// it (its other files are left alone). path must end in ".warc.gz", or in ".warc" when
// wo.Uncompressed is set. Pages are written as they are generated: memory use does not
// grow with the corpus. See WARCSink for what the file holds.
func WriteWARC(ctx context.Context, path string, opts Options, wo WARCOptions) (WARCStats, error) {
	want := ".warc.gz"
	if wo.Uncompressed {
		want = ".warc"
	}
	if !strings.HasSuffix(path, want) {
		return WARCStats{}, fmt.Errorf("%w: WARC file %s: want a name ending in %s", ErrInvalidOptions, path, want)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return WARCStats{}, fmt.Errorf("create WARC folder: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return WARCStats{}, fmt.Errorf("create WARC: %w", err)
	}
	lf, err := os.Create(filepath.Join(filepath.Dir(path), LabelsFile))
	if err != nil {
		f.Close()
		return WARCStats{}, fmt.Errorf("create labels: %w", err)
	}
	sink, err := NewWARCSink(f, lf, wo)
	if err == nil {
		_, err = Run(ctx, sink, opts)
	}
	for _, c := range []io.Closer{f, lf} {
		if cerr := c.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write WARC: %w", cerr)
		}
	}
	if sink == nil {
		return WARCStats{}, err
	}
	return sink.stats, err
}

// WARCLabel is one line of the labels that WARCSink writes: the page's label and the
// notice's captures.
type WARCLabel struct {
	Label
	// Captures lists the notice's captures, oldest first.
	Captures []LabelCapture `json:"captures"`
	// Versions is the number of distinct texts among the captures.
	Versions int `json:"versions"`
}

// LabelCapture is one capture of a notice in a WARCLabel.
type LabelCapture struct {
	Time    time.Time `json:"time"`    // the WARC-Date
	Version int       `json:"version"` // which text it shows: 1 for the oldest
	Revisit bool      `json:"revisit"` // written as a revisit record
}

// ReadWARCLabels reads the labels that WARCSink writes.
func ReadWARCLabels(r io.Reader) ([]WARCLabel, error) {
	var out []WARCLabel
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for line := 1; sc.Scan(); line++ {
		var l WARCLabel
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return out, fmt.Errorf("labels line %d: %w", line, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("read labels: %w", err)
	}
	return out, nil
}

// WARCSink archives generated pages as WARC records (WARC/1.1, one gzip member per
// record unless uncompressed) and writes their labels.
//
// The file opens with a warcinfo record. Every capture is a request record followed by
// its response: HTTP/1.1 200 with "Content-Type: text/html; charset=..." (the page's
// charset; some responses name none), Content-Length or Transfer-Encoding: chunked, some
// with Content-Encoding: gzip. WARC-Target-URI is the page's original URL
// (Label.SourceURL) and WARC-Date the capture time: the time the page's Wayback insert
// states for its first capture when it has one, else a time after publication. Some
// notices are captured 2 to 4 times at later times, some of them edited in between (a
// sentence added, or the added sentence changed: a new version of the text, same title
// and date). A later capture whose text is unchanged is either a full response with the
// same payload, or a revisit record (identical-payload-digest profile, WARC-Refers-To
// the earlier record, same WARC-Payload-Digest, HTTP header only). Later captures are
// written a few pages after the first one, in capture order. Some notices are followed
// by a stylesheet or image response, some by a 404 or 302 response.
//
// The labels hold one line per notice (see WARCLabel and ReadWARCLabels) in the format
// of the shared labels.jsonl, with "file" set to the WARC-Target-URI of every capture of
// the notice (its source_url), and two more keys:
//
//	"captures": [{"time": "2014-03-01T10:20:30Z", "version": 1, "revisit": false}, ...]
//	"versions": 2
//
// captures lists the notice's captures oldest first: its WARC-Date, which text it shows
// (versions are numbered from 1, oldest first, as the index numbers earlier versions
// id-v1, id-v2...) and whether it is a revisit record. The other keys describe the
// generated page, which is the first version.
type WARCSink struct {
	bw      *bufio.Writer
	zw      *gzip.Writer // nil when uncompressed
	m       gowarc.Marshaler
	labels  *LabelWriter
	opts    WARCOptions
	pages   int
	pending []pendingCapture // later captures, by due page
	stats   WARCStats
	buf     []byte
}

// pendingCapture is a later capture of a notice, written once page due is reached.
type pendingCapture struct {
	due int
	n   *plannedNotice
	i   int
}

// NewWARCSink returns a sink writing WARC records to w and labels to labels, and writes
// the warcinfo record. Close flushes both writers but closes neither.
func NewWARCSink(w, labels io.Writer, opts WARCOptions) (*WARCSink, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	s := &WARCSink{bw: bufio.NewWriterSize(w, 256<<10), m: gowarc.NewMarshaler(), labels: NewLabelWriter(labels), opts: opts}
	if !opts.Uncompressed {
		s.zw, _ = gzip.NewWriterLevel(s.bw, gzip.BestSpeed)
	}
	if err := s.writeInfo(); err != nil {
		return nil, err
	}
	return s, nil
}

// Stats returns the counts so far.
func (s *WARCSink) Stats() WARCStats { return s.stats }

// WritePage plans the page's captures, writes its label and its first capture, and
// writes the later captures of earlier pages that are due.
func (s *WARCSink) WritePage(p *Page) error {
	n := s.plan(p)
	if err := s.writeLabel(p, n); err != nil {
		return err
	}
	if err := s.writeCapture(n, 0); err != nil {
		return err
	}
	if err := s.writeExtras(n); err != nil {
		return err
	}
	due := s.pages
	for i := 1; i < len(n.captures); i++ {
		due += 1 + n.rnd.IntN(24)
		s.enqueue(pendingCapture{due: due, n: n, i: i})
	}
	s.count(n)
	s.stats.Stats.add(p)
	s.pages++
	return s.flushDue(s.pages)
}

// enqueue inserts c after every pending capture due no later, keeping capture order
// within a notice.
func (s *WARCSink) enqueue(c pendingCapture) {
	i := len(s.pending)
	for i > 0 && s.pending[i-1].due > c.due {
		i--
	}
	s.pending = append(s.pending, pendingCapture{})
	copy(s.pending[i+1:], s.pending[i:])
	s.pending[i] = c
}

// flushDue writes the pending captures due before page upTo.
func (s *WARCSink) flushDue(upTo int) error {
	k := 0
	for k < len(s.pending) && s.pending[k].due < upTo {
		if err := s.writeCapture(s.pending[k].n, s.pending[k].i); err != nil {
			return err
		}
		k++
	}
	s.pending = append(s.pending[:0], s.pending[k:]...)
	return nil
}

// Close writes the captures still pending and flushes the WARC and the labels.
func (s *WARCSink) Close() error {
	err := s.flushDue(int(^uint(0) >> 1))
	if ferr := s.bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("flush WARC: %w", ferr)
	}
	if lerr := s.labels.Flush(); err == nil {
		err = lerr
	}
	return err
}

func (s *WARCSink) count(n *plannedNotice) {
	s.stats.Captures += len(n.captures)
	if len(n.captures) > 1 {
		s.stats.Recaptured++
	}
	if len(n.versions) > 1 {
		s.stats.Edited++
		s.stats.Versions += len(n.versions) - 1
	}
	for _, c := range n.captures {
		if c.revisitOf >= 0 {
			s.stats.Revisits++
		}
	}
}

// writeLabel writes the page's label with the capture plan.
func (s *WARCSink) writeLabel(p *Page, n *plannedNotice) error {
	l := p.Label
	l.File = n.url
	b := AppendLabelJSON(s.buf[:0], &l)
	b = append(b[:len(b)-1], `, "captures": [`...)
	for i, c := range n.captures {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, `{"time": "`...)
		b = c.time.AppendFormat(b, time.RFC3339)
		b = fmt.Appendf(b, `", "version": %d, "revisit": %t}`, c.version+1, c.revisitOf >= 0)
	}
	b = fmt.Appendf(b, `], "versions": %d}`, len(n.versions))
	s.buf = b
	if _, err := s.labels.w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write label: %w", err)
	}
	return nil
}

// write marshals one record, as its own gzip member unless uncompressed, and closes it.
func (s *WARCSink) write(rec gowarc.WarcRecord) error {
	defer rec.Close()
	s.stats.Records++
	if s.zw == nil {
		if _, _, err := s.m.Marshal(s.bw, rec, 0); err != nil {
			return fmt.Errorf("write WARC record: %w", err)
		}
		return nil
	}
	s.zw.Reset(s.bw)
	if _, _, err := s.m.Marshal(s.zw, rec, 0); err != nil {
		return fmt.Errorf("write WARC record: %w", err)
	}
	if err := s.zw.Close(); err != nil {
		return fmt.Errorf("write WARC record: %w", err)
	}
	return nil
}

// pageSeed derives a page's random stream from its path, so that its plan does not
// depend on the pages before it.
func pageSeed(path string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(path))
	return h.Sum64()
}

// chance reports true with probability pct percent.
func chance(r *rand.Rand, pct int) bool { return pct > 0 && r.IntN(100) < pct }
