package gen

import (
	"fmt"
	"strings"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// countrySpec describes one country of origin. Bodies are "Name|ACRONYM|Other name": the
// acronym and the other (local-language) name are optional. A name starting with "=" is
// always written as it is, without a demonym or possessive before it.
type countrySpec struct {
	name    string // as in schema countries.tsv
	text    string // how sentences write it when it differs ("the Philippines")
	demonym string
	city    string // where the U.S. Embassy is
	weight  float64
	bodies  []string
}

var countrySpecs = []countrySpec{
	{"Albania", "", "Albanian", "Tirana", 1, []string{"Adoption Committee|AAC", "Ministry of Social Welfare and Youth"}},
	{"Armenia", "", "Armenian", "Yerevan", 1, []string{"Ministry of Labor and Social Affairs", "Ministry of Territorial Administration"}},
	{"Azerbaijan", "", "Azerbaijani", "Baku", 0.5, []string{"Ministry of Education", "Cabinet of Ministers"}},
	{"Belarus", "", "Belarusian", "Minsk", 0.5, []string{"National Adoption Center|NAC", "Ministry of Education"}},
	{"Belize", "", "Belizean", "Belmopan", 0.3, []string{"Department of Human Services", "Family Court"}},
	{"Bolivia", "", "Bolivian", "La Paz", 0.6, []string{"Vice Ministry of Equal Opportunities|VIO", "Departmental Service for Social Management|SEDEGES"}},
	{"Brazil", "", "Brazilian", "Brasília", 0.6, []string{"=Federal Central Authority|ACAF", "State Judicial Commission for Adoption|CEJA"}},
	{"Bulgaria", "", "Bulgarian", "Sofia", 1, []string{"Ministry of Justice|MOJ", "Intercountry Adoption Council", "Social Assistance Agency|SAA"}},
	{"Burkina Faso", "", "Burkinabe", "Ouagadougou", 0.5, []string{"Ministry of Social Action and National Solidarity", "Directorate of Adoptions"}},
	{"Burundi", "", "Burundian", "Bujumbura", 0.4, []string{"Ministry of National Solidarity, Human Rights and Gender"}},
	{"Cambodia", "", "Cambodian", "Phnom Penh", 1.2, []string{"Ministry of Social Affairs, Veterans and Youth Rehabilitation|MOSVY", "Inter-Country Adoption Administration|ICAA", "=Municipal Court of Phnom Penh"}},
	{"Cameroon", "", "Cameroonian", "Yaoundé", 0.5, []string{"Ministry of Social Affairs|MINAS"}},
	{"Chile", "", "Chilean", "Santiago", 0.5, []string{"National Service for Minors|SENAME"}},
	{"China", "", "Chinese", "Beijing", 3, []string{"=China Center for Children’s Welfare and Adoption|CCCWA", "Ministry of Civil Affairs|MCA", "Ministry of Public Security", "=National People’s Congress|NPC"}},
	{"Colombia", "", "Colombian", "Bogotá", 1.5, []string{"Family Welfare Institute|ICBF|Instituto Colombiano de Bienestar Familiar", "Sub-Directorate of Adoptions", "Family Court"}},
	{"Costa Rica", "", "Costa Rican", "San José", 0.5, []string{"National Children’s Trust|PANI|Patronato Nacional de la Infancia"}},
	{"Côte d'Ivoire", "Côte d’Ivoire", "Ivoirian", "Abidjan", 0.4, []string{"Ministry of Solidarity, Family, Women and Children"}},
	{"Democratic Republic of the Congo", "the Democratic Republic of the Congo", "Congolese", "Kinshasa", 1.5, []string{"General Directorate of Migration|DGM|Direction Générale de Migration", "Ministry of Gender, Family and Children", "Ministry of Justice and Human Rights", "Inter-Ministerial Adoption Commission"}},
	{"Dominican Republic", "the Dominican Republic", "Dominican", "Santo Domingo", 0.4, []string{"National Council for Children and Adolescents|CONANI"}},
	{"Ecuador", "", "Ecuadorian", "Quito", 0.5, []string{"Ministry of Economic and Social Inclusion|MIES"}},
	{"El Salvador", "", "Salvadoran", "San Salvador", 0.5, []string{"Office for Adoptions|OPA", "Institute for the Integral Development of Children and Adolescents|ISNA"}},
	{"Estonia", "", "Estonian", "Tallinn", 0.3, []string{"Ministry of Social Affairs"}},
	{"Ethiopia", "", "Ethiopian", "Addis Ababa", 2.5, []string{"Ministry of Women, Children and Youth Affairs|MOWCYA", "=Federal First Instance Court", "Ministry of Women and Social Affairs|MOWSA", "=House of Peoples’ Representatives"}},
	{"Fiji", "", "Fijian", "Suva", 0.3, []string{"Department of Social Welfare"}},
	{"Georgia", "", "Georgian", "Tbilisi", 0.5, []string{"Social Service Agency", "Ministry of Labor, Health and Social Affairs"}},
	{"Ghana", "", "Ghanaian", "Accra", 1, []string{"Department of Social Welfare|DSW", "Central Adoption Authority|CAA", "Ministry of Gender, Children and Social Protection"}},
	{"Guatemala", "", "Guatemalan", "Guatemala City", 2.5, []string{"National Council for Adoption|CNA|Consejo Nacional de Adopciones", "Solicitor General’s Office|PGN|Procuraduría General de la Nación", "Congress", "Supreme Court of Justice"}},
	{"Guyana", "", "Guyanese", "Georgetown", 0.3, []string{"Childcare and Protection Agency|CPA", "Adoption Board"}},
	{"Haiti", "", "Haitian", "Port-au-Prince", 2, []string{"Institute of Social Welfare and Research|IBESR|Institut du Bien-Être Social et de Recherches", "=Haitian Central Authority", "Ministry of Social Affairs and Labor|MAST"}},
	{"Honduras", "", "Honduran", "Tegucigalpa", 0.4, []string{"Directorate of Children, Adolescents and Family|DINAF"}},
	{"Hungary", "", "Hungarian", "Budapest", 0.3, []string{"Ministry of Human Capacities"}},
	{"India", "", "Indian", "New Delhi", 2, []string{"=Central Adoption Resource Authority|CARA", "Ministry of Women and Child Development|MWCD"}},
	{"Jamaica", "", "Jamaican", "Kingston", 0.6, []string{"Child Protection and Family Services Agency|CPFSA", "Adoption Board"}},
	{"Kazakhstan", "", "Kazakhstani", "Astana", 1.2, []string{"Ministry of Education and Science", "Committee for the Protection of Children’s Rights", "Ministry of Foreign Affairs"}},
	{"Kenya", "", "Kenyan", "Nairobi", 1, []string{"National Adoption Committee", "Department of Children’s Services", "High Court"}},
	{"Kyrgyzstan", "", "Kyrgyz", "Bishkek", 0.8, []string{"Ministry of Labor and Social Development|MLSD", "Ministry of Social Development"}},
	{"Latvia", "", "Latvian", "Riga", 0.6, []string{"Ministry of Welfare", "Orphan’s Court"}},
	{"Lesotho", "", "Basotho", "Maseru", 0.4, []string{"Department of Social Welfare", "Ministry of Social Development"}},
	{"Liberia", "", "Liberian", "Monrovia", 0.8, []string{"Ministry of Health and Social Welfare", "=Ad Hoc Central Adoption Authority", "=President’s Special Committee on Adoption"}},
	{"Lithuania", "", "Lithuanian", "Vilnius", 0.5, []string{"State Child Rights Protection and Adoption Service"}},
	{"Malawi", "", "Malawian", "Lilongwe", 0.4, []string{"Ministry of Gender, Children, Disability and Social Welfare"}},
	{"Mali", "", "Malian", "Bamako", 0.3, []string{"Ministry for the Promotion of Women, Children and Family"}},
	{"Marshall Islands", "the Marshall Islands", "Marshallese", "Majuro", 0.4, []string{"Central Adoption Authority", "High Court"}},
	{"Mexico", "", "Mexican", "Mexico City", 1.5, []string{"National System for Integral Family Development|DIF|Sistema Nacional para el Desarrollo Integral de la Familia", "=Mexican Central Authority", "Secretariat of Foreign Relations|SRE"}},
	{"Moldova", "", "Moldovan", "Chisinau", 0.4, []string{"Ministry of Labor, Social Protection and Family"}},
	{"Mongolia", "", "Mongolian", "Ulaanbaatar", 0.4, []string{"Ministry of Population Development and Social Protection", "Agency for Family, Children and Youth Development"}},
	{"Morocco", "", "Moroccan", "Rabat", 0.4, []string{"Ministry of Justice", "Court of First Instance"}},
	{"Nepal", "", "Nepali", "Kathmandu", 1.2, []string{"Ministry of Women, Children and Social Welfare|MWCSW", "Central Child Welfare Board|CCWB"}},
	{"Nicaragua", "", "Nicaraguan", "Managua", 0.4, []string{"Ministry of the Family, Adolescence and Children|MIFAN"}},
	{"Nigeria", "", "Nigerian", "Abuja", 1, []string{"Federal Ministry of Women Affairs and Social Development", "Ministry of Youth and Social Development", "Family Court"}},
	{"Panama", "", "Panamanian", "Panama City", 0.4, []string{"National Secretariat for Children, Adolescents and Family|SENNIAF"}},
	{"Paraguay", "", "Paraguayan", "Asunción", 0.3, []string{"Center for Adoptions|CEA"}},
	{"Peru", "", "Peruvian", "Lima", 0.5, []string{"General Directorate of Adoptions|DGA", "Ministry of Women and Vulnerable Populations|MIMP"}},
	{"Philippines", "the Philippines", "Philippine", "Manila", 1.5, []string{"Inter-Country Adoption Board|ICAB", "Department of Social Welfare and Development|DSWD", "National Authority for Child Care|NACC"}},
	{"Poland", "", "Polish", "Warsaw", 0.5, []string{"Ministry of Family and Social Policy", "Public Adoption Center"}},
	{"Romania", "", "Romanian", "Bucharest", 1, []string{"Adoption Committee|RAC", "National Authority for Child Protection|ANPC", "Office for Adoptions|ORA", "Parliament"}},
	{"Russia", "", "Russian", "Moscow", 3, []string{"Ministry of Education and Science", "State Duma", "=Federation Council", "Supreme Court", "Ministry of Foreign Affairs"}},
	{"Rwanda", "", "Rwandan", "Kigali", 0.5, []string{"Ministry of Gender and Family Promotion|MIGEPROF", "National Commission for Children|NCC"}},
	{"Samoa", "", "Samoan", "Apia", 0.3, []string{"Ministry of Justice and Courts Administration"}},
	{"Sierra Leone", "", "Sierra Leonean", "Freetown", 0.6, []string{"Ministry of Social Welfare, Gender and Children’s Affairs|MSWGCA"}},
	{"South Africa", "", "South African", "Pretoria", 0.5, []string{"Department of Social Development|DSD", "Children’s Court"}},
	{"South Korea", "", "Korean", "Seoul", 1.5, []string{"Ministry of Health and Welfare|MOHW", "=Korea Adoption Services|KAS", "Family Court"}},
	{"Sri Lanka", "", "Sri Lankan", "Colombo", 0.3, []string{"Department of Probation and Child Care Services"}},
	{"Taiwan", "", "Taiwanese", "Taipei", 0.5, []string{"Ministry of Health and Welfare", "Child Welfare Bureau"}},
	{"Thailand", "", "Thai", "Bangkok", 0.6, []string{"Child Adoption Center", "Department of Children and Youth"}},
	{"Togo", "", "Togolese", "Lomé", 0.4, []string{"Ministry of Social Action", "National Adoption Committee"}},
	{"Uganda", "", "Ugandan", "Kampala", 1.2, []string{"Ministry of Gender, Labour and Social Development|MGLSD", "High Court", "Family and Children’s Court"}},
	{"Ukraine", "", "Ukrainian", "Kyiv", 2, []string{"State Department for Adoption and Protection of the Rights of the Child|SDA", "Ministry of Social Policy", "National Adoption Center|NAC", "=Verkhovna Rada"}},
	{"Vietnam", "", "Vietnamese", "Hanoi", 1.5, []string{"Department of Adoptions|DA", "Ministry of Justice|MOJ", "Ministry of Labor, Invalids and Social Affairs|MOLISA"}},
	{"Zambia", "", "Zambian", "Lusaka", 0.4, []string{"Department of Social Welfare"}},
}

// genericBodies are bodies any country of origin may have.
var genericBodies = []string{
	"Ministry of Justice", "Ministry of Foreign Affairs|MFA", "Ministry of Interior", "Supreme Court",
	"Court of Appeal", "Office of the Attorney General", "Immigration Department",
}

// generalWeight is the share of notices about no single country.
const generalWeight = 0.05

// country is a country of origin ready for use.
type country struct {
	name, code, slug string
	text             string // in sentences
	poss             string // possessive: "Ghana’s", "the Philippines’"
	upper            string // upper case name
	demonym, city    string
	weight           float64
	bodies           []*body
}

// body is a foreign government body that a notice may name.
type body struct {
	name, acr, alt string
	fixed          bool     // written as is: no demonym or possessive before it
	long           bool     // four words or more: distinctive without a demonym
	topics         topicSet // topics its name renders (a court renders court-process)
	noAdopt        bool     // its name does not contain "adopt"
}

func parseBody(spec string) *body {
	b := &body{}
	if strings.HasPrefix(spec, "=") {
		b.fixed, spec = true, spec[1:]
	}
	parts := strings.Split(spec, "|")
	b.name = parts[0]
	if len(parts) > 1 {
		b.acr = parts[1]
	}
	if len(parts) > 2 {
		b.alt = parts[2]
	}
	b.long = len(strings.Fields(b.name)) >= 4
	b.topics = scanTopics(b.name + " . " + b.alt)
	b.noAdopt = !strings.Contains(strings.ToLower(b.name+b.alt), "adop")
	return b
}

// loadCountries resolves the country table against the schema vocabulary.
func loadCountries() ([]*country, error) {
	vocab, err := schema.LoadCountries()
	if err != nil {
		return nil, fmt.Errorf("load schema countries: %w", err)
	}
	generic := make([]*body, len(genericBodies))
	for i, s := range genericBodies {
		generic[i] = parseBody(s)
	}
	out := make([]*country, 0, len(countrySpecs))
	for _, s := range countrySpecs {
		sc, ok := vocab.Lookup(s.name)
		if !ok || sc.Name != s.name {
			return nil, fmt.Errorf("country %q is not a canonical name of the schema vocabulary", s.name)
		}
		c := &country{name: sc.Name, code: sc.Code, slug: slugify(sc.Name), text: s.text,
			demonym: s.demonym, city: s.city, weight: s.weight}
		if c.text == "" {
			c.text = c.name
		}
		c.poss = c.text + "’s"
		if strings.HasSuffix(c.text, "s") {
			c.poss = c.text + "’"
		}
		c.upper = strings.ToUpper(c.name)
		for _, b := range s.bodies {
			c.bodies = append(c.bodies, parseBody(b))
		}
		for _, g := range generic {
			if !c.hasBody(g.name) {
				c.bodies = append(c.bodies, g)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func (c *country) hasBody(name string) bool {
	for _, b := range c.bodies {
		if b.name == name {
			return true
		}
	}
	return false
}

// slugify lower-cases s and joins its ASCII letters and digits with hyphens.
func slugify(s string) string {
	s = schema.FoldName(s)
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
		} else {
			dash = true
		}
	}
	return b.String()
}
