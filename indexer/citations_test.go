package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

func TestExtractCitations(t *testing.T) {
	countries, err := schema.LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []Citation
	}{
		{
			name: "date before the notice, with its author",
			text: "Please see the Department's January 2, 2013 Notice for further information.",
			want: []Citation{{Date: "2013-01-02", Text: "the Department's January 2, 2013 Notice"}},
		},
		{
			name: "notice of a date",
			text: "This updates our notice of March 5, 2010.",
			want: []Citation{{Date: "2010-03-05", Text: "our notice of March 5, 2010"}},
		},
		{
			name: "month only",
			text: "As explained in the October 2009 alert, cases continue.",
			want: []Citation{{Date: "2009-10", Text: "the October 2009 alert"}},
		},
		{
			name: "numeric date with a two-digit year",
			text: "Refer to the Adoption Alert dated 12/01/03 for details.",
			want: []Citation{{Date: "2003-12-01", Text: "the Adoption Alert dated 12/01/03"}},
		},
		{
			name: "the country named after the notice",
			text: "See the Notice on Cambodia dated January 2, 2013.",
			want: []Citation{{Date: "2013-01-02", Country: "Cambodia", Text: "the Notice on Cambodia dated January 2, 2013"}},
		},
		{
			name: "the country named before the notice, as an adjective",
			text: "The Guatemalan Adoption Notice of August 2, 2007 still applies.",
			want: []Citation{{Date: "2007-08-02", Country: "Guatemala", Text: "The Guatemalan Adoption Notice of August 2, 2007"}},
		},
		{
			name: "dates written together share a year",
			text: "This is an update to the adoption notices of March 10 and December 13, 2014.",
			want: []Citation{
				{Date: "2014-03-10", Text: "the adoption notices of March 10 and December 13, 2014"},
				{Date: "2014-12-13", Text: "the adoption notices of March 10 and December 13, 2014"},
			},
		},
		{
			name: "a date without a year takes the year written elsewhere",
			text: "This supplements the notice released on July 29, 2020. As indicated in the July 29 notice, talks go on.",
			want: []Citation{{Date: "2020-07-29", Text: "the notice released on July 29, 2020"}},
		},
		{
			name: "a date without a year anywhere is no citation",
			text: "In our November 8 Adoption Notice, we said so.",
		},
		{
			name: "an announcement by a foreign authority",
			text: "(see CARA’s February 28, 2014, announcement)",
			want: []Citation{{Date: "2014-02-28", Text: "CARA’s February 28, 2014, announcement"}},
		},
		{
			name: "the United States is the author, not the country cited",
			text: "Read the U.S. Embassy's notice of May 5, 2012.",
			want: []Citation{{Date: "2012-05-05", Text: "the U.S. Embassy's notice of May 5, 2012"}},
		},
		{
			name: "dates that cite nothing",
			text: "On March 5, 2010, the Ministry suspended adoptions. Update as of May 25, 2005: the moratorium " +
				"of January 26, 2009 holds. We will post a notice on July 10, 2014.\n\nNotice on Kyrgyzstan " +
				"Adoptions, 01/22/14 Update on regulations\n\nDecember 24, 2009\n\nNotice: Cambodia",
		},
		{
			name: "the same notice cited twice is one citation",
			text: "Our notice dated February 6, 2014 explains it; see the notice of February 6, 2014.",
			want: []Citation{{Date: "2014-02-06", Text: "Our notice dated February 6, 2014"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ExtractCitations(tc.text, countries)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ExtractCitations(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestExtractCitationsWithoutCountries(t *testing.T) {
	got := ExtractCitations("See the Notice on Cambodia dated January 2, 2013.", nil)
	want := []Citation{{Date: "2013-01-02", Text: "the Notice on Cambodia dated January 2, 2013"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
