package eval

import "math"

// Cut-offs of the measures.
const (
	MRRDepth    = 10
	NDCGDepth   = 10
	RecallDepth = 20
)

// Metrics are the measures of one query, or their means over several.
type Metrics struct {
	MRR    float64 // reciprocal rank of the first relevant notice in the top MRRDepth, else 0
	NDCG   float64 // binary-gain nDCG over the top NDCGDepth
	Recall float64 // share of the relevant notices in the top RecallDepth
}

// measure scores a ranking: ranked holds the notice ids in rank order, relevant the ids
// judged relevant.
func measure(ranked []string, relevant map[string]bool) Metrics {
	var m Metrics
	if len(relevant) == 0 {
		return m
	}
	found := 0
	dcg := 0.0
	for i, id := range ranked {
		if !relevant[id] {
			continue
		}
		rank := i + 1
		if m.MRR == 0 && rank <= MRRDepth {
			m.MRR = 1 / float64(rank)
		}
		if rank <= NDCGDepth {
			dcg += 1 / math.Log2(float64(rank)+1)
		}
		if rank <= RecallDepth {
			found++
		}
	}
	ideal := 0.0
	for i := 1; i <= min(len(relevant), NDCGDepth); i++ {
		ideal += 1 / math.Log2(float64(i)+1)
	}
	m.NDCG = dcg / ideal
	m.Recall = float64(found) / float64(len(relevant))
	return m
}

// mean averages metrics; the zero Metrics for none.
func mean(ms []Metrics) Metrics {
	var sum Metrics
	for _, m := range ms {
		sum.MRR += m.MRR
		sum.NDCG += m.NDCG
		sum.Recall += m.Recall
	}
	if n := float64(len(ms)); n > 0 {
		sum.MRR /= n
		sum.NDCG /= n
		sum.Recall /= n
	}
	return sum
}
