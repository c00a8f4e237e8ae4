package search

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/google/go-cmp/cmp"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// queryDoc is a hand-made notice for the compile tests.
type queryDoc struct {
	id, country, code, typ, date string
	title, body                  string
	topics, ministries           []string
}

var queryDocs = []queryDoc{
	{"kh", "Cambodia", "KH", "notice", "2010-03-15", "Adoptions from Cambodia suspended",
		"The Department of State announces that intercountry adoptions from Cambodia remain suspended. " +
			"Prospective adoptive parents should contact the Central Authority.",
		[]string{"suspension"}, []string{"Ministry of Foreign Affairs"}},
	{"gt", "Guatemala", "GT", "alert", "2007-06-01", "Guatemala Hague Convention update",
		"Guatemala became a party to the Hague Convention on Intercountry Adoption. " +
			"Adoptions must be processed by the Central Authority of Guatemala.",
		[]string{"hague-convention"}, []string{"National Adoption Council"}},
	{"vn", "Vietnam", "VN", "notice", "2014-02-17", "Vietnam special adoption program",
		"The special adoption program covers children with special needs. Files go to the " +
			"Ministry of Justice of Vietnam. Send questions by e-mail.",
		[]string{"special-needs", "hague-convention"}, []string{"Ministry of Justice"}},
	{"mm", "Burma", "MM", "other", "2012-06-30", "Burma adoption information",
		"Who may adopt: U.S. citizens may adopt children from Burma when local law allows it.",
		nil, nil},
	{"gen", schema.GeneralCountry, "", "notice", "", "Universal Accreditation Act",
		"The Universal Accreditation Act of 2012 applies to orphan cases. The who and the what.",
		nil, nil},
	{"ht", "Haiti", "HT", "alert", "2012-06-01", "Haiti earthquake parole",
		"Humanitarian parole for children in Haiti after the earthquake. Adoptive families " +
			"should contact the embassy.",
		nil, nil},
}

func (d queryDoc) fields(t *testing.T) map[string]interface{} {
	m := map[string]interface{}{
		schema.FieldTitle:       d.title,
		schema.FieldBody:        d.body,
		schema.FieldBigrams:     d.title + "\n" + d.body,
		schema.FieldTitlePairs:  d.title,
		schema.FieldCountry:     d.country,
		schema.FieldCountryCode: d.code,
		schema.FieldType:        d.typ,
	}
	if d.country != schema.GeneralCountry {
		m[schema.FieldCountryText] = d.country
	}
	if d.topics != nil {
		m[schema.FieldTopic] = d.topics
	}
	if d.ministries != nil {
		m[schema.FieldMinistry] = d.ministries
		m[schema.FieldMinistryTxt] = d.ministries
	}
	if d.date != "" {
		day, err := time.Parse("2006-01-02", d.date)
		if err != nil {
			t.Fatal(err)
		}
		m[schema.FieldDate] = day
	}
	return m
}

// newQueryIndex builds a small on-disk index of queryDocs.
func newQueryIndex(t *testing.T) bleve.Index { return buildQueryIndex(t, nil) }

// newLegacyQueryIndex builds the index of queryDocs as indexes were built before
// 2026-12-07, with positions in the body: the compile paths of the options turned off
// search them there.
func newLegacyQueryIndex(t *testing.T) bleve.Index {
	t.Helper()
	return buildQueryIndexWith(t, func(m *mapping.IndexMappingImpl) {
		m.DefaultMapping.Properties[schema.FieldBody].Fields[0].IncludeTermVectors = true
	}, nil)
}

// buildQueryIndex builds an on-disk index of queryDocs, each document's fields changed by
// edit when it is set.
func buildQueryIndex(t *testing.T, edit func(d queryDoc, fields map[string]interface{})) bleve.Index {
	t.Helper()
	return buildQueryIndexWith(t, nil, edit)
}

