package store

import (
	"cmp"
	"slices"
	"strings"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Filter lists the contacts whose name or company matches query with the
// forgiving filter of model.FilterFields, best first, then by name. It
// runs over the raw index bytes and decodes only the hits, so a query over
// 100,000 contacts allocates next to nothing.
func (s *Store) Filter(query string) ([]Entry, error) {
	words := strings.Fields(model.Fold(query))
	type scored struct {
		e     Entry
		score int
	}
	var hits []scored
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bNames).ForEach(func(k, v []byte) error {
			_, _, company, ok := summaryParts(v)
			if !ok || len(k) < 9 {
				return errBadSummary
			}
			score, match := model.FilterFields(words, view(k[:len(k)-9]), view(company))
			if !match {
				return nil
			}
			e, err := decodeEntry(k, v)
			hits = append(hits, scored{e, score})
			return err
		})
	})
	slices.SortStableFunc(hits, func(a, b scored) int { return cmp.Compare(a.score, b.score) })
	out := make([]Entry, len(hits))
	for i, h := range hits {
		out[i] = h.e
	}
	return out, err
}

// view reads bytes as a string without copying. Only for strings that do
// not outlive the transaction the bytes belong to.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
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
