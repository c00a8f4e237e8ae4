package main

import (
	"math"
	"slices"
	"time"
)

// latencies summarises a set of measured durations.
type latencies struct {
	N             int
	P50, P95, P99 time.Duration
	Mean, Max     time.Duration
}

// summarize computes the percentiles of ds (nearest rank). It does not modify ds.
func summarize(ds []time.Duration) latencies {
	if len(ds) == 0 {
		return latencies{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	return latencies{
		N:    len(s),
		P50:  percentile(s, 50),
		P95:  percentile(s, 95),
		P99:  percentile(s, 99),
		Mean: sum / time.Duration(len(s)),
		Max:  s[len(s)-1],
	}
}

// percentile returns the nearest-rank p-th percentile of sorted values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// ms formats a duration in milliseconds with a precision that suits its size.
func ms(d time.Duration) string {
	f := float64(d) / float64(time.Millisecond)
	switch {
	case d == 0:
		return "–"
	case f < 1:
		return trimFloat(f, 3)
	case f < 100:
		return trimFloat(f, 2)
	}
	return trimFloat(f, 0)
}

// ratio formats a/b, "–" when either is missing.
func ratio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	return trimFloat(float64(a)/float64(b), 3)
}
