//go:build !linux

package pairs_test

import "time"

var start = time.Now()

// threadCPU is unknown on this system: wall time stands in for it.
func threadCPU() time.Duration { return time.Since(start) }
