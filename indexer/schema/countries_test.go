package schema

import (
	"sync"
	"testing"
)

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{
		"Côte d’Ivoire":      "cote divoire",
		"cote d'ivoire":      "cote divoire",
		"D.R.C.":             "drc",
		"  Congo-Kinshasa ":  "congo kinshasa",
		"Procuraduría (PGN)": "procuraduria pgn",
		"":                   "",
	} {
		if got := FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
}

// FoldName is called from many extraction goroutines at once.
func TestFoldNameConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 2000; j++ {
				if got := FoldName("Côte d’Ivoire"); got != "cote divoire" {
					t.Errorf("got %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestCountryLookup(t *testing.T) {
	c, err := LoadCountries()
	if err != nil {
		t.Fatal(err)
	}
	for alias, code := range map[string]string{
		"Burma": "MM", "Myanmar": "MM", "DRC": "CD", "Congo-Kinshasa": "CD",
		"Democratic Republic of the Congo": "CD", "Kyrgyz Republic": "KG", "Kyrgyzstan": "KG",
		"Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Russian Federation": "RU", "russia": "RU",
		"Viet Nam": "VN", "Republic of the Congo": "CG",
	} {
		got, ok := c.Lookup(alias)
		if !ok || got.Code != code {
			t.Errorf("Lookup(%q) = %+v %v, want %s", alias, got, ok, code)
		}
	}
	if _, ok := c.Lookup("Atlantis"); ok {
		t.Error("Atlantis found")
	}
	if got, ok := c.ByCode("kh"); !ok || got.Name != "Cambodia" {
		t.Errorf("ByCode(kh) = %+v", got)
	}
	if _, err := ParseCountries("XX\n"); err == nil {
		t.Error("a line without a name parsed")
	}
}

func TestMappingValidates(t *testing.T) {
	if _, err := NewMapping(); err != nil {
		t.Fatal(err)
	}
}
