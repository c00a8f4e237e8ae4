package gen

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// LabelsFile is the name of the labels file in a corpus folder.
const LabelsFile = "labels.jsonl"

// Sink receives generated pages: a folder (DirSink) or, say, a WARC file written to an
// io.Writer.
type Sink interface {
	// WritePage stores one page. The page is the sink's to keep.
	WritePage(p *Page) error
	// Close flushes what the sink buffers.
	Close() error
}

// Write generates the corpus that opts describes into dir: one file per page and
// labels.jsonl. Files of the same names are overwritten; other files are left alone.
func Write(ctx context.Context, dir string, opts Options) (Stats, error) {
	sink, err := NewDirSink(dir)
	if err != nil {
		return Stats{}, err
	}
	return Run(ctx, sink, opts)
}

// Run generates the corpus into sink, then closes it. It stops when ctx is done.
func Run(ctx context.Context, sink Sink, opts Options) (Stats, error) {
	var st Stats
	err := Generate(opts, func(p Page) error {
		if st.Pages%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := sink.WritePage(&p); err != nil {
			return err
		}
		st.add(&p)
		return nil
	})
	if cerr := sink.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return st, fmt.Errorf("generate corpus: %w", err)
	}
	return st, nil
}

// DirSink writes each page to a file under a folder, and the labels to labels.jsonl there.
type DirSink struct {
	dir    string
	made   map[string]bool
	file   *os.File
	labels *LabelWriter
}

// NewDirSink creates dir if needed and opens its labels file for writing.
func NewDirSink(dir string) (*DirSink, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create corpus folder: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, LabelsFile))
	if err != nil {
		return nil, fmt.Errorf("create labels: %w", err)
	}
	return &DirSink{dir: dir, made: map[string]bool{}, file: f, labels: NewLabelWriter(f)}, nil
}

// WritePage writes the page's file and its label.
func (s *DirSink) WritePage(p *Page) error {
	path := filepath.Join(s.dir, filepath.FromSlash(p.Path))
	if sub := filepath.Dir(path); !s.made[sub] {
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return fmt.Errorf("create page folder: %w", err)
		}
		s.made[sub] = true
	}
	if err := os.WriteFile(path, p.HTML, 0o644); err != nil {
		return fmt.Errorf("write page: %w", err)
	}
	return s.labels.Write(&p.Label)
}

// Close flushes and closes the labels file.
func (s *DirSink) Close() error {
	err := s.labels.Flush()
	if cerr := s.file.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	if err != nil {
		return fmt.Errorf("close labels: %w", err)
	}
	return nil
}

// LabelWriter writes labels as JSON lines in the layout of the shared labels.jsonl:
// keys in a fixed order, ", " and ": " separators, non-ASCII characters unescaped.
type LabelWriter struct {
	w   *bufio.Writer
	buf []byte
}

// NewLabelWriter returns a LabelWriter buffering into w; call Flush when done.
func NewLabelWriter(w io.Writer) *LabelWriter {
	return &LabelWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// Write writes one label line.
func (lw *LabelWriter) Write(l *Label) error {
	lw.buf = append(AppendLabelJSON(lw.buf[:0], l), '\n')
	if _, err := lw.w.Write(lw.buf); err != nil {
		return fmt.Errorf("write label: %w", err)
	}
	return nil
}

// Flush writes out buffered lines.
func (lw *LabelWriter) Flush() error {
	if err := lw.w.Flush(); err != nil {
		return fmt.Errorf("flush labels: %w", err)
	}
	return nil
}

// AppendLabelJSON appends the label as one JSON object without a newline.
func AppendLabelJSON(b []byte, l *Label) []byte {
	b = append(b, `{"file": `...)
	b = appendJSONString(b, l.File)
	b = append(b, `, "layout": `...)
	b = appendJSONString(b, l.Layout)
	b = append(b, `, "country": `...)
	b = appendJSONString(b, l.Country)
	b = append(b, `, "date": `...)
	b = appendJSONString(b, l.Date)
	b = append(b, `, "type": `...)
	b = appendJSONString(b, l.Type)
	b = append(b, `, "title": `...)
	b = appendJSONString(b, l.Title)
	b = append(b, `, "ministries": `...)
	b = appendJSONStrings(b, l.Ministries)
	b = append(b, `, "topics": `...)
	b = appendJSONStrings(b, l.Topics)
	b = append(b, `, "source_url": `...)
	b = appendJSONString(b, l.SourceURL)
	return append(b, '}')
}

func appendJSONStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as a JSON string, escaping only what JSON requires (and
// invalid UTF-8 as U+FFFD).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	if !strings.ContainsAny(s, "\"\\") && isPlainJSON(s) {
		return append(append(b, s...), '"')
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
			i++
		case c == '\n':
			b = append(b, '\\', 'n')
			i++
		case c == '\t':
			b = append(b, '\\', 't')
			i++
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(b, '"')
}

func isPlainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return false
		}
	}
	return utf8.ValidString(s)
}
