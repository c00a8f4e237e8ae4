package web

import "github.com/noticearchive/noticearchive/search"

// pagerView is the pagination: numbered pages up to search.MaxPage, then a cursor.
type pagerView struct {
	Prev, Next string
	First      string // back to page 1 from a cursor page
	Pages      []pageLink
}

// pageLink is a page number, or a gap when N is 0.
type pageLink struct {
	N       int
	URL     string
	Current bool
}

// Show reports whether there is more than one page.
func (p pagerView) Show() bool {
	return p.Prev != "" || p.Next != "" || p.First != "" || len(p.Pages) > 1
}

// pager decides the pagination links of a response.
func pager(st State, resp *search.Response, path string) pagerView {
	var p pagerView
	if resp.Request.After != "" {
		p.First = st.WithPage(1).URL(path)
		if resp.NextAfter != "" {
			p.Next = st.WithAfter(resp.NextAfter).URL(path)
		}
		return p
	}
	cur, last := resp.Request.Page, min(resp.Pages, search.MaxPage)
	if cur > 1 {
		p.Prev = st.WithPage(cur - 1).URL(path)
	}
	switch {
	case cur < last:
		p.Next = st.WithPage(cur + 1).URL(path)
	case resp.NextAfter != "":
		p.Next = st.WithAfter(resp.NextAfter).URL(path)
	}
	for _, n := range pageWindow(cur, last) {
		if n == 0 {
			p.Pages = append(p.Pages, pageLink{})
			continue
		}
		p.Pages = append(p.Pages, pageLink{N: n, URL: st.WithPage(n).URL(path), Current: n == cur})
	}
	return p
}

// pageWindow lists the page numbers to show around cur: the first, two either side of
// cur and the last, with 0 for a gap.
func pageWindow(cur, last int) []int {
	if last <= 1 {
		return nil
	}
	var out []int
	prev := 0
	for n := 1; n <= last; n++ {
		if n == 1 || n == last || (n >= cur-2 && n <= cur+2) {
			if prev != 0 && n != prev+1 {
				out = append(out, 0)
			}
			out = append(out, n)
			prev = n
		}
	}
	return out
}
