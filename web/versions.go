package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// Parameters of the comparison page, /notices/{id}/diff.
const (
	paramDiffFrom = "from"
	paramDiffTo   = "to"
)

// versionView is one version of a notice, as its list shows it.
type versionView struct {
	schema.Version
	Number      int    // counted from the oldest, as in the id-vN of earlier versions
	URL         string // its page
	Shown       bool   // the version the page shows
	FirstLabel  string // "March 1, 2014"
	LastLabel   string
	ChangesURL  string // comparison with the version before it; "" for the oldest
	Description string // "Version 2 (current)"
}

// Span describes when the version was captured: "March 1, 2014" or "March 1, 2014 to
// March 1, 2015".
func (v versionView) Span() string {
	if v.FirstLabel == v.LastLabel {
		return v.FirstLabel
	}
	return v.FirstLabel + " to " + v.LastLabel
}

// versionsView is the versions of a notice on its page.
type versionsView struct {
	List    []versionView // newest first
	Shown   versionView
	Current versionView // the newest version
	// ChangesURL compares the version shown with the current one (an earlier version),
	// or the current one with the version before it.
	ChangesURL string
}

// Earlier reports whether the page shows an earlier version.
func (v *versionsView) Earlier() bool { return !v.Shown.Latest }

// captureDay writes the day of a capture, or "an unknown date".
func captureDay(t time.Time) string {
	if t.IsZero() {
		return "an unknown date"
	}
	return t.UTC().Format("January 2, 2006")
}

// versionViews numbers the versions of a notice (oldest first, as stored) and links
// them; shown is the id of the version the page shows.
func versionViews(versions []schema.Version, shown string) []versionView {
	out := make([]versionView, len(versions))
	latest := latestVersion(versions)
	for i, v := range versions {
		vv := versionView{
			Version: v, Number: i + 1, URL: noticeURL(v.ID), Shown: v.ID == shown,
			FirstLabel: captureDay(v.First), LastLabel: captureDay(v.Last),
			Description: fmt.Sprintf("Version %d", i+1),
		}
		if v.Latest {
			vv.Description += " (current)"
		}
		if i > 0 {
			vv.ChangesURL = diffURL(versions[latest].ID, versions[i-1].ID, v.ID)
		}
		out[i] = vv
	}
	return out
}

// latestVersion returns the index of the newest version: the one marked latest, else
// the last.
func latestVersion(versions []schema.Version) int {
	for i, v := range versions {
		if v.Latest {
			return i
		}
	}
	return len(versions) - 1
}

// noticeVersions builds the versions part of a notice page, or nil for a notice with a
// single version.
func noticeVersions(n *search.Notice) *versionsView {
	if len(n.Versions) < 2 {
		return nil
	}
	list := versionViews(n.Versions, n.ID)
	vv := &versionsView{Current: list[latestVersion(n.Versions)]}
	for i := len(list) - 1; i >= 0; i-- {
		vv.List = append(vv.List, list[i])
		if list[i].Shown {
			vv.Shown = list[i]
		}
	}
	if vv.Shown.ID == "" { // the index lists versions without this id: show it as its own
		vv.Shown = versionView{Version: schema.Version{ID: n.ID, Latest: n.Latest}}
	}
	if vv.Earlier() {
		vv.ChangesURL = diffURL(vv.Current.ID, vv.Shown.ID, vv.Current.ID)
	} else {
		vv.ChangesURL = vv.Current.ChangesURL
	}
	return vv
}

// diffURL is the path of the comparison of two versions of the notice whose newest
// version is latest.
func diffURL(latest, from, to string) string {
	v := url.Values{paramDiffFrom: {from}, paramDiffTo: {to}}
	return noticeURL(latest) + "/diff?" + v.Encode()
}

// pickVersions decides which versions a comparison shows: from and to are the ids the
// URL names, "" for the defaults (to: the newest version; from: the version before
// to). It returns their indexes in versions, or an *Error (400) for an id that is no
// version of this notice.
func pickVersions(versions []schema.Version, from, to string) (fromIdx, toIdx int, err error) {
	find := func(param, id string) (int, error) {
		for i, v := range versions {
			if v.ID == id {
				return i, nil
			}
		}
		ids := make([]string, len(versions))
		for i, v := range versions {
			ids[i] = v.ID
		}
		return 0, errorf(http.StatusBadRequest, "%q is not a version of this notice: %s must be one of %s.",
			shorten(id, 90), param, strings.Join(ids, ", "))
	}
	toIdx = latestVersion(versions)
	if to != "" {
		if toIdx, err = find(paramDiffTo, to); err != nil {
			return 0, 0, err
		}
	}
	switch {
	case from != "":
		fromIdx, err = find(paramDiffFrom, from)
	case toIdx > 0:
		fromIdx = toIdx - 1
	default: // the oldest: compare it with the one after it
		fromIdx = 1
	}
	return fromIdx, toIdx, err
}

