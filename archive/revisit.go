package archive

import (
	"fmt"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// warcLoc is where a record that became a capture lies.
type warcLoc struct {
	file   *warcFile
	offset int64
	source string
}

// revisitCacheSize is how many decoded originals the revisit index keeps: revisits of
// one page tend to come in runs.
const revisitCacheSize = 8

// revisitIndex remembers the WARC records that became captures, so that a later
// revisit record can be resolved to the page it repeats. It holds locations, not
// bodies, apart from a few recently decoded ones.
type revisitIndex struct {
	locs  map[string]warcLoc // "id:<record id>", "ud:<uri> <date>", "pd:<payload digest>"
	cache []cachedPage       // most recent last
}

type cachedPage struct {
	source string
	page   warcPage
}

func newRevisitIndex() *revisitIndex {
	return &revisitIndex{locs: make(map[string]warcLoc)}
}

// add records a capture's location under the keys a revisit may refer to it by.
func (x *revisitIndex) add(loc warcLoc, hdr *gowarc.WarcFields) {
	if id := hdr.GetId(gowarc.WarcRecordID); id != "" {
		x.locs["id:"+id] = loc
	}
	if uri := targetURI(hdr.Get(gowarc.WarcTargetURI)); uri != "" {
		x.locs["ud:"+uri+" "+strings.TrimSpace(hdr.Get(gowarc.WarcDate))] = loc
	}
	if pd := hdr.Get(gowarc.WarcPayloadDigest); pd != "" {
		x.locs["pd:"+strings.ToLower(strings.TrimSpace(pd))] = loc
	}
}

// find returns the capture a revisit record refers to: by WARC-Refers-To, else by
// WARC-Refers-To-Target-URI and -Date, else by WARC-Payload-Digest.
func (x *revisitIndex) find(hdr *gowarc.WarcFields) (warcLoc, bool) {
	keys := []string{"id:" + hdr.GetId(gowarc.WarcRefersTo)}
	if uri := targetURI(hdr.Get(gowarc.WarcRefersToTargetURI)); uri != "" {
		keys = append(keys, "ud:"+uri+" "+strings.TrimSpace(hdr.Get(gowarc.WarcRefersToDate)))
	}
	keys = append(keys, "pd:"+strings.ToLower(strings.TrimSpace(hdr.Get(gowarc.WarcPayloadDigest))))
	for _, k := range keys {
		if loc, ok := x.locs[k]; ok {
			return loc, true
		}
	}
	return warcLoc{}, false
}

// load returns the decoded page at loc, reading its record again unless it is cached.
func (x *revisitIndex) load(loc warcLoc, limit int64) (warcPage, error) {
	for i, c := range x.cache {
		if c.source == loc.source {
			x.cache = append(append(x.cache[:i:i], x.cache[i+1:]...), c)
			return c.page, nil
		}
	}
	r, closer, err := openWARC(loc.file, loc.offset)
	if err != nil {
		return warcPage{}, err
	}
	defer closer()
	rec, err := r.Next()
	if err != nil {
		rec.Close()
		return warcPage{}, err
	}
	defer rec.Close()
	page, reason, err := decodeRecord(rec.WarcRecord, limit)
	if reason != "" {
		return warcPage{}, fmt.Errorf("%s: %w", reason, err)
	}
	if len(x.cache) == revisitCacheSize {
		x.cache = x.cache[1:]
	}
	x.cache = append(x.cache, cachedPage{source: loc.source, page: page})
	return page, nil
}

func targetURI(s string) string {
	return strings.Trim(strings.TrimSpace(s), "<>")
}
