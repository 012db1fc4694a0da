package store

import (
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Hit is a note that matched a search, with its contact's name.
type Hit struct {
	model.Interaction
	ContactName string `json:"contact_name"`
}

// Search finds notes whose text contains every word of text (case- and
// accent-insensitive), newest first, optionally only those marked with
// topic. It reads every note: full text is rare next to the agenda.
func (s *Store) Search(text string, topic model.Topic, limit int) ([]Hit, error) {
	words := strings.Fields(model.Fold(text))
	out := []Hit{}
	err := s.view(func(tx *bolt.Tx) error {
		names := map[uint64]string{}
		return tx.Bucket(bNotes).ForEach(func(k, v []byte) error {
			if !quickContains(v, words) {
				return nil
			}
			var in model.Interaction
			if jsonUnmarshal(v, &in) != nil {
				return damagedRecord(bNotes, lastID(k))
			}
			if !containsAll(model.Fold(in.Text), words) || (topic != "" && !in.HasTopic(topic)) {
				return nil
			}
			if _, ok := names[in.ContactID]; !ok {
				names[in.ContactID] = contactName(tx, in.ContactID)
			}
			out = append(out, Hit{in, names[in.ContactID]})
			return nil
		})
	})
	sortHitsNewestFirst(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

func containsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
