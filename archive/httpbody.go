package archive

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"strings"
)

// errTooLarge reports a payload over the size cap.
var errTooLarge = errors.New("payload over the size cap")

// httpHead is what the protocol header of an archived HTTP response says.
type httpHead struct {
	Status           int
	Header           http.Header
	TransferEncoding []string
}

// parseHTTPHead parses the status line and header fields of an archived response.
func parseHTTPHead(raw []byte) (httpHead, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
	if err != nil {
		return httpHead{}, fmt.Errorf("parse HTTP header: %w", err)
	}
	resp.Body.Close()
	return httpHead{Status: resp.StatusCode, Header: resp.Header, TransferEncoding: resp.TransferEncoding}, nil
}

// decodePayload undoes the transfer and content encodings of an archived HTTP payload
// and returns at most limit bytes, or errTooLarge. Archives are inconsistent: a payload
// that the header calls chunked or gzip but that is not (the archiving tool decoded it
// and kept the header) is taken as it is. A payload cut short mid-stream yields what
// could be decoded.
func decodePayload(raw io.Reader, h httpHead, limit int64) ([]byte, error) {
	r := bufio.NewReader(raw)
	var body io.Reader = r
	if chunked(h.TransferEncoding) && looksChunked(r) {
		body = httputil.NewChunkedReader(r)
	}
	encodings := contentEncodings(h.Header)
	for i := len(encodings) - 1; i >= 0; i-- {
		var err error
		if body, err = decoder(body, encodings[i]); err != nil {
			return nil, err
		}
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	if err != nil && !(len(data) > 0 && errors.Is(err, io.ErrUnexpectedEOF)) {
		return nil, fmt.Errorf("decode payload: %w", err)
	}
	return data, nil
}

func chunked(te []string) bool {
	for _, v := range te {
		if strings.EqualFold(strings.TrimSpace(v), "chunked") {
			return true
		}
	}
	return false
}

// looksChunked reports whether r starts with a chunk-size line.
func looksChunked(r *bufio.Reader) bool {
	head, _ := r.Peek(32)
	i := 0
	for i < len(head) && isHex(head[i]) {
		i++
	}
	if i == 0 || i == len(head) {
		return false
	}
	switch head[i] {
	case '\r', '\n', ';', ' ', '\t':
		return true
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// contentEncodings lists the Content-Encoding values in the order they were applied,
// without "identity".
func contentEncodings(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Content-Encoding") {
		for _, e := range strings.Split(v, ",") {
			e = strings.ToLower(strings.TrimSpace(e))
			if e != "" && e != "identity" {
				out = append(out, e)
			}
		}
	}
	return out
}

// decoder wraps r to undo one content encoding. Bytes that do not start like the
// encoding claims are passed through.
func decoder(r io.Reader, encoding string) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	switch encoding {
	case "gzip", "x-gzip":
		if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
			return br, nil
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip payload: %w", err)
		}
		return zr, nil
	case "deflate":
		// RFC 9110 deflate is zlib-wrapped; some servers send raw deflate.
		if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("deflate payload: %w", err)
			}
			return zr, nil
		}
		return flate.NewReader(br), nil
	default:
		return nil, fmt.Errorf("unsupported content encoding %q", encoding)
	}
}
