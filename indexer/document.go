package indexer

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// ParseNoticeDate turns a notice date ("2014-02-17" or "2010-03") into the first instant
// it denotes, in UTC.
func ParseNoticeDate(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) == len(layout) {
			t, err := time.Parse(layout, s)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

// Document turns a notice into the field map that the Bleve mapping of package schema
// indexes. countries, when given, adds the country's aliases to its searchable name, so
// that "Myanmar" finds the notices filed under Burma.
func (n *Notice) Document(countries *schema.Countries) (map[string]interface{}, error) {
	meta, err := json.Marshal(schema.Meta{
		Source:       n.Source,
		DateEstimate: n.DateEstimate,
		Cites:        n.Cites,
		Captures:     n.Captures,
		FirstHeld:    n.FirstHeld,
		Digest:       n.Digest,
		Versions:     n.Versions,
	})
	if err != nil {
		return nil, fmt.Errorf("encode notice %s: %w", n.ID, err)
	}
	doc := map[string]interface{}{
		schema.FieldTitle:       n.Title,
		schema.FieldBody:        n.Body,
		schema.FieldTitlePairs:  n.Title,
		schema.FieldCountry:     n.Country,
		schema.FieldCountryCode: n.CountryCode,
		schema.FieldType:        n.Type,
		schema.FieldYear:        schema.YearUndated,
		schema.FieldDateText:    n.Date,
		schema.FieldDateEst:     n.DateEstimate,
		schema.FieldURL:         n.URL,
		schema.FieldMeta:        string(meta),
		schema.FieldVersion:     schema.VersionLatest,
	}
	if !n.Latest {
		doc[schema.FieldVersion] = schema.VersionEarlier
	}
	if n.Country != schema.GeneralCountry && n.Country != "" {
		names := []string{n.Country}
		if countries != nil {
			if c, ok := countries.Lookup(n.Country); ok {
				names = append(names, c.Aliases...)
			}
		}
		doc[schema.FieldCountryText] = names
	}
	if len(n.Topics) > 0 {
		doc[schema.FieldTopic] = n.Topics
	}
	if len(n.Ministries) > 0 {
		doc[schema.FieldMinistry] = n.Ministries
		doc[schema.FieldMinistryTxt] = n.Ministries
	}
	if len(n.Cites) > 0 {
		var keys []string
		for _, c := range n.Cites {
			country := c.Country
			if country == "" {
				country = n.Country
			}
			keys = append(keys, schema.CiteKey(country, c.Date))
		}
		doc[schema.FieldCites] = keys
	}
	if t, ok := ParseNoticeDate(n.Date); ok {
		doc[schema.FieldDate] = t
		doc[schema.FieldSortDate] = t
		doc[schema.FieldYear] = n.Date[:4]
	} else if t, ok := ParseNoticeDate(n.DateEstimate); ok {
		doc[schema.FieldSortDate] = t
	}
	return doc, nil
}

// Countries returns the country vocabulary the extractor normalises to.
func (e *Extractor) Countries() *schema.Countries { return e.countries }
