//go:build unix && !aix && !solaris

package archive

import (
	"os"
	"syscall"
)

// lockPack takes an exclusive lock on a pack being written; the system drops it when
// the writer closes the file or dies.
func lockPack(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// packInUse reports whether a writer still holds the lock of a pack (or whether that
// cannot be told).
func packInUse(f *os.File) bool {
	fd := int(f.Fd())
	if err := syscall.Flock(fd, syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(fd, syscall.LOCK_UN)
	return false
}
