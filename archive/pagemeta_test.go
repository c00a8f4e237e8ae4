package archive

import (
	"strings"
	"testing"
	"time"
)

func TestPageOrigin(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse("20060102150405", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	const toolbar = `<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<table id="wm-toolbar"><tr><td><a href="/web/20100101000000/http://example.com/prev.html">prev</a>
<a href="https://web.archive.org/web/20120304050607/http://example.com/notice.html?a=1&amp;b=2">this</a></td></tr></table>
<!-- END WAYBACK TOOLBAR INSERT -->`
	tests := []struct {
		name string
		page string
		want origin
	}{
		{"nothing", `<html><head><title>x</title></head><body><p>Hello</p></body></html>`, origin{}},
		{"canonical",
			`<html><head><LINK REL="Canonical" HREF="https://travel.state.gov/content/a.html#x"></head></html>`,
			origin{URL: "https://travel.state.gov/content/a.html"}},
		{"canonical unquoted, several rel tokens",
			`<head><link href=http://example.com/p rel='alternate canonical'/>`,
			origin{URL: "http://example.com/p"}},
		{"og:url",
			`<head><meta content="https://example.com/og?x=1&amp;y=2" property="og:url"></head>`,
			origin{URL: "https://example.com/og?x=1&y=2"}},
		{"canonical before og:url",
			`<meta property="og:url" content="https://example.com/og"><link rel="canonical" href="https://example.com/canon">`,
			origin{URL: "https://example.com/canon"}},
		{"canonical on the Wayback Machine",
			`<link rel="canonical" href="https://web.archive.org/web/20160102030405/https://travel.state.gov/a.html">` + toolbar,
			origin{URL: "https://travel.state.gov/a.html", Time: at("20160102030405")}},
		{"relative canonical resolved against the toolbar",
			`<link rel="canonical" href="/content/b.html">` + toolbar,
			origin{URL: "http://example.com/content/b.html", Time: at("20100101000000")}},
		{"toolbar: the first link inside the insert",
			`<a href="/web/20050101000000/http://example.com/other.html">elsewhere</a>` + toolbar,
			origin{URL: "http://example.com/prev.html", Time: at("20100101000000")}},
		{"toolbar: the captures link wins",
			toolbar + `<a href="/web/20180122122242*/https://poundpuplegacy.org/document/1?a&amp;b">60 captures</a>`,
			origin{URL: "https://poundpuplegacy.org/document/1?a&b", Time: at("20180122122242")}},
		{"toolbar: the replay script wins",
			`<script>__wm.wombat("https://travel.state.gov/x.html","20190716233144","https://web.archive.org/","web","/_static/");</script>` + toolbar,
			origin{URL: "https://travel.state.gov/x.html", Time: at("20190716233144")}},
		{"a Wayback link outside the toolbar is not the page's",
			`<p>See <a href="https://web.archive.org/web/20050101000000/http://example.com/old.html">the old notice</a>.</p>`,
			origin{}},
		{"future captures link keeps the URL only",
			`<a href="/web/20280810214924*/https://travel.state.gov/c.html">captures</a>`,
			origin{URL: "https://travel.state.gov/c.html"}},
		{"FILE ARCHIVED ON comment",
			`<html><body>x</body></html>
<!--
     FILE ARCHIVED ON 12:22:42 Jan 22, 2018 AND RETRIEVED FROM THE
     INTERNET ARCHIVE ON 3:34:05 Feb 11, 2024.
-->`,
			origin{Time: at("20180122122242")}},
		{"bad canonical falls through to og:url",
			`<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="http://example.com/ok">`,
			origin{URL: "http://example.com/ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pageOrigin([]byte(tt.page))
			if got.URL != tt.want.URL || !got.Time.Equal(tt.want.Time) {
				t.Errorf("pageOrigin = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestPageOriginScanLimit: only the first 64 KB are scanned for links.
func TestPageOriginScanLimit(t *testing.T) {
	page := "<html><head>" + strings.Repeat(" ", headScanLen) + `<link rel="canonical" href="http://example.com/late"></head></html>`
	if got := pageOrigin([]byte(page)); got.URL != "" {
		t.Errorf("canonical after %d bytes found: %q", headScanLen, got.URL)
	}
}

func BenchmarkPageOrigin(b *testing.B) {
	page := []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Notice</title>
<link rel="stylesheet" href="/etc/designs/x.css"><meta name="keywords" content="adoption">
<link rel="canonical" href="https://travel.state.gov/content/x.html"></head><body>` +
		strings.Repeat(`<div class="tsg-rwd-text"><p>The Department of State <a href="/content/y.html">notes</a> that.</p></div>`+"\n", 500) +
		`</body></html>`)
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		pageOrigin(page)
	}
}
