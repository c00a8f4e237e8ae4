package search_test

import (
	"errors"
	"fmt"

	"github.com/noticearchive/noticearchive/search"
)

func ExampleParse() {
	for _, text := range []string{
		`hague convention`,
		`"central authority" (cambodia OR country:kh) -suspended`,
		`adopt* date:>2012 OR type:alert`,
		`the "Hague`,
	} {
		n, err := search.Parse(text)
		var se *search.SyntaxError
		if errors.As(err, &se) {
			fmt.Printf("error at %d: %s\n", se.Pos, se.Msg)
			continue
		}
		fmt.Println(n)
	}
	// Output:
	// hague AND convention
	// "central authority" AND (cambodia OR country:kh) AND NOT suspended
	// (adopt* AND date:>=2013) OR type:alert
	// error at 4: unclosed quote after 'Hague'
}

func ExampleCompile() {
	n, err := search.Parse(`country:burma adoption`)
	if err != nil {
		fmt.Println(err)
		return
	}
	q, err := search.Compile(n, search.CompileOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%T\n", q) // ready for bleve.NewSearchRequest(q)

	n, _ = search.Parse(`country:Atlantis`)
	_, err = search.Compile(n, search.CompileOptions{})
	fmt.Println(err)
	// Output:
	// *query.ConjunctionQuery
	// unknown country 'Atlantis'
}
