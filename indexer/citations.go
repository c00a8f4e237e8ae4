package indexer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// ExtractCitations finds references to earlier notices in text, such as "see the
// Department's January 2, 2013 Notice", "our notice of March 5, 2010", "the October 2009
// alert" or "the Adoption Alert dated 12/01/03". Only a date tied to a notice, alert,
// announcement or update is a citation; a date without a year counts only when the text
// gives its year elsewhere ("notices of March 10 and December 13, 2014"). Country is set
// when the citation names one ("the Department's Notice on Cambodia of ..."); countries
// may be nil.
func ExtractCitations(text string, countries *schema.Countries) []Citation {
	dates := citeFindDates(text)
	var out []Citation
	seen := map[string]bool{}
	covered := -1 // dates up to this index belong to an earlier citation
	for i, d := range dates {
		if i <= covered {
			continue
		}
		start, end, ok := citeSpan(text, d)
		if !ok {
			continue
		}
		// "notices of March 10 and December 13, 2014": the dates written together are all
		// cited, and a date without a year takes the year of the next.
		lo, hi := i, i
		for lo > covered+1 && citeCoordinated(text[dates[lo-1].end:dates[lo].start]) {
			lo--
		}
		for hi+1 < len(dates) && citeCoordinated(text[dates[hi].end:dates[hi+1].start]) {
			hi++
		}
		for k := hi - 1; k >= lo; k-- {
			if dates[k].year == 0 {
				dates[k].year = dates[k+1].year
			}
		}
		start, end = min(start, dates[lo].start), max(end, dates[hi].end)
		words := strings.Join(strings.Fields(text[start:end]), " ")
		for _, cd := range dates[lo : hi+1] {
			c := Citation{Date: cd.resolve(dates), Country: citeCountry(words, countries), Text: words}
			if k := c.Date + "|" + c.Country; c.Date != "" && !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
		covered = hi
	}
	return out
}

// citeDate is one date written in the text.
type citeDate struct {
	start, end       int
	year, month, day int // year 0 when not written; day 0 for "October 2009"
}

// resolve returns the date as YYYY-MM-DD or YYYY-MM; a date without a year takes the year
// of the same day written in full elsewhere in the text, or is dropped.
func (d citeDate) resolve(all []citeDate) string {
	if d.year == 0 {
		for _, o := range all {
			if o.year != 0 && o.month == d.month && o.day == d.day {
				d.year = o.year
				break
			}
		}
	}
	switch {
	case d.year == 0:
		return ""
	case d.day == 0:
		return fmt.Sprintf("%04d-%02d", d.year, d.month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// citeFindDates returns every valid date in text, in order. Every date has digits, so
// the expression runs only on short spans around runs of digits, cut at word
// boundaries: the same matches as on the whole text at a fraction of the cost.
func citeFindDates(text string) []citeDate {
	var out []citeDate
	for _, span := range digitSpans(text, 24) {
		out = citeFindDatesIn(text, span[0], span[1], out)
	}
	return out
}

// digitSpans returns the merged spans of text within reach bytes of a digit, widened to
// the nearest spaces so that no word is cut.
func digitSpans(text string, reach int) [][2]int {
	var spans [][2]int
	for i := 0; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == '/' || text[j] == '-') {
			j++
		}
		start, end := i-reach, j+reach
		if start < 0 {
			start = 0
		}
		for start > 0 && text[start-1] != ' ' && text[start-1] != '\n' {
			start--
		}
		if end > len(text) {
			end = len(text)
		}
		for end < len(text) && text[end] != ' ' && text[end] != '\n' {
			end++
		}
		if n := len(spans); n > 0 && start <= spans[n-1][1] {
			spans[n-1][1] = end
		} else {
			spans = append(spans, [2]int{start, end})
		}
		i = j
	}
	return spans
}

// citeFindDatesIn appends the valid dates in text[from:to]: each date citeDateAt reads,
// from left to right, the next one searched for after the end of the last.
func citeFindDatesIn(text string, from, to int, out []citeDate) []citeDate {
	part := text[from:to]
	for p := 0; p < len(part); p++ {
		// every form starts with a letter or digit at the start of a word
		if !citeWordByte(part[p]) || p > 0 && citeWordByte(part[p-1]) {
			continue
		}
		d, ok := citeDateAt(part, p)
		if !ok {
			continue
		}
		end := d.end // in part; the search goes on there, whether the date is valid or not
		if d.month >= 1 && d.month <= 12 && d.day >= 0 && d.day <= 31 && (d.year == 0 || d.year >= 1900 && d.year < 2100) {
			d.start, d.end = d.start+from, d.end+from
			out = append(out, d)
		}
		p = end - 1
	}
	return out
}

// citeDateAt reads the date that starts at s[p], where a word starts, in the first of
// these forms that fits (a month is "Jan", "Jan.", "January", "Sept." and the like; spaces
// are spaces, tabs, line and form feeds, carriage returns; a date ends where a word ends):
//
//	January 2, 2013   January 2nd 2013   (month, day, comma or spaces, 4-digit year)
//	2 January 2013    2 January, 2013    (day, month, 4-digit year)
//	October 2009      October, 2009      (month, 4-digit year)
//	12/01/03          12/01/2003         (month/day/year)
//	2013-01-02
//	March 10          March 10th         (month, day)
//
// It reads as the regular expression of the same forms did, leftmost first; the test
// TestCiteFindDatesMatchesReference keeps that expression and holds the two equal.
func citeDateAt(s string, p int) (citeDate, bool) {
	d := citeDate{start: p}
	if !citeDigit(s[p]) {
		month, k := citeMonthAt(s, p)
		if month == 0 {
			return d, false
		}
		d.month = month
		// January 2, 2013; January 2nd 2013
		if k1 := citeSpaces(s, k); k1 > k {
			if k2 := citeDigits(s, k1); k2-k1 == 1 || k2-k1 == 2 {
				k3 := citeOrdinal(s, k2)
				k4 := citeSpaces(s, k3)
				if k4 < len(s) && s[k4] == ',' {
					k4 = citeSpaces(s, k4+1)
				} else if k4 == k3 {
					k4 = -1
				}
				if k4 >= 0 && citeYear4(s, k4) {
					d.day, d.year, d.end = citeAtoi(s[k1:k2]), citeAtoi(s[k4:k4+4]), k4+4
					return d, true
				}
			}
		}
		// October 2009; October, 2009
		k1 := k
		if k1 < len(s) && s[k1] == ',' {
			k1++
		}
		if k2 := citeSpaces(s, k1); k2 > k1 && citeYear4(s, k2) {
			d.year, d.end = citeAtoi(s[k2:k2+4]), k2+4
			return d, true
		}
		// March 10; March 10th
		if k1 := citeSpaces(s, k); k1 > k {
			if k2 := citeDigits(s, k1); k2-k1 == 1 || k2-k1 == 2 {
				d.day = citeAtoi(s[k1:k2])
				if k3 := citeOrdinal(s, k2); k3 > k2 && citeWordEnd(s, k3) {
					d.end = k3
					return d, true
				}
				if citeWordEnd(s, k2) {
					d.end = k2
					return d, true
				}
			}
		}
		return d, false
	}
	k1 := citeDigits(s, p)
	// 2 January 2013
	if k1-p <= 2 {
		if k2 := citeSpaces(s, k1); k2 > k1 {
			if month, k3 := citeMonthAt(s, k2); month != 0 {
				if k3 < len(s) && s[k3] == ',' {
					k3++
				}
				if k4 := citeSpaces(s, k3); k4 > k3 && citeYear4(s, k4) {
					d.day, d.month, d.year, d.end = citeAtoi(s[p:k1]), month, citeAtoi(s[k4:k4+4]), k4+4
					return d, true
				}
			}
		}
	}
	// 12/01/03; 12/01/2003
	if k1-p <= 2 && k1 < len(s) && s[k1] == '/' {
		k2 := citeDigits(s, k1+1)
		if n := k2 - k1 - 1; (n == 1 || n == 2) && k2 < len(s) && s[k2] == '/' {
			k3 := citeDigits(s, k2+1)
			if n := k3 - k2 - 1; (n == 4 || n == 2) && citeWordEnd(s, k3) {
				d.month, d.day, d.year, d.end = citeAtoi(s[p:k1]), citeAtoi(s[k1+1:k2]), citeAtoi(s[k2+1:k3]), k3
				if n == 2 {
					d.year += 2000
					if d.year >= 2070 {
						d.year -= 100
					}
				}
				return d, true
			}
		}
	}
	// 2013-01-02
	if k1-p == 4 && k1+6 <= len(s) && s[k1] == '-' && s[k1+3] == '-' &&
		citeDigits(s, k1+1) == k1+3 && citeDigits(s, k1+4) >= k1+6 && citeWordEnd(s, k1+6) {
		d.year, d.month, d.day, d.end = citeAtoi(s[p:k1]), citeAtoi(s[k1+1:k1+3]), citeAtoi(s[k1+4:k1+6]), k1+6
		return d, true
	}
	return d, false
}

// citeMonths are the month names as dates write them in full; a month may be cut to its
// first three letters, "Sept" and "June", "July" too.
var citeMonths = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// citeMonthAt reads a month name at s[p] ("Jan", "Jan.", "January", "Sept", "Sept.",
// "Sepember" as well): the month's number and the end of the name, its dot included; 0 when
// none is there. Case counts: "JANUARY" is no month.
func citeMonthAt(s string, p int) (month, end int) {
	if len(s)-p < 3 {
		return 0, p
	}
	for i, name := range citeMonths {
		if s[p:p+3] != name[:3] {
			continue
		}
		k := p + 3
		switch rest := name[3:]; i + 1 {
		case 5: // "May" only
		case 6, 7: // "Jun", "June"; "Jul", "July"
			if k < len(s) && s[k] == rest[0] {
				k++
			}
		case 9: // "Sep", "Sept", "Sepember", "September"
			if k < len(s) && s[k] == 't' {
				k++
			}
			if strings.HasPrefix(s[k:], "ember") {
				k += len("ember")
			}
		default:
			if strings.HasPrefix(s[k:], rest) {
				k += len(rest)
			}
		}
		if k < len(s) && s[k] == '.' {
			k++
		}
		return i + 1, k
	}
	return 0, p
}

// citeSpaces returns the end of the spaces (space, tab, line feed, form feed, carriage
// return) at s[k].
func citeSpaces(s string, k int) int {
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\f' || s[k] == '\r') {
		k++
	}
	return k
}

// citeDigits returns the end of the ASCII digits at s[k].
func citeDigits(s string, k int) int {
	for k < len(s) && citeDigit(s[k]) {
		k++
	}
	return k
}

// citeOrdinal returns the end of an ordinal ending ("st", "nd", "rd", "th") at s[k], k if none.
func citeOrdinal(s string, k int) int {
	if k+2 <= len(s) {
		switch s[k : k+2] {
		case "st", "nd", "rd", "th":
			return k + 2
		}
	}
	return k
}

// citeYear4 reports whether s[k] starts a word of exactly four digits.
func citeYear4(s string, k int) bool {
	return citeDigits(s, k) == k+4 && citeWordEnd(s, k+4)
}

// citeWordEnd reports whether a word ending at s[k-1] ends at k: the text ends there or
// goes on with a byte that is no ASCII letter, digit or underscore.
func citeWordEnd(s string, k int) bool { return k >= len(s) || !citeWordByte(s[k]) }

func citeWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func citeDigit(c byte) bool { return '0' <= c && c <= '9' }

func citeAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
