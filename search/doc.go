// Package search answers requests against a notice index: query text in the archive's own
// query language (Parse, Compile), facet filters, a date range, a sort and a page become
// Bleve queries; the answer holds the hits with highlighted snippets, facet counts (each
// counted as if its own filter were off) and a per-year histogram. It knows nothing of
// HTTP.
//
// An Index opens the current generation of an index directory read-only, keeps small
// in-memory columns of the facet values, and switches to a rebuilt generation on Reload
// while searches in flight finish on the old one.
package search
