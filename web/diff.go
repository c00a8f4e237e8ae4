package web

import (
	"slices"
	"strings"
)

// diffOp is what a segment of a comparison shows.
type diffOp string

// Kinds of segments.
const (
	diffEqual  diffOp = "eq"  // in both texts
	diffDelete diffOp = "del" // only in the earlier text
	diffInsert diffOp = "ins" // only in the later text
	diffGap    diffOp = "gap" // unchanged words left out
)

// diffSegment is a run of words with the same fate. The template escapes Text.
type diffSegment struct {
	Op   diffOp
	Text string
}

// diffPara is a paragraph of a comparison, or a gap of unchanged paragraphs left out
// (Skipped words, no segments).
type diffPara struct {
	Segments []diffSegment
	Skipped  int
}

// Gap reports whether the paragraph stands for unchanged paragraphs left out.
func (p diffPara) Gap() bool { return p.Segments == nil }

// textDiff is the comparison of two texts, word by word.
type textDiff struct {
	Paragraphs        []diffPara
	Inserted, Deleted int // words
	// Coarse reports that the texts were too long or too different to compare word by
	// word everywhere: some changed paragraphs show whole, removed then added.
	Coarse bool
}

// Same reports whether the texts have the same words.
func (d textDiff) Same() bool { return d.Inserted == 0 && d.Deleted == 0 }

// Bounds of a comparison.
const (
	// diffContext is the most unchanged words shown on either side of a change, within
	// its paragraph.
	diffContext = 12
	// diffMinGap is the fewest unchanged words worth leaving out.
	diffMinGap = 8
	// diffMaxEdits bounds the edit distance searched word by word, and the memory of
	// the search (edits² int32); diffMaxWork bounds its steps, and so its time (a step,
	// a diagonal tried or a word matched, takes a few nanoseconds).
	diffMaxEdits = 1000
	diffMaxWork  = 2_000_000
)

// paraBreak is the token between paragraphs; strings.Fields never returns it.
const paraBreak = "\n"

// diffTexts compares two notice bodies (paragraphs separated by blank lines) word by
// word, with the paragraphs of both, and leaves out long unchanged stretches, keeping
// diffContext words around each change. Texts too long or too different to compare
// word by word in bounded time are compared paragraph by paragraph, and the changed
// paragraphs word by word where that fits.
func diffTexts(old, new string) textDiff {
	a, b := diffTokens(old), diffTokens(new)
	var d textDiff
	// Half the work for the whole texts; what is left for their changed paragraphs.
	toks, ok, cost := wordDiff(a, b, diffMaxWork/2)
	if !ok {
		toks, d.Coarse = paragraphDiff(old, new, len(a)+len(b), diffMaxWork-cost)
	}
	toks = deletionsFirst(toks)
	for _, t := range toks {
		if t.text == paraBreak {
			continue
		}
		switch t.op {
		case diffInsert:
			d.Inserted++
		case diffDelete:
			d.Deleted++
		}
	}
	d.Paragraphs = assemble(collapse(toks))
	return d
}

// diffTokens splits a body into words, with paraBreak between paragraphs.
func diffTokens(body string) []string {
	var out []string
	for i, p := range paragraphs(body) {
		if i > 0 {
			out = append(out, paraBreak)
		}
		out = append(out, strings.Fields(p)...)
	}
	return out
}

// tok is one token of a comparison; a gap token stands for skipped words left out, as
// a whole paragraph when block is set.
type tok struct {
	op      diffOp
	text    string
	skipped int
	block   bool
}

