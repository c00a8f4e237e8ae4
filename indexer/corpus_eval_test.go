package indexer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html/charset"
)

// evalCorpusDir is the shared corpus of real pages: $NOTICE_CORPUS, else
// ../../shared/corpus next to the repository. Evaluation tests skip when it is absent.
func evalCorpusDir() string {
	if dir := os.Getenv("NOTICE_CORPUS"); dir != "" {
		return dir
	}
	return filepath.Join("..", "..", "shared", "corpus")
}

// evalPage is one labelled corpus page with its body text extracted for evaluation.
type evalPage struct {
	File       string   `json:"file"`
	Country    string   `json:"country"`
	Title      string   `json:"title"`
	Ministries []string `json:"ministries"`
	Topics     []string `json:"topics"`
	Body       string   `json:"-"`
}

// evalSkipSelectors are page parts that are never body text.
var evalSkipSelectors = "#footer, #leftnav, #header, #breadcrumbs, .leftnav, .tsg-rwd-rail, " +
	".tsg-rwd-footer-frame, .tsg-rwd-header-frame, .tsg-rwd-breadcrumb, .tsg-rwd-share-print, " +
	"#wm-ipp-base, .back, .date"

// evalLoadCorpus reads labels.jsonl and the body text (<p> elements of the main content) of
// every labelled page, skipping the test when the corpus is absent.
func evalLoadCorpus(t *testing.T) []evalPage {
	t.Helper()
	dir := evalCorpusDir()
	f, err := os.Open(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		t.Skipf("shared corpus absent (%v); set NOTICE_CORPUS to its folder", err)
	}
	defer f.Close()
	var pages []evalPage
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var p evalPage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("labels: %v", err)
		}
		p.Body = evalBody(t, filepath.Join(dir, p.File))
		pages = append(pages, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("labels: %v", err)
	}
	return pages
}

// evalBody returns the paragraphs of a page's main content separated by blank lines.
func evalBody(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	r, err := charset.NewReader(bytes.NewReader(raw), "text/html")
	if err != nil {
		t.Fatalf("charset %s: %v", path, err)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	doc.Find(evalSkipSelectors).Remove()
	var paras []string
	doc.Find("p").Each(func(_ int, s *goquery.Selection) {
		text := strings.Join(strings.Fields(s.Text()), " ")
		switch {
		case text == "", strings.HasPrefix(text, "Back to"), text == "U.S. Department of State":
			return
		}
		paras = append(paras, text)
	})
	return strings.Join(paras, "\n\n")
}
