// Package archivetest writes WARC files for tests: records built by hand, so that a
// test controls every byte (per-record gzip, truncation, chunked and compressed HTTP
// payloads, revisits).
package archivetest

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Record is one WARC record to write.
type Record struct {
	// Type is the WARC-Type: "response" when empty, or "revisit", "resource",
	// "request", "warcinfo", "metadata".
	Type string
	// URI is the WARC-Target-URI.
	URI string
	// Date is the WARC-Date; zero writes 2015-01-02T03:04:05Z.
	Date time.Time
	// ID is the WARC-Record-ID without angle brackets; empty makes one from the
	// record's position ("urn:uuid:00000000-0000-0000-0000-00000000000N").
	ID string
	// ContentType is the record's Content-Type; empty means
	// "application/http;msgtype=response" for response and revisit records.
	ContentType string
	// Header holds further WARC header fields, such as WARC-Refers-To or
	// WARC-Payload-Digest.
	Header map[string]string
	// Block is the record's content block, such as HTTPResponse's result.
	Block []byte
}

// ID returns the record id that WriteWARC gives the n-th record (from 0) when its
// ID is empty.
func ID(n int) string { return fmt.Sprintf("urn:uuid:00000000-0000-0000-0000-%012d", n+1) }

// HTTPResponse returns the bytes of an HTTP/1.1 response with the given status, header
// lines ("Name: value") and body, written as is: the caller encodes the body (see
// Chunked, Gzip) and adds the matching header lines.
func HTTPResponse(status int, header []string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	for _, h := range header {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// Chunked encodes body with HTTP chunked transfer encoding in chunks of size bytes.
func Chunked(body []byte, size int) []byte {
	var b bytes.Buffer
	for len(body) > 0 {
		n := min(size, len(body))
		fmt.Fprintf(&b, "%x\r\n", n)
		b.Write(body[:n])
		b.WriteString("\r\n")
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.Bytes()
}

// Gzip compresses body.
func Gzip(body []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(body)
	zw.Close()
	return b.Bytes()
}

// PayloadDigest returns a WARC-Payload-Digest value for payload: "sha1:" and base32.
func PayloadDigest(payload []byte) string {
	sum := sha1.Sum(payload)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// WriteWARC writes records to w, each compressed as its own gzip member when gz is
// set, and returns the offset of each record in the output.
func WriteWARC(w io.Writer, gz bool, records ...Record) ([]int64, error) {
	var offsets []int64
	var off int64
	for i, r := range records {
		raw := r.bytes(i)
		if gz {
			raw = Gzip(raw)
		}
		offsets = append(offsets, off)
		n, err := w.Write(raw)
		off += int64(n)
		if err != nil {
			return offsets, fmt.Errorf("write WARC record %d: %w", i, err)
		}
	}
	return offsets, nil
}

// WriteWARCFile writes records to a new file at path (see WriteWARC) and returns their
// offsets. It fails the test on error.
func WriteWARCFile(t testing.TB, path string, gz bool, records ...Record) []int64 {
	t.Helper()
	var b bytes.Buffer
	offsets, err := WriteWARC(&b, gz, records...)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return offsets
}

// bytes renders the n-th record uncompressed.
func (r Record) bytes(n int) []byte {
	typ := r.Type
	if typ == "" {
		typ = "response"
	}
	id := r.ID
	if id == "" {
		id = ID(n)
	}
	date := r.Date
	if date.IsZero() {
		date = time.Date(2015, 1, 2, 3, 4, 5, 0, time.UTC)
	}
	ct := r.ContentType
	if ct == "" && (typ == "response" || typ == "revisit") {
		ct = "application/http;msgtype=response"
	}
	fields := []string{
		"WARC-Type: " + typ,
		"WARC-Record-ID: <" + id + ">",
		"WARC-Date: " + date.UTC().Format(time.RFC3339),
	}
	if r.URI != "" {
		fields = append(fields, "WARC-Target-URI: "+r.URI)
	}
	if ct != "" {
		fields = append(fields, "Content-Type: "+ct)
	}
	names := make([]string, 0, len(r.Header))
	for k := range r.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fields = append(fields, k+": "+r.Header[k])
	}
	fields = append(fields, "Content-Length: "+strconv.Itoa(len(r.Block)))
	var b bytes.Buffer
	b.WriteString("WARC/1.1\r\n" + strings.Join(fields, "\r\n") + "\r\n\r\n")
	b.Write(r.Block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}