// wordDiff compares two token lists, or reports that it would take more than about
// work steps of myers. It returns the steps it took.
func wordDiff(a, b []string, work int) (_ []tok, ok bool, cost int) {
	// Common ends cost nothing and are most of a typical edit.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	midA, midB := a[pre:len(a)-suf], b[pre:len(b)-suf]
	ia, ib := intern(midA, midB)
	if minEdits(ia, ib) > diffMaxEdits {
		return nil, false, len(ia) + len(ib)
	}
	ops, ok, cost := myers(ia, ib, diffMaxEdits, work)
	if !ok {
		return nil, false, cost
	}
	out := make([]tok, 0, len(a)+len(b))
	for _, w := range a[:pre] {
		out = append(out, tok{op: diffEqual, text: w})
	}
	i, j := 0, 0
	for _, op := range ops {
		switch op {
		case diffEqual:
			out = append(out, tok{op: op, text: midB[j]})
			i, j = i+1, j+1
		case diffDelete:
			out = append(out, tok{op: op, text: midA[i]})
			i++
		case diffInsert:
			out = append(out, tok{op: op, text: midB[j]})
			j++
		}
	}
	for _, w := range b[len(b)-suf:] {
		out = append(out, tok{op: diffEqual, text: w})
	}
	return out, true, cost
}

// minEdits is a lower bound of the edits from a to b: the tokens of one that the other
// lacks (counting repeats), since a common subsequence has each token at most as often
// as the text that has it less.
func minEdits(a, b []int32) int {
	count := map[int32]int{}
	for _, t := range a {
		count[t]++
	}
	common := 0
	for _, t := range b {
		if count[t] > 0 {
			count[t]--
			common++
		}
	}
	return len(a) + len(b) - 2*common
}

// intern numbers the distinct strings of a and b, so that comparing them is cheap.
func intern(a, b []string) (ia, ib []int32) {
	ids := make(map[string]int32, len(a)+len(b))
	conv := func(ss []string) []int32 {
		out := make([]int32, len(ss))
		for i, s := range ss {
			id, ok := ids[s]
			if !ok {
				id = int32(len(ids))
				ids[s] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}

// myers returns a shortest edit script turning a into b, one op per token (Myers, "An
// O(ND) difference algorithm", 1986), or false when it needs more than maxD edits or
// more than about work steps (diagonals tried and tokens matched). It takes
// O((N+M)·D) time and O(D²) memory, and reports the steps it took.
func myers(a, b []int32, maxD, work int) (_ []diffOp, ok bool, steps int) {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int32, 2*off+1)
	// trace[d] is v[-d..d] after d edits, cut from slabs to save copying.
	var trace [][]int32
	var slab []int32
	keep := func(d int) {
		row := v[off-d : off+d+1]
		if cap(slab)-len(slab) < len(row) {
			size := 1 << 15
			if slab == nil { // often the only one: no bigger than the whole trace
				size = min(size, (maxD+1)*(maxD+1))
			}
			slab = make([]int32, 0, max(size, len(row)))
		}
		start := len(slab)
		slab = append(slab, row...)
		trace = append(trace, slab[start:len(slab):len(slab)])
	}
	for d := 0; d <= maxD && steps <= work; d++ {
		for k := -d; k <= d; k += 2 {
			steps++
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = int(v[off+k+1]) // down: insert b[y]
			} else {
				x = int(v[off+k-1]) + 1 // right: delete a[x]
			}
			y := x - k
			x0 := x
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			steps += x - x0
			v[off+k] = int32(x)
			if x >= n && y >= m {
				keep(d)
				return backtrack(trace, n, m), true, steps
			}
		}
		keep(d)
	}
	return nil, false, steps
}

// backtrack follows the trace of myers back from (n, m) and returns the edit script.
func backtrack(trace [][]int32, n, m int) []diffOp {
	ops := make([]diffOp, 0, n+m)
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1] // index k+d-1 holds diagonal k
		k := x - y
		pk := k - 1
		if k == -d || (k != d && prev[k-1+d-1] < prev[k+1+d-1]) {
			pk = k + 1
		}
		px := int(prev[pk+d-1])
		py := px - pk
		for x > px && y > py {
			ops = append(ops, diffEqual)
			x, y = x-1, y-1
		}
		if x == px {
			ops = append(ops, diffInsert)
			y--
		} else {
			ops = append(ops, diffDelete)
			x--
		}
	}
	for ; x > 0 && y > 0; x, y = x-1, y-1 {
		ops = append(ops, diffEqual)
	}
	slices.Reverse(ops)
	return ops
}

