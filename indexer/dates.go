package indexer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date forms understood by ParseDate and found in running text by findDates.
const (
	monthName = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|` +
		`Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`
	romanMonth = `(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)`
	ordinal    = `(?:st|nd|rd|th)?`
)

// datePattern is one written date form: a regular expression and how its groups map to
// year, month and day.
type datePattern struct {
	re             *regexp.Regexp
	year, mon, day int  // submatch indexes; day 0 for a month-only form
	roman          bool // mon is a roman numeral
	numeric        bool // mon is a number
	monthFirst     bool // numeric form written month first (US); swapped when impossible
	needs          dateNeed
}

// dateNeed is what a text must hold for a date form to match anywhere in it (see
// dateNeeds): findDates skips the forms a text cannot hold.
type dateNeed uint8

const (
	needMonthName     dateNeed = 1 << iota // a month's first three letters: "Jan", ..., "Dec"
	needDigitDash                          // a digit, then "-" or "/"
	needDigitRoman                         // a digit, one of "/.-" or a space, a space perhaps, then I, V or X
	needDigitDotDigit                      // a digit, ".", a digit
)

// dateParser holds the compiled date patterns, in order of preference.
type dateParser struct {
	patterns []datePattern // for scanning text, case-sensitive month names
	anchored []datePattern // the same, anchored and case-insensitive, for ParseDate
}

var dates = newDateParser()

func newDateParser() *dateParser {
	forms := []struct {
		expr                       string
		year, mon, day             int
		roman, numeric, monthFirst bool
		needs                      dateNeed
	}{
		// February 17, 2014 / Feb. 17 2014 / February 17th, 2014
		{expr: `(` + monthName + `)\.?\s+(\d{1,2})` + ordinal + `\s*,?\s+(\d{4})`, year: 3, mon: 1, day: 2, needs: needMonthName},
		// 17 February 2014 / 17th of Feb., 2014
		{expr: `(\d{1,2})` + ordinal + `\s+(?:of\s+)?(` + monthName + `)\.?,?\s+(\d{4})`, year: 3, mon: 2, day: 1, needs: needMonthName},
		// 2014-02-17 / 2014/02/17 (and the date of an ISO timestamp)
		{expr: `(\d{4})[-/](\d{1,2})[-/](\d{1,2})`, year: 1, mon: 2, day: 3, numeric: true, needs: needDigitDash},
		// 03/IX/04 / 3.IX.2004 / 3 IX 2004
		{expr: `(\d{1,2})[/.\s-]\s?(` + romanMonth + `)[/.\s-]\s?(\d{4}|\d{2})`, year: 3, mon: 2, day: 1, roman: true, needs: needDigitRoman},
		// 12/01/03 / 12-01-2003 (US order) / 17.02.2014 (day first)
		{expr: `(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})`, year: 3, mon: 1, day: 2, numeric: true, monthFirst: true, needs: needDigitDash},
		{expr: `(\d{1,2})\.(\d{1,2})\.(\d{4})`, year: 3, mon: 2, day: 1, numeric: true, needs: needDigitDotDigit},
		// March 2010 / Mar. 2010 (month precision)
		{expr: `(` + monthName + `)\.?,?\s+(\d{4})`, year: 2, mon: 1, needs: needMonthName},
		// 2010-03 (month precision)
		{expr: `(\d{4})-(\d{2})`, year: 1, mon: 2, numeric: true, needs: needDigitDash},
	}
	p := &dateParser{}
	for i, f := range forms {
		dp := datePattern{year: f.year, mon: f.mon, day: f.day, roman: f.roman, numeric: f.numeric, monthFirst: f.monthFirst, needs: f.needs}
		if i < len(forms)-1 { // a bare 2010-03 in text is too often something else
			scan := dp
			scan.re = regexp.MustCompile(`\b` + f.expr + `\b`)
			p.patterns = append(p.patterns, scan)
		}
		dp.re = regexp.MustCompile(`(?i)^` + f.expr + `$`)
		p.anchored = append(p.anchored, dp)
	}
	return p
}

var (
	weekdayPrefix = regexp.MustCompile(`(?i)^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+`)
	isoTimestamp  = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}`)
	monthIndex    = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
		"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
	romanIndex = map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7,
		"VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12}
)

