package indexer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func elementWithClass(class string) *html.Node {
	return &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div,
		Attr: []html.Attribute{{Key: "class", Val: class}}}
}

// parseBody parses a page and returns its body.
func parseBody(t *testing.T, page string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			if c.DataAtom == atom.Body {
				body = c
			}
			find(c)
		}
	}
	find(root)
	return body
}

func blockTexts(blocks []block) []string {
	var out []string
	for _, b := range blocks {
		if b.empty {
			out = append(out, "<empty>")
			continue
		}
		out = append(out, b.text)
	}
	return out
}

func TestCleanBody(t *testing.T) {
	page := `<html><body>
<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id="wm-ipp-base"><a href="/web/20150101000000*/http://example.org/n.html">3 captures</a><div>12 Mar 2009 - 3 Jan 2021</div></div><!-- END WAYBACK TOOLBAR INSERT -->
<div class="q1"><a href="/">Site</a> <a href="/a">Albania</a> <a href="/b">Benin</a></div>
<div class="zz"><a href="/">Home</a> &rsaquo; <a href="/news/">News</a> &rsaquo; <a href="/c/kenya">Kenya</a></div>
<div class="page-with-sidebar">
<div class="k"><h4>Countries</h4><ul><li><a href="/x">Chad</a></li><li><a href="/y">Togo</a></li><li><a href="/z">Mali</a></li></ul></div>
<h1>Kenya Suspends Adoptions</h1>
<p style="display:none">hidden text</p>
<p>Kenya has suspended intercountry adoptions while it reviews its laws, and families should not start new cases.</p>
<ul><li><a href="/n/1">Adoption Notice for Togo</a> <span>Mar 3, 2013</span></li><li><a href="/n/2">Notice for Chad</a> <span>Jan 9, 2015</span></li></ul>
<p class="share"><a href="#">Share</a></p>
<p><a href="#top">Back to Top</a></p>
</div>
<footer>Site footer</footer>
<script>document.write("script text")</script>
</body></html>`
	body := parseBody(t, page)
	cl := cleanBody(body)
	got := blockTexts(buildBlocks(body, cl.stats))
	want := []string{"Countries", "Kenya Suspends Adoptions",
		"Kenya has suspended intercountry adoptions while it reviews its laws, and families should not start new cases."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Home", "News", "Kenya"}, cl.crumbs); diff != "" {
		t.Errorf("crumbs (-want +got):\n%s", diff)
	}
	if cl.wayback != "http://example.org/n.html" || cl.waytime.Year() != 2015 {
		t.Errorf("wayback origin %q %v", cl.wayback, cl.waytime)
	}
	if !cl.removed["site"] {
		t.Errorf("removed texts %v lack the site name", cl.removed)
	}
}

func TestBuildBlocks(t *testing.T) {
	page := `<html><body><div class="m">
<span class="a">Alert</span>
<span class="b">Posted <time datetime="2014-02-17">Feb 17, 2014</time></span>
<h2 class="title"></h2>
<div class="t">Notice on Colombia Adoptions, 08/30/22<br>COLOMBIA - Foreign <b>Authorization</b></div>
<p><b>All bold</b> <strong>title</strong></p>
<div>First paragraph.<br><br>Second   paragraph,
with a line.<br>And a break.</div>
</div></body></html>`
	body := parseBody(t, page)
	cl := cleanBody(body)
	blocks := buildBlocks(body, cl.stats)
	got := blockTexts(blocks)
	want := []string{"Alert", "Posted Feb 17, 2014", "<empty>",
		"Notice on Colombia Adoptions, 08/30/22\nCOLOMBIA - Foreign Authorization", "All bold title",
		"First paragraph.\n\nSecond paragraph, with a line.\nAnd a break."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("blocks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2014-02-17"}, blocks[1].times); diff != "" {
		t.Errorf("times (-want +got):\n%s", diff)
	}
	if !blocks[2].empty || blocks[2].level != 2 {
		t.Errorf("empty heading: %+v", blocks[2])
	}
	if blocks[3].bold || !blocks[4].bold {
		t.Errorf("bold: %v %v", blocks[3].bold, blocks[4].bold)
	}
}
