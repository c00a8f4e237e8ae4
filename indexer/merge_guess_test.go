package indexer

import (
	"errors"
	"testing"

	"github.com/noticearchive/noticearchive/indexer/pairs"
)

// TestPairsGuessTakenOnlyForItsOrder: an encoding made during the merge is used only for
// the order it was made for, and not when making it failed.
func TestPairsGuessTakenOnlyForItsOrder(t *testing.T) {
	b := pairs.NewBuilder()
	order := []string{"a", "b", "c"}
	enc, err := b.Encode(order, 0)
	if err != nil {
		t.Fatal(err)
	}
	done := func(g *pairsGuess) *pairsGuess {
		g.done = make(chan struct{})
		close(g.done)
		return g
	}
	var none *pairsGuess
	if none.take(order) != nil {
		t.Error("a nil guess gave an encoding")
	}
	if got := done(&pairsGuess{order: order, enc: enc}).take([]string{"a", "b", "c"}); got != enc {
		t.Error("the guess for the same order was not taken")
	}
	for _, other := range [][]string{{"b", "a", "c"}, {"a", "b"}, {"a", "b", "c", "d"}, nil} {
		if done(&pairsGuess{order: order, enc: enc}).take(other) != nil {
			t.Errorf("the guess for %v was taken for %v", order, other)
		}
	}
	if done(&pairsGuess{order: order, enc: enc, err: errors.New("broken")}).take(order) != nil {
		t.Error("a failed guess was taken")
	}
}
