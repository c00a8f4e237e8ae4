package indexer

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodePage(t *testing.T) {
	const quoted = "Kenya’s “rules” – today"
	cp1252 := "Kenya\x92s \x93rules\x94 \x96 today"
	for _, tc := range []struct {
		name, body, contentType, want string
	}{
		{"utf-8 declared", `<meta charset="utf-8">` + quoted, "", quoted},
		{"windows-1252 declared", `<meta charset="windows-1252">` + cp1252, "", quoted},
		{"http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">` + cp1252, "", quoted},
		{"iso-8859-1 means windows-1252", `<meta charset="iso-8859-1">` + cp1252, "", quoted},
		{"utf-8 declared, windows-1252 bytes", `<meta charset="utf-8">` + cp1252, "", quoted},
		{"windows-1252 declared, utf-8 bytes", `<meta charset="windows-1252">` + quoted, "", quoted},
		{"undeclared windows-1252", cp1252, "", quoted},
		{"undeclared utf-8", quoted, "", quoted},
		{"header wins over meta", `<meta charset="utf-8">` + cp1252, "text/html; charset=windows-1252", quoted},
		{"script charset is not the page's", `<script src="/x.js" charset="utf-8"></script><meta charset="windows-1252">` + cp1252, "", quoted},
		{"utf-8 BOM", "\xef\xbb\xbf" + quoted, "", quoted},
		{"utf-8 BOM over a false meta", "\xef\xbb\xbf<meta charset=\"windows-1252\">" + quoted, "", quoted},
		{"utf-16le BOM", "\xff\xfeK\x00e\x00n\x00y\x00a\x00\x19\x20s\x00", "", "Kenya’s"},
		{"utf-16be BOM", "\xfe\xff\x00K\x00e\x00n\x00y\x00a\x20\x19\x00s", "", "Kenya’s"},
		{"unknown charset", `<meta charset="x-klingon">` + quoted, "", quoted},
		{"koi8-r", `<meta charset="koi8-r">` + "\xf2\xcf\xd3\xd3\xc9\xd1", "", "Россия"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := decodePage([]byte(tc.body), tc.contentType)
			if !strings.HasSuffix(got, tc.want) {
				t.Errorf("decodePage = %q, want it to end in %q", got, tc.want)
			}
		})
	}
}

// TestDecodePageValidUTF8 feeds random bytes under every kind of declaration.
func TestDecodePageValidUTF8(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	heads := []string{"", `<meta charset="utf-8">`, `<meta charset="windows-1252">`, `<meta charset="shift_jis">`,
		`<meta charset="utf-16">`, "\xff\xfe", "\xfe\xff", "\xef\xbb\xbf"}
	for i := 0; i < 2000; i++ {
		b := make([]byte, r.IntN(64))
		for j := range b {
			b[j] = byte(r.IntN(256))
		}
		body := append([]byte(heads[i%len(heads)]), b...)
		if got := decodePage(body, ""); !utf8.ValidString(got) {
			t.Fatalf("decodePage(%q) = %q: invalid UTF-8", body, got)
		}
	}
}

func TestBinaryKind(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"<html><body>Hello</body></html>", ""},
		{"\xff\xfe<\x00h\x00t\x00m\x00l\x00", ""},
		{"%PDF-1.7\n", "PDF"},
		{"\x89PNG\r\n\x1a\n", "PNG image"},
		{"GIF89a", "GIF image"},
		{"\xff\xd8\xff\xe0", "JPEG image"},
		{"PK\x03\x04", "ZIP archive"},
		{"\x1f\x8b\x08", "gzip data"},
		{"text \x00\x01\x02\x03 with \x00 controls", "binary data"},
		{"Kenya\x92s rules", ""},
	} {
		if got := binaryKind([]byte(tc.body)); got != tc.want {
			t.Errorf("binaryKind(%q) = %q, want %q", tc.body, got, tc.want)
		}
	}
}
