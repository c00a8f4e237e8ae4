package indexer

// GenericOnly returns a copy of e that ignores its site profiles, so that tests can
// measure the generic reading on the known site designs.
func GenericOnly(e *Extractor) *Extractor {
	c := *e
	c.generic = true
	return &c
}
