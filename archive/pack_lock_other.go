//go:build !unix || aix || solaris

package archive

import "os"

// lockPack does nothing where there is no flock.
func lockPack(*os.File) error { return nil }

// packInUse reports true: without locks a pack left by a crash cannot be told from one
// being written, so its index is never written by a reader.
func packInUse(*os.File) bool { return true }
