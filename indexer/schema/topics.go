package schema

// Topic is one entry of the topic taxonomy.
type Topic struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Taxonomy assigns topics to notices by rules kept in an embedded, editable data file.
type Taxonomy struct {
	topics []Topic
}

// LoadTaxonomy loads the embedded taxonomy.
func LoadTaxonomy() (*Taxonomy, error) {
	return &Taxonomy{}, nil // TODO(topics helper)
}

// Topics returns every topic in display order.
func (t *Taxonomy) Topics() []Topic { return t.topics }

// Label returns a topic's label, or the id when it is unknown.
func (t *Taxonomy) Label(id string) string {
	for _, tp := range t.topics {
		if tp.ID == id {
			return tp.Label
		}
	}
	return id
}

// Assign returns the ids of the topics a notice with this title and body touches.
func (t *Taxonomy) Assign(title, body string) []string {
	return nil // TODO(topics helper)
}
