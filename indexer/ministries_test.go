package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

func TestExtractMinistries(t *testing.T) {
	for _, tc := range []struct {
		name, country, text string
		want                []string
	}{
		{
			name:    "acronym joined to its full name",
			country: "Bulgaria",
			text:    "The Bulgarian Ministry of Justice (MOJ) approved the dossiers. The MOJ will inform the U.S. Embassy.",
			want:    []string{"Ministry of Justice (MOJ)"},
		},
		{
			name:    "acronym spelled by the initials of a name written elsewhere",
			country: "Ethiopia",
			text:    "Cases await MOWCYA approval. The Ministry of Women, Children, and Youth Affairs has not set a date.",
			want:    []string{"Ministry of Women, Children and Youth Affairs (MOWCYA)"},
		},
		{
			name:    "variants of one name become one value",
			country: "Moldova",
			text: "The Moldovan Ministry of Social Protection announced new rules. Moldova's Ministry of Social " +
				"Protection will publish them. The ministry of social protection of Moldova said so.",
			want: []string{"Ministry of Social Protection"},
		},
		{
			name:    "a shorter mention merges into the full name",
			country: "Ukraine",
			text:    "The Ministry of Social policy takes over. We urge the Ukrainian Ministry of Social Policy to act.",
			want:    []string{"Ministry of Social Policy"},
		},
		{
			name:    "minister of stands for the ministry",
			country: "Uganda",
			text: "Homes need the approval of the Minister of Gender, Labour and Social Development. The " +
				"Ministry of Gender, Labour and Social Development visited them.",
			want: []string{"Ministry of Gender, Labour and Social Development"},
		},
		{
			name:    "U.S. agencies are left out",
			country: "Peru",
			text: "USCIS, the Department of State, the Department of Homeland Security, the National Visa Center, " +
				"the Office of Children's Issues and the U.S. Embassy in Lima met with Peru's Ministry of Women " +
				"and Vulnerable Populations (MIMP). The U.S. Central Authority agreed.",
			want: []string{"Ministry of Women and Vulnerable Populations (MIMP)"},
		},
		{
			name:    "generic mentions are left out",
			country: "Ghana",
			text: "The Government of Ghana suspended adoptions. Ghanaian authorities and the Central Authority " +
				"will review cases before a Ghanaian court. The Ministry has not commented.",
			want: nil,
		},
		{
			name:    "a central authority with its country is a body",
			country: "Haiti",
			text:    "ASPs should write to the Haitian Central Authority regarding authorization.",
			want:    []string{"Haitian Central Authority"},
		},
		{
			name:    "a central authority in apposition is the body beside it",
			country: "Vietnam",
			text:    "Vietnam’s Central Adoption Authority, the Ministry of Justice, authorized two providers.",
			want:    []string{"Ministry of Justice"},
		},
		{
			name:    "courts and legislatures named with their country",
			country: "Russia",
			text: "The Russian Duma approved the bill, then the Federation Council did. The Deputy Chairman of " +
				"the Russian Supreme Court wrote to regional courts.",
			want: []string{"Russian Duma", "Federation Council", "Russian Supreme Court"},
		},
		{
			name:    "lower-case legislature after the country",
			country: "Guatemala",
			text:    "The law passed by Guatemala’s congress takes effect in December.",
			want:    []string{"Guatemala’s Congress"},
		},
		{
			name:    "Spanish and French names with their acronyms",
			country: "Colombia",
			text: "Providers must be authorized by the Instituto Colombiano de Bienestar Familiar (ICBF). Write to " +
				"the ICBF in Bogota.",
			want: []string{"Instituto Colombiano de Bienestar Familiar (ICBF)"},
		},
		{
			name:    "elided article and a translation in brackets",
			country: "Democratic Republic of the Congo",
			text: "L’Institut National de la Statistique confirmed it. The General Direction of Migration " +
				"(Direction Générale de Migration, DGM) told the Embassy that the DGM will not issue permits.",
			want: []string{"Institut National de la Statistique", "General Direction of Migration (Direction Générale de Migration, DGM)"},
		},
		{
			name:    "a foreign embassy and consulate in the United States",
			country: "Kazakhstan",
			text: "The Kazakhstani Embassy in Washington and Consulate General in New York stopped accepting " +
				"dossiers. The Kazakhstani Embassy or Consulate General sent them to the Ministry of Foreign Affairs.",
			want: []string{"Kazakhstani Embassy in Washington", "Consulate General in New York", "Ministry of Foreign Affairs"},
		},
		{
			name:    "another country's bodies are left out",
			country: "Nepal",
			text:    "The Indian Ministry of External Affairs and Nepal's Ministry of Women, Children and Social Welfare met.",
			want:    []string{"Ministry of Women, Children and Social Welfare"},
		},
		{
			name:    "acronym known for the country",
			country: "India",
			text:    "CARA informed the U.S. Central Authority that registration opens in March.",
			want:    []string{"Central Adoption Resource Authority (CARA)"},
		},
		{
			name:    "a name cut off by the end of the copy is left out",
			country: "China",
			text:    "The CCCWA and the Ministry of Civil Affai",
			want:    []string{"China Center for Children’s Welfare and Adoption (CCCWA)"},
		},
		{
			name:    "person titles before a body",
			country: "Cambodia",
			text:    "The Cambodian Director of the Inter-country Adoption Administration met the Prime Minister.",
			want:    []string{"Inter-country Adoption Administration"},
		},
		{
			name:    "no country: any foreign body",
			country: schema.GeneralCountry,
			text:    "The Hague Conference met the Romanian Adoption Committee and the Department of State.",
			want:    []string{"Romanian Adoption Committee"},
		},
		{
			name:    "lines in capitals are left out",
			country: "Kenya",
			text:    "CONTACT THE NATIONAL COUNCIL FOR CHILDREN'S SERVICES FOR DETAILS.",
			want:    nil,
		},
		{
			name:    "a central authority after the body it describes",
			country: "Bulgaria",
			text: "The Bulgarian Ministry of Justice (MOJ), Bulgaria’s Central Authority, said the Intercountry " +
				"Adoption Council will review files. The Sofia City Court finalizes adoptions.",
			want: []string{"Ministry of Justice (MOJ)", "Intercountry Adoption Council", "Sofia City Court"},
		},
		{
			name:    "a weak head needs its acronym",
			country: "Ukraine",
			text:    "The National Social Service of Ukraine (NSSU) agreed. The State Service said nothing.",
			want:    []string{"National Social Service (NSSU)"},
		},
		{
			name:    "names joined by and before the head",
			country: "Uganda",
			text:    "The Family and Children Court of Kampala grants guardianship; a High Court in Gulu may too.",
			want:    []string{"Family and Children Court of Kampala"},
		},
		{
			name: "empty text",
			text: "",
			want: nil,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ExtractMinistries(tc.text, tc.country)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ExtractMinistries(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestCanonicalMinistry(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  the  Ministry of Social policy’s ", "Ministry of Social Policy"},
		{"Ministry of Women, Children, and Youth Affairs", "Ministry of Women, Children and Youth Affairs"},
		{"State Department on Adoption (SDA's)", "State Department on Adoption (SDA)"},
		{"MINISTRY OF JUSTICE (MOJ)", "Ministry of Justice (MOJ)"},
		{"L’Institut du Bien-Etre Social", "Institut du Bien-Etre Social"},
		{"Direction Generale (Direction Générale d’Immigration, DGM)", "Direction Generale (Direction Générale d’Immigration, DGM)"},
		{"Marshall Islands court", "Marshall Islands Court"},
		{"", ""},
	} {
		if got := CanonicalMinistry(tc.in); got != tc.want {
			t.Errorf("CanonicalMinistry(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := CanonicalMinistry(tc.want); got != tc.want {
			t.Errorf("CanonicalMinistry(%q) = %q, not idempotent", tc.want, got)
		}
	}
}

func TestMinistryVocabulary(t *testing.T) {
	countries, err := schema.LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mParseVocab(mVocabJSON, countries); err != nil {
		t.Fatalf("embedded ministries.json: %v", err)
	}
	for name, data := range map[string]string{
		"not JSON":        `{`,
		"no heads":        `{"heads": {}}`,
		"unknown kind":    `{"heads": {"ministry": "mighty"}}`,
		"unknown country": `{"heads": {"ministry": "strong"}, "demonyms": {"Atlantis": ["Atlantean"]}}`,
		"empty known":     `{"heads": {"ministry": "strong"}, "known": [{"country": "India", "acronym": "", "name": "X"}]}`,
	} {
		if _, err := mParseVocab([]byte(data), countries); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestExtractMinistriesConcurrent runs the extractor from several goroutines, as the
// indexer does; go test -race checks the shared vocabulary.
func TestExtractMinistriesConcurrent(t *testing.T) {
	const text = "The Rwandan Ministry of Gender and Family Promotion (MIGEPROF) suspended new applications."
	want := []string{"Ministry of Gender and Family Promotion (MIGEPROF)"}
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			if got := ExtractMinistries(text, "Rwanda"); !cmp.Equal(got, want) {
				errs <- cmp.Diff(want, got)
				return
			}
			errs <- ""
		}()
	}
	for range 8 {
		if d := <-errs; d != "" {
			t.Errorf("mismatch (-want +got):\n%s", d)
		}
	}
}
