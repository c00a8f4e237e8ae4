package search

import (
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// columns hold, for every document of one read-only index snapshot, its facet values as
// small integers, its dates and its id, indexed by Bleve's internal document number. With
// them the search counts facets, applies filters and picks the newest hits while Bleve
// walks the matches, instead of Bleve's facet code visiting every hit through string maps.
// Internal numbers hold only within one snapshot, which fits an index opened read-only
// and replaced whole by a rebuild.
type columns struct {
	size     int                // one past the highest internal document number
	ids      []string           // external id by document number; "" for no document
	fields   map[string]*column // facet fields and the year
	date     []int64            // publication date (Unix seconds), noDate when none
	sortDate []int64            // date used for sorting (publication, else estimate), noDate when none
	latest   []bool             // the newest version of its notice

	// Slots number every value of every column field, and a missing slot per field, so
	// that counting a document's facets is one pass over its slots: those of the facet
	// fields in docSlots[docStart[doc]:yearStart[doc]], its year's after them, up to
	// docStart[doc+1].
	slotBase  []int // by field number: the slot of ordinal 0; the missing slot follows the last value
	slots     int
	docSlots  []int32
	docStart  []int32
	yearStart []int32

	sets *slotSets // the documents of each slot (see sets.go)
}

// missingSlot returns the slot counting the documents without a value in field fi.
func (c *columns) missingSlot(fi int) int {
	return c.slotBase[fi] + len(c.fields[columnFields[fi]].values)
}

// buildSlots fills the slot arrays from the columns.
func (c *columns) buildSlots() {
	c.slotBase = make([]int, len(columnFields))
	n := 0
	for fi, f := range columnFields {
		c.slotBase[fi] = n
		n += len(c.fields[f].values) + 1
	}
	c.slots = n
	c.docStart = make([]int32, c.size+1)
	c.yearStart = make([]int32, c.size)
	c.docSlots = make([]int32, 0, c.size*(len(columnFields)+2))
	for doc := 0; doc < c.size; doc++ {
		c.docStart[doc] = int32(len(c.docSlots))
		for fi, f := range columnFields {
			if fi == yearField {
				c.yearStart[doc] = int32(len(c.docSlots))
			}
			col := c.fields[f]
			first := col.first[doc]
			if first < 0 {
				c.docSlots = append(c.docSlots, int32(c.missingSlot(fi)))
				continue
			}
			c.docSlots = append(c.docSlots, int32(c.slotBase[fi])+first)
			for _, o := range col.others(uint64(doc)) {
				c.docSlots = append(c.docSlots, int32(c.slotBase[fi])+o)
			}
		}
	}
	c.docStart[c.size] = int32(len(c.docSlots))
}

const noDate = math.MinInt64

// column is one keyword field: its distinct values and each document's value ordinals.
// A document's first value sits in first; its other values, for multi-valued fields, in
// rest[restStart[doc]:restStart[doc+1]], so that no lookup on the hot path goes through a map.
type column struct {
	values    []string         // ordinal -> value, sorted
	ordinal   map[string]int32 // value -> ordinal
	first     []int32          // the document's first ordinal, -1 when it has none
	restStart []int32          // len(first)+1 offsets into rest
	rest      []int32
}

// others returns the value ordinals of document doc after its first.
func (c *column) others(doc uint64) []int32 {
	return c.rest[c.restStart[doc]:c.restStart[doc+1]]
}

// columnFields are the keyword fields kept as columns: the facets, in FilterFields order,
// then the year; a collector numbers them in this order.
var columnFields = append(append([]string(nil), schema.FacetFields...), schema.FieldYear)

// yearField is the number of the year among columnFields.
var yearField = len(schema.FacetFields)

// loadColumns reads the doc values of every document of an open index.
func loadColumns(idx bleve.Index) (*columns, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	defer r.Close()
	docs, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	defer docs.Close()
	var internal []index.IndexInternalID
	max := uint64(0)
	for {
		id, err := docs.Next()
		if err != nil {
			return nil, fmt.Errorf("load columns: %w", err)
		}
		if id == nil {
			break
		}
		id = append(index.IndexInternalID(nil), id...)
		internal = append(internal, id)
		if v := id.Value(); v+1 > max {
			max = v + 1
		}
	}
	c := &columns{size: int(max), ids: make([]string, max), fields: map[string]*column{},
		date: make([]int64, max), sortDate: make([]int64, max), latest: make([]bool, max)}
	raw := map[string][][]string{}
	for _, f := range columnFields {
		raw[f] = make([][]string, max)
	}
	for i := range c.date {
		c.date[i], c.sortDate[i] = noDate, noDate
	}
	dv, err := r.DocValueReader(append(append([]string(nil), columnFields...), schema.FieldDate, schema.FieldSortDate, schema.FieldVersion))
	if err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	for _, id := range internal {
		n := id.Value()
		if c.ids[n], err = r.ExternalID(id); err != nil {
			return nil, fmt.Errorf("load columns: %w", err)
		}
		err := dv.VisitDocValues(id, func(field string, term []byte) {
			switch field {
			case schema.FieldDate, schema.FieldSortDate:
				t := numeric.PrefixCoded(term)
				if shift, err := t.Shift(); err != nil || shift != 0 {
					return
				}
				v, err := t.Int64()
				if err != nil {
					return
				}
				sec := v / 1e9
				if field == schema.FieldDate {
					c.date[n] = sec
				} else {
					c.sortDate[n] = sec
				}
			case schema.FieldVersion:
				c.latest[n] = string(term) == schema.VersionLatest
			default:
				raw[field][n] = append(raw[field][n], string(term))
			}
		})
		if err != nil {
			return nil, fmt.Errorf("load columns: %w", err)
		}
	}
	for _, f := range columnFields {
		c.fields[f] = newColumn(raw[f])
	}
	c.buildSlots()
	c.buildSets()
	return c, nil
}

func newColumn(raw [][]string) *column {
	set := map[string]bool{}
	for _, vs := range raw {
		for _, v := range vs {
			set[v] = true
		}
	}
	col := &column{ordinal: map[string]int32{}, first: make([]int32, len(raw)), restStart: make([]int32, len(raw)+1)}
	for v := range set {
		col.values = append(col.values, v)
	}
	sort.Strings(col.values)
	for i, v := range col.values {
		col.ordinal[v] = int32(i)
	}
	for doc, vs := range raw {
		col.first[doc] = -1
		col.restStart[doc] = int32(len(col.rest))
		for i, v := range vs {
			if i == 0 {
				col.first[doc] = col.ordinal[v]
			} else {
				col.rest = append(col.rest, col.ordinal[v])
			}
		}
	}
	col.restStart[len(raw)] = int32(len(col.rest))
	return col
}
