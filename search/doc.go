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
// How a search runs (the speed design, measured in BENCHMARKS.md): queries of words joined
// by AND, OR and NOT are walked directly over Bleve's postings and scored exactly as Bleve
// would (walk.go), other queries through Bleve's searchers; either way a collector sees
// every match once, filters it, counts every facet and the histogram from the columns and
// keeps the top hits (collect.go). A large index is walked in parts in parallel when cores
// are idle (partition.go). Only the page's hits are then loaded, and their snippets marked
// from the stored text (highlight.go).
package search
