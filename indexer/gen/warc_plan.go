package gen

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// plannedNotice is one notice's captures, planned when its page arrives.
type plannedNotice struct {
	path     string // the page's path, which seeds its record ids
	url      string
	charset  string
	versions [][]byte // the page's HTML for each text, oldest first
	captures []plannedCapture
	rnd      *rand.Rand
}

// plannedCapture is one capture of a notice.
type plannedCapture struct {
	time      time.Time
	version   int // index into plannedNotice.versions
	revisitOf int // the capture whose payload a revisit record repeats; -1 when written in full
	enc       httpEncoding
	id        string // WARC-Record-ID of the response or revisit record
	digest    string // WARC-Payload-Digest, known once written in full
}

// httpEncoding is how a response is sent.
type httpEncoding struct {
	chunk   int  // chunk size with Transfer-Encoding: chunked; 0 sends Content-Length
	gzip    bool // Content-Encoding: gzip
	charset bool // the Content-Type names the charset
}

// plan draws the captures of a page: how many, when, which text each shows, which are
// revisits and how each response is encoded.
func (s *WARCSink) plan(p *Page) *plannedNotice {
	r := rand.New(rand.NewPCG(uint64(s.opts.Seed), pageSeed(p.Path)))
	n := &plannedNotice{path: p.Path, url: p.Label.SourceURL, charset: pageCharset(p.HTML), versions: [][]byte{p.HTML}, rnd: r}
	count := 1
	if chance(r, s.opts.Recaptured) {
		count = 2 + r.IntN(3)
	}
	versionAt := s.planEdits(r, p, n, count)
	t := firstCapture(r, p)
	lastFull := map[int]int{} // version -> its latest capture written in full
	for i := range count {
		if i > 0 {
			t = t.Add(time.Duration(15+r.IntN(700))*24*time.Hour + time.Duration(r.IntN(86400))*time.Second)
		}
		c := plannedCapture{time: t, version: versionAt[i], revisitOf: -1, id: recordID(s.opts.Seed, p.Path, i, "response")}
		if j, ok := lastFull[c.version]; ok && chance(r, s.opts.Revisits) {
			c.revisitOf, c.enc = j, n.captures[j].enc
		} else {
			c.enc = s.encoding(r)
			lastFull[c.version] = i
		}
		n.captures = append(n.captures, c)
	}
	return n
}

func (s *WARCSink) encoding(r *rand.Rand) httpEncoding {
	var e httpEncoding
	if chance(r, s.opts.Chunked) {
		e.chunk = 256 << r.IntN(5)
	}
	e.gzip = chance(r, s.opts.Gzip)
	e.charset = !chance(r, s.opts.NoCharset)
	return e
}

// firstCapture is the time the page's Wayback insert states, else a time within a year
// and a half of publication.
func firstCapture(r *rand.Rand, p *Page) time.Time {
	if !p.Captured.IsZero() {
		return p.Captured.UTC()
	}
	pub, err := time.Parse("2006-01-02", p.Label.TrueDate)
	if err != nil {
		pub = time.Date(DefaultStart, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return pub.Add(time.Duration(3+r.IntN(540))*24*time.Hour + time.Duration(r.IntN(86400))*time.Second)
}

// Sentences an edit adds to a notice, and those a second edit puts in their place. They
// name no topic, body, date or earlier notice, so that the notice's labels hold for
// every version.
var (
	addedSentences = [...]string{
		"Prospective adoptive parents should check this page regularly for further information.",
		"The Department will provide further updates as soon as more information becomes available.",
		"Families are encouraged to review the country information page for general guidance.",
		"Please read the frequently asked questions for additional details.",
	}
	changedSentences = [...]string{
		"Prospective adoptive parents should check this page often for the latest information.",
		"The Department will share further updates when more information becomes available.",
		"Families should read the country information page for general guidance.",
	}
)

// planEdits decides whether the notice changes between captures, makes the edited
// pages and returns the version each capture shows.
func (s *WARCSink) planEdits(r *rand.Rand, p *Page, n *plannedNotice, count int) []int {
	at := make([]int, count)
	if count < 2 || !chance(r, s.opts.Edited) {
		return at
	}
	k := 1 + r.IntN(count-1)
	added := addedSentences[r.IntN(len(addedSentences))]
	v2, ok := insertSentence(p.HTML, p.Body, added)
	if !ok {
		return at
	}
	n.versions = append(n.versions, v2)
	for i := k; i < count; i++ {
		at[i] = 1
	}
	if count-k >= 2 && r.IntN(100) < 35 {
		k2 := k + 1 + r.IntN(count-k-1)
		v3 := bytes.Replace(v2, []byte(added), []byte(changedSentences[r.IntN(len(changedSentences))]), 1)
		n.versions = append(n.versions, v3)
		for i := k2; i < count; i++ {
			at[i] = 2
		}
	}
	return at
}

// insertSentence adds sentence after the end of one of the last paragraphs of the
// page's body, found in the HTML by its last words. It reports false when no paragraph
// ends in words that occur once in the HTML as they are written in the text.
func insertSentence(html []byte, body, sentence string) ([]byte, bool) {
	paras := strings.Split(body, "\n\n")
	for i := len(paras) - 1; i >= 0 && i >= len(paras)-4; i-- {
		p := strings.TrimSpace(paras[i])
		if !strings.HasSuffix(p, ".") {
			continue
		}
		for _, k := range []int{48, 32, 20} {
			if len(p) < k || !plainText(p[len(p)-k:]) {
				continue
			}
			tail := []byte(p[len(p)-k:])
			if bytes.Count(html, tail) != 1 {
				continue
			}
			j := bytes.Index(html, tail) + k
			out := make([]byte, 0, len(html)+len(sentence)+1)
			out = append(append(append(out, html[:j]...), ' '), sentence...)
			return append(out, html[j:]...), true
		}
	}
	return nil, false
}

// plainText reports whether s is written the same in HTML, in any of the corpus's
// charsets: ASCII letters, digits, spaces and a few punctuation marks.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(" .,;:()-", c) >= 0) {
			return false
		}
	}
	return true
}

var metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-]+)`)

// pageCharset is the charset the page declares, else UTF-8 or windows-1252 by its bytes.
func pageCharset(html []byte) string {
	if m := metaCharset.FindSubmatch(html[:min(len(html), 16<<10)]); m != nil {
		if strings.EqualFold(string(m[1]), "utf-8") {
			return "UTF-8"
		}
		return string(m[1])
	}
	if utf8.Valid(html) {
		return "UTF-8"
	}
	return "windows-1252"
}

// recordID derives a record's WARC-Record-ID from the seed, the page and the record's
// place among the page's records, so that the file is the same from run to run.
func recordID(seed int64, path string, i int, kind string) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%d\x00%s\x00%d\x00%s", seed, path, i, kind))
	sum[6] = sum[6]&0x0f | 0x40 // version 4
	sum[8] = sum[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}