// buildQueryIndexWith builds the index of queryDocs with the mapping changed by remap and
// each document's fields by edit, when they are set.
func buildQueryIndexWith(t *testing.T, remap func(*mapping.IndexMappingImpl), edit func(d queryDoc, fields map[string]interface{})) bleve.Index {
	t.Helper()
	m, err := schema.NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	bleveBigrams(m.(*mapping.IndexMappingImpl))
	if remap != nil {
		remap(m.(*mapping.IndexMappingImpl))
	}
	idx, err := bleve.New(filepath.Join(t.TempDir(), "index"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for _, d := range queryDocs {
		f := d.fields(t)
		if edit != nil {
			edit(d, f)
		}
		if err := b.Index(d.id, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

// bleveBigrams maps the bigram field in Bleve, with positions, as indexes built before
// the pairs file did (pairs.go): these tests compile queries for such an index.
func bleveBigrams(m *mapping.IndexMappingImpl) {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = schema.AnalyzerBigrams
	f.Store = false
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	m.DefaultMapping.AddFieldMappingsAt(schema.FieldBigrams, f)
}

// withPairFields sets the options that describe the index's pair fields, as Open does.
func withPairFields(idx bleve.Index, opts CompileOptions) CompileOptions {
	opts.BigramPhrases, opts.TitlePairs = pairFields(idx.Mapping())
	return opts
}

// searchIDs parses, compiles and runs a query, returning the sorted ids of its hits.
func searchIDs(t *testing.T, idx bleve.Index, text string, opts CompileOptions) []string {
	t.Helper()
	n, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse(%q): %v", text, err)
	}
	q, err := Compile(n, opts)
	if err != nil {
		t.Fatalf("Compile(%q): %v", text, err)
	}
	req := bleve.NewSearchRequestOptions(q, len(queryDocs)+1, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestCompileSearch(t *testing.T) {
	idx := newQueryIndex(t)
	tests := []struct {
		query string
		want  string // space-separated sorted ids
	}{
		// Words: all must match, in any text field.
		{"cambodia", "kh"},
		{"Cambodia suspended", "kh"},
		{"adoption", "gt kh mm ht vn"},
		{"justice", "vn"},
		{"e-mail", "vn"},
		{"adoption justice", "vn"},
		{"adoption and justice", "vn"}, // "and" is a stop word, not an operator

		// Boolean logic.
		{"cambodia OR guatemala", "gt kh"},
		{"cambodia OR guatemala authority", "gt kh"},
		{"(cambodia OR haiti) AND children", "ht"},
		{"adoption -cambodia", "gt mm ht vn"},
		{"adoption NOT (cambodia OR guatemala)", "mm ht vn"},
		{"-cambodia", "gen gt mm ht vn"},
		{"NOT cambodia NOT guatemala", "gen mm ht vn"},
		{"haiti OR NOT adoption", "gen ht"},
		{"+children +parole", "ht"},

		// Phrases.
		{`"central authority"`, "gt kh"},
		{`"authority central"`, ""},
		{`"Hague Convention" -country:guatemala`, ""},
		{`"special needs"`, "vn"},
		{`"central authority of guatemala"`, "gt"},
		{`"the central authority"`, "gt kh"},
		{`"department of state announces"`, "kh"},
		{`"prospective adoptive parents should"`, "kh"},
		{`"state of department"`, ""},
		{`"authority of cambodia"`, ""},
		{`"the special adoption program"`, "vn"},
		{`"adoptions from cambodia"`, "kh"}, // in the title and the body
		{`"earthquake"`, "ht"},              // one word: the body has no positions
		{`"Earthquakes"`, "ht"},

		// Stop words drop out; only stop words match by pairs, else nothing.
		{"the cambodia", "kh"},
		{"the -cambodia", "gen gt mm ht vn"},
		{"the", ""},
		{"the who", "gen"},
		{`"the who"`, "gen"},
		{`"the who" OR cambodia`, "gen kh"},
		{`title:the`, ""},

		// Fields.
		{"country:cambodia", "kh"},
		{"country:CAMBODIA", "kh"},
		{`country:"Kingdom of Cambodia"`, "kh"},
		{"country:myanmar", "mm"},
		{`country:"burma"`, "mm"},
		{`country:"Viet Nam"`, "vn"},
		{"country:kh", "kh"},
		{"country:general", "gen"},
		{"country:cambodia OR country:ht", "ht kh"},
		{"type:ALERT", "gt ht"},
		{"type:alerts", "gt ht"},
		{"topic:hague-convention", "gt vn"},
		{`topic:"Hague Convention"`, "gt vn"},
		{`topic:"hague adoption convention"`, "gt vn"}, // a label
		{"topic:Suspension", "kh"},
		{"title:adoption", "kh mm vn"},
		{`title:"special adoption"`, "vn"},
		{"ministry:justice", "vn"},
		{`ministry:"ministry of justice"`, "vn"},
		{`ministry:"national council"`, "gt"},

		// Prefix and fuzzy.
		{"adopt*", "gt kh mm ht vn"},
		{"hague*", "gt"}, // the index holds "hagu"
		{"Earthq*", "ht"},
		{"title:univ*", "gen"},
		{"guatamala", ""},
		{"guatamala~", "gt"},
		{"earthqxxke~1", ""},
		{"earthqxxke~2", "ht"},
		{"earthqauke~1", "ht"}, // Bleve counts a transposition as one edit

		// Dates, inclusive at both ends.
		{"date:2012", "ht mm"},
		{"date:2012-06", "ht mm"},
		{"date:2012-06-30", "mm"},
		{"date:>=2012-07", "vn"},
		{"date:>2012-06", "vn"},
		{"date:<2010", "gt"},
		{"date:<=2010-03", "gt kh"},
		{"date:2010..2012-06-15", "ht kh"},
		{"date:2007-06-01..2010-03-15", "gt kh"},
		{"date:2015..", ""},
		{"adoption date:2012", "ht mm"},
		{"-date:2000..2100", "gen"},
	}
	legacy := newLegacyQueryIndex(t)
	for _, run := range []struct {
		idx  bleve.Index
		opts CompileOptions
	}{
		{legacy, CompileOptions{}},
		{legacy, CompileOptions{BigramPhrases: true}},
		{legacy, CompileOptions{BigramPhrases: true, TitlePairs: true}},
		{idx, withPairFields(idx, CompileOptions{})},
	} {
		for _, tt := range tests {
			got := strings.Join(searchIDs(t, run.idx, tt.query, run.opts), " ")
			want := strings.Join(sortedFields(tt.want), " ")
			if got != want {
				t.Errorf("%s with %+v: got [%s], want [%s]", tt.query, run.opts, got, want)
			}
		}
	}
}

func sortedFields(s string) []string {
	f := strings.Fields(s)
	slices.Sort(f)
	return f
}

func TestCompileHooks(t *testing.T) {
	idx := newQueryIndex(t)
	synonyms := func(text string) []string {
		if strings.EqualFold(text, "hcch") {
			return []string{"hague convention", "hcch", ""}
		}
		return nil
	}
	tests := []struct {
		query string
		opts  CompileOptions
		want  string
	}{
		{"hcch", CompileOptions{}, ""},
		{"hcch", CompileOptions{Synonyms: synonyms}, "gt"},
		{`"HCCH"`, CompileOptions{Synonyms: synonyms}, "gt"},
		{"myanmar", CompileOptions{}, ""},
		{"myanmar", CompileOptions{CountryBoost: 2}, "mm"},
		{"2012", CompileOptions{}, "gen"},
		{"2012", CompileOptions{YearBoost: 1.5}, "gen ht mm"},
		// Without a taxonomy, any value is taken as a topic id.
		{`topic:"Special Needs"`, CompileOptions{Taxonomy: &schema.Taxonomy{}}, "vn"},
		{"topic:nothing-like-it", CompileOptions{Taxonomy: &schema.Taxonomy{}}, ""},
	}
	for _, tt := range tests {
		got := strings.Join(searchIDs(t, idx, tt.query, withPairFields(idx, tt.opts)), " ")
		want := strings.Join(sortedFields(tt.want), " ")
		if got != want {
			t.Errorf("%s with %+v: got [%s], want [%s]", tt.query, tt.opts, got, want)
		}
	}
}

// TestCompileRanking checks the field weights: a word in a title outranks the same word
// in a body.
func TestCompileRanking(t *testing.T) {
	idx := newQueryIndex(t)
	q, err := Compile(mustParse(t, "adoption"), CompileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(bleve.NewSearchRequest(q))
	if err != nil {
		t.Fatal(err)
	}
	var top []string
	for _, h := range res.Hits {
		top = append(top, h.ID)
	}
	// ht has the word once in its body; kh, mm and vn in their titles, gt in its body and
	// ministry.
	if len(top) != 5 || top[4] != "ht" {
		t.Errorf("hits %v, want ht last", top)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		node Node
		want error
	}{
		{&TermNode{Field: QueryFieldCountry, Text: "Atlantis"}, &QueryError{-1, "unknown country 'Atlantis'"}},
		{&TermNode{Field: QueryFieldCountry, Text: "xx"}, &QueryError{-1, "unknown country 'xx'"}},
		{&TermNode{Field: QueryFieldType, Text: "memo"}, &QueryError{-1, "unknown type 'memo': use notice, alert or other"}},
		{&TermNode{Text: "adoption", Fuzzy: 3}, &QueryError{-1, "fuzziness can be at most 2: try 'adoption~1' or 'adoption~2'"}},
		{&TermNode{Field: QueryFieldTopic, Text: "weather"}, &QueryError{-1, "unknown topic 'weather'"}},
		{&TermNode{Field: "foo", Text: "bar"}, &QueryError{-1, "unknown field 'foo:'"}},
		{&DateRangeNode{}, &QueryError{-1, "a date range needs a start or an end"}},
		{&DateRangeNode{From: "2014-99"}, &QueryError{-1, "cannot read the date '2014-99'"}},
		{mustParse(t, strings.Repeat("w ", MaxClauses+1)), &QueryError{-1, "the query has too many words and values: the limit is 64"}},
		{mustParse(t, "cambodia OR (haiti country:atlantis)"), &QueryError{-1, "unknown country 'atlantis'"}},
	}
	for _, tt := range tests {
		q, err := Compile(tt.node, CompileOptions{})
		if err == nil {
			t.Errorf("Compile(%s) = %v, want error %v", tt.node, q, tt.want)
			continue
		}
		if diff := cmp.Diff(tt.want, err); diff != "" {
			t.Errorf("Compile(%s) error (-want +got):\n%s", tt.node, diff)
		}
	}
	if _, err := Compile(mustParse(t, strings.Repeat("w ", MaxClauses)), CompileOptions{}); err != nil {
		t.Errorf("Compile of %d words: %v", MaxClauses, err)
	}
	var qe *QueryError
	if _, err := Compile(nil, CompileOptions{}); err == nil || errors.As(err, &qe) {
		t.Errorf("Compile(nil) = %v, want a programmer's error", err)
	}
}

func mustParse(t *testing.T, s string) Node {
	t.Helper()
	n, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func BenchmarkParseCompile(b *testing.B) {
	const text = `"central authority" (cambodia OR country:"Viet Nam") adopt* -suspended date:2010..2014`
	for b.Loop() {
		n, err := Parse(text)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Compile(n, CompileOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
