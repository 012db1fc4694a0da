package store

import (
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// rememberedText is what a rep remembers of a contact besides the name:
// company, title, how we met, what matters and the tags, one per line.
func rememberedText(c model.Contact) string {
	parts := []string{c.Company, c.Title, c.HowWeMet, c.Matters}
	return strings.Join(append(parts, c.Tags...), "\n")
}

// contactTextKeys lists the full-text entries of a contact, one per
// distinct word of what a rep remembers, and one per tag. They are part of
// contactIndexKeys, so every contact write keeps them and Check proves
// them.
func contactTextKeys(c model.Contact) []indexKey {
	id := u64(c.ID)
	var keys []indexKey
	for _, w := range model.Words(rememberedText(c)) {
		keys = append(keys, indexKey{bContactText, join([]byte(w), []byte{0}, id), nil})
	}
	seen := map[string]bool{}
	for _, t := range c.Tags {
		if k := strings.ToLower(t); !seen[k] {
			seen[k] = true
			keys = append(keys, indexKey{bTags, join([]byte(k), []byte{0}, id), []byte(t)})
		}
	}
	return keys
}

// SearchContacts finds the contacts whose company, title, how we met,
// what matters or tags hold every term of q, in the order they were
// added; limit 0 means all. Only the contacts returned are read.
func (s *Store) SearchContacts(q model.Query, limit int) ([]model.Contact, error) {
	var out []model.Contact
	err := s.view(func(tx *bolt.Tx) error {
		ids := contactTextIDs(tx, q.Words())
		for _, id := range ids {
			var c model.Contact
			if err := getJSON(tx, bContacts, id, &c); err != nil {
				return fmt.Errorf("contact %d: %w", id, err)
			}
			if q.Match(rememberedText(c)) {
				out = append(out, c)
			}
			if limit > 0 && len(out) == limit {
				break
			}
		}
		return nil
	})
	return out, err
}

// contactTextIDs lists, in id order, the contacts with a remembered word
// starting with each of words.
func contactTextIDs(tx *bolt.Tx, words []string) []uint64 {
	var ids map[uint64]bool
	for _, w := range words {
		found := map[uint64]bool{}
		c := tx.Bucket(bContactText).Cursor()
		for k, _ := c.Seek([]byte(w)); k != nil && hasPrefix(k, []byte(w)); k, _ = c.Next() {
			if id := lastID(k); ids == nil || ids[id] {
				found[id] = true
			}
		}
		ids = found
		if len(ids) == 0 {
			return nil
		}
	}
	out := make([]uint64, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}
