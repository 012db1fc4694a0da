package store

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// TagCount is a tag and how many contacts carry it.
type TagCount struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

// Tags lists every tag with its number of contacts, most used first, from
// idx_tags alone.
func (s *Store) Tags() ([]TagCount, error) {
	var out []TagCount
	err := s.view(func(tx *bolt.Tx) error {
		var last []byte
		return tx.Bucket(bTags).ForEach(func(k, v []byte) error {
			tag := k[:len(k)-9]
			if last == nil || !bytes.Equal(tag, last) {
				last = append(last[:0], tag...)
				out = append(out, TagCount{Tag: string(v)})
			}
			out[len(out)-1].Count++
			return nil
		})
	})
	slices.SortStableFunc(out, func(a, b TagCount) int { return cmp.Compare(b.Count, a.Count) })
	return out, err
}

// TaggedEntries lists the contacts carrying tag (any case), by name.
func (s *Store) TaggedEntries(tag string) ([]Entry, error) {
	var out []Entry
	err := s.view(func(tx *bolt.Tx) error {
		prefix := append([]byte(strings.ToLower(tag)), 0)
		c := tx.Bucket(bTags).Cursor()
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
			var ct model.Contact
			if getJSON(tx, bContacts, lastID(k), &ct) == nil {
				out = append(out, entryOf(ct))
			}
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Entry) int { return cmp.Or(strings.Compare(a.Folded, b.Folded), cmp.Compare(a.ID, b.ID)) })
	return out, err
}

// Referrer is a contact who sent us others, with whom.
type Referrer struct {
	Entry
	Referred []Entry
}

// Referrers lists everyone who referred someone, most referrals first,
// from idx_referrals.
func (s *Store) Referrers() ([]Referrer, error) {
	var out []Referrer
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bReferrals).Cursor()
		for k, _ := c.First(); k != nil; {
			id := idAt(k, 0)
			var r model.Contact
			if err := getJSON(tx, bContacts, id, &r); err != nil {
				return err
			}
			out = append(out, Referrer{Entry: entryOf(r), Referred: referrals(tx, id)})
			k, _ = c.Seek(u64(id + 1))
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b Referrer) int { return cmp.Compare(len(b.Referred), len(a.Referred)) })
	return out, err
}
