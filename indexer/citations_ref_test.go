package indexer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// refCiteMonthRE and refCiteDateRE are the regular expression that citeDateAt reads as.
const refCiteMonthRE = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

var refCiteDateRE = regexp.MustCompile(`\b(?:` +
	refCiteMonthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{4})\b` + `|` + // 1 month, 2 day, 3 year
	`(\d{1,2})\s+` + refCiteMonthRE + `,?\s+(\d{4})\b` + `|` + // 4 day, 5 month, 6 year
	refCiteMonthRE + `,?\s+(\d{4})\b` + `|` + // 7 month, 8 year
	`(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b` + `|` + // 9 month, 10 day, 11 year
	`(\d{4})-(\d{2})-(\d{2})\b` + `|` + // 12 year, 13 month, 14 day
	refCiteMonthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b)`) // 15 month, 16 day

// refCiteFindDatesIn is citeFindDatesIn by the regular expression.
func refCiteFindDatesIn(text string, from, to int, out []citeDate) []citeDate {
	part := text[from:to]
	for _, m := range refCiteDateRE.FindAllStringSubmatchIndex(part, -1) {
		for k := range m {
			if m[k] >= 0 {
				m[k] += from
			}
		}
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		d := citeDate{start: m[0], end: m[1]}
		switch {
		case g(1) != "":
			d.month, d.day, d.year = refCiteMonth(g(1)), refCiteAtoi(g(2)), refCiteAtoi(g(3))
		case g(4) != "":
			d.day, d.month, d.year = refCiteAtoi(g(4)), refCiteMonth(g(5)), refCiteAtoi(g(6))
		case g(7) != "":
			d.month, d.year = refCiteMonth(g(7)), refCiteAtoi(g(8))
		case g(9) != "":
			d.month, d.day, d.year = refCiteAtoi(g(9)), refCiteAtoi(g(10)), refCiteAtoi(g(11))
			if len(g(11)) == 2 {
				d.year += 2000
				if d.year >= 2070 {
					d.year -= 100
				}
			}
		case g(12) != "":
			d.year, d.month, d.day = refCiteAtoi(g(12)), refCiteAtoi(g(13)), refCiteAtoi(g(14))
		default:
			d.month, d.day = refCiteMonth(g(15)), refCiteAtoi(g(16))
		}
		if d.month >= 1 && d.month <= 12 && d.day >= 0 && d.day <= 31 && (d.year == 0 || d.year >= 1900 && d.year < 2100) {
			out = append(out, d)
		}
	}
	return out
}

func refCiteAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func refCiteMonth(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}

// refCiteFindDates is citeFindDates by the regular expression.
func refCiteFindDates(text string) []citeDate {
	var out []citeDate
	for _, span := range digitSpans(text, 24) {
		out = refCiteFindDatesIn(text, span[0], span[1], out)
	}
	return out
}

// refCiteDateForms are dates and near misses in every form, joined at random with
// separators into more inputs.
var refCiteDateForms = []string{
	"January 2, 2013", "January 2 , 2013", "January 2,2013", "January 2nd, 2013", "Jan. 2 2013",
	"Jan 2nd 2013", "Jan.\t2\n,\r2013", "Sept. 30, 2011", "Sept 30th", "Sep 3", "Sepember 3, 2003",
	"September, 2009", "Oct 2009", "Oct., 2009", "2 January 2013", "02 Jan. 2013", "2 Jan., 2013",
	"12/01/03", "1/2/2003", "12/1/69", "12/1/70", "13/45/99", "2013-01-02", "2013-1-02", "20131-01-02",
	"March 10", "March 10th", "March 10thx", "March 1st.", "March 123", "May 5_", "May_5", "June 2012",
	"Jun 31st", "July 4th, 1776", "Jul 4 2099", "Dec 0, 2000", "Dec 00 2000", "Nov 5, 21000",
	"Feb 29, 1899", "Aug 1, 2100", "Apr 2, 19999", "Mar 5 and April 7, 2010", "MARCH 10", "march 10",
	"10/10/10/10", "1999-12-31-1", "5 May", "Mayday 5", "Janus 5, 2010", "Junee 5", "Octobers 2010",
}