// paragraphDiff compares two bodies paragraph by paragraph, then each changed stretch
// word by word (paragraph by paragraph when it has as many on each side) while work
// (steps of myers) remains; a stretch that does not fit shows
// its paragraphs whole, removed then added, and makes the comparison coarse. size is
// the number of tokens of both.
func paragraphDiff(old, new string, size, work int) (_ []tok, coarse bool) {
	pa, pb := paragraphs(old), paragraphs(new)
	for _, ps := range [][]string{pa, pb} {
		for i, p := range ps {
			ps[i] = strings.Join(strings.Fields(p), " ")
		}
	}
	ia, ib := intern(pa, pb)
	ops, ok, _ := myers(ia, ib, diffMaxEdits, diffMaxWork)
	if !ok { // thousands of changed paragraphs: all of one, then all of the other
		ops = nil
		for range pa {
			ops = append(ops, diffDelete)
		}
		for range pb {
			ops = append(ops, diffInsert)
		}
	}
	out := make([]tok, 0, size)
	para := func(op diffOp, p string) {
		if len(out) > 0 {
			out = append(out, tok{op: diffEqual, text: paraBreak})
		}
		for _, w := range strings.Fields(p) {
			out = append(out, tok{op: op, text: w})
		}
	}
	// refine compares paragraphs word by word while work remains.
	refine := func(old, new []string) bool {
		if work <= 0 {
			return false
		}
		words, ok, cost := wordDiff(diffTokens(strings.Join(old, "\n\n")), diffTokens(strings.Join(new, "\n\n")), work)
		work -= cost
		if ok {
			if len(out) > 0 {
				out = append(out, tok{op: diffEqual, text: paraBreak})
			}
			out = append(out, words...)
		}
		return ok
	}
	i, j := 0, 0
	for k := 0; k < len(ops); {
		if ops[k] == diffEqual {
			para(diffEqual, pb[j])
			i, j, k = i+1, j+1, k+1
			continue
		}
		// A changed stretch: the paragraphs removed and added up to the next equal one.
		i0, j0 := i, j
		for ; k < len(ops) && ops[k] != diffEqual; k++ {
			if ops[k] == diffDelete {
				i++
			} else {
				j++
			}
		}
		if i-i0 == j-j0 { // as many paragraphs on each side: compare them in pairs
			for p := range i - i0 {
				if !refine(pa[i0+p:i0+p+1], pb[j0+p:j0+p+1]) {
					coarse = true
					para(diffDelete, pa[i0+p])
					para(diffInsert, pb[j0+p])
				}
			}
			continue
		}
		if i > i0 && j > j0 && refine(pa[i0:i], pb[j0:j]) {
			continue
		}
		coarse = coarse || (i > i0 && j > j0)
		for _, p := range pa[i0:i] {
			para(diffDelete, p)
		}
		for _, p := range pb[j0:j] {
			para(diffInsert, p)
		}
	}
	return out, coarse
}

// deletionsFirst orders each stretch of changes as its removed words, then its added
// ones, so that a replaced phrase reads as one removal and one addition.
func deletionsFirst(toks []tok) []tok {
	for i := 0; i < len(toks); {
		if toks[i].op == diffEqual {
			i++
			continue
		}
		j := i
		for j < len(toks) && toks[j].op != diffEqual {
			j++
		}
		slices.SortStableFunc(toks[i:j], func(x, y tok) int {
			return rank(x.op) - rank(y.op)
		})
		i = j
	}
	return toks
}

func rank(op diffOp) int {
	if op == diffDelete {
		return 0
	}
	return 1
}

