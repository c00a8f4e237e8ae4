package archive

import "errors"

// revisitIndex remembers WARC records that revisit records may refer to.
type revisitIndex struct{}

func newRevisitIndex() *revisitIndex { return &revisitIndex{} }

// warc reads a WARC file.
func (w *walker) warc(path string) error {
	w.skip(Skip{Source: path, Reason: ReasonNotHTML, Err: errors.New("WARC reading is not implemented yet")})
	return nil
}
