package main

import (
	"fmt"
	"os"
	"strings"
)

// writeSection puts the report of a run of n notices into file between markers of that
// size, so that a run of 10,000 notices replaces the last one of 10,000 and leaves the
// rest of the file (text, runs of other sizes) as it is. A file without the markers gets
// the section appended; a missing file is created.
func writeSection(file string, n int, report string) error {
	begin := fmt.Sprintf("<!-- noticebench n=%d begin -->", n)
	end := fmt.Sprintf("<!-- noticebench n=%d end -->", n)
	section := begin + "\n" + strings.TrimRight(report, "\n") + "\n" + end + "\n"
	old, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.WriteFile(file, []byte(replaceSection(string(old), begin, end, section)), 0o644)
}

// replaceSection replaces the text from begin to end (and the line break after it) with
// section, or appends section when the markers are missing.
func replaceSection(doc, begin, end, section string) string {
	i := strings.Index(doc, begin)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		if doc != "" && !strings.HasSuffix(doc, "\n\n") {
			doc = strings.TrimRight(doc, "\n") + "\n\n"
		}
		return doc + section
	}
	j += len(end)
	if j < len(doc) && doc[j] == '\n' {
		j++
	}
	return doc[:i] + section + doc[j:]
}
