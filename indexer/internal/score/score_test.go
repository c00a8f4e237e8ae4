package score

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/noticearchive/noticearchive/indexer"
)

func TestNorm(t *testing.T) {
	for in, want := range map[string]string{
		"Notice: Update on Status":               "update on status",
		"Adoption Alert : Haiti – Earthquake":    "haiti earthquake",
		"  ALERT:Kenya’s Rules  ":                "kenyas rules",
		"Direction Générale de Migration":        "direction generale de migration",
		"China: Office of Children’s Issues":     "china office of childrens issues",
		"Notice on Colombia Adoptions, 08/30/22": "notice on colombia adoptions 08 30 22",
		"":                                       "",
	} {
		if got := Norm(in); got != want {
			t.Errorf("Norm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSameBody(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Ministry of Justice", "Ministry of Justice", true},
		{"Ministry of Social Affairs, Veterans and Youth Rehabilitation", "Cambodian Ministry of Social Affairs, Veterans and Youth Rehabilitation", true},
		{"Ministry of Justice", "Ministry of Foreign Affairs", false},
		{"MOWCYA", "Ministry of Women, Children and Youth Affairs (MOWCYA)", true},
		{"the", "the", false},
		{"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen", "one", false},
	} {
		if got := SameBody(tc.a, tc.b); got != tc.want {
			t.Errorf("SameBody(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestScoreLabels(t *testing.T) {
	dir := t.TempDir()
	labels := `{"file": "a/one.html", "layout": "a", "country": "Cambodia", "date": "2014-02-17", "type": "notice", "title": "Update on Cambodia", "ministries": ["Ministry of Justice", "Municipal Court of Phnom Penh"], "topics": ["suspension", "legislation"], "source_url": ""}
{"file": "a/two.html", "layout": "a", "country": "Kazakhstan", "date": "", "type": "alert", "title": "", "ministries": [], "topics": ["fees"], "source_url": ""}
{"file": "b/three.html", "layout": "b", "country": "Democratic Republic of the Congo", "date": "2013-05-02", "type": "alert", "title": "Exit Permits", "ministries": [], "topics": [], "source_url": ""}

{"file": "b/four.html", "layout": "b", "country": "General", "date": "", "type": "other", "title": "Fees", "ministries": [], "topics": [], "source_url": ""}
`
	if err := os.WriteFile(filepath.Join(dir, "labels.jsonl"), []byte(labels), 0o644); err != nil {
		t.Fatal(err)
	}
	notices := map[string]*indexer.Notice{
		"one.html": {Country: "Cambodia", CountryCode: "KH", Date: "2014-02-17", Type: "Notice", Title: "Notice: Update on Cambodia",
			Ministries: []string{"Ministry of Justice", "Ministry of Interior"}, Topics: []string{"suspension", "fees"}},
		// undated pages must stay undated; the title is not scored when the label has none
		"two.html": {Country: "Kazakhstan", CountryCode: "KZ", Date: "2010-06-29", Type: "alert", Title: "Kazakhstan",
			Topics: []string{"fees"}},
		"four.html": {Country: "General", Type: "other", Title: "Fees"},
	}
	s, err := ScoreLabels(filepath.Join(dir, "labels.jsonl"), dir, func(path string) (*indexer.Notice, error) {
		if n := notices[filepath.Base(path)]; n != nil {
			return n, nil
		}
		return nil, errors.New("boom")
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Scores{Pages: 4, Extracted: 3, Country: 0.75, Date: 0.5, Type: 0.75, Title: 2.0 / 3,
		Topics: 2 * (2.0 / 3) * (2.0 / 3) / (4.0 / 3), Ministries: 0.5}
	for _, f := range []struct {
		name      string
		got, want float64
	}{{"country", s.Country, want.Country}, {"date", s.Date, want.Date}, {"type", s.Type, want.Type},
		{"title", s.Title, want.Title}, {"topics", s.Topics, want.Topics}, {"ministries", s.Ministries, want.Ministries}} {
		if math.Abs(f.got-f.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
		}
	}
	if s.Pages != 4 || s.Extracted != 3 {
		t.Errorf("pages %d extracted %d", s.Pages, s.Extracted)
	}
	misses := strings.Join(s.SortedMisses(), "\n")
	for _, m := range []string{"b/three.html: no result boom", "a/two.html: date", "b/three.html: title"} {
		if !strings.Contains(misses, m) {
			t.Errorf("misses lack %q:\n%s", m, misses)
		}
	}
	if got := s.Below(Goal); strings.Join(got, ",") != "country,date,type,title,topics_f1,ministries_f1" {
		t.Errorf("Below = %v", got)
	}
	if !strings.HasPrefix(s.String(), "3/4 pages extracted; country=0.75 date=0.50") {
		t.Errorf("String = %q", s.String())
	}
}

func TestScoreLabelsMissingFile(t *testing.T) {
	_, err := ScoreLabels(filepath.Join(t.TempDir(), "nope.jsonl"), "", nil)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want ErrNotExist", err)
	}
}
