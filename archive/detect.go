package archive

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
)

// sniffLen is how many leading bytes decide whether an extensionless file is HTML.
const sniffLen = 1024

// fileKind is what a file's name says it holds.
type fileKind int

const (
	kindOther   fileKind = iota // a known non-HTML extension: skipped unread
	kindHTML                    // an HTML extension
	kindUnknown                 // no extension: sniff the content
	kindWARC                    // .warc or .warc.gz
)

var htmlExts = map[string]bool{
	".html": true, ".htm": true, ".shtml": true, ".xhtml": true, ".php": true,
	".asp": true, ".aspx": true, ".cfm": true, ".jsp": true,
}

// kindOf classifies a file by its name. An extension ends at the first byte that is not
// a letter or digit, so that mirrored names such as "page.php?id=3" or "page.asp@x=1"
// count as ".php" and ".asp".
func kindOf(name string) fileKind {
	name = strings.ToLower(filepath.Base(name))
	if strings.HasSuffix(name, ".warc") || strings.HasSuffix(name, ".warc.gz") {
		return kindWARC
	}
	i := strings.LastIndexByte(cutQuery(name), '.')
	if i <= 0 { // no dot, or a dot file such as ".htaccess"
		if i == 0 {
			return kindOther
		}
		return kindUnknown
	}
	ext := name[i:]
	n := 1
	for n < len(ext) && (isLowerASCII(ext[n]) || (ext[n] >= '0' && ext[n] <= '9')) {
		n++
	}
	if htmlExts[ext[:n]] {
		return kindHTML
	}
	return kindOther
}

// cutQuery drops what a mirroring tool kept of a query string ("?", or "@" in
// Windows-safe names) so that dots in the query do not count as an extension.
func cutQuery(name string) string {
	if i := strings.IndexAny(name, "?@"); i > 0 {
		return name[:i]
	}
	return name
}

// Byte-order marks.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// sniffHTML reports whether the first bytes of a file look like an HTML document:
// http.DetectContentType says so, or a "<html" or "<!doctype html" appears early, after
// any byte-order mark. UTF-16 text is looked at through its ASCII bytes.
func sniffHTML(head []byte) bool {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		head = head[len(bomUTF8):]
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		head = bytes.ReplaceAll(head[2:], []byte{0}, nil)
	}
	if strings.HasPrefix(http.DetectContentType(head), "text/html") {
		return true
	}
	lower := bytes.ToLower(head)
	return bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html"))
}

// isHTMLType reports whether a Content-Type header names HTML.
func isHTMLType(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "text/html" || mt == "application/xhtml+xml"
}
