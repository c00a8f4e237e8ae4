package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/go-chi/chi/v5"
)

//go:embed static templates
var embedded embed.FS

// staticFS returns the static files: embedded, or the checkout's in dev mode.
func staticFS(cfg Config) fs.FS {
	if cfg.Dev {
		return os.DirFS(filepath.Join(cfg.DevDir, "static"))
	}
	sub, _ := fs.Sub(embedded, "static")
	return sub
}

// templateFS returns the templates: embedded, or the checkout's in dev mode.
func templateFS(cfg Config) fs.FS {
	if cfg.Dev {
		return os.DirFS(filepath.Join(cfg.DevDir, "templates"))
	}
	sub, _ := fs.Sub(embedded, "templates")
	return sub
}

// asset is one static file with the hash that versions its URL.
type asset struct {
	body []byte
	hash string
	typ  string
}

// assets are the static files, served at /static/{hash}/{name} with long cache
// lifetimes: a changed file gets a new URL.
type assets struct {
	files map[string]asset
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{files: map[string]asset{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		typ := mime.TypeByExtension(path.Ext(p))
		if typ == "" {
			typ = "application/octet-stream"
		}
		a.files[p] = asset{body: body, hash: hex.EncodeToString(sum[:6]), typ: typ}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: load static files: %w", err)
	}
	return a, nil
}

// url returns the versioned URL of a static file. An unknown name is a programming
// error caught when the templates are checked at startup.
func (a *assets) url(name string) (string, error) {
	f, ok := a.files[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + f.hash + "/" + name, nil
}

// handleStatic serves a static file. The current hash is cached for a year; any other
// (an old page's) gets the current bytes, briefly cached.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	name := chi.URLParam(r, "name")
	f, ok := s.assets.files[name]
	if s.cfg.Dev {
		if a, err := loadAssets(staticFS(s.cfg)); err == nil {
			f, ok = a.files[name]
		}
	}
	if !ok {
		return notFound("There is no such file.")
	}
	if chi.URLParam(r, "hash") == f.hash && !s.cfg.Dev {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("Content-Type", f.typ)
	w.Header().Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
	return nil
}

// handleFavicon redirects browsers that ask for /favicon.ico to the SVG icon.
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request) {
	u, err := s.assets.url("favicon.svg")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	http.Redirect(w, r, u, http.StatusMovedPermanently)
}
