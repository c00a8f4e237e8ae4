package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/noticearchive/noticearchive/search"
)

// Fields of the advanced search form.
const (
	advAll    = "all"
	advPhrase = "phrase"
	advAny    = "any"
	advNone   = "none"
)

// AdvancedQuery is what the advanced form asks for in words.
type AdvancedQuery struct {
	All, Phrase, Any, None string
}

// Build writes the query in the search syntax: every word of All, the Phrase in quotes,
// the words of Any in (a OR b), and -word for each word of None. Words that the syntax
// would read as operators or fields are quoted, and quotes and parentheses typed into
// the form are dropped, so the form never produces a syntax error.
func (a AdvancedQuery) Build() string {
	var parts []string
	for _, w := range formWords(a.All) {
		parts = append(parts, literal(w))
	}
	if p := strings.Join(formWords(a.Phrase), " "); p != "" {
		parts = append(parts, `"`+p+`"`)
	}
	if words := formWords(a.Any); len(words) == 1 {
		parts = append(parts, literal(words[0]))
	} else if len(words) > 1 {
		lits := make([]string, len(words))
		for i, w := range words {
			lits[i] = literal(w)
		}
		parts = append(parts, "("+strings.Join(lits, " OR ")+")")
	}
	for _, w := range formWords(a.None) {
		parts = append(parts, "-"+literal(w))
	}
	return strings.Join(parts, " ")
}

// formWords splits form input into words, dropping quotes, parentheses and the + and -
// that would be read as operators.
func formWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '“' || r == '”' || r == '„' || r == '(' || r == ')'
	}) {
		if w = strings.TrimLeft(w, "+-"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// literal makes a word mean itself: an operator (AND, OR, NOT) or a field:value is
// quoted.
func literal(w string) string {
	if w == "AND" || w == "OR" || w == "NOT" || strings.Contains(w, ":") {
		return `"` + w + `"`
	}
	return w
}

// advSubmitted is the hidden field that marks a submitted advanced form.
const advSubmitted = "adv"

// advancedState reads the advanced form's URL into a search state. A submitted form's
// words are added to its q (the query in the search syntax); the other fields are the
// same parameters as the search page's. An unsubmitted form is prefilled from the state.
func advancedState(v url.Values) (st State, submitted bool, err error) {
	if v.Get(advSubmitted) == "" {
		st, err = ParseState(v)
		return st, false, err
	}
	built := AdvancedQuery{All: v.Get(advAll), Phrase: v.Get(advPhrase), Any: v.Get(advAny), None: v.Get(advNone)}.Build()
	q := strings.TrimSpace(strings.TrimSpace(v.Get(paramQuery)) + " " + built)
	rest := url.Values{}
	for k, vals := range v {
		rest[k] = vals
	}
	rest.Set(paramQuery, q)
	if st, err = ParseState(rest); err != nil {
		return st, true, err
	}
	st.Page, st.After = 0, ""
	return st, true, nil
}

// handleAdvanced serves /advanced: the form, and on submission a redirect to the search
// it describes (so that it works without JavaScript and the URL is the usual one).
func (s *Server) handleAdvanced(w http.ResponseWriter, r *http.Request) error {
	st, submitted, err := advancedState(r.URL.Query())
	if err != nil {
		return err
	}
	if submitted {
		http.Redirect(w, r, st.URL("/"), http.StatusSeeOther)
		return nil
	}
	p := &AdvancedPage{Base: s.base(r, "Advanced search"), State: st}
	p.Nav = "advanced"
	p.Description = "Search the archive by words, phrase, country, topic, ministry, type and date."
	countries, err := s.search.Countries(r.Context())
	if err != nil {
		return err
	}
	for _, c := range countries {
		p.Countries = append(p.Countries, option{Value: c.Name, Label: c.Name, Count: c.Count, Selected: st.Has(facetCountry, c.Name)})
	}
	req := search.Request{Size: 1, FacetSize: search.MaxFacetSize}
	if err := req.Normalize(); err != nil {
		return err
	}
	resp, err := s.search.Search(r.Context(), req)
	if err != nil {
		return err
	}
	for _, f := range resp.Facets {
		var opts []option
		for _, v := range f.Values {
			label := v.Label
			if label == "" || label == v.Value {
				label = s.valueLabel(f.Field, v.Value)
			}
			opts = append(opts, option{Value: v.Value, Label: label, Count: v.Count, Selected: st.Has(f.Field, v.Value)})
		}
		switch f.Field {
		case facetTopic:
			p.Topics = opts
		case facetMinistry:
			p.Ministries = opts
		case facetType:
			p.Types = opts
		}
	}
	return s.render(w, r, http.StatusOK, "advanced", p)
}

// handleHelp serves /help: the query language.
func (s *Server) handleHelp(w http.ResponseWriter, r *http.Request) error {
	p := &HelpPage{Base: s.base(r, "Search help"), CSVRowLimit: s.cfg.CSVRowLimit, MaxPage: search.MaxPage}
	p.Nav = "help"
	p.Description = "How to write searches: words, phrases, AND/OR/NOT, fields, prefixes, fuzzy words and dates."
	for _, e := range []struct{ q, means string }{
		{`adoption suspended`, "notices with both words: every plain word must match, in any form (suspended also finds suspend)"},
		{`"central authority"`, "the exact phrase"},
		{`hague OR convention`, "either word"},
		{`visa AND NOT orphan`, "visa, but not orphan"},
		{`visa -orphan`, "the same: a leading minus excludes a word"},
		{`+fees`, "a leading plus insists on a word (plain words must match anyway)"},
		{`(ethiopia OR kenya) fees`, "parentheses group alternatives"},
		{`country:guatemala`, "notices about Guatemala (a country name, alias or ISO code)"},
		{`topic:hague-convention`, "notices with this topic"},
		{`ministry:"ministry of justice"`, "notices that name this ministry"},
		{`type:alert`, "only alerts (notice, alert or other)"},
		{`title:suspension`, "the word in the title"},
		{`adopt*`, "words that start with adopt: adoption, adoptive, adopted"},
		{`guatamala~`, "words spelled like this, allowing a typo (~2 for two)"},
		{`date:2010..2014`, "published 2010 through 2014"},
		{`date:>=2012-06`, "published in June 2012 or later (also >, <, <=)"},
		{`date:2014-02-17`, "published on that day"},
	} {
		p.Examples = append(p.Examples, example{Query: e.q, Means: e.means, URL: State{Query: e.q}.URL("/")})
	}
	return s.render(w, r, http.StatusOK, "help", p)
}
