// Package schema holds what the indexer, the search and the web app must agree on: the
// names of the index fields, the Bleve mapping, and the controlled vocabularies (countries
// with their ISO codes and aliases, the topic taxonomy) loaded from embedded data files.
package schema

// Index field names. Keyword fields hold canonical values and feed the facets.
const (
	FieldTitle       = "title"         // English-analysed title, stored, weighted above the body
	FieldBody        = "body"          // English-analysed body text, stored for snippets
	FieldBigrams     = "body_bigrams"  // word pairs of title and body (two values, so no pair joins them), for fast phrase search: in PairsFile, not in Bleve, since 2026-12-07
	FieldTitlePairs  = "title_bigrams" // word pairs of the title, for fast phrase search in titles
	FieldCountry     = "country"       // keyword: canonical English country name, or "General"
	FieldCountryCode = "country_code"  // keyword: ISO 3166-1 alpha-2 code in upper case, "" for General
	FieldCountryText = "country_text"  // English-analysed country name and aliases, for plain words
	FieldType        = "type"          // keyword: notice | alert | other
	FieldTopic       = "topic"         // keyword, multi-valued: topic ids
	FieldMinistry    = "ministry"      // keyword, multi-valued: canonical ministry names
	FieldMinistryTxt = "ministry_text" // English-analysed ministry names, for plain words
	FieldYear        = "year"          // keyword: "2014", or YearUndated
	FieldDate        = "date"          // datetime: publication date (first day of a month-only date)
	FieldSortDate    = "sort_date"     // datetime: date, else the date estimate; for sorting and timelines
	FieldDateText    = "date_text"     // stored only: "2014-02-17", "2010-03" or ""
	FieldDateEst     = "date_estimate" // stored only: estimated date of an undated notice
	FieldURL         = "url"           // stored only: original URL
	FieldMeta        = "meta"          // stored only: JSON of the rest of the notice (captures, cites, ...)
	FieldVersion     = "version"       // keyword: "latest" for the newest version of a notice, else "earlier"
	FieldCites       = "cites"         // keyword: CiteKey of each notice it cites
)

// YearUndated is the year facet value of a notice without a publication date.
const YearUndated = "undated"

// GeneralCountry is the country facet value of a notice about no single country.
const GeneralCountry = "General"

// Notice types.
const (
	TypeNotice = "notice"
	TypeAlert  = "alert"
	TypeOther  = "other"
)

// Versions of a notice.
const (
	VersionLatest  = "latest"
	VersionEarlier = "earlier"
)

// FacetFields lists the keyword fields offered as facets, in display order.
var FacetFields = []string{FieldCountry, FieldTopic, FieldMinistry, FieldType}

// CiteKey is the value of FieldCites for a citation of a notice of country published on
// date ("2013-01-02" or "2013-01"): the same key finds the notices that cite a notice.
func CiteKey(country, date string) string { return country + "|" + date }
