package search

import (
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
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

// loadColumns reads the columns of every document of an open index by uninverting its
// keyword and date fields: each term's postings give the documents holding it, which is
// far faster than visiting every document's doc values.
func loadColumns(pb *postingBitmaps) (*columns, error) {
	r := pb.r
	c, err := loadIDs(r)
	if err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	for _, f := range columnFields {
		if c.fields[f], err = uninvert(r, pb, f, c.size); err != nil {
			return nil, fmt.Errorf("load columns: %s: %w", f, err)
		}
	}
	for _, d := range []struct {
		field string
		col   []int64
	}{{schema.FieldDate, c.date}, {schema.FieldSortDate, c.sortDate}} {
		if err := uninvertDates(r, pb, d.field, d.col); err != nil {
			return nil, fmt.Errorf("load columns: %s: %w", d.field, err)
		}
	}
	latest, err := pb.term(schema.FieldVersion, schema.VersionLatest)
	if err != nil {
		return nil, fmt.Errorf("load columns: %w", err)
	}
	latest.Iterate(func(doc uint32) bool {
		if int(doc) < c.size {
			c.latest[doc] = true
		}
		return true
	})
	c.buildSlots()
	c.buildSets()
	return c, nil
}

// loadIDs numbers the live documents of r and reads their external ids.
func loadIDs(r index.IndexReader) (*columns, error) {
	docs, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer docs.Close()
	var internal []index.IndexInternalID
	max := uint64(0)
	for {
		id, err := docs.Next()
		if err != nil {
			return nil, err
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
	for i := range c.date {
		c.date[i], c.sortDate[i] = noDate, noDate
	}
	for _, id := range internal {
		if c.ids[id.Value()], err = r.ExternalID(id); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// uninvert builds the column of a keyword field from its terms' postings. A document's
// values come in term order, as its doc values would.
func uninvert(r index.IndexReader, pb *postingBitmaps, field string, size int) (*column, error) {
	col := &column{ordinal: map[string]int32{}, first: make([]int32, size), restStart: make([]int32, size+1)}
	var sets []*roaring.Bitmap
	dict, err := r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	for {
		e, err := dict.Next()
		if err != nil {
			dict.Close()
			return nil, err
		}
		if e == nil {
			break
		}
		b, err := pb.term(field, e.Term)
		if err != nil {
			dict.Close()
			return nil, err
		}
		col.ordinal[e.Term] = int32(len(col.values))
		col.values = append(col.values, e.Term)
		sets = append(sets, b)
	}
	if err := dict.Close(); err != nil {
		return nil, err
	}
	for i := range col.first {
		col.first[i] = -1
	}
	more := make([]int32, size+1) // values after the first, by document
	for o, b := range sets {
		b.Iterate(func(doc uint32) bool {
			if int(doc) >= size {
				return true
			}
			if col.first[doc] < 0 {
				col.first[doc] = int32(o)
			} else {
				more[doc]++
			}
			return true
		})
	}
	for doc := 0; doc < size; doc++ {
		col.restStart[doc+1] = col.restStart[doc] + more[doc]
	}
	col.rest = make([]int32, col.restStart[size])
	next := append([]int32(nil), col.restStart[:size]...)
	for o, b := range sets {
		b.Iterate(func(doc uint32) bool {
			if int(doc) < size && col.first[doc] != int32(o) {
				col.rest[next[doc]] = int32(o)
				next[doc]++
			}
			return true
		})
	}
	return col, nil
}

// uninvertDates fills a date column (Unix seconds) from a date field's full-precision terms.
func uninvertDates(r index.IndexReader, pb *postingBitmaps, field string, out []int64) error {
	// Full-precision terms (shift 0) start with this byte; the other shifts follow them.
	dict, err := r.FieldDictPrefix(field, []byte{numeric.ShiftStartInt64})
	if err != nil {
		return err
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		t := numeric.PrefixCoded(e.Term)
		if shift, err := t.Shift(); err != nil || shift != 0 {
			continue // a lower-precision term of the same dates
		}
		v, err := t.Int64()
		if err != nil {
			continue
		}
		b, err := pb.term(field, e.Term)
		if err != nil {
			return err
		}
		sec := v / 1e9
		b.Iterate(func(doc uint32) bool {
			if int(doc) < len(out) {
				out[doc] = sec
			}
			return true
		})
	}
}
