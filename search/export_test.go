package search

import "github.com/RoaringBitmap/roaring/v2"

// SetPartsForTest makes indexes of at least minDocs documents be walked in n parts, and
// returns the function that restores the defaults.
func SetPartsForTest(n, minDocs int) (restore func()) {
	oldN, oldMin := partsWanted, partsMinDocs
	partsWanted, partsMinDocs = func() int { return n }, minDocs
	return func() { partsWanted, partsMinDocs = oldN, oldMin }
}

// BigramPhrasesForTest reports whether the current generation checks long phrases as
// phrases of word pairs.
func (ix *Index) BigramPhrasesForTest() bool { return ix.compileOptions(nil).BigramPhrases }

// SetDenseForTest makes ranked walks score every range at once (dense true) or position
// the walk on each match (dense false), whatever denseCheaper estimates, and returns the
// function that restores the estimate.
func SetDenseForTest(dense bool) (restore func()) {
	old := denseCheaper
	denseCheaper = func([]walkNode, *roaring.Bitmap, uint64) bool { return dense }
	return func() { denseCheaper = old }
}

// SetSetsForTest makes searches with at least min matches count their facets from sets,
// and returns the function that restores the default.
func SetSetsForTest(min uint64) (restore func()) {
	old := setsFrom
	setsFrom = min
	return func() { setsFrom = old }
}

// SetRawPostingsForTest turns reading postings lists straight from the segments' bytes on
// or off, and returns the function that restores the default.
func SetRawPostingsForTest(on bool) (restore func()) {
	old := readRaw
	readRaw = on
	return func() { readRaw = old }
}

// SetSparseForTest makes ranked walks that are not dense score their matches with a
// sparse filler (on) or position the walk on each (off), and returns the function that
// restores the estimate.
func SetSparseForTest(on bool) (restore func()) {
	old := sparseCheaper
	sparseCheaper = func([]walkNode) bool { return on }
	return func() { sparseCheaper = old }
}

// SetCountByDocumentForTest makes facets counted from sets count every set document by
// document (on) or by intersections (off), and returns the function that restores the
// estimate.
func SetCountByDocumentForTest(on bool) (restore func()) {
	old := countByDocument
	countByDocument = func(_, _, _ uint64) bool { return on }
	return func() { countByDocument = old }
}
