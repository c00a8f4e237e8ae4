//go:build unix

package archive

import (
	"io/fs"
	"syscall"
)

// fileID identifies a file or directory independently of the path that reached it.
type fileID struct {
	dev, ino uint64
	path     string // used only where the system gives no inode
}

func idOf(path string, fi fs.FileInfo) fileID {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileID{dev: uint64(st.Dev), ino: uint64(st.Ino)} //nolint:unconvert // widths differ by platform
	}
	return fileID{path: realPath(path)}
}
