package search

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no input panics, that errors are typed with a position inside the
// query, and that the canonical form of a parsed query reads back to itself and compiles.
// Seeds: the parse tests and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			checkQueryError(t, s, err)
			return
		}
		if _, err := Compile(n, CompileOptions{}); err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("Compile(%s): untyped error %v", n, err)
			}
		}
		canon := n.String()
		if !utf8.ValidString(canon) {
			t.Fatalf("Parse(%q).String() = %q, invalid UTF-8", s, canon)
		}
		if utf8.RuneCountInString(canon) > MaxQueryLength {
			return // the canonical form adds ANDs and may pass the limit
		}
		n2, err := Parse(canon)
		if err != nil {
			t.Fatalf("Parse(%q) = %s, which does not parse: %v", s, canon, err)
		}
		if got := n2.String(); got != canon {
			t.Fatalf("Parse(%q) = %s, which reads back as %s", s, canon, got)
		}
	})
}

func checkQueryError(t *testing.T, s string, err error) {
	t.Helper()
	var se *SyntaxError
	var qe *QueryError
	max := utf8.RuneCountInString(s)
	switch {
	case errors.As(err, &se):
		if se.Pos < 0 || se.Pos > max || se.Msg == "" {
			t.Fatalf("Parse(%q): %#v: position outside the query or no message", s, se)
		}
	case errors.As(err, &qe):
		if qe.Pos < -1 || qe.Pos > max || qe.Msg == "" {
			t.Fatalf("Parse(%q): %#v: position outside the query or no message", s, qe)
		}
	default:
		t.Fatalf("Parse(%q): untyped error %v", s, err)
	}
}
