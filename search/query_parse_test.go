package search

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var parseTests = []struct {
	in, want string
}{
	// Words, phrases and the implicit AND.
	{"Hague", "Hague"},
	{"hague convention", "hague AND convention"},
	{`"central authority"`, `"central authority"`},
	{`"  central   authority "`, `"central authority"`},
	{`“central authority”`, `"central authority"`},
	{`"AND"`, `"AND"`},
	{`adoption "central authority" haiti`, `adoption AND "central authority" AND haiti`},
	{"Côte d'Ivoire", "Côte AND d'Ivoire"},
	{"f(x)", "f AND x"},

	// Operators and precedence: NOT > AND > OR.
	{"a AND b", "a AND b"},
	{"a OR b c", "a OR (b AND c)"},
	{"a b OR c", "(a AND b) OR c"},
	{"a AND b OR c AND d", "(a AND b) OR (c AND d)"},
	{"NOT a b", "NOT a AND b"},
	{"a NOT b", "a AND NOT b"},
	{"a AND NOT b", "a AND NOT b"},
	{"a OR NOT b", "a OR NOT b"},
	{"NOT a OR b", "NOT a OR b"},
	{"NOT NOT a", "NOT NOT a"},
	{"NOT(a)", "NOT a"},
	{"NOT (a OR b) c", "NOT (a OR b) AND c"},
	{"NOT (a b)", "NOT (a AND b)"},
	{"apples and oranges or not pears", "apples AND and AND oranges AND or AND not AND pears"},
	{"And Or Not", "And AND Or AND Not"},

	// + and - prefixes.
	{"-a", "NOT a"},
	{"a -b", "a AND NOT b"},
	{"-a b", "NOT a AND b"},
	{"+a +b", "a AND b"},
	{"-(a OR b)", "NOT (a OR b)"},
	{`-"the hague"`, `NOT "the hague"`},
	{"hague-convention", "hague-convention"},
	{"a - b", "a AND b"},
	{"a + b", "a AND b"},
	{"--a", "--a"},

	// Parentheses.
	{"((a))", "a"},
	{"(a OR b) (c OR d)", "(a OR b) AND (c OR d)"},
	{"(a b) c", "a AND b AND c"},
	{"a OR (b OR c)", "a OR b OR c"},
	{"(a OR b) OR c", "a OR b OR c"},
	{"a (b OR (c d))", "a AND (b OR (c AND d))"},

	// Fields.
	{"country:cambodia", "country:cambodia"},
	{`Country:"Costa  Rica"`, `country:"Costa Rica"`},
	{`country:"burma"`, "country:burma"},
	{`country:"AND"`, "country:AND"},
	{`CountrY:"*"`, `country:"*"`},
	{`topic:"a~1"`, `topic:"a~1"`},
	{"country:kh", "country:kh"},
	{"topic:hague-convention", "topic:hague-convention"},
	{"type:Alert", "type:Alert"},
	{"title:visa", "title:visa"},
	{`title:"hague convention"`, `title:"hague convention"`},
	{"title:adopt*", "title:adopt*"},
	{"title:adpotion~2", "title:adpotion~2"},
	{"title:AND", "title:AND"},
	{"ministry:justice", "ministry:justice"},
	{`ministry:"ministry of justice"`, `ministry:"ministry of justice"`},
	{`title:foo"bar"`, `title:foo AND "bar"`},
	{`country:"Côte d’Ivoire" -type:alert`, `country:"Côte d’Ivoire" AND NOT type:alert`},

	// Colons that are not fields make plain words.
	{"http://travel.state.gov/adoption", "http://travel.state.gov/adoption"},
	{"10:30", "10:30"},
	{"foo:bar", "foo:bar"},
	{"note: suspended", "note: AND suspended"},

	// Prefix and fuzzy words.
	{"adopt*", "adopt*"},
	{"adopt**", "adopt*"},
	{"ad*", "ad*"},
	{"adpotion~", "adpotion~1"},
	{"adpotion~1", "adpotion~1"},
	{"adpotion~2", "adpotion~2"},
	{"adpotion~0", "adpotion"},
	{"~2", "~2"},
	{"a~b", "a~b"},
	{"0~~0", "0~~0"},
	{"x~2~0", "x~2~0"},
	{"a*b", "a*b"},

	// Dates.
	{"date:2014", "date:2014"},
	{"date:=2014", "date:2014"},
	{"date:2014..2014", "date:2014"},
	{"date:2010..2014", "date:2010..2014"},
	{"date:2010-3..2012-06-30", "date:2010-03..2012-06-30"},
	{"date:2014-06..2014", "date:2014-06..2014"},
	{"date:2014..2014-03", "date:2014..2014-03"},
	{"date:>=2012-06", "date:>=2012-06"},
	{"date:>2012", "date:>=2013"},
	{"date:>2012-12", "date:>=2013-01"},
	{"date:<2005", "date:<=2004"},
	{"date:<2005-03", "date:<=2005-02"},
	{"date:<2004-03-01", "date:<=2004-02-29"},
	{"date:<=2005", "date:<=2005"},
	{"date:2010..", "date:>=2010"},
	{"date:..2014", "date:<=2014"},
	{`date:"2010..2014"`, "date:2010..2014"},
	{"Date:2014-2-3", "date:2014-02-03"},
	{"haiti date:2010 OR date:2012", "(haiti AND date:2010) OR date:2012"},

	// Text that means nothing is skipped.
	{`a "" b`, "a AND b"},
	{"  a\t\nb  ", "a AND b"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		n, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestParseCanonical checks that the canonical form reads back to itself.
func TestParseCanonical(t *testing.T) {
	for _, tt := range parseTests {
		n, err := Parse(tt.want)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.want, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("Parse(%q) = %s, not canonical", tt.want, got)
		}
	}
}

func TestParseTree(t *testing.T) {
	n, err := Parse(`cambodia OR -country:"Viet Nam" adopt* date:>2012`)
	if err != nil {
		t.Fatal(err)
	}
	want := &OrNode{Children: []Node{
		&TermNode{Text: "cambodia"},
		&AndNode{Children: []Node{
			&NotNode{Child: &TermNode{Field: QueryFieldCountry, Text: "Viet Nam"}},
			&TermNode{Text: "adopt", Prefix: true},
			&DateRangeNode{From: "2013"},
		}},
	}}
	if diff := cmp.Diff(want, n); diff != "" {
		t.Errorf("tree (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1)
	tests := []struct {
		in   string
		want error
	}{
		{`"Hague`, &SyntaxError{0, "unclosed quote after 'Hague'"}},
		{`the "Hague`, &SyntaxError{4, "unclosed quote after 'Hague'"}},
		{`a "intercountry adoption from the Hague Convention`, &SyntaxError{2, "unclosed quote after 'intercountry adoption from the…'"}},
		{`country:"Costa`, &SyntaxError{8, "unclosed quote after 'Costa'"}},
		{`a "`, &SyntaxError{2, "unclosed quote at the end of the query"}},
		{`ü "Ü`, &SyntaxError{2, "unclosed quote after 'Ü'"}}, // positions count characters, not bytes
		{"(a OR b", &SyntaxError{0, "unbalanced parenthesis: '(' is never closed"}},
		{"a (b (c)", &SyntaxError{2, "unbalanced parenthesis: '(' is never closed"}},
		{"a OR b)", &SyntaxError{6, "unbalanced parenthesis: ')' has no matching '('"}},
		{")", &SyntaxError{0, "unbalanced parenthesis: ')' has no matching '('"}},
		{"()", &SyntaxError{0, "empty parentheses"}},
		{"a ( )", &SyntaxError{2, "empty parentheses"}},
		{"a AND", &SyntaxError{2, "AND needs a word after it"}},
		{"a AND OR b", &SyntaxError{2, "AND needs a word after it"}},
		{"(a AND) b", &SyntaxError{3, "AND needs a word after it"}},
		{"a OR", &SyntaxError{2, "OR needs a word after it"}},
		{"AND a", &SyntaxError{0, "AND needs a word before it"}},
		{"OR", &SyntaxError{0, "OR needs a word before it"}},
		{"(OR a)", &SyntaxError{1, "OR needs a word before it"}},
		{"NOT", &SyntaxError{0, "NOT needs a word after it"}},
		{"a NOT", &SyntaxError{2, "NOT needs a word after it"}},
		{"NOT OR a", &SyntaxError{0, "NOT needs a word after it"}},
		{"-AND", &SyntaxError{0, "- needs a word after it"}},
		{"country:", &SyntaxError{0, "country: needs a value, like country:cambodia"}},
		{`a country:""`, &SyntaxError{2, "country: needs a value, like country:cambodia"}},
		{"date: 2014", &SyntaxError{0, "date: needs a value, like date:2014 or date:2010..2014"}},
		{"(title:)", &SyntaxError{1, "title: needs a value, like title:visa"}},
		{"a*", &SyntaxError{0, "'a*' is too broad: type at least 2 letters before the *"}},
		{"*", &SyntaxError{0, "'*' is too broad: type at least 2 letters before the *"}},
		{"title:a*", &SyntaxError{0, "'a*' is too broad: type at least 2 letters before the *"}},
		{"ab*~", &SyntaxError{0, "'ab*~' mixes * and ~: use one of them"}},
		{"country:camb*", &SyntaxError{0, "* and ~ work on plain words and title: only, not on country:"}},
		{"type:alert~", &SyntaxError{0, "* and ~ work on plain words and title: only, not on type:"}},
		{"adoption~3", &QueryError{0, "fuzziness can be at most 2: try 'adoption~1' or 'adoption~2'"}},
		{"a adoption~99999999999999999999", &QueryError{2, "fuzziness can be at most 2: try 'adoption~1' or 'adoption~2'"}},
		{"date:2014..2010", &SyntaxError{0, "the date range 2014..2010 ends before it starts"}},
		{"date:2014-07..2014-06-30", &SyntaxError{0, "the date range 2014-07..2014-06-30 ends before it starts"}},
		{"date:yesterday", badDate("yesterday", 0)},
		{"date:2014-13", badDate("2014-13", 0)},
		{"date:2014-02-30", badDate("2014-02-30", 0)},
		{"date:14", badDate("14", 0)},
		{"date:1500", badDate("1500", 0)},
		{"date:+2014", badDate("+2014", 0)},
		{"date:2014-+1", badDate("2014-+1", 0)},
		{"date:2014-001", badDate("2014-001", 0)},
		{"date:>", badDate(">", 0)},
		{"date:..", badDate("..", 0)},
		{"date:2010..2012..2014", badDate("2012..2014", 0)},
		{"", &SyntaxError{0, "empty query"}},
		{" \t ", &SyntaxError{0, "empty query"}},
		{`+ - ""`, &SyntaxError{0, "empty query"}},
		{deep, &QueryError{MaxDepth, "the query nests too deeply: the limit is 20 levels of parentheses and NOTs"}},
		{strings.Repeat("NOT ", MaxDepth+1) + "a", &QueryError{4 * MaxDepth, "the query nests too deeply: the limit is 20 levels of parentheses and NOTs"}},
		{strings.Repeat("é", MaxQueryLength+1), &QueryError{-1, "the query is too long: 1001 characters, the limit is 1000"}},
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %s, want error %v", tt.in, n, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.want, err); diff != "" {
			t.Errorf("Parse(%q) error (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseLimitsAccepted(t *testing.T) {
	ok := []string{
		strings.Repeat("(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth),
		strings.Repeat("é", MaxQueryLength),
	}
	for _, in := range ok {
		if _, err := Parse(in); err != nil {
			t.Errorf("Parse(%.20q...): %v", in, err)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	_, err := Parse(`"Hague`)
	if got, want := err.Error(), "unclosed quote after 'Hague' (at 0)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("error %T is not a *SyntaxError", err)
	}
	if got, want := (&QueryError{Pos: -1, Msg: "unknown country 'Atlantis'"}).Error(), "unknown country 'Atlantis'"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := (&QueryError{Pos: 3, Msg: "too fuzzy"}).Error(), "too fuzzy (at 3)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
