package search

import "fmt"

// Limits on a query, enforced as user errors (*QueryError) rather than left to Bleve.
const (
	MaxQueryLength = 1000 // characters of query text
	MaxClauses     = 64   // words, phrases, field values and dates, synonyms included
	MaxDepth       = 20   // nesting of parentheses and NOTs
)

// SyntaxError reports query text that cannot be read, such as an unclosed quote.
type SyntaxError struct {
	Pos int    // offset of the problem in characters (runes) from the start, 0-based
	Msg string // what is wrong, in words a person understands
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s (at %d)", e.Msg, e.Pos)
}

// QueryError reports a query that reads well but asks for something the archive cannot
// search: an unknown country or type, too much fuzziness, or a query over the limits.
type QueryError struct {
	Pos int    // offset in characters (runes), or -1 when the error concerns the whole query
	Msg string // what is wrong, in words a person understands
}

func (e *QueryError) Error() string {
	if e.Pos < 0 {
		return e.Msg
	}
	return fmt.Sprintf("%s (at %d)", e.Msg, e.Pos)
}

func syntaxErrorf(pos int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func queryErrorf(pos int, format string, args ...any) *QueryError {
	return &QueryError{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}
