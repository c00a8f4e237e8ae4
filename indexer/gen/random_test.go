package gen

import (
	"regexp"
	"strings"
	"testing"
)

// TestRandomVariety checks that random designs vary in the ways an extractor must cope
// with, and that their navigation names only other countries.
func TestRandomVariety(t *testing.T) {
	pages := generateAll(t, Options{N: 300, Seed: 5, Layouts: LayoutsRandom})
	features := map[string]*regexp.Regexp{
		"date January 2, 2006": regexp.MustCompile(`>(Posted on |Published |Date: |Issued |Released on )?(<time[^>]*>)?(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}<`),
		"date 2 January 2006":  regexp.MustCompile(`>(Posted on |Published |Date: |Issued |Released on )?(<time[^>]*>)?\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}<`),
		"date 2006-01-02":      regexp.MustCompile(`>(Posted on |Published |Date: |Issued |Released on )?(<time[^>]*>)?\d{4}-\d{2}-\d{2}<`),
		"date 01/02/2006":      regexp.MustCompile(`>(Posted on |Published |Date: |Issued |Released on )?(<time[^>]*>)?\d{2}/\d{2}/\d{4}<`),
		"byline":               regexp.MustCompile(`>(Posted on|Published|Date:|Issued|Released on) `),
		"time element":         regexp.MustCompile(`<time datetime="\d{4}-\d{2}(-\d{2})?">`),
		"alert prefix":         regexp.MustCompile(`>(Adoption )?Alert: `),
		"warning badge":        regexp.MustCompile(`>Warning</`),
		"announcement badge":   regexp.MustCompile(`>Announcement</`),
		"br paragraphs":        regexp.MustCompile(`<br><br>`),
		"wayback":              regexp.MustCompile(`WAYBACK TOOLBAR INSERT`),
		"og:url":               regexp.MustCompile(`property="og:url"`),
		"windows-1252":         regexp.MustCompile(`charset="?(windows-1252|iso-8859-1)`),
		"country line":         regexp.MustCompile(`>(Country|Filed under|Region): `),
	}
	seen := map[string]int{}
	classes := map[string]bool{}
	navRe := regexp.MustCompile(`(?s)<nav.*?</nav>`)
	classRe := regexp.MustCompile(`<body class="([^"]+)"`)
	for i := range pages {
		p := &pages[i]
		html := decodeHTML(t, p)
		for name, re := range features {
			if re.MatchString(html) {
				seen[name]++
			}
		}
		if m := classRe.FindStringSubmatch(html); m != nil {
			classes[m[1]] = true
		}
		if c := p.Label.Country; c != "General" && strings.Contains(navRe.FindString(html), ">"+c+"<") {
			t.Errorf("%s: navigation names the page's own country %s", p.Path, c)
		}
	}
	for name := range features {
		if seen[name] < 3 {
			t.Errorf("feature %q in %d of %d pages, want several", name, seen[name], len(pages))
		}
	}
	if len(classes) < 250 {
		t.Errorf("%d distinct body classes in %d pages", len(classes), len(pages))
	}
}
