package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// memSample is the memory of one process at one moment, in bytes.
type memSample struct {
	RSS       int64 // resident set
	Anonymous int64 // anonymous resident memory: the Go heap, stacks, C allocations
	File      int64 // file-backed resident memory: memory-mapped index files, the binary
	HeapInuse int64 // Go heap in use (spans in use), when known
}

// readSmapsRollup reads /proc/<pid>/smaps_rollup ("self" for this process).
func readSmapsRollup(pid string) (memSample, error) {
	b, err := os.ReadFile("/proc/" + pid + "/smaps_rollup")
	if err != nil {
		return memSample{}, fmt.Errorf("read memory of process %s: %w", pid, err)
	}
	return parseSmapsRollup(b)
}

// parseSmapsRollup reads the Rss and Anonymous lines (in kB) of smaps_rollup.
func parseSmapsRollup(b []byte) (memSample, error) {
	var m memSample
	var seen int
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		var dst *int64
		switch fields[0] {
		case "Rss:":
			dst = &m.RSS
		case "Anonymous:":
			dst = &m.Anonymous
		default:
			continue
		}
		kb, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			return m, fmt.Errorf("smaps_rollup: %q: %w", sc.Text(), err)
		}
		*dst = kb << 10
		seen++
	}
	if seen < 2 {
		return m, fmt.Errorf("smaps_rollup: no Rss and Anonymous lines")
	}
	m.File = m.RSS - m.Anonymous
	return m, nil
}

// readStatus reads the resident memory counters of /proc/<pid>/status: RssAnon (the
// counter of anonymous pages that smaps_rollup's Anonymous adds up) and RssFile plus
// RssShmem. Unlike smaps_rollup, which walks every mapping's page tables (milliseconds
// for a process with a large mapped index), it costs next to nothing, so the samplers
// use it.
func readStatus(pid string) (memSample, error) {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return memSample{}, fmt.Errorf("read memory of process %s: %w", pid, err)
	}
	return parseStatus(b)
}

func parseStatus(b []byte) (memSample, error) {
	var m memSample
	seen := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		switch f[0] {
		case "RssAnon:":
			m.Anonymous = kb << 10
			seen++
		case "RssFile:", "RssShmem:":
			m.File += kb << 10
			seen++
		}
	}
	if seen < 3 {
		return m, fmt.Errorf("/proc status: no RssAnon, RssFile and RssShmem lines")
	}
	m.RSS = m.Anonymous + m.File
	return m, nil
}

// readPeakRSS returns VmHWM of /proc/<pid>/status: the peak resident set.
func readPeakRSS(pid string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// heapInuse reads this process's Go heap in use without stopping the world.
func heapInuse() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	metrics.Read(s)
	var n int64
	for _, x := range s {
		if x.Value.Kind() == metrics.KindUint64 {
			n += int64(x.Value.Uint64())
		}
	}
	return n
}

// sampler records the peak memory of a process while it runs.
type sampler struct {
	pid  string
	heap func() int64 // the Go heap in use, nil when unknown
	stop chan struct{}
	done chan struct{}

	mu          sync.Mutex
	peak, last  memSample
	samples     int
	sampleError error
}

// startSampler samples every interval until stop is called.
func startSampler(pid string, heap func() int64, interval time.Duration) *sampler {
	s := &sampler{pid: pid, heap: heap, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			s.sample()
			select {
			case <-s.stop:
				s.sample()
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *sampler) sample() {
	m, err := readStatus(s.pid)
	if err == nil && s.heap != nil {
		m.HeapInuse = s.heap()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.sampleError = err
		return
	}
	s.samples++
	s.last = m
	s.peak.RSS = max(s.peak.RSS, m.RSS)
	s.peak.Anonymous = max(s.peak.Anonymous, m.Anonymous)
	s.peak.File = max(s.peak.File, m.File)
	s.peak.HeapInuse = max(s.peak.HeapInuse, m.HeapInuse)
}

// Stop ends sampling and returns the peak of each figure (each at its own moment) and
// the last sample.
func (s *sampler) Stop() (peak, last memSample, err error) {
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.samples == 0 {
		return s.peak, s.last, s.sampleError
	}
	return s.peak, s.last, nil
}

// processCPU returns the CPU time (user and system) this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