// ParseDate reads a string that is one written date ("February 17, 2014", "Feb. 17, 2014",
// "17 February 2014", "2014-02-17", "12/01/03", "03/IX/04", "Monday, March 3, 2014",
// "March 2010") and returns it as "YYYY-MM-DD", or "YYYY-MM" when the string gives only a
// month. ok is false when s is not exactly one valid date.
func ParseDate(s string) (date string, ok bool) {
	s = strings.TrimSpace(s)
	if m := isoTimestamp.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	s = strings.TrimRight(s, ".,;: ")
	s = weekdayPrefix.ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 40 {
		return "", false
	}
	for _, p := range dates.anchored {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if d, ok := p.build(m); ok {
			return d, true
		}
	}
	return "", false
}

// build turns a match of p into a date, checking that the day exists.
func (p *datePattern) build(m []string) (string, bool) {
	year, err := strconv.Atoi(m[p.year])
	if err != nil {
		return "", false
	}
	if len(m[p.year]) == 2 {
		year += 2000
		if year > 2049 {
			year -= 100
		}
	}
	var month, day int
	switch {
	case p.roman:
		month = romanIndex[strings.ToUpper(m[p.mon])]
	case p.numeric:
		month, _ = strconv.Atoi(m[p.mon])
	default:
		month = monthIndex[strings.ToLower(m[p.mon])[:3]]
	}
	if p.day > 0 {
		day, _ = strconv.Atoi(m[p.day])
		if p.monthFirst && month > 12 && day <= 12 {
			month, day = day, month
		}
	}
	if year < 1900 || year > 2100 || month < 1 || month > 12 {
		return "", false
	}
	if p.day == 0 {
		return time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), true
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if day < 1 || t.Day() != day {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// dateMatch is a date found in running text.
type dateMatch struct {
	start, end int
	date       string // YYYY-MM-DD or YYYY-MM
}

// findDates returns the dates written in text, in order, without overlaps; full dates win
// over the month-only reading of the same words.
func findDates(text string) []dateMatch {
	if !hasDigitRun(text) {
		return nil
	}
	var out []dateMatch
	has := dateNeeds(text)
	for _, p := range dates.patterns {
		if has&p.needs != p.needs {
			continue // the form matches nowhere in text
		}
		for _, loc := range p.re.FindAllStringSubmatchIndex(text, -1) {
			if overlaps(out, loc[0], loc[1]) {
				continue
			}
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = text[loc[2*i]:loc[2*i+1]]
				}
			}
			if d, ok := p.build(m); ok {
				out = append(out, dateMatch{start: loc[0], end: loc[1], date: d})
			}
		}
	}
	sortMatches(out)
	return out
}

func overlaps(ms []dateMatch, start, end int) bool {
	for _, m := range ms {
		if start < m.end && m.start < end {
			return true
		}
	}
	return false
}

func sortMatches(ms []dateMatch) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// monthPrefixes begin every month name of monthName.
var monthPrefixes = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// dateNeeds returns what text holds of what the date forms need.
func dateNeeds(text string) dateNeed {
	var has dateNeed
	for _, m := range monthPrefixes {
		if strings.Contains(text, m) {
			has |= needMonthName
			break
		}
	}
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	isRoman := func(c byte) bool { return c == 'I' || c == 'V' || c == 'X' }
	for i := 0; i+1 < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			continue
		}
		switch c := text[i+1]; {
		case c == '-' || c == '/':
			has |= needDigitDash
		case c == '.' && i+2 < len(text) && '0' <= text[i+2] && text[i+2] <= '9':
			has |= needDigitDotDigit
		}
		if c := text[i+1]; c == '/' || c == '.' || c == '-' || isSpace(c) {
			if i+2 < len(text) && (isRoman(text[i+2]) || isSpace(text[i+2]) && i+3 < len(text) && isRoman(text[i+3])) {
				has |= needDigitRoman
			}
		}
	}
	return has
}

// hasDigitRun reports whether text holds two digits in a row, without which it holds no
// date.
func hasDigitRun(text string) bool {
	for i := 1; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' && text[i-1] >= '0' && text[i-1] <= '9' {
			return true
		}
	}
	return false
}

// dayOf returns a date as YYYY-MM-DD, completing a month-only date with its first day.
func dayOf(date string) string {
	if len(date) == 7 {
		return date + "-01"
	}
	return date
}
