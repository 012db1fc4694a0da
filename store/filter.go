package store

import (
	"cmp"
	"slices"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Filter lists the contacts whose name or company matches query with the
// forgiving filter of model.FilterScore, best first, then by name.
func (s *Store) Filter(query string) ([]Entry, error) {
	q := model.Fold(query)
	type scored struct {
		e     Entry
		score int
	}
	var hits []scored
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bNames).ForEach(func(k, v []byte) error {
			e, err := decodeEntry(k, v)
			if err != nil {
				return err
			}
			text := e.Folded
			if e.Company != "" {
				text += " " + model.Fold(e.Company)
			}
			if score, ok := model.FilterScore(q, text); ok {
				hits = append(hits, scored{e, score})
			}
			return nil
		})
	})
	slices.SortStableFunc(hits, func(a, b scored) int { return cmp.Compare(a.score, b.score) })
	out := make([]Entry, len(hits))
	for i, h := range hits {
		out[i] = h.e
	}
	return out, err
}

// Tagged is the set of contacts carrying tag; it reads every record, as
// tags are not indexed.
func (s *Store) Tagged(tag string) (map[uint64]bool, error) {
	out := map[uint64]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		return eachRecord(tx, bContacts, func(c model.Contact) {
			if c.HasTag(tag) {
				out[c.ID] = true
			}
		})
	})
	return out, err
}
