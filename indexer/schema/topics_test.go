package schema

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadTaxonomy(t *testing.T) {
	tax, err := LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	// The ids that labels and saved indexes use.
	for _, id := range []string{"hague-convention", "special-needs", "suspension", "resumption", "fraud-corruption",
		"immigrant-visa", "dna-testing", "accreditation", "pending-cases", "orphan-status", "relative-adoption",
		"legislation", "hague-certificate-determination", "delegation-visit", "fees", "court-process", "child-welfare"} {
		if tax.Label(id) == id {
			t.Errorf("topic %q missing or without a label", id)
		}
	}
	if got := tax.Label("no-such-topic"); got != "no-such-topic" {
		t.Errorf("Label(unknown) = %q, want the id", got)
	}
	if n := len(tax.Topics()); n < 17 {
		t.Errorf("%d topics, want at least 17", n)
	}
}

func TestParseTaxonomyErrors(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":          `{"topics": [`,
		"no topics":         `{"topics": []}`,
		"no id":             `{"topics": [{"label": "Fees", "phrases": ["fee"]}]}`,
		"no label":          `{"topics": [{"id": "fees", "phrases": ["fee"]}]}`,
		"duplicate id":      `{"topics": [{"id": "fees", "label": "Fees", "phrases": ["fee"]}, {"id": "fees", "label": "F", "phrases": ["cost"]}]}`,
		"no phrases":        `{"topics": [{"id": "fees", "label": "Fees"}]}`,
		"phrase of nothing": `{"topics": [{"id": "fees", "label": "Fees", "phrases": ["--"]}]}`,
		"negative min":      `{"topics": [{"id": "fees", "label": "Fees", "phrases": ["fee"], "min": -1}]}`,
		"wrong type":        `{"topics": [{"id": "fees", "label": "Fees", "phrases": "fee"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseTaxonomy([]byte(data)); err == nil {
				t.Fatal("no error")
			}
		})
	}
	if _, err := ParseTaxonomy([]byte(`{"topics": []}`)); !errors.Is(err, ErrBadTaxonomy) {
		t.Errorf("empty taxonomy: error %v is not ErrBadTaxonomy", err)
	}
}

// testTaxonomy exercises every rule of the file format.
const testTaxonomy = `{
  "title_weight": 2,
  "topics": [
    {"id": "suspension", "label": "Suspensions", "phrases": ["suspended", "moratorium"]},
    {"id": "hague", "label": "Hague Convention", "phrases": ["convention"], "exclude": ["non-convention"]},
    {"id": "law", "label": "Laws", "phrases": ["new law"], "weak": ["law"]},
    {"id": "visits", "label": "Visits", "phrases": ["delegation"], "min": 2},
    {"id": "asp", "label": "Providers", "phrases": ["accredited"], "title_phrases": ["adoption service providers"]}
  ]
}`

func TestAssign(t *testing.T) {
	tax, err := ParseTaxonomy([]byte(testTaxonomy))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, title, body string
		want              []string
	}{
		{"inflected phrase", "", "The Ministry suspends all adoptions.", []string{"suspension"}},
		{"case and punctuation", "", "A MORATORIUM, in effect since May.", []string{"suspension"}},
		{"excluded phrase hides its words", "", "Follow the non-Convention process.", nil},
		{"excluded and plain in one text", "", "A non-Convention country joined the Convention.", []string{"hague"}},
		{"one weak phrase is not enough", "", "As required by law.", nil},
		{"two weak phrases are", "", "The law and other laws.", []string{"law"}},
		{"minimum count", "", "A delegation visited.", nil},
		{"minimum reached", "", "A delegation met another delegation.", []string{"visits"}},
		{"title counts double", "Delegation Visit", "", []string{"visits"}},
		{"title phrase only in the title", "Authorized Adoption Service Providers", "", []string{"asp"}},
		{"title phrase not in the body", "", "Adoption service providers must register.", nil},
		{"display order", "", "The new law ended the moratorium.", []string{"suspension", "law"}},
		{"nothing", "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tax.Assign(tc.title, tc.body)); diff != "" {
				t.Errorf("Assign(%q, %q) mismatch (-want +got):\n%s", tc.title, tc.body, diff)
			}
		})
	}
}

func TestAssignEmbedded(t *testing.T) {
	tax, err := LoadTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		title, body string
		want        []string
	}{
		{
			"Suspension of Adoptions",
			"The Ministry has temporarily suspended the processing of new dossiers pending a review. " +
				"Cases already matched with a child will continue to be processed.",
			[]string{"suspension", "pending-cases"},
		},
		{
			"Second DNA Test Required",
			"The Embassy will require a DNA test before it issues an immigrant visa. The test costs $300.",
			[]string{"immigrant-visa", "dna-testing", "fees"},
		},
		{
			"",
			"Parliament passed a new adoption law that allows intercountry adoption only by biological grandparents.",
			[]string{"relative-adoption", "legislation"},
		},
		{
			"",
			"Reports of fraud: birth certificates were falsified and children were wrongly declared abandoned.",
			[]string{"fraud-corruption", "orphan-status"},
		},
	} {
		if diff := cmp.Diff(tc.want, tax.Assign(tc.title, tc.body)); diff != "" {
			t.Errorf("Assign(%q, %q) mismatch (-want +got):\n%s", tc.title, tc.body, diff)
		}
	}
}

func TestExplain(t *testing.T) {
	tax, err := ParseTaxonomy([]byte(testTaxonomy))
	if err != nil {
		t.Fatal(err)
	}
	got := tax.Explain("Moratorium", "One law.")
	want := []Evidence{
		{ID: "suspension", Score: 2, Min: 1, Assigned: true, Phrases: []string{"title:moratorium"}},
		{ID: "law", Score: 0.5, Min: 1, Phrases: []string{"law"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain mismatch (-want +got):\n%s", diff)
	}
}

func TestTopicWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Suspended Adoptions", []string{"suspend", "adoption"}},
		{"the Ministry’s authorities", []string{"the", "ministry", "authority"}},
		{"stopped processing cases", []string{"stop", "process", "case"}},
		{"Procuraduría's non-Convention", []string{"procuraduria", "non", "convention"}},
		{"I-800 visa, U.S. law", []string{"i", "800", "visa", "u", "s", "law"}},
		{"this process, his status", []string{"this", "process", "his", "status"}},
		{"", nil},
	} {
		if diff := cmp.Diff(tc.want, TopicWords(tc.in)); diff != "" {
			t.Errorf("TopicWords(%q) mismatch (-want +got):\n%s", tc.in, diff)
		}
	}
}

func BenchmarkAssign(b *testing.B) {
	tax, err := LoadTaxonomy()
	if err != nil {
		b.Fatal(err)
	}
	body := "The Ministry has temporarily suspended the processing of new dossiers pending a review of " +
		"its adoption law. Cases already matched with a child will continue to be processed by the court. "
	for range 5 {
		body += body
	}
	b.ResetTimer()
	for b.Loop() {
		tax.Assign("Suspension of Adoptions", body)
	}
}
