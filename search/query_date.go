package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Years a date may name; Bleve's date fields hold 1677 to 2262.
const (
	minYear = 1700
	maxYear = 2200
)

// day is a date of year, month or day precision, as typed in a query.
type day struct {
	t    time.Time // first instant, UTC
	prec int       // 1 year, 2 month, 3 day
}

// parseDateRange reads the value of date:, one of 2014, 2010..2014, 2010.., ..2014,
// >=2012-06, >2012, <=2005, <2005, with years, months or days.
func parseDateRange(v string, pos int) (*DateRangeNode, error) {
	v = strings.TrimPrefix(v, "=")
	for _, op := range []string{">=", "<=", ">", "<"} {
		if rest, ok := strings.CutPrefix(v, op); ok {
			return comparison(op, rest, pos)
		}
	}
	from, to, isRange := strings.Cut(v, "..")
	if !isRange {
		to = from
	}
	if from == "" && to == "" {
		return nil, badDate(v, pos)
	}
	n := &DateRangeNode{}
	var err error
	if n.From, err = normaliseDate(from, pos); err != nil {
		return nil, err
	}
	if n.To, err = normaliseDate(to, pos); err != nil {
		return nil, err
	}
	if n.From != "" && n.To != "" {
		start, _ := dateStart(n.From)
		end, _ := dateEnd(n.To)
		if start.After(end) {
			return nil, syntaxErrorf(pos, "the date range %s..%s ends before it starts", n.From, n.To)
		}
	}
	return n, nil
}

// comparison turns >=, >, <= and < into an inclusive open range: <2005 is <=2004.
func comparison(op, v string, pos int) (*DateRangeNode, error) {
	d, err := parseInputDay(v)
	if err != nil {
		return nil, badDate(op+v, pos)
	}
	switch op {
	case ">":
		d = d.shift(1)
	case "<":
		d = d.shift(-1)
	}
	if op[0] == '>' {
		return &DateRangeNode{From: d.String()}, nil
	}
	return &DateRangeNode{To: d.String()}, nil
}

// normaliseDate returns a date bound in canonical form, "" staying "".
func normaliseDate(v string, pos int) (string, error) {
	if v == "" {
		return "", nil
	}
	d, err := parseInputDay(v)
	if err != nil {
		return "", badDate(v, pos)
	}
	return d.String(), nil
}

// parseInputDay reads a date typed in a query, which must fall in minYear..maxYear.
func parseInputDay(v string) (day, error) {
	d, err := parseDay(v)
	if err == nil && (d.t.Year() < minYear || d.t.Year() > maxYear) {
		err = fmt.Errorf("year of %q out of range", v)
	}
	return d, err
}

func badDate(v string, pos int) error {
	return syntaxErrorf(pos, "cannot read the date '%s': use a year (2014), a month (2014-06), a day (2014-06-30), a range (2010..2014) or a comparison (>=2012, <2005), with years %d to %d", shorten(v), minYear, maxYear)
}

// parseDay reads YYYY, YYYY-M[M] or YYYY-M[M]-D[D].
func parseDay(v string) (day, error) {
	parts := strings.Split(v, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return day{}, fmt.Errorf("bad date %q", v)
	}
	nums := []int{0, 1, 1}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || p[0] == '+' || (i > 0 && len(p) > 2) {
			return day{}, fmt.Errorf("bad date %q", v)
		}
		nums[i] = n
	}
	t := time.Date(nums[0], time.Month(nums[1]), nums[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != nums[0] || int(t.Month()) != nums[1] || t.Day() != nums[2] {
		return day{}, fmt.Errorf("no such date %q", v)
	}
	return day{t: t, prec: len(parts)}, nil
}

// shift moves a date by n of its own units: years, months or days.
func (d day) shift(n int) day {
	switch d.prec {
	case 1:
		d.t = d.t.AddDate(n, 0, 0)
	case 2:
		d.t = d.t.AddDate(0, n, 0)
	default:
		d.t = d.t.AddDate(0, 0, n)
	}
	return d
}

// end returns the last second the date covers.
func (d day) end() time.Time {
	return d.shift(1).t.Add(-time.Second)
}

func (d day) String() string {
	layouts := [...]string{"2006", "2006-01", "2006-01-02"}
	return d.t.Format(layouts[d.prec-1])
}

// dateStart and dateEnd return the first and last second of a normalised date bound.
func dateStart(v string) (time.Time, error) {
	d, err := parseDay(v)
	return d.t, err
}

func dateEnd(v string) (time.Time, error) {
	d, err := parseDay(v)
	if err != nil {
		return time.Time{}, err
	}
	return d.end(), nil
}
