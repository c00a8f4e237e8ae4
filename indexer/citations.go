package indexer

import "github.com/noticearchive/noticearchive/indexer/schema"

// ExtractCitations finds references to earlier notices in text, such as "see the
// Department's January 2, 2013 Notice".
func ExtractCitations(text string, countries *schema.Countries) []Citation {
	return nil // TODO(ministries helper)
}
