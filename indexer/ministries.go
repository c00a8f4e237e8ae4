package indexer

// ExtractMinistries returns the bodies of the notice's foreign government that text names
// (ministries, central authorities, courts, councils, legislatures, agencies), one canonical
// entry per body. country is the notice's canonical country name ("" or "General" if none).
func ExtractMinistries(text, country string) []string {
	return nil // TODO(ministries helper)
}
