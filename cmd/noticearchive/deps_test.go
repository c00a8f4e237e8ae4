package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/noticearchive/noticearchive"

// TestImportRules keeps the data flow of the design: archive → indexer → index ← search
// ← web. Each rule names a package and what it must not import. indexer/schema and
// indexer/pairs (the word-pair file: indexer writes it, search reads it) are shared
// below web, and indexer/pairs imports none of the module's packages.
func TestImportRules(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	deps := listImports(t)
	forbidden := map[string][]string{
		module + "/archive":        {module + "/indexer", module + "/search", module + "/web"},
		module + "/indexer/schema": {module + "/archive", module + "/indexer", module + "/search", module + "/web", "github.com/PuerkitoBio/goquery"},
		module + "/indexer":        {module + "/search", module + "/web"},
		module + "/search":         {module + "/indexer", module + "/archive", module + "/web", "github.com/PuerkitoBio/goquery", "net/http"},
		module + "/web":            {module + "/indexer", "github.com/blevesearch/bleve/v2", "github.com/PuerkitoBio/goquery"},
	}
	for pkg, bad := range forbidden {
		got, ok := deps[pkg]
		if !ok {
			t.Errorf("package %s not found", pkg)
			continue
		}
		for _, dep := range got {
			for _, b := range bad {
				shared := strings.HasPrefix(dep, module+"/indexer/schema") || strings.HasPrefix(dep, module+"/indexer/pairs")
				if (dep == b || strings.HasPrefix(dep, b+"/")) && !shared {
					t.Errorf("%s imports %s", pkg, dep)
				}
			}
		}
	}
	pairs, ok := deps[module+"/indexer/pairs"]
	if !ok {
		t.Errorf("package %s not found", module+"/indexer/pairs")
	}
	for _, dep := range pairs {
		if strings.HasPrefix(dep, module+"/") {
			t.Errorf("%s imports %s", module+"/indexer/pairs", dep)
		}
	}
	// Test helpers are for tests only.
	for pkg, got := range deps {
		if strings.HasSuffix(pkg, "test") {
			continue
		}
		for _, dep := range got {
			if strings.HasSuffix(dep, "/indexertest") || strings.HasSuffix(dep, "/archivetest") {
				t.Errorf("%s (not a test) imports %s", pkg, dep)
			}
		}
	}
}

// listImports returns every package of the module with the packages it imports (not its tests).
func listImports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		deps[p.ImportPath] = p.Imports
	}
	return deps
}
