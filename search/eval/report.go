package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Format writes the measures per class and overall as a Markdown table.
func (rep *Report) Format(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "set %s: %d queries\n\n", rep.Set, len(rep.Results))
	fmt.Fprintf(&b, "| class | queries | MRR@%d | nDCG@%d | recall@%d |\n|---|---:|---:|---:|---:|\n", MRRDepth, NDCGDepth, RecallDepth)
	for _, c := range rep.Classes {
		fmt.Fprintf(&b, "| %s | %d | %.3f | %.3f | %.3f |\n", c.Class, c.N, c.MRR, c.NDCG, c.Recall)
	}
	fmt.Fprintf(&b, "| **overall** | %d | **%.3f** | **%.3f** | **%.3f** |\n", len(rep.Results), rep.Overall.MRR, rep.Overall.NDCG, rep.Overall.Recall)
	if len(rep.Missing) > 0 {
		fmt.Fprintf(&b, "\njudged pages not in the index: %s\n", strings.Join(rep.Missing, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FormatQueries writes one line per query: its measures, the ranks of its judged pages
// (0 = not in the top RecallDepth) and what the typo-tolerant pass did.
func (rep *Report) FormatQueries(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "class\tquery\tMRR\tnDCG\trecall\tranks\thits\tnote")
	for _, r := range rep.Results {
		var note []string
		if r.Fuzzy {
			note = append(note, "fuzzy")
		}
		if r.DidYouMean != "" {
			note = append(note, fmt.Sprintf("did you mean %q", r.DidYouMean))
		}
		if r.Err != "" {
			note = append(note, "error: "+r.Err)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\t%v\t%d\t%s\n", r.Class, r.Query.Query, r.MRR, r.NDCG, r.Recall, r.Ranks, r.Total, strings.Join(note, "; "))
	}
	return tw.Flush()
}

// Check reports the targets the report misses: an overall MRR@10 below minOverall or a
// class whose MRR@10 is below minClass. It returns nil when both are met.
func (rep *Report) Check(minOverall, minClass float64) error {
	var misses []string
	if rep.Overall.MRR < minOverall {
		misses = append(misses, fmt.Sprintf("overall MRR@%d %.3f < %.2f", MRRDepth, rep.Overall.MRR, minOverall))
	}
	for _, c := range rep.Classes {
		if c.MRR < minClass {
			misses = append(misses, fmt.Sprintf("class %q MRR@%d %.3f < %.2f", c.Class, MRRDepth, c.MRR, minClass))
		}
	}
	if len(misses) == 0 {
		return nil
	}
	return fmt.Errorf("set %s misses its targets: %s", rep.Set, strings.Join(misses, "; "))
}