func TestCiteFindDatesMatchesReference(t *testing.T) {
	texts := equivalenceTexts(t)
	seps := []string{" ", ", ", " and ", "\n", "", "x", "_", "1", "/", "-", ".", "\u00a0", "é", "\v"}
	for i := range 20000 {
		var b strings.Builder
		for k := range 1 + i%6 {
			b.WriteString(refCiteDateForms[(i*7+k*13+i/5)%len(refCiteDateForms)])
			b.WriteString(seps[(i+k*3+i/11)%len(seps)])
		}
		texts = append(texts, b.String())
	}
	texts = append(texts, refCiteDateForms...)
	// each form in a span that starts well into the text, valid or not ("Jan 0013")
	long := strings.Repeat("words without digits ", 4)
	for _, form := range refCiteDateForms {
		texts = append(texts, long+form+" "+long+form, "Court of AAa "+form+" notice", long+"Jan 0013 "+form)
	}
	for _, text := range texts {
		if got, want := citeFindDates(text), refCiteFindDates(text); !slices.Equal(got, want) {
			t.Fatalf("citeFindDates(%q) = %+v, want %+v", text, got, want)
		}
		// the whole text as one span, so that every date is read at every position
		if got, want := citeFindDatesIn(text, 0, len(text), nil), refCiteFindDatesIn(text, 0, len(text), nil); !slices.Equal(got, want) {
			t.Fatalf("citeFindDatesIn(%q) = %+v, want %+v", text, got, want)
		}
	}
}

// refCiteSpan is citeSpan as first written: the expression run before every date, the
// last word found by strings.Fields.
func refCiteSpan(text string, d citeDate) (start, end int, ok bool) {
	if m := citeNounAfterRE.FindStringIndex(text[d.end:]); m != nil {
		if start = citeOwnerStart(text, d.start); start == d.start {
			return 0, 0, false
		}
		end = d.end + m[1]
	} else {
		from := max(0, d.start-150)
		m := citeNounBeforeRE.FindStringIndex(text[from:d.start])
		if m == nil {
			return 0, 0, false
		}
		start, end = citeOwnerStart(text, from+m[0]), d.end
	}
	f := strings.Fields(text[:start])
	last := ""
	if len(f) > 0 {
		last = strings.Trim(f[len(f)-1], "(\"“")
	}
	switch strings.ToLower(last) {
	case "a", "an", "this", "next", "new", "future":
		return 0, 0, false
	}
	return start, end, true
}

func TestCiteSpanMatchesReference(t *testing.T) {
	texts := equivalenceTexts(t)
	words := []string{"notice", "Notice", "NOTICES", "alert", "Alerts", "announcement", "update", "Update",
		"nOtIcE", "the", "a", "an", "This", "new", "(future", "“next", "of", "dated", "issued on", "released",
		"on", "regarding", "Cambodia", "the Department’s", "our", "CARA's", "See", "adoption", "intercountry"}
	for i := range 20000 {
		var b strings.Builder
		for k := range 2 + i%9 {
			if (i+k)%3 == 0 {
				b.WriteString(refCiteDateForms[(i*5+k*11)%len(refCiteDateForms)])
			} else {
				b.WriteString(words[(i*7+k*13+i/17)%len(words)])
			}
			b.WriteString([]string{" ", " ", ", ", "\t", "\u00a0", "\n", ""}[(i+k)%7])
		}
		texts = append(texts, b.String())
	}
	spans := 0
	for _, text := range texts {
		for _, d := range citeFindDates(text) {
			start, end, ok := citeSpan(text, d)
			wantStart, wantEnd, wantOK := refCiteSpan(text, d)
			if start != wantStart || end != wantEnd || ok != wantOK {
				t.Fatalf("citeSpan(%q, %+v) = %d, %d, %v, want %d, %d, %v", text, d, start, end, ok, wantStart, wantEnd, wantOK)
			}
			if ok {
				spans++
			}
		}
	}
	for _, text := range texts {
		for _, s := range []string{text, text + " ", text + "\u00a0", "x " + text} {
			f := strings.Fields(s)
			want := ""
			if len(f) > 0 {
				want = strings.Trim(f[len(f)-1], "(\"“")
			}
			if got := citeLastWord(s); got != want {
				t.Fatalf("citeLastWord(%q) = %q, want %q", s, got, want)
			}
		}
	}
	if spans < 100 {
		t.Errorf("only %d citations in the inputs: too few to compare", spans)
	}
}
