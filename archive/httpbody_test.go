package archive

import (
	"bytes"
	"compress/flate"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/noticearchive/noticearchive/archive/archivetest"
)

func TestDecodePayload(t *testing.T) {
	body := []byte(strings.Repeat("<p>Adoption notice.</p>\n", 30))
	rawDeflate := func(b []byte) []byte {
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	chunkedGzip := archivetest.Chunked(archivetest.Gzip(body), 50)
	tests := []struct {
		name    string
		te      []string
		ce      string
		payload []byte
		want    []byte
		wantErr bool
	}{
		{"plain", nil, "", body, body, false},
		{"chunked", []string{"chunked"}, "", archivetest.Chunked(body, 64), body, false},
		{"chunked with extension", []string{"chunked"}, "", []byte("5;name=v\r\nhello\r\n0\r\n\r\n"), []byte("hello"), false},
		{"chunked claimed, stored decoded", []string{"chunked"}, "", body, body, false},
		{"chunked, cut short", []string{"chunked"}, "", archivetest.Chunked(body, 64)[:200], body[:2*64+(200-2*70-4)], false},
		{"gzip", nil, "gzip", archivetest.Gzip(body), body, false},
		{"x-gzip", nil, "x-gzip", archivetest.Gzip(body), body, false},
		{"gzip claimed, stored decoded", nil, "gzip", body, body, false},
		{"chunked gzip", []string{"chunked"}, "gzip", chunkedGzip, body, false},
		{"deflate (zlib)", nil, "deflate", zlibBytes(body), body, false},
		{"deflate (raw)", nil, "deflate", rawDeflate(body), body, false},
		{"gzip then identity", nil, "gzip, identity", archivetest.Gzip(body), body, false},
		{"brotli", nil, "br", []byte{0x1b, 0x00}, nil, true},
		{"corrupt gzip", nil, "gzip", append([]byte{0x1f, 0x8b}, body...), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := httpHead{Status: 200, Header: http.Header{}, TransferEncoding: tt.te}
			if tt.ce != "" {
				h.Header.Set("Content-Encoding", tt.ce)
			}
			got, err := decodePayload(bytes.NewReader(tt.payload), h, 1<<20)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("got %d bytes %.60q..., want %d bytes", len(got), got, len(tt.want))
			}
		})
	}
	h := httpHead{Header: http.Header{"Content-Encoding": {"gzip"}}}
	if _, err := decodePayload(bytes.NewReader(archivetest.Gzip(body)), h, int64(len(body)-1)); !errors.Is(err, errTooLarge) {
		t.Errorf("over the cap: err = %v, want errTooLarge", err)
	}
	if got, err := decodePayload(bytes.NewReader(archivetest.Gzip(body)), h, int64(len(body))); err != nil || len(got) != len(body) {
		t.Errorf("at the cap: %d bytes, %v", len(got), err)
	}
}
