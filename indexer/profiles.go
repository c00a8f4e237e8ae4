package indexer

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// Site profiles: selectors for the page designs archived notices are known to come in,
// tried before the generic reading. Every field a profile leaves out, or whose selector
// finds nothing on a page, falls back to the generic reading.

// profileSpec names the selectors of one site design.
type profileSpec struct {
	name    string
	detect  string // present on every page of the design
	main    string // the notice's container
	title   string // the title; present but empty means the notice has none
	date    string // the date; present but empty means the notice states none
	label   string // an element holding only "Notice" or "Alert"
	country string // an element holding only the country's name
}

var profileSpecs = []profileSpec{
	{
		name:    "adoption-gov",
		detect:  "div.alert_notice",
		main:    "div.alert_notice",
		title:   "div.alert_notice > h3",
		date:    "div.alert_notice > p.date",
		label:   "div.alert_notice > h2",
		country: "h1.country_name",
	},
	{
		name:    "aem",
		detect:  "div.tsg-rwd-main-copy-frame",
		main:    "div.tsg-rwd-main-copy-body-frame",
		country: "div.tsg-rwd-breadcrumb > b, div.tsg-rwd-main-copy-body-frame h1",
	},
	{
		name:   "family-2004",
		detect: "td.bodytext",
		main:   "td.bodytext",
	},
}

// profile is a compiled profileSpec.
type profile struct {
	name                                      string
	spec                                      string // the detect selector, for the group
	detect, main, title, date, label, country cascadia.Selector
}

// detectAny compiles one selector that matches where any profile's detect selector does.
func detectAny(profiles []profile) (cascadia.Selector, error) {
	var parts []string
	for _, p := range profiles {
		parts = append(parts, p.spec)
	}
	return cascadia.Compile(strings.Join(parts, ", "))
}

func compileProfiles(specs []profileSpec) ([]profile, error) {
	var out []profile
	for _, s := range specs {
		p := profile{name: s.name, spec: s.detect}
		for _, f := range []struct {
			dst  *cascadia.Selector
			expr string
		}{{&p.detect, s.detect}, {&p.main, s.main}, {&p.title, s.title}, {&p.date, s.date},
			{&p.label, s.label}, {&p.country, s.country}} {
			if f.expr == "" {
				continue
			}
			sel, err := cascadia.Compile(f.expr)
			if err != nil {
				return nil, err
			}
			*f.dst = sel
		}
		out = append(out, p)
	}
	return out, nil
}

// siteHints is what a profile read from a page, before chrome removal.
type siteHints struct {
	name      string
	main      *html.Node
	title     *string // nil when the profile says nothing
	date      *string
	label     string
	countries []string
}

// readProfile applies the first profile that matches the page.
func (e *Extractor) readProfile(doc *goquery.Document) siteHints {
	if e.generic {
		return siteHints{}
	}
	root := doc.Selection
	if e.detect == nil || e.detect.MatchFirst(root.Get(0)) == nil {
		return siteHints{} // one walk of the page rules out every profile
	}
	for _, p := range e.profiles {
		if root.FindMatcher(p.detect).Length() == 0 {
			continue
		}
		h := siteHints{name: p.name}
		if p.main != nil {
			if s := root.FindMatcher(p.main); s.Length() > 0 {
				h.main = s.Get(0)
			}
		}
		if p.title != nil {
			if s := root.FindMatcher(p.title); s.Length() > 0 {
				t := normSpace(s.First().Text())
				h.title = &t
			}
		}
		if p.date != nil {
			if s := root.FindMatcher(p.date); s.Length() > 0 {
				d := normSpace(s.First().Text())
				h.date = &d
			}
		}
		if p.label != nil {
			h.label = normSpace(root.FindMatcher(p.label).First().Text())
		}
		if p.country != nil {
			root.FindMatcher(p.country).Each(func(_ int, s *goquery.Selection) {
				h.countries = append(h.countries, normSpace(s.Text()))
			})
		}
		return h
	}
	return siteHints{}
}
