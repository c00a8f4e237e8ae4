package indexer

import (
	"bufio"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/noticearchive/noticearchive/indexer/schema"
)

// IdentityKey names the notice a page is a copy of, so that captures of one notice from
// different times, site designs or URLs merge: its country, date and title. An undated
// notice adds the start of its text, so that two undated notices with the same heading
// ("Cambodia") stay apart.
func IdentityKey(n *Notice) string {
	key := schema.FoldName(n.Country) + "|" + n.Date + "|" + schema.FoldName(n.Title)
	if n.Date == "" {
		words := strings.Fields(schema.FoldName(n.Body))
		if len(words) > 60 {
			words = words[:60]
		}
		key += "|" + strings.Join(words, " ")
	}
	return key
}

var idHash = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// TextDigest identifies the text of a notice, so that captures showing the same words
// count as one version however their markup differs.
//
// The digest is that of the text's words (strings.Fields of title and body) joined by
// single spaces; it is computed without building that string (textDigestRef in the
// tests builds it), since the registry keeps digests from run to run.
func TextDigest(n *Notice) string {
	w := wordWriter{h: sha256.New()}
	w.buf = w.space[:0]
	w.words(n.Title)
	w.words(n.Body) // title and body are apart: a newline stood between them
	w.h.Write(w.buf)
	var sum [sha256.Size]byte
	w.h.Sum(sum[:0])
	return hex.EncodeToString(sum[:12])
}

// wordWriter writes the words of texts to h, separated by single spaces, through buf.
type wordWriter struct {
	h       hash.Hash
	buf     []byte
	space   [4096]byte
	started bool // a word was written
}

// words writes the words of s: its runs of non-space runes as strings.Fields finds them.
// Words already apart by one ASCII space are written as one run.
func (w *wordWriter) words(s string) {
	i := 0
	for {
		for i < len(s) { // spaces
			c := s[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] == 0 {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i == len(s) {
			return
		}
		start, end := i, i // a run of words, and the end of its last word so far
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] == 0 {
					i++
					end = i
					continue
				}
				if c == ' ' && i+1 < len(s) && s[i+1] < utf8.RuneSelf && asciiSpace[s[i+1]] == 0 {
					i++ // one space, then a word: the run goes on
					continue
				}
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
			end = i
		}
		w.word(s[start:end])
	}
}

func (w *wordWriter) word(s string) {
	if w.started {
		w.put(" ")
	}
	w.started = true
	w.put(s)
}

// put appends s to buf, writing buf to h whenever it is full.
func (w *wordWriter) put(s string) {
	for len(s) > 0 {
		if len(w.buf) == cap(w.buf) {
			w.h.Write(w.buf)
			w.buf = w.buf[:0]
		}
		n := copy(w.buf[len(w.buf):cap(w.buf)], s)
		w.buf = w.buf[:len(w.buf)+n]
		s = s[n:]
	}
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// NoticeID derives a short, readable id from a notice's identity: country slug, date and
// a hash of the identity key, e.g. "cambodia-2014-02-17-k3fa".
func NoticeID(key string, n *Notice, hashLen int) string {
	sum := sha256.Sum256([]byte(key))
	h := idHash.EncodeToString(sum[:])[:hashLen]
	country := slug(n.Country, 24)
	if country == "" {
		country = "general"
	}
	date := n.Date
	if date == "" {
		date = "undated"
	}
	return country + "-" + date + "-" + h
}

// slug lower-cases s and keeps letters and digits, joined by single hyphens.
func slug(s string, max int) string {
	s = strings.ReplaceAll(schema.FoldName(s), " ", "-")
	if len(s) > max {
		s = strings.TrimRight(s[:max], "-")
	}
	return s
}

// ValidUTF8 replaces invalid UTF-8 sequences, which the highlighter would skip.
func ValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// issued is one line of the id registry: an id and the identity it was issued for.
type issued struct {
	ID        string    `json:"id"`
	Key       string    `json:"key"`
	URL       string    `json:"url,omitempty"`
	Digests   []string  `json:"digests,omitempty"`
	FirstHeld time.Time `json:"first_held"`
	AliasOf   string    `json:"alias_of,omitempty"`
	// Texts records when each version of the notice (by TextDigest) was first held.
	Texts map[string]time.Time `json:"texts,omitempty"`
}

// registry remembers every id ever issued in an index directory, so that an id keeps
// resolving after a later run derives a different one for the same page.
type registry struct {
	path    string
	entries map[string]*issued // by id
	current map[string]bool    // ids issued by this run
}

func loadRegistry(path string) (*registry, error) {
	r := &registry{path: path, entries: map[string]*issued{}, current: map[string]bool{}}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read id registry: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var e issued
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.ID == "" {
			continue // a torn last line from a crash loses one entry, never the registry
		}
		r.entries[e.ID] = &e
	}
	return r, sc.Err()
}

