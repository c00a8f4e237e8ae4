package search

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/noticearchive/noticearchive/indexer/schema"
)

// fieldValue compiles the value of a keyword field (country, topic, type) or of ministry.
func (c *compiler) fieldValue(field, value string) (query.Query, error) {
	switch field {
	case QueryFieldCountry:
		return c.country(value)
	case QueryFieldType:
		return typeQuery(value)
	case QueryFieldTopic:
		return c.topic(value)
	case QueryFieldMinistry:
		return c.ministry(value), nil
	}
	return nil, queryErrorf(-1, "unknown field '%s:'", field)
}

// country resolves a name, an alias or an ISO code to the canonical name the country
// keyword field holds (it is case-sensitive).
func (c *compiler) country(v string) (query.Query, error) {
	name := ""
	if country, ok := c.countries.Lookup(v); ok {
		name = country.Name
	} else if country, ok := c.countries.ByCode(v); ok && utf8.RuneCountInString(v) == 2 {
		name = country.Name
	} else if strings.EqualFold(v, schema.GeneralCountry) {
		name = schema.GeneralCountry
	} else {
		return nil, queryErrorf(-1, "unknown country '%s'", shorten(v))
	}
	return termQuery(schema.FieldCountry, name), nil
}

// typeQuery accepts a notice type in any case, singular or plural.
func typeQuery(v string) (query.Query, error) {
	t := strings.ToLower(v)
	switch strings.TrimSuffix(t, "s") {
	case schema.TypeNotice, schema.TypeAlert, schema.TypeOther:
		return termQuery(schema.FieldType, strings.TrimSuffix(t, "s")), nil
	}
	return nil, queryErrorf(-1, "unknown type '%s': use %s, %s or %s", shorten(v), schema.TypeNotice, schema.TypeAlert, schema.TypeOther)
}

// topic resolves a topic id or label. An empty taxonomy (not loaded yet) cannot tell, so
// the value is taken as an id.
func (c *compiler) topic(v string) (query.Query, error) {
	id := topicID(v)
	topics := c.taxonomy.Topics()
	if len(topics) == 0 {
		return termQuery(schema.FieldTopic, id), nil
	}
	for _, t := range topics {
		if t.ID == id || t.ID == v || schema.FoldName(t.Label) == schema.FoldName(v) {
			return termQuery(schema.FieldTopic, t.ID), nil
		}
	}
	return nil, queryErrorf(-1, "unknown topic '%s'", shorten(v))
}

// topicID turns "Hague Convention" or "hague-convention" into "hague-convention".
func topicID(v string) string {
	return strings.ReplaceAll(schema.FoldName(v), " ", "-")
}

// dateQuery selects publication dates in an inclusive range: a year or month bound covers
// all of its days, to 23:59:59 of the last one.
func dateQuery(n *DateRangeNode) (*query.DateRangeQuery, error) {
	var start, end time.Time
	var err error
	if n.From == "" && n.To == "" {
		return nil, queryErrorf(-1, "a date range needs a start or an end")
	}
	if n.From != "" {
		if start, err = dateStart(n.From); err != nil {
			return nil, queryErrorf(-1, "cannot read the date '%s'", shorten(n.From))
		}
	}
	if n.To != "" {
		if end, err = dateEnd(n.To); err != nil {
			return nil, queryErrorf(-1, "cannot read the date '%s'", shorten(n.To))
		}
	}
	inclusive := true
	q := query.NewDateRangeInclusiveQuery(start, end, &inclusive, &inclusive)
	q.SetField(schema.FieldDate)
	return q, nil
}
