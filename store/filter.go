package store

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Filter lists the contacts matching query, best first: those with a word
// of their name or company starting with the query's longest word, found by
// prefix seeks in the word indexes and ranked with model.FilterFields. Only
// when no word starts that way does it scan every name for the query inside
// words or as scattered letters, over the raw index bytes.
func (s *Store) Filter(query string) ([]Entry, error) {
	words := strings.Fields(model.Fold(query))
	if len(words) == 0 {
		return s.Entries()
	}
	var hits []scoredEntry
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if hits, err = filterByWords(tx, words); err != nil || len(hits) > 0 {
			return err
		}
		hits, err = filterByScan(tx, words)
		return err
	})
	slices.SortStableFunc(hits, func(a, b scoredEntry) int {
		return cmp.Or(cmp.Compare(a.score, b.score), strings.Compare(a.e.Folded, b.e.Folded), cmp.Compare(a.e.ID, b.e.ID))
	})
	out := make([]Entry, len(hits))
	for i, h := range hits {
		out[i] = h.e
	}
	return out, err
}

type scoredEntry struct {
	e     Entry
	score int
}

// filterByWords seeks the longest query word, the most selective, in both
// word indexes, and scores each hit on its raw bytes before decoding it.
func filterByWords(tx *bolt.Tx, words []string) ([]scoredEntry, error) {
	var hits []scoredEntry
	seen := map[uint64]bool{}
	prefix := []byte(slices.MaxFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) }))
	for _, bucket := range [][]byte{bWords, bCompanyWords} {
		c := tx.Bucket(bucket).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			folded, summary, ok := splitWordValue(v)
			_, _, company, ok2 := summaryParts(summary)
			if !ok || !ok2 {
				return nil, errBadSummary
			}
			if seen[lastID(k)] {
				continue
			}
			seen[lastID(k)] = true
			score, match := model.FilterFields(words, view(folded), view(company))
			if !match {
				continue
			}
			e, err := decodeWordEntry(k, v)
			if err != nil {
				return nil, err
			}
			hits = append(hits, scoredEntry{e, score})
		}
	}
	return hits, nil
}

func filterByScan(tx *bolt.Tx, words []string) ([]scoredEntry, error) {
	var hits []scoredEntry
	err := tx.Bucket(bNames).ForEach(func(k, v []byte) error {
		_, _, company, ok := summaryParts(v)
		if !ok || len(k) < 9 {
			return errBadSummary
		}
		score, match := model.FilterFields(words, view(k[:len(k)-9]), view(company))
		if !match {
			return nil
		}
		e, err := decodeEntry(k, v)
		hits = append(hits, scoredEntry{e, score})
		return err
	})
	return hits, err
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