// earlierID matches the ids the index gives earlier versions: the notice's id and -vN.
// A notice's own id can end the same way, so a match is only a candidate.
var earlierID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*-v[1-9][0-9]*$`)

// hitVersion labels a result that is an earlier version of a notice.
type hitVersion struct {
	Number, Of int
	Span       string // when it was captured
	CurrentURL string
}

// labelEarlier marks the hits that are earlier versions of their notice. Only a search
// of all versions finds those; each is looked up once for its notice's versions.
func (s *Server) labelEarlier(r *http.Request, hits []hitView) {
	known := map[string][]schema.Version{} // version id -> all versions of its notice
	for i := range hits {
		id := hits[i].ID
		if hits[i].Latest || !earlierID.MatchString(id) {
			continue // only earlier versions need their notice's versions looked up
		}
		versions, ok := known[id]
		if !ok {
			n, err := s.search.Notice(r.Context(), id)
			if !s.secondary(r, "versions of a result", err) {
				if r.Context().Err() != nil {
					return
				}
				continue
			}
			for _, v := range n.Versions {
				known[v.ID] = n.Versions
			}
			versions = n.Versions
		}
		for _, v := range versionViews(versions, id) {
			if v.Shown && !v.Latest {
				hits[i].Version = &hitVersion{Number: v.Number, Of: len(versions), Span: v.Span(),
					CurrentURL: noticeURL(versions[latestVersion(versions)].ID)}
			}
		}
	}
}

// DiffPage compares two versions of a notice.
type DiffPage struct {
	Base
	N          *search.Notice // the newest version
	NoticeURL  string
	CountryURL string
	From, To   versionView
	Versions   []versionView // oldest first, for the form
	TitleDiff  *diffPara     // nil when the titles are the same
	Diff       textDiff
	FormAction string
	SwapURL    string
}

// handleDiff serves /notices/{id}/diff?from=ID&to=ID: what changed between two versions
// of a notice, word by word.
func (s *Server) handleDiff(w http.ResponseWriter, r *http.Request) error {
	n, err := s.noticeFromURL(r)
	if err != nil {
		return err
	}
	if len(n.Versions) < 2 {
		return notFound("The archive holds one version of this notice: there is nothing to compare.")
	}
	q := r.URL.Query()
	fromIdx, toIdx, err := pickVersions(n.Versions, strings.TrimSpace(q.Get(paramDiffFrom)), strings.TrimSpace(q.Get(paramDiffTo)))
	if err != nil {
		return err
	}
	latest := n.Versions[latestVersion(n.Versions)].ID
	texts := map[string]*search.Notice{n.ID: n}
	for _, i := range []int{fromIdx, toIdx, latestVersion(n.Versions)} {
		id := n.Versions[i].ID
		if texts[id] == nil {
			if texts[id], err = s.search.Notice(r.Context(), id); err != nil {
				return err
			}
		}
	}
	views := versionViews(n.Versions, "")
	a, b, cur := texts[n.Versions[fromIdx].ID], texts[n.Versions[toIdx].ID], texts[latest]
	p := &DiffPage{
		N: cur, NoticeURL: noticeURL(latest), CountryURL: countryURL(cur.CountryCode, cur.Country),
		From: views[fromIdx], To: views[toIdx], Versions: views,
		Diff:       diffTexts(a.Body, b.Body),
		FormAction: noticeURL(latest) + "/diff",
		SwapURL:    diffURL(latest, n.Versions[toIdx].ID, n.Versions[fromIdx].ID),
	}
	title := cur.Title
	if title == "" {
		title = "Untitled " + strings.ToLower(typeLabel(cur.Type))
	}
	p.Base = s.base(r, fmt.Sprintf("Changes to %s, version %d to %d", title, p.From.Number, p.To.Number))
	p.Canonical = s.absURL(r, diffURL(latest, p.From.ID, p.To.ID))
	p.Robots = "noindex"
	p.Description = fmt.Sprintf("What changed in %s from the version captured %s to the one captured %s.", title, p.From.Span(), p.To.Span())
	if a.Title != b.Title {
		if td := diffTexts(a.Title, b.Title); len(td.Paragraphs) > 0 {
			p.TitleDiff = &td.Paragraphs[0]
		}
	}
	return s.render(w, r, http.StatusOK, "diff", p)
}

// versionLinks are the switch between searching the current version of each notice
// and searching earlier versions too.
func versionLinks(st State) []link {
	current, all := st.firstPage(), st.firstPage()
	current.Versions, all.Versions = "", versionsAll
	return []link{
		{Label: "Current versions", URL: current.URL("/"), Current: st.Versions != versionsAll},
		{Label: "Include earlier versions", URL: all.URL("/"), Current: st.Versions == versionsAll},
	}
}
