package indexer

import (
	"fmt"
	"regexp"
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

const citeMonthRE = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

// citeDateRE finds dates: "January 2, 2013", "2 January 2013", "October 2009", "12/01/03",
// "2013-01-02" and "March 10".
var citeDateRE = regexp.MustCompile(`\b(?:` +
	citeMonthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{4})\b` + `|` + // 1 month, 2 day, 3 year
	`(\d{1,2})\s+` + citeMonthRE + `,?\s+(\d{4})\b` + `|` + // 4 day, 5 month, 6 year
	citeMonthRE + `,?\s+(\d{4})\b` + `|` + // 7 month, 8 year
	`(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b` + `|` + // 9 month, 10 day, 11 year
	`(\d{4})-(\d{2})-(\d{2})\b` + `|` + // 12 year, 13 month, 14 day
	citeMonthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b)`) // 15 month, 16 day

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

// citeFindDatesIn appends the valid dates in text[from:to].
func citeFindDatesIn(text string, from, to int, out []citeDate) []citeDate {
	part := text[from:to]
	for _, m := range citeDateRE.FindAllStringSubmatchIndex(part, -1) {
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
			d.month, d.day, d.year = citeMonth(g(1)), citeAtoi(g(2)), citeAtoi(g(3))
		case g(4) != "":
			d.day, d.month, d.year = citeAtoi(g(4)), citeMonth(g(5)), citeAtoi(g(6))
		case g(7) != "":
			d.month, d.year = citeMonth(g(7)), citeAtoi(g(8))
		case g(9) != "":
			d.month, d.day, d.year = citeAtoi(g(9)), citeAtoi(g(10)), citeAtoi(g(11))
			if len(g(11)) == 2 {
				d.year += 2000
				if d.year >= 2070 {
					d.year -= 100
				}
			}
		case g(12) != "":
			d.year, d.month, d.day = citeAtoi(g(12)), citeAtoi(g(13)), citeAtoi(g(14))
		default:
			d.month, d.day = citeMonth(g(15)), citeAtoi(g(16))
		}
		if d.month >= 1 && d.month <= 12 && d.day >= 0 && d.day <= 31 && (d.year == 0 || d.year >= 1900 && d.year < 2100) {
			out = append(out, d)
		}
	}
	return out
}

func citeAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// citeMonth returns 1 for "Jan", "January" or "Jan.".
func citeMonth(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	return 0
}
