package archive_test

import (
	"fmt"

	"github.com/noticearchive/noticearchive/archive"
)

func ExampleParseWaybackURL() {
	orig, ts, ok := archive.ParseWaybackURL("https://web.archive.org/web/20150416153440id_/http://Travel.State.Gov/notice.html#top")
	fmt.Println(orig, ts, ok)
	// Output: http://travel.state.gov/notice.html 2015-04-16 15:34:40 +0000 UTC true
}
