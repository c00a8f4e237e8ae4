package archive

import (
	"strings"
	"testing"
	"time"
)

func TestParseWaybackURL(t *testing.T) {
	ts := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		in     string
		orig   string
		ts     time.Time
		wantOK bool
	}{
		{"https://web.archive.org/web/20150416153440/http://poundpuplegacy.org/node/55858",
			"http://poundpuplegacy.org/node/55858", ts("2015-04-16T15:34:40Z"), true},
		{"http://web.archive.org/web/20150416153440id_/http://example.com/a?b=1#top",
			"http://example.com/a?b=1", ts("2015-04-16T15:34:40Z"), true},
		{"/web/20180122122242*/https://poundpuplegacy.org/document/139423",
			"https://poundpuplegacy.org/document/139423", ts("2018-01-22T12:22:42Z"), true},
		{"/web/20100101000000im_/http://example.com/logo.gif",
			"http://example.com/logo.gif", ts("2010-01-01T00:00:00Z"), true},
		{"https://web.archive.org/web/2015/http://example.com/",
			"http://example.com/", ts("2015-01-01T00:00:00Z"), true},
		{"https://web.archive.org/web/201503/http://example.com/",
			"http://example.com/", ts("2015-03-01T00:00:00Z"), true},
		{"https://web.archive.org/web/2015031/http://example.com/", // odd digit ignored
			"http://example.com/", ts("2015-03-01T00:00:00Z"), true},
		{"web.archive.org/web/20090212000000/travel.state.gov/family/adoption/country/country_389.html",
			"http://travel.state.gov/family/adoption/country/country_389.html", ts("2009-02-12T00:00:00Z"), true},
		{"mirror/web.archive.org/web/20090212083000/http:/Travel.State.Gov/a.html", // wget path
			"http://travel.state.gov/a.html", ts("2009-02-12T08:30:00Z"), true},
		{"https://web.archive.org/web/20150101000000/HTTPS://Example.COM:443/x",
			"https://example.com/x", ts("2015-01-01T00:00:00Z"), true},
		// The original URL is kept when the timestamp is implausible.
		{"/web/20280810214924*/https://travel.state.gov/x.html", "https://travel.state.gov/x.html", time.Time{}, true},
		{"/web/19800101000000/http://example.com/", "http://example.com/", time.Time{}, true},
		{"/web/20151340000000/http://example.com/", "http://example.com/", time.Time{}, true},
		// Another archive's form is an original URL in its own right.
		{"https://webharvest.gov/peth04/20041108150842/http://travel.state.gov/family/", "", time.Time{}, false},
		// Not the Wayback form.
		{"https://example.com/web/2015/report.html", "", time.Time{}, false},
		{"/web/201/http://example.com/", "", time.Time{}, false},
		{"/web/201501010000001/http://example.com/", "", time.Time{}, false},
		{"/web/20150101000000/", "", time.Time{}, false},
		{"/web/20150101000000/mailto:x@example.com", "", time.Time{}, false},
		{"https://web.archive.org/web/", "", time.Time{}, false},
		{"", "", time.Time{}, false},
	}
	for _, tt := range tests {
		orig, got, ok := ParseWaybackURL(tt.in)
		if orig != tt.orig || !got.Equal(tt.ts) || ok != tt.wantOK {
			t.Errorf("ParseWaybackURL(%q) = %q, %v, %v; want %q, %v, %v", tt.in, orig, got, ok, tt.orig, tt.ts, tt.wantOK)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://example.com/a#frag", "http://example.com/a"},
		{"  HTTP://EXAMPLE.com:80/A  ", "http://example.com/A"},
		{"https://travel.state.gov./content/x.html", "https://travel.state.gov./content/x.html"},
		{"https://web.archive.org/web/20150101000000/http://example.com/", "http://example.com/"},
		{"//example.com/x", "http://example.com/x"},
		{"example.com/x", ""},
		{"web.archive.org/web/2015/example.com/x", "http://example.com/x"},
		{"http:/example.com/x", "http://example.com/x"},
		{"https://example.com/web/2015/report.html", "https://example.com/web/2015/report.html"},
		{"/content/x.html", ""},
		{"report.html", ""},
		{"ftp://example.com/", ""},
		{"javascript:void(0)", ""},
		{"http://user:pw@example.com/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeURL(tt.in); got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseWaybackPath(t *testing.T) {
	for path, want := range map[string]string{
		"/data/web/20140301000000/travel.state.gov/adoption/cambodia.html":         "travel.state.gov/adoption/cambodia.html",
		"/data/web.archive.org/web/20140301000000/https:/travel.state.gov/a.html":  "https://travel.state.gov/a.html",
		"/data/web.archive.org/web/20140301000000/https://travel.state.gov/a.html": "https://travel.state.gov/a.html",
	} {
		u, ts, ok := parseWaybackPath(path)
		if !ok || !strings.HasSuffix(u, want) || ts.Year() != 2014 {
			t.Errorf("parseWaybackPath(%q) = %q %v %v, want …%s in 2014", path, u, ts, ok, want)
		}
	}
	if _, _, ok := parseWaybackPath("/data/pages/cambodia.html"); ok {
		t.Error("a path without /web/ parsed")
	}
}
