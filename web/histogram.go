package web

import (
	"strconv"

	"github.com/noticearchive/noticearchive/search"
)

// histogramView is the per-year chart as inline SVG.
type histogramView struct {
	Width, Height, Base float64
	Bars                []barView
	Max                 int
	Total               int
	Summary             string
}

// barView is one bar; URL sets the date range to its year.
type barView struct {
	search.Bar
	X, Y, W, H float64
	LabelX     float64
	ShowLabel  bool
	Out        bool // outside the selected date range
	URL        string
	Label      string // for screen readers: "2014: 3 notices"
}

// histogram lays out the bars. It returns nil when there is nothing to chart.
func histogram(bars []search.Bar, st State, path string) *histogramView {
	if len(bars) == 0 {
		return nil
	}
	const width, height, gap = 600.0, 80.0, 2.0
	h := &histogramView{Width: width, Height: height, Base: height}
	for _, b := range bars {
		h.Max = max(h.Max, b.Count)
		h.Total += b.Count
	}
	if h.Total == 0 {
		return nil
	}
	ranged := st.From != "" || st.To != ""
	w := width / float64(len(bars))
	every := (len(bars) + 11) / 12 // at most a dozen year labels
	for i, b := range bars {
		bh := 0.0
		if b.Count > 0 {
			bh = max(2, (height-2)*float64(b.Count)/float64(h.Max))
		}
		v := barView{
			Bar: b, X: float64(i)*w + gap/2, W: max(1, w-gap), Y: height - bh, H: bh,
			LabelX:    float64(i)*w + w/2,
			ShowLabel: i%every == 0,
			Label:     b.Year + ": " + plural(b.Count, "notice", "notices"),
			Out:       ranged && !b.InRange,
		}
		if b.Year == "undated" {
			v.Label = "undated: " + plural(b.Count, "notice", "notices") + " (no date range can select them)"
		} else if b.Count > 0 {
			v.URL = st.WithRange(b.Year, b.Year).URL(path)
		}
		h.Bars = append(h.Bars, v)
	}
	h.Summary = "Notices per year, " + bars[0].Year + " to " + bars[len(bars)-1].Year + "; the tallest bar is " + strconv.Itoa(h.Max) + "."
	return h
}
