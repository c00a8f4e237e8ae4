package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"sort"
)

// Template files. Every page template is parsed with the layout and the shared parts;
// standalone ones are parsed alone.
var (
	layoutFiles     = []string{"base.tmpl", "parts.tmpl"}
	pageTemplates   = []string{"search", "advanced", "help", "notice", "diff", "countries", "country", "error"}
	standaloneFiles = []string{"original"}
)

// views are the parsed templates by name.
type views struct {
	pages map[string]*template.Template
	fsys  fs.FS
	funcs template.FuncMap
}

// loadViews parses every template and fails when a file is missing, unknown or broken.
func loadViews(fsys fs.FS, funcs template.FuncMap) (*views, error) {
	v := &views{pages: map[string]*template.Template{}, fsys: fsys, funcs: funcs}
	if err := v.checkFiles(); err != nil {
		return nil, err
	}
	for _, name := range pageTemplates {
		files := append(slices.Clone(layoutFiles), name+".tmpl")
		t, err := template.New(name).Funcs(funcs).ParseFS(fsys, files...)
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("web: template %s defines no \"content\"", name)
		}
		v.pages[name] = t.Lookup("base")
	}
	for _, name := range standaloneFiles {
		t, err := template.New(name+".tmpl").Funcs(funcs).ParseFS(fsys, name+".tmpl")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// checkFiles makes sure the template folder holds exactly the registered files.
func (v *views) checkFiles() error {
	var want []string
	want = append(want, layoutFiles...)
	for _, n := range append(slices.Clone(pageTemplates), standaloneFiles...) {
		want = append(want, n+".tmpl")
	}
	sort.Strings(want)
	entries, err := fs.ReadDir(v.fsys, ".")
	if err != nil {
		return fmt.Errorf("web: read templates: %w", err)
	}
	var have []string
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".tmpl" {
			have = append(have, e.Name())
		}
	}
	sort.Strings(have)
	if !slices.Equal(want, have) {
		return fmt.Errorf("web: template files %v, want exactly %v", have, want)
	}
	return nil
}

// render executes a page template into a buffer and writes it only when that succeeded.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	v := s.views
	if s.cfg.Dev {
		var err error
		if v, err = loadViews(templateFS(s.cfg), s.funcs()); err != nil {
			return err
		}
	}
	t, ok := v.pages[name]
	if !ok {
		return fmt.Errorf("render: no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w) // an error here means the client has gone: nobody to tell
	return nil
}

// funcs are the template functions.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) (string, error) {
			if s.cfg.Dev {
				if a, err := loadAssets(staticFS(s.cfg)); err == nil {
					return a.url(name)
				}
			}
			return s.assets.url(name)
		},
		"date":     formatDate,
		"isodate":  isoDate,
		"time":     formatTime,
		"isotime":  isoTime,
		"count":    formatCount,
		"plural":   plural,
		"topicURL": func(id string) string { return State{}.WithFilter(facetTopic, id).URL("/") },
		"ministryURL": func(name string) string {
			return State{}.WithFilter(facetMinistry, name).URL("/")
		},
		"typeURL":    func(t string) string { return State{}.WithFilter(facetType, t).URL("/") },
		"topicLabel": s.cfg.Searcher.TopicLabel,
		"typeLabel":  typeLabel,
		"host":       urlHost,
		"short":      shortDigest,
		"took":       formatTook,
		"markQuery":  markQuery,
		"urlOf":      func(path string, st State) string { return st.URL(path) },
		"add": func(xs ...int) int {
			n := 0
			for _, x := range xs {
				n += x
			}
			return n
		},
	}
}
