package indexer

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// metaCharset finds the charset of a <meta charset> or <meta http-equiv="Content-Type">
// element. It looks only inside meta tags: the Wayback playback script carries its own
// charset attribute.
var metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// prescanLimit is how far into a page the meta charset is looked for: Wayback inserts can
// push the <meta> well past the 1024 bytes the HTML standard prescans.
const prescanLimit = 16 << 10

// decodePage returns the text of an HTML page as valid UTF-8. The byte order mark wins,
// then the Content-Type header, then a meta element; a declaration that the bytes
// contradict is overruled: "utf-8" pages with invalid sequences have those bytes read as
// windows-1252, and single-byte "windows-1252" pages that are valid UTF-8 with multi-byte
// characters are read as UTF-8.
func decodePage(body []byte, contentType string) string {
	switch {
	case bytes.HasPrefix(body, []byte("\xef\xbb\xbf")):
		return decodeMixed(body[3:])
	case bytes.HasPrefix(body, []byte("\xff\xfe")):
		return decodeWith(body, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case bytes.HasPrefix(body, []byte("\xfe\xff")):
		return decodeWith(body, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	}
	label := declaredCharset(body, contentType)
	enc, name := charset.Lookup(label)
	switch {
	case enc == nil, name == "utf-8":
		return decodeMixed(body)
	case singleByteLatin(name) && looksUTF8(body):
		return string(body)
	case strings.HasPrefix(name, "utf-16"):
		// A UTF-16 label without a BOM on a page that parsed as ASCII is a false label.
		if bytes.IndexByte(body[:min(len(body), 512)], 0) < 0 {
			return decodeMixed(body)
		}
	}
	return decodeWith(body, enc.NewDecoder())
}

// declaredCharset returns the charset named by the Content-Type header, else by the
// page's first meta element that names one, else "".
func declaredCharset(body []byte, contentType string) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return params["charset"]
	}
	head := body[:min(len(body), prescanLimit)]
	if m := metaCharset.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

func singleByteLatin(name string) bool {
	return name == "windows-1252" || strings.HasPrefix(name, "iso-8859-") || name == "windows-1250" ||
		name == "windows-1257" || name == "macintosh"
}

// looksUTF8 reports whether b is valid UTF-8 holding at least one multi-byte character:
// text in a single-byte charset almost never is.
func looksUTF8(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return utf8.Valid(b)
		}
	}
	return false
}

type decoder interface {
	Bytes([]byte) ([]byte, error)
}

func decodeWith(body []byte, d decoder) string {
	out, err := d.Bytes(body)
	if err != nil {
		return decodeMixed(body)
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// decodeMixed reads b as UTF-8, reading each byte that is not part of a valid UTF-8
// sequence as windows-1252: pages declared (or presumed) UTF-8 that hold windows-1252
// curly quotes come out right, and valid UTF-8 stays as it is.
func decodeMixed(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(charmap.Windows1252.DecodeByte(b[0]))
		} else {
			sb.WriteRune(r)
		}
		b = b[size:]
	}
	return sb.String()
}

// binaryMagic lists the leading bytes of formats that are not HTML.
var binaryMagic = []struct{ magic, kind string }{
	{"%PDF-", "PDF"}, {"\x89PNG", "PNG image"}, {"GIF8", "GIF image"}, {"\xff\xd8\xff", "JPEG image"},
	{"PK\x03\x04", "ZIP archive"}, {"\x1f\x8b", "gzip data"}, {"RIFF", "RIFF media"},
	{"\xd0\xcf\x11\xe0", "OLE document"}, {"OggS", "Ogg media"}, {"ID3", "MP3 audio"},
	{"\x00\x00\x01\x00", "icon"}, {"\x7fELF", "executable"},
}

// binaryKind names what b is when it is not text, or returns "".
func binaryKind(b []byte) string {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(b, []byte(m.magic)) {
			return m.kind
		}
	}
	if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return "" // UTF-16 text holds NUL bytes
	}
	head := b[:min(len(b), 4096)]
	control := 0
	for _, c := range head {
		if c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b) {
			control++
		}
	}
	if control > len(head)/100+1 {
		return "binary data"
	}
	return ""
}
