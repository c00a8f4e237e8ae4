// Package search answers requests against a notice index: query text in the archive's own
// query language (Parse, Compile), facet filters, a date range, a sort and a page become
// Bleve queries; the answer holds the hits with highlighted snippets, facet counts (each
// counted as if its own filter were off) and a per-year histogram. It knows nothing of
// HTTP.
//
// An Index opens the current generation of an index directory read-only, keeps small
// in-memory columns of the facet values, and switches to a rebuilt generation on Reload
// while searches in flight finish on the old one.
//
// How a search runs (the speed design, measured in BENCHMARKS.md): a query of words joined
// by AND, OR and NOT first becomes the set of documents it matches, computed from the
// postings' document bitmaps alone (bitmaps.go); a phrase of three words or more joins it
// as the documents where its word pairs follow one another (phrase.go). With many
// matches, the facets, the histogram and the total are counted from sets, by
// intersections or, for a small set, document by document, and a date-ordered page is
// taken from the documents sorted once by date (sets.go); with few, a collector visits
// each match, filters it and counts it from the columns (collect.go). Ranked searches
// score only the hits, exactly as Bleve would, reading each term's postings straight
// from the segment's bytes (rawpostings.go): term by term into arrays over the range when
// matches are not rare, or over the matches alone (dense.go), else positioned on each hit
// (walk.go). Other queries (prefixes, fuzzy words) go through Bleve's searchers with the
// collector watching. A large index is walked in parts in parallel when cores are idle
// (partition.go). Only the page's hits are then read, by internal number, and their
// snippets marked from the stored text (hits.go, highlight.go).
package search
