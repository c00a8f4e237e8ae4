//go:build !unix

package indexer_test

import "time"

// warcCPUTime is unknown on this system.
func warcCPUTime() time.Duration { return 0 }
