package search

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