// collapse leaves out the middle of each long unchanged stretch, keeping up to
// diffContext words next to a change within its paragraph. What it leaves out becomes
// gap tokens: inline for words within a paragraph, a block for whole paragraphs.
func collapse(toks []tok) []tok {
	out := make([]tok, 0, len(toks))
	for i := 0; i < len(toks); {
		if toks[i].op != diffEqual {
			out = append(out, toks[i])
			i++
			continue
		}
		j := i
		for j < len(toks) && toks[j].op == diffEqual {
			j++
		}
		head, tail := 0, 0
		if i > 0 { // a change before: keep the words after it
			for head < diffContext && i+head < j && toks[i+head].text != paraBreak {
				head++
			}
		}
		if j < len(toks) { // a change after: keep the words before it
			for tail < diffContext && j-1-tail >= i+head && toks[j-1-tail].text != paraBreak {
				tail++
			}
		}
		hidden := toks[i+head : j-tail]
		if words(hidden) < diffMinGap {
			out = append(out, toks[i:j]...)
		} else {
			out = append(out, toks[i:i+head]...)
			lo, hi := i+head, j-tail
			startsPara := lo == 0 || toks[lo-1].text == paraBreak
			endsPara := hi == len(toks) || toks[hi].text == paraBreak
			out = append(out, gaps(hidden, startsPara, endsPara)...)
			out = append(out, toks[j-tail:j]...)
		}
		i = j
	}
	return out
}

// words counts the words of toks, not the paragraph breaks.
func words(toks []tok) int {
	n := 0
	for _, t := range toks {
		if t.text != paraBreak {
			n++
		}
	}
	return n
}

// gaps stands for unchanged tokens left out: "…" in a paragraph it cuts, and a gap
// paragraph for the paragraphs it covers whole. startsPara and endsPara tell whether
// hidden begins at the start of a paragraph and ends at the end of one.
func gaps(hidden []tok, startsPara, endsPara bool) []tok {
	first := slices.IndexFunc(hidden, func(t tok) bool { return t.text == paraBreak })
	if first < 0 {
		return []tok{{op: diffGap, skipped: len(hidden), block: startsPara && endsPara}}
	}
	last := len(hidden) - 1
	for hidden[last].text != paraBreak {
		last--
	}
	// hidden is: the end of a paragraph, whole paragraphs, the start of a paragraph.
	whole := words(hidden[first:last])
	var out []tok
	if startsPara {
		whole += first
	} else if first > 0 {
		out = append(out, tok{op: diffGap, skipped: first})
	}
	out = append(out, tok{op: diffEqual, text: paraBreak})
	after := len(hidden) - 1 - last
	if endsPara {
		whole += after
	}
	if whole > 0 {
		out = append(out, tok{op: diffGap, skipped: whole, block: true})
	}
	if !endsPara && after > 0 {
		out = append(out, tok{op: diffGap, skipped: after})
	}
	return out
}

// assemble groups tokens into paragraphs of segments: a paragraph break in either text
// starts a new paragraph (a removed or added one shows as a marked "¶"), a block gap is
// a paragraph of its own, and neighbouring words with the same fate join in a segment.
func assemble(toks []tok) []diffPara {
	var (
		out   []diffPara
		cur   []diffSegment
		run   []string // words of the segment being built
		runOp diffOp
	)
	endRun := func() {
		if len(run) > 0 {
			cur = append(cur, diffSegment{Op: runOp, Text: strings.Join(run, " ")})
			run = run[:0]
		}
	}
	word := func(op diffOp, w string) {
		if op != runOp || op == diffGap {
			endRun()
			runOp = op
		}
		run = append(run, w)
	}
	endPara := func() {
		endRun()
		if len(cur) > 0 {
			out = append(out, diffPara{Segments: cur})
			cur = nil
		}
	}
	for _, t := range toks {
		switch {
		case t.block:
			endPara()
			out = append(out, diffPara{Skipped: t.skipped})
		case t.text == paraBreak:
			if t.op != diffEqual {
				word(t.op, "¶")
			}
			endPara()
		case t.op == diffGap:
			word(diffGap, "…")
		default:
			word(t.op, t.text)
		}
	}
	endPara()
	return out
}