// firstHeld returns when the archive first held this text of the notice with this id.
func (r *registry) firstHeld(id, text string, now time.Time) time.Time {
	if e, ok := r.entries[id]; ok {
		if t, ok := e.Texts[text]; ok {
			return t
		}
	}
	return now.UTC().Truncate(time.Second)
}

// record notes that this run issued id for the notice n, showing the text with this digest.
func (r *registry) record(id, key, text string, n *Notice, now time.Time) {
	e, ok := r.entries[id]
	if !ok {
		e = &issued{ID: id, FirstHeld: now.UTC().Truncate(time.Second)}
		r.entries[id] = e
	}
	if e.Texts == nil {
		e.Texts = map[string]time.Time{}
	}
	if _, ok := e.Texts[text]; !ok {
		e.Texts[text] = now.UTC().Truncate(time.Second)
	}
	e.Key, e.URL, e.AliasOf = key, n.URL, ""
	for _, c := range n.Captures {
		if !contains(e.Digests, c.Digest) {
			e.Digests = append(e.Digests, c.Digest)
		}
	}
	r.current[id] = true
}

// resolveAliases maps each id issued by an earlier run but not by this one to the notice
// of this run with the same original URL or a shared original page, and returns old -> new.
func (b *builder) resolveAliases() map[string]string {
	r := b.registry
	byDigest := map[string]string{}
	byURL := map[string][]string{}
	for id := range r.current {
		e := r.entries[id]
		for _, d := range e.Digests {
			byDigest[d] = id
		}
		if e.URL != "" {
			byURL[e.URL] = append(byURL[e.URL], id)
		}
	}
	aliases := map[string]string{}
	for id, e := range r.entries {
		if r.current[id] {
			continue
		}
		target := ""
		for _, d := range e.Digests {
			if t, ok := byDigest[d]; ok {
				target = t
				break
			}
		}
		if target == "" && e.URL != "" && len(byURL[e.URL]) == 1 {
			target = byURL[e.URL][0]
		}
		if target == "" && e.AliasOf != "" && r.current[e.AliasOf] {
			target = e.AliasOf
		}
		if target != "" {
			e.AliasOf = target
			aliases[id] = target
		}
	}
	// An id aliased by an earlier run to an id that has itself moved follows the chain.
	for id, e := range r.entries {
		if r.current[id] || aliases[id] != "" || e.AliasOf == "" {
			continue
		}
		for hop, t := 0, e.AliasOf; hop < 16 && t != ""; hop++ {
			if r.current[t] {
				e.AliasOf, aliases[id] = t, t
				break
			}
			t = aliases[t]
		}
	}
	return aliases
}

// save rewrites the registry atomically.
func (r *registry) save() error {
	ids := make([]string, 0, len(r.entries))
	for id := range r.entries {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var b strings.Builder
	for _, id := range ids {
		line, err := json.Marshal(r.entries[id])
		if err != nil {
			return fmt.Errorf("encode id registry: %w", err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFileAtomic(r.path, []byte(b.String()))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and renames it
// into place, so that a reader sees the old or the new content, never a mix.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
