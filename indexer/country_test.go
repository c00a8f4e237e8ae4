package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

func testFinder(t *testing.T) *countryFinder {
	t.Helper()
	c, err := schema.LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	return newCountryFinder(c)
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tok := range tokenize("The D.R.C. and Côte d’Ivoire; Kenya’s U.S.-based CCCWA, people's") {
		got = append(got, tok.fold)
	}
	want := []string{"the", "drc", "and", "cote", "divoire", "kenya", "us", "based", "cccwa", "people"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokenize (-want +got):\n%s", diff)
	}
}

func TestCountryFind(t *testing.T) {
	f := testFinder(t)
	for _, tc := range []struct {
		text    string
		anyCase bool
		want    []string
	}{
		{"the Democratic Republic of the Congo (DRC)", false, []string{"CD", "CD"}},
		{"Democratic Republic of Congo and Congo-Brazzaville", false, []string{"CD", "CG"}},
		{"the Kyrgyz Republic; Kyrgyzstan", false, []string{"KG", "KG"}},
		{"Burma, also called Myanmar", false, []string{"MM", "MM"}},
		{"Ivory Coast and Côte d’Ivoire", false, []string{"CI", "CI"}},
		{"the Russian Federation and Russian courts", false, []string{"RU", "RU"}},
		{"Cambodian officials met Kenyan ones", false, []string{"KH", "KE"}},
		{"Kenya’s rules", false, []string{"KE"}},
		{"Papua New Guinea, Guinea-Bissau, Guinea", false, []string{"PG", "GW", "GN"}},
		{"Niger and Nigeria", false, []string{"NE", "NG"}},
		{"china plates and a turkey dinner; the drc", false, nil},
		{"translated into Spanish and French", false, nil},
		{"INTERNATIONAL ADOPTION: REPUBLIC OF THE MARSHALL ISLANDS", false, []string{"MH"}},
		{"news sierra leone adoption notice", true, []string{"SL"}},
		{"country select=democratic republic of the congo", true, []string{"CD"}},
	} {
		var got []string
		for _, m := range f.find(tc.text, tc.anyCase) {
			got = append(got, m.code)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("find(%q) (-want +got):\n%s", tc.text, diff)
		}
	}
}

func TestCountryExact(t *testing.T) {
	f := testFinder(t)
	for in, want := range map[string]string{
		"Cambodia": "KH", " Burma ": "MM", "DRC": "CD", "Kyrgyz Republic": "KG", "Russian Federation": "RU",
		"Ivory Coast:": "CI", "Intercountry Adoption": "", "Cambodia Adoption": "", "": "",
	} {
		c, _ := f.exact(in)
		if c.Code != want {
			t.Errorf("exact(%q) = %q, want %q", in, c.Code, want)
		}
	}
}

func TestVotesWinner(t *testing.T) {
	for _, tc := range []struct {
		name string
		page map[string]float64
		body []string
		want string
	}{
		{"heading", map[string]float64{"KH": voteExact}, []string{"TH", "TH", "TH", "TH"}, "KH"},
		{"title beats body", map[string]float64{"GH": voteTitle}, []string{"TG", "TG", "GH"}, "GH"},
		{"body alone, dominant", nil, []string{"NP", "NP", "NP", "IN"}, "NP"},
		{"body alone, only country", nil, []string{"NP", "NP"}, "NP"},
		{"body alone, mixed", nil, []string{"PH", "NG", "PH", "NG"}, ""},
		{"body alone, single mention", nil, []string{"RU"}, ""},
		{"United States never counts", nil, []string{"US", "US", "US"}, ""},
		{"two countries equally named", map[string]float64{"KH": voteExact, "VN": voteExact}, nil, ""},
		{"nothing", nil, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := newVotes()
			for code, w := range tc.page {
				v.add(code, w)
			}
			var ms []mention
			for _, c := range tc.body {
				ms = append(ms, mention{code: c})
			}
			v.addBody(ms)
			if got := v.winner(); got != tc.want {
				t.Errorf("winner = %q, want %q", got, tc.want)
			}
		})
	}
}
