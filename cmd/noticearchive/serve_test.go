package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// `serve` switches to a rebuilt index on SIGHUP and, when it polls, on its own, while
// clients keep searching: no request fails.
func TestServeReloadsRebuiltIndex(t *testing.T) {
	corpus, dir := t.TempDir(), t.TempDir()
	if _, err := runCLI(t, "gen", "--out", corpus, "--n", "60", "--seed", "3"); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "index", "--quiet", "--index", dir, corpus); err != nil {
		t.Fatal(err)
	}
	// The test process receives the SIGHUPs: keep their default action (exit) away.
	hup := make(chan os.Signal, 8)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	for _, c := range []struct {
		name string
		poll time.Duration
	}{{"sighup", 0}, {"poll", 50 * time.Millisecond}} {
		t.Run(c.name, func(t *testing.T) {
			addr := startServeWith(t, dir, c.poll)
			var (
				stop     atomic.Bool
				wg       sync.WaitGroup
				requests atomic.Int64
				failed   atomic.Int64
			)
			for g := 0; g < 3; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for !stop.Load() {
						resp, err := http.Get("http://" + addr + "/api/search?q=adoption")
						if err == nil {
							io.Copy(io.Discard, resp.Body)
							resp.Body.Close()
						}
						requests.Add(1)
						if err != nil || resp.StatusCode != http.StatusOK {
							failed.Add(1)
						}
					}
				}()
			}
			halt := func() { stop.Store(true); wg.Wait() }
			defer halt()
			before := generation(t, addr)
			if _, err := runCLI(t, "index", "--quiet", "--index", dir, corpus); err != nil {
				t.Fatal(err)
			}
			if c.poll == 0 {
				time.Sleep(200 * time.Millisecond)
				if g := generation(t, addr); g != before {
					t.Fatalf("switched to %s without a SIGHUP", g)
				}
				syscall.Kill(os.Getpid(), syscall.SIGHUP)
			}
			deadline := time.Now().Add(10 * time.Second)
			for generation(t, addr) == before {
				if time.Now().After(deadline) {
					t.Fatalf("still serving %s after the rebuild", before)
				}
				time.Sleep(20 * time.Millisecond)
			}
			halt()
			if failed.Load() > 0 || requests.Load() == 0 {
				t.Errorf("%d of %d searches failed during the reloads", failed.Load(), requests.Load())
			}
		})
	}
}

// startServeWith runs `serve` with the given polling interval until the test ends and
// returns its address.
func startServeWith(t *testing.T, dir string, poll time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		cfg := serveConfig{indexDir: dir, addr: "127.0.0.1:0", poll: poll}
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
	// The server watches for SIGHUP from its start; give its goroutine a moment to register.
	time.Sleep(50 * time.Millisecond)
	return m[1]
}

// generation asks the server which generation it serves.
func generation(t *testing.T, addr string) string {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h struct{ Generation string }
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil || h.Generation == "" {
		t.Fatal(fmt.Errorf("healthz: %v %+v", err, h))
	}
	return h.Generation
}
