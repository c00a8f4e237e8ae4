//go:build unix

package indexer_test

import (
	"syscall"
	"time"
)

// warcCPUTime is the CPU time (user and system) the process has used so far: on a
// shared, loaded machine it measures work where wall time measures the neighbours.
func warcCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
