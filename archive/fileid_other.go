//go:build !unix

package archive

import "io/fs"

// fileID identifies a file or directory independently of the path that reached it.
type fileID struct {
	path string
}

func idOf(path string, _ fs.FileInfo) fileID {
	return fileID{path: realPath(path)}
}
