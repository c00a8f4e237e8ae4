package indexer

import (
	"testing"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

func testExtractor(t *testing.T) *Extractor {
	t.Helper()
	e, err := NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestSplitLabel(t *testing.T) {
	for _, tc := range []struct{ in, typ, rest string }{
		{"Notice: Update on Status of Intercountry Adoptions from Cambodia", "notice", "Update on Status of Intercountry Adoptions from Cambodia"},
		{"Alert: Haiti Earthquake and Intercountry Adoption : Where Final Adoption Decree Has Been Issued", "alert", "Haiti Earthquake and Intercountry Adoption : Where Final Adoption Decree Has Been Issued"},
		{"Adoption Alert: Ghana", "alert", "Ghana"},
		{"ADOPTION NOTICE : Kenya", "notice", "Kenya"},
		{"Intercountry Adoption Notice: Nepal", "notice", "Nepal"},
		{"Adoption Notice for Nigeria", "", "Adoption Notice for Nigeria"},
		{"DOS Adoption Alert: Haiti Earthquake", "alert", "Haiti Earthquake"},
		{"China: Office of Children’s Issues Delegation Meeting with CCCWA", "", "China: Office of Children’s Issues Delegation Meeting with CCCWA"},
		{"Frequently Asked Questions: DNA Testing", "", "Frequently Asked Questions: DNA Testing"},
	} {
		typ, rest := splitLabel(tc.in)
		if typ != tc.typ || rest != tc.rest {
			t.Errorf("splitLabel(%q) = %q, %q; want %q, %q", tc.in, typ, rest, tc.typ, tc.rest)
		}
	}
}

func TestIsLabelOnly(t *testing.T) {
	for in, want := range map[string]string{
		"Notice": "notice", "Alert": "alert", "Alerts": "alert", "Adoption Notice": "notice",
		"ADOPTION ALERT:": "alert", "Warning": "alert", "Announcement": "notice", "Information": "other",
		"Fact Sheet": "other", "Resources": "other", "Alerts & Notices": "", "Alerts and Notices": "",
	} {
		typ, ok := isLabelOnly(in)
		if !ok || typ != want {
			t.Errorf("isLabelOnly(%q) = %q, %v; want %q", in, typ, ok, want)
		}
	}
	for _, in := range []string{"Notice on Kenya Adoptions", "Notice: Kenya", "Adoption Notice for Nigeria", "Cambodia", ""} {
		if _, ok := isLabelOnly(in); ok {
			t.Errorf("isLabelOnly(%q) = true", in)
		}
	}
}

func TestParseKicker(t *testing.T) {
	e := testExtractor(t)
	for _, tc := range []struct {
		in                 string
		ok                 bool
		typ, country, date string
	}{
		{"Notice on Colombia Adoptions, 08/30/22", true, schema.TypeNotice, "CO", "2022-08-30"},
		{"Alert on Democratic Republic of the Congo Adoptions", true, schema.TypeAlert, "CD", ""},
		{"Information on Marshall Islands Adoptions", true, schema.TypeOther, "MH", ""},
		{"Alert on Nepal Adoptions, 08/13/10", true, schema.TypeAlert, "NP", "2010-08-13"},
		{"Notice on Intercountry Adoptions, March 2010", true, schema.TypeNotice, "", "2010-03"},
		{"Update on Status of Intercountry Adoptions from Cambodia", false, "", "", ""},
		{"Notice on Hague Adoptions", false, "", "", ""},
		{"Notice on Kenya Adoptions, sometime", false, "", "", ""},
	} {
		k, ok := e.parseKicker(tc.in)
		if ok != tc.ok || k.typ != tc.typ || k.country.Code != tc.country || k.date != tc.date {
			t.Errorf("parseKicker(%q) = %+v, %v", tc.in, k, ok)
		}
	}
}

func TestTitlePart(t *testing.T) {
	for _, tc := range []struct {
		tag, text string
		want      bool
	}{
		{"reports of fraud | the adoption network", "reports of fraud", true},
		{"the adoption network - reports of fraud", "reports of fraud", true},
		{"notice: reports of fraud", "reports of fraud", true},
		{"reports of fraud in nepal", "reports of fraud", false},
		{"new reports of fraud", "reports of fraud", false},
	} {
		if got := titlePart(tc.tag, tc.text); got != tc.want {
			t.Errorf("titlePart(%q, %q) = %v", tc.tag, tc.text, got)
		}
	}
}

func TestTypeFromURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://travel.state.gov/content/travel/en/News/Intercountry-Adoption-News/adoption-notice--update-on-status.html": "notice",
		"http://pear-now.blogspot.com/2010/01/dos-adoption-alert-haiti-earthquake-and.html":                                 "alert",
		"https://web.archive.org/web/2015/https://travel.state.gov/x/notice--update-on-details.html":                        "notice",
		"https://www.example.org/notices/12":                "",
		"https://example.org/news/kenya-notice-12":          "",
		"http://travel.state.gov/family/adoption_3758.html": "",
		"": "",
	} {
		if got := typeFromURL(in); got != want {
			t.Errorf("typeFromURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClassWords(t *testing.T) {
	e := &blockBuilder{}
	_ = e
	for _, tc := range []struct {
		class  string
		chrome bool
	}{
		{"tsg-rwd-rail", true}, {"leftNav", true}, {"leftnav", true}, {"withrail", false},
		{"tsg-rwd-main-copy-body-frame withrail", false}, {"bodytext", false}, {"share-print", true},
		{"xbai__pouneflestabad", false}, {"alert_notice", false},
	} {
		n := elementWithClass(tc.class)
		if got := anyWord(classWords(n), chromeWords); got != tc.chrome {
			t.Errorf("class %q: chrome word %v, want %v (words %q)", tc.class, got, tc.chrome, classWords(n))
		}
	}
}
