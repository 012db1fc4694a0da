package store

import (
	"rapport/model"
)

// Hit is a note that matched a search, with its contact's name and company.
type Hit struct {
	model.Interaction
	ContactName string `json:"contact_name"`
	Company     string `json:"company,omitempty"`
}

// Search finds notes with every word of text (see model.ParseQuery),
// newest first, optionally only those marked with topic.
func (s *Store) Search(text string, topic model.Topic, limit int) ([]Hit, error) {
	return s.SearchNotes(SearchOptions{Query: model.ParseQuery(text), Topic: topic, Limit: limit})
}
