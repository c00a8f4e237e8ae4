package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/noticearchive/noticearchive/indexer/schema"
	"github.com/noticearchive/noticearchive/search"
)

// runCLI runs the command line in-process and returns its standard output.
func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, &stdout, &stderr)
	if err != nil {
		t.Logf("%v: %v\n%s", args, err, stderr.String())
	}
	return stdout.String(), err
}

func TestHelpAndUsageErrors(t *testing.T) {
	for _, cmd := range []string{"index", "extract", "search", "gen", "serve"} {
		if _, err := runCLI(t, cmd, "--help"); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("%s --help: %v", cmd, err)
		}
	}
	if _, err := runCLI(t, "frobnicate"); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("unknown command: %v", err)
	}
	if _, err := runCLI(t, "index", "--index", t.TempDir()); err == nil {
		t.Error("index without sources succeeded")
	}
	if _, err := runCLI(t, "gen"); err == nil {
		t.Error("gen without --out succeeded")
	}
}

// The README's path for a new user: generate a corpus, index it, search it, serve it.
func TestGenIndexSearchServe(t *testing.T) {
	corpus, dir := t.TempDir(), t.TempDir()
	if _, err := runCLI(t, "gen", "--out", corpus, "--n", "120", "--seed", "7", "--layouts", "mixed"); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "index", "--index", dir, corpus)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`notices indexed (\d+)`).FindStringSubmatch(out)
	if m == nil || m[1] == "0" {
		t.Fatalf("index summary: %s", out)
	}
	if !strings.Contains(out, "labels.jsonl: not HTML") {
		t.Errorf("the skipped labels file is not reported: %s", out)
	}
	out, err = runCLI(t, "search", "--index", dir, "--n", "3", "adoption")
	if err != nil || !strings.Contains(out, "1. ") {
		t.Fatalf("search: %v\n%s", err, out)
	}
	if _, err := runCLI(t, "search", "--index", dir, `"unclosed`); err == nil || !strings.Contains(err.Error(), "bad query") {
		t.Errorf("bad query: %v", err)
	}

	out, err = runCLI(t, "extract", filepath.Join(corpus))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatalf("extract output is not JSON lines: %v", err)
	}
	for _, k := range []string{"source", "id", "country", "country_code", "date", "type", "title", "ministries", "topics", "cites", "captured_at"} {
		if _, ok := first[k]; !ok && first["error"] == nil {
			t.Errorf("extract output lacks %q: %s", k, lines[0])
		}
	}

	addr := startServe(t, dir)
	res, err := http.Get("http://" + addr + "/api/search?q=adoption")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var api struct{ Total int }
	if err := json.NewDecoder(res.Body).Decode(&api); err != nil || res.StatusCode != 200 || api.Total == 0 {
		t.Errorf("api/search: %d %v total=%d", res.StatusCode, err, api.Total)
	}
}

// startServe runs `serve` until the test ends and returns its address.
func startServe(t *testing.T, dir string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		cfg := serveConfig{indexDir: dir, addr: "127.0.0.1:0", poll: 50 * time.Millisecond}
		done <- serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), pw)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`at http://([^/]+)/`).FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("serve printed %q: %v", line, err)
	}
	return m[1]
}

// TestMain lets the test binary act as the command, for tests that must kill it.
func TestMain(m *testing.M) {
	if args := os.Getenv("NOTICEARCHIVE_RUN"); args != "" {
		if err := run(context.Background(), strings.Split(args, "\x1f"), os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A SIGKILL in the middle of an index run leaves the served index answering, and the next
// run completes.
func TestIndexKilledMidRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two indexes")
	}
	small, big, dir := t.TempDir(), t.TempDir(), t.TempDir()
	if _, err := runCLI(t, "gen", "--out", small, "--n", "30", "--seed", "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "gen", "--out", big, "--n", "800", "--seed", "2"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "index", "--index", dir, small); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(dir, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	before, _ := schema.CurrentGeneration(dir)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NOTICEARCHIVE_RUN="+strings.Join([]string{"index", "--quiet", "--index", dir, big}, "\x1f"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it is writing its new generation.
	deadline := time.Now().Add(60 * time.Second)
	for {
		parts, _ := filepath.Glob(filepath.Join(dir, schema.GenerationsDir, "*"+schema.PartialSuffix, schema.BleveDir, "*"))
		if len(parts) > 0 {
			time.Sleep(300 * time.Millisecond)
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the index run never started writing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	if now, _ := schema.CurrentGeneration(dir); now != before {
		t.Fatalf("a killed run switched the current generation to %s", now)
	}
	resp, err := ix.Search(context.Background(), search.Request{Query: "adoption"})
	if err != nil || resp.Total == 0 {
		t.Fatalf("the served index stopped answering after the kill: %v", err)
	}
	if _, err := runCLI(t, "index", "--quiet", "--index", dir, big); err != nil {
		t.Fatalf("the next run failed: %v", err)
	}
	if switched, err := ix.Reload(); err != nil || !switched {
		t.Fatalf("reload after the next run: %v %v", switched, err)
	}
	if st := ix.Stats(); st.Notices < 700 {
		t.Errorf("after the next run the index holds %d notices", st.Notices)
	}
	if parts, _ := filepath.Glob(filepath.Join(dir, schema.GenerationsDir, "*"+schema.PartialSuffix)); len(parts) != 0 {
		t.Errorf("partial generations left: %v", parts)
	}
}
