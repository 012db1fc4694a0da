package store

import (
	"fmt"
	"reflect"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// This file serves package exchange: the chunked writes of an import, and
// the full dump and exact restore behind the JSON backup. What an import
// matches against it reads through MatchCandidates (match.go).

// AllContacts reads every contact, in id order, in one read transaction.
func (s *Store) AllContacts() ([]model.Contact, error) {
	var out []model.Contact
	err := s.view(func(tx *bolt.Tx) error {
		out = make([]model.Contact, 0, contactCount(tx))
		return eachRecord(tx, bContacts, func(c model.Contact) { out = append(out, c) })
	})
	return out, err
}

// Change is one contact an import adds or updates.
type Change struct {
	// ID names the stored contact to update; 0 adds Contact as a new one.
	ID      uint64
	Contact model.Contact
	// Merge gives the updated contact from the stored one. It runs inside
	// the write transaction, so a note logged from another shell since the
	// import read the book is not overwritten. nil leaves the contact as is.
	Merge func(stored model.Contact) model.Contact
	// Notes are added unless the contact already has a note with the same
	// text, so importing the same file twice adds nothing. Adding them to an
	// existing contact does not move its last touch: an imported note is
	// not a conversation.
	Notes []model.Interaction
}

// Upsert applies changes in one transaction and returns the contact ids in
// order. Callers chunk big imports so other processes never wait long.
func (s *Store) Upsert(changes []Change) ([]uint64, error) {
	ids := make([]uint64, len(changes))
	err := s.update(func(tx *bolt.Tx) error {
		describe(tx, "import %d contacts", len(changes))
		for i := range changes {
			id, err := upsert(tx, changes[i])
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	})
	return ids, err
}

func upsert(tx *bolt.Tx, ch Change) (uint64, error) {
	if ch.ID == 0 {
		// An imported contact is not touched by the import: its first
		// touch falls on a day of its first cadence, so a big import does
		// not all fall due at once.
		c := ch.Contact
		c.LastTouch = latestTouch(c, ch.Notes)
		b := model.Bundle{Contact: model.SpreadFirstTouch(c, c.Name+"\x00"+c.UID), Notes: ch.Notes}
		skip, err := skipNotesText(tx, len(b.Notes))
		if err != nil {
			return 0, err
		}
		return addBundle(tx, &b, nil, skip)
	}
	var old model.Contact
	if err := getJSON(tx, bContacts, ch.ID, &old); err != nil {
		return 0, fmt.Errorf("contact %d: %w", ch.ID, err)
	}
	if ch.Merge != nil {
		c := ch.Merge(old)
		c.ID = ch.ID
		if !reflect.DeepEqual(c, old) {
			if err := putContact(tx, &old, c); err != nil {
				return 0, fmt.Errorf("%s: %w", c.Name, err)
			}
		}
	}
	if len(ch.Notes) == 0 {
		return ch.ID, nil
	}
	stored, err := contactNotes(tx, ch.ID, 0)
	if err != nil {
		return 0, err
	}
	have := map[string]bool{}
	for _, in := range stored {
		have[in.Text] = true
	}
	skip, err := skipNotesText(tx, len(ch.Notes))
	if err != nil {
		return 0, err
	}
	for _, in := range ch.Notes {
		if have[in.Text] {
			continue
		}
		have[in.Text] = true
		in.ID, in.ContactID = 0, ch.ID
		if err := addNoteDeferred(tx, &in, nil, skip); err != nil {
			return 0, err
		}
	}
	return ch.ID, nil
}

// Dump reads every contact with its notes, follow-ups and questions in one
// read transaction: contacts in id order, and within each bundle the
// records in id order. Slices are never nil, so a JSON dump is stable.
func (s *Store) Dump() ([]model.Bundle, error) {
	var out []model.Bundle
	err := s.view(func(tx *bolt.Tx) error {
		at := map[uint64]int{}
		err := eachRecord(tx, bContacts, func(c model.Contact) {
			at[c.ID] = len(out)
			out = append(out, model.Bundle{Contact: c, Notes: []model.Interaction{},
				FollowUps: []model.FollowUp{}, Questions: []model.Question{}, Shares: []model.Share{}})
		})
		// One walk per record bucket, each grouped by contact: cheaper
		// than an index walk per contact, and already in id order.
		var orphan error
		place := func(kind string, id, contactID uint64) (*model.Bundle, bool) {
			i, ok := at[contactID]
			if !ok && orphan == nil {
				orphan = fmt.Errorf("%s %d belongs to contact %d, which does not exist (run rapport check)", kind, id, contactID)
			}
			if !ok {
				return nil, false
			}
			return &out[i], true
		}
		if err == nil {
			err = eachRecord(tx, bNotes, func(in model.Interaction) {
				if b, ok := place("note", in.ID, in.ContactID); ok {
					b.Notes = append(b.Notes, in)
				}
			})
		}
		if err == nil {
			err = eachRecord(tx, bFollowUps, func(f model.FollowUp) {
				if b, ok := place("follow-up", f.ID, f.ContactID); ok {
					b.FollowUps = append(b.FollowUps, f)
				}
			})
		}
		if err == nil {
			err = eachRecord(tx, bQuestions, func(q model.Question) {
				if b, ok := place("question", q.ID, q.ContactID); ok {
					b.Questions = append(b.Questions, q)
				}
			})
		}
		if err == nil {
			err = eachRecord(tx, bShares, func(sh model.Share) {
				if b, ok := place("share", sh.ID, sh.ContactID); ok {
					b.Shares = append(b.Shares, sh)
				}
			})
		}
		if err == nil {
			err = orphan
		}
		return err
	})
	return out, err
}

// Restore writes bundles exactly as given, ids included, in one
// transaction: the other half of Dump. Every id must be new to the
// database. A referred-by link to a contact not in the database yet (a
// later chunk of the same restore) is left out; the caller sets it with
// Upsert once every contact is in. The id sequences move past the restored
// ids, so later additions never collide with them.
func (s *Store) Restore(bundles []model.Bundle) error {
	return s.update(func(tx *bolt.Tx) error {
		describe(tx, "restore %d contacts from a backup", len(bundles))
		text, err := bulkText(tx, countNotes(bundles))
		if err != nil {
			return err
		}
		for i := range bundles {
			if err := restoreBundle(tx, bundles[i], text); err != nil {
				return err
			}
		}
		return text.flushIfAny(tx)
	})
}

// restoreBundle writes through the same helpers as every other write
// (putContact, putFollowUp, the index key lists), so indexes and counters
// come out as Check expects.
func restoreBundle(tx *bolt.Tx, b model.Bundle, text *textBatch) error {
	c := b.Contact
	if err := claimID(tx, bContacts, c.ID); err != nil {
		return err
	}
	if c.ReferredBy != 0 && tx.Bucket(bContacts).Get(u64(c.ReferredBy)) == nil {
		c.ReferredBy = 0
	}
	if err := putContact(tx, nil, c); err != nil {
		return fmt.Errorf("contact %d: %w", c.ID, err)
	}
	for _, in := range b.Notes {
		in = in.Cleaned()
		if err := in.Validate(); err != nil {
			return fmt.Errorf("note %d: %w", in.ID, err)
		}
		if err := claimID(tx, bNotes, in.ID); err != nil {
			return err
		}
		if err := putNewJSON(tx, bNotes, in.ID, in); err != nil {
			return err
		}
		if err := indexNote(tx, in); err != nil {
			return err
		}
		if err := text.addIfAny(in); err != nil {
			return err
		}
	}
	for _, f := range b.FollowUps {
		if err := f.Validate(); err != nil {
			return fmt.Errorf("follow-up %d: %w", f.ID, err)
		}
		if err := claimID(tx, bFollowUps, f.ID); err != nil {
			return err
		}
		if err := putFollowUp(tx, nil, f); err != nil {
			return err
		}
	}
	for _, q := range b.Questions {
		q = q.Cleaned()
		if err := claimID(tx, bQuestions, q.ID); err != nil {
			return err
		}
		if err := putNewJSON(tx, bQuestions, q.ID, q); err != nil {
			return err
		}
		if err := putKeys(tx, questionIndexKeys(q)); err != nil {
			return err
		}
	}
	return restoreShares(tx, b.Shares)
}

// claimID checks that id is free in a record bucket and moves the bucket's
// sequence past it.
func claimID(tx *bolt.Tx, bucket []byte, id uint64) error {
	b := tx.Bucket(bucket)
	if id == 0 {
		return fmt.Errorf("a %s record has no id", bucket)
	}
	if id > model.MaxID {
		return fmt.Errorf("%s record %d has an id larger than rapport allows (%d); the backup is damaged", bucket, id, uint64(model.MaxID))
	}
	if b.Get(u64(id)) != nil {
		return fmt.Errorf("%s record %d already exists", bucket, id)
	}
	if b.Sequence() < id {
		return b.SetSequence(id)
	}
	return nil
}

// NoteTexts reads the texts of the given contacts' notes in one read
// transaction, so an import can tell which of its notes are there already.
func (s *Store) NoteTexts(ids []uint64) (map[uint64][]string, error) {
	out := map[uint64][]string{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, cid := range ids {
			notes, err := contactNotes(tx, cid, 0)
			if err != nil {
				return err
			}
			for _, in := range notes {
				out[cid] = append(out[cid], in.Text)
			}
		}
		return nil
	})
	return out, err
}
