package store

import (
	"cmp"
	"encoding/json"
	"slices"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// DumpChunk is how many contacts DumpEach reads per read transaction.
const DumpChunk = 500

// DumpEach hands every contact, with its notes, follow-ups, questions and shares
// (each in id order, slices never nil), to fn in contact id order, as Dump
// does, but reads them DumpChunk contacts per short read transaction and
// calls fn outside them. A long export therefore never holds the file for
// more than a moment, however slowly fn writes, and only a chunk is in
// memory at a time. Contacts added meanwhile come at the end; a record
// changed meanwhile appears as it was when its chunk was read.
func (s *Store) DumpEach(fn func(model.Bundle) error) error {
	return s.dumpEach(true, fn)
}

// ScheduleEach is DumpEach without notes (left empty): what a calendar
// export needs, at a fraction of the reading and memory.
func (s *Store) ScheduleEach(fn func(model.Bundle) error) error {
	return s.dumpEach(false, fn)
}

// ContactsEach hands every contact to fn in id order, DumpChunk contacts
// per short read transaction, calling fn outside them: what a vCard or
// CSV export needs. It reads only the contacts bucket; a contact's
// follow-ups, questions and shares (which ScheduleEach decodes too) cost
// about three times the contacts themselves.
func (s *Store) ContactsEach(fn func(model.Contact) error) error {
	return eachChunk(s.contactChunk, func(c model.Contact) uint64 { return c.ID }, fn)
}

// eachChunk reads chunks (read: those after a contact id) until one is
// empty, handing fn each item between the reads; id is an item's contact.
func eachChunk[T any](read func(after uint64) ([]T, error), id func(T) uint64, fn func(T) error) error {
	var after uint64
	for {
		batch, err := read(after)
		if err != nil || len(batch) == 0 {
			return err
		}
		for _, it := range batch {
			if err := fn(it); err != nil {
				return err
			}
		}
		after = id(batch[len(batch)-1])
	}
}

// contactChunk reads up to DumpChunk contacts after id after.
func (s *Store) contactChunk(after uint64) ([]model.Contact, error) {
	batch := make([]model.Contact, 0, DumpChunk)
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bContacts).Cursor()
		for k, v := cur.Seek(u64(after + 1)); k != nil && len(batch) < DumpChunk; k, v = cur.Next() {
			var c model.Contact
			if json.Unmarshal(v, &c) != nil {
				return damagedRecord(bContacts, lastID(k))
			}
			batch = append(batch, c)
		}
		return nil
	})
	return batch, err
}

func (s *Store) dumpEach(notes bool, fn func(model.Bundle) error) error {
	read := func(after uint64) ([]model.Bundle, error) { return s.dumpChunk(after, notes) }
	return eachChunk(read, func(b model.Bundle) uint64 { return b.Contact.ID }, fn)
}

// dumpChunk reads the bundles of up to DumpChunk contacts after id after.
func (s *Store) dumpChunk(after uint64, notes bool) ([]model.Bundle, error) {
	var batch []model.Bundle
	err := s.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bContacts).Cursor()
		for k, v := cur.Seek(u64(after + 1)); k != nil && len(batch) < DumpChunk; k, v = cur.Next() {
			var b model.Bundle
			if json.Unmarshal(v, &b.Contact) != nil {
				return damagedRecord(bContacts, lastID(k))
			}
			var err error
			b.Notes = []model.Interaction{}
			if notes {
				if b.Notes, err = contactNotes(tx, b.Contact.ID, 0); err != nil {
					return err
				}
			}
			if b.FollowUps, err = contactFollowUps(tx, b.Contact.ID); err != nil {
				return err
			}
			if b.Questions, err = contactQuestions(tx, b.Contact.ID); err != nil {
				return err
			}
			if b.Shares, err = contactShares(tx, b.Contact.ID); err != nil {
				return err
			}
			slices.SortFunc(b.Notes, func(x, y model.Interaction) int { return cmp.Compare(x.ID, y.ID) })
			slices.SortFunc(b.FollowUps, func(x, y model.FollowUp) int { return cmp.Compare(x.ID, y.ID) })
			slices.SortFunc(b.Questions, func(x, y model.Question) int { return cmp.Compare(x.ID, y.ID) })
			slices.SortFunc(b.Shares, func(x, y model.Share) int { return cmp.Compare(x.ID, y.ID) })
			batch = append(batch, b)
		}
		return nil
	})
	return batch, err
}
