package indexer

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"February 17, 2014", "2014-02-17"},
		{"Feb. 17, 2014", "2014-02-17"},
		{"Feb 17 2014", "2014-02-17"},
		{"february 17th, 2014", "2014-02-17"},
		{"Sept. 3, 2009", "2009-09-03"},
		{"  December 24, 2009.", "2009-12-24"},
		{"Monday, February 17, 2014", "2014-02-17"},
		{"Friday August 19, 2011", "2011-08-19"},
		{"17 February 2014", "2014-02-17"},
		{"17 Feb. 2014", "2014-02-17"},
		{"17th of February, 2014", "2014-02-17"},
		{"2014-02-17", "2014-02-17"},
		{"2014/2/7", "2014-02-07"},
		{"2014-02-17T10:30:00Z", "2014-02-17"},
		{"12/01/03", "2003-12-01"},
		{"08/30/22", "2022-08-30"},
		{"05/25/05", "2005-05-25"},
		{"12/01/1999", "1999-12-01"},
		{"02/17/2014", "2014-02-17"},
		{"17/02/2014", "2014-02-17"}, // day first when month first is impossible
		{"17.02.2014", "2014-02-17"},
		{"03/IX/04", "2004-09-03"},
		{"3.XII.2004", "2004-12-03"},
		{"3 iv 2004", "2004-04-03"},
		{"March 2010", "2010-03"},
		{"Mar. 2010", "2010-03"},
		{"2010-03", "2010-03"},
		{"February 29, 2012", "2012-02-29"},
		// not one valid date
		{"", ""},
		{"2014", ""},
		{"February 17", ""},
		{"17/02", ""},
		{"1/2/3", ""},
		{"February 30, 2014", ""},
		{"February 29, 2013", ""},
		{"13/13/2013", ""},
		{"2014-13-01", ""},
		{"0/IX/04", ""},
		{"03/XIII/04", ""},
		{"tomorrow", ""},
		{"Notice on Kenya Adoptions", ""},
		{"February 17, 2014 and March 3, 2014", ""},
		{"June 31, 2010", ""},
		{"January 1, 1850", ""},
	} {
		got, ok := ParseDate(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestFindDates(t *testing.T) {
	text := "On December 3, 2009, a law passed; until March 2011 (or 12/01/03, 2014-02-17, 03/IX/04) " +
		"call 1-888-407-4747 or 202-501-4444; Form I-600; may 2010; On April 29, nothing."
	var got []string
	for _, m := range findDates(text) {
		got = append(got, m.date)
		if d, ok := ParseDate(text[m.start:m.end]); !ok || d != m.date {
			t.Errorf("match %q at %d:%d does not parse back to %s", text[m.start:m.end], m.start, m.end, m.date)
		}
	}
	want := []string{"2009-12-03", "2011-03", "2003-12-01", "2014-02-17", "2004-09-03"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findDates (-want +got):\n%s", diff)
	}
}

func TestDateLine(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"February 17, 2014", "2014-02-17"},
		{"Posted on Feb. 17, 2014 by the Office of Children’s Issues", "2014-02-17"},
		{"Published 2014-02-17", "2014-02-17"},
		{"Date: 2014-02", "2014-02"},
		{"Released on 17 February 2014", "2014-02-17"},
		{"Bucharest, 03/IX/04", "2004-09-03"},
		{"Washington, DC — February 17, 2014", "2014-02-17"},
		{"Update as of May 25, 2005", "2005-05-25"},
		{"12 Mar 2009 - 3 Jan 2021", ""}, // a Wayback capture range
		{"Last updated: March 3, 2015", ""},
		{"This Alert Supercedes the Alert Issued on October 6, 2014", ""},
		{"Effective August 31, 2010", ""},
		{"On December 3, 2009, a new law on intercountry adoption was signed by the King of Cambodia.", ""},
		{"Posted by the Office of Children’s Issues", ""},
		{"Notice", ""},
	} {
		got, _ := dateLine(tc.in)
		if got != tc.want {
			t.Errorf("dateLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDatelineDate(t *testing.T) {
	for in, want := range map[string]string{
		"GUATEMALA CITY, August 2, 2007 — The Embassy will require a second test.": "2007-08-02",
		"February 17, 2014 -- The Department of State announces new rules.":        "2014-02-17",
		"On December 3, 2009 — a new law was signed.":                              "",
		"On December 3, 2009, a new law on intercountry adoption was signed.":      "",
		"The Department notes that on February 3, 2014 — as announced — CARA …":    "",
		"": "",
	} {
		if got := datelineDate(in); got != want {
			t.Errorf("datelineDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"February 17, 2014", "12/01/03", "03/IX/04", "March 2010", "2014-02-17T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			if d != "" {
				t.Fatalf("ParseDate(%q) = %q, false", s, d)
			}
			return
		}
		layout := "2006-01-02"
		if len(d) == len("2006-01") {
			layout = "2006-01"
		}
		if _, err := time.Parse(layout, d); err != nil {
			t.Fatalf("ParseDate(%q) = %q: %v", s, d, err)
		}
		if again, ok := ParseDate(d); !ok || again != d {
			t.Fatalf("ParseDate(%q) = %q, which parses to %q, %v", s, d, again, ok)
		}
	})
}
