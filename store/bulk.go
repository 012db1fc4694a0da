package store

import (
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// AddBundles writes whole contacts with their notes, follow-ups and
// questions in one transaction, assigning fresh ids and re-linking notes to
// follow-ups. Callers chunk large loads so other processes are never kept
// waiting for long. Contact ids are returned in order.
func (s *Store) AddBundles(bundles []model.Bundle) ([]uint64, error) {
	ids := make([]uint64, len(bundles))
	err := s.update(func(tx *bolt.Tx) error {
		packAppendOnly(tx)
		if err := describe(tx, "add %d contacts with their history", len(bundles)); err != nil {
			return err
		}
		for i := range bundles {
			id, err := addBundle(tx, &bundles[i])
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	})
	return ids, err
}

func addBundle(tx *bolt.Tx, b *model.Bundle) (uint64, error) {
	b.Contact.LastTouch = latestTouch(b.Contact, b.Notes)
	if err := addContact(tx, &b.Contact); err != nil {
		return 0, err
	}
	cid := b.Contact.ID
	noteIDs := map[uint64]uint64{}
	for i := range b.Notes {
		n := &b.Notes[i]
		oldID := n.ID
		n.ContactID = cid
		if err := addNoteOnly(tx, n); err != nil {
			return 0, err
		}
		if oldID != 0 {
			noteIDs[oldID] = n.ID
		}
	}
	for i := range b.FollowUps {
		f := &b.FollowUps[i]
		f.ContactID, f.NoteID = cid, noteIDs[f.NoteID]
		if err := addFollowUp(tx, f); err != nil {
			return 0, err
		}
	}
	for i := range b.Questions {
		b.Questions[i].ContactID = cid
		if err := addQuestion(tx, &b.Questions[i]); err != nil {
			return 0, err
		}
	}
	for i := range b.Shares {
		b.Shares[i].ContactID = cid
		if err := addShare(tx, &b.Shares[i]); err != nil {
			return 0, err
		}
	}
	return cid, nil
}

// latestTouch is the later of the contact's own last touch and its notes'.
func latestTouch(c model.Contact, notes []model.Interaction) (t time.Time) {
	t = c.LastTouch
	for _, n := range notes {
		if n.At.After(t) {
			t = n.At
		}
	}
	return t
}

// addNoteOnly stores a note and its index entry without touching the
// contact, for bulk loads that set the last touch up front.
func addNoteOnly(tx *bolt.Tx, in *model.Interaction) error {
	*in = in.Cleaned()
	if err := in.Validate(); err != nil {
		return err
	}
	id, err := nextID(tx, bNotes)
	if err != nil {
		return err
	}
	in.ID = id
	if err := putNewJSON(tx, bNotes, id, in); err != nil {
		return err
	}
	return indexNote(tx, *in)
}

// packAppendOnly fills the pages of buckets whose keys a bulk load only
// appends (fresh ids, and per-contact keys of contacts newer than any other)
// instead of splitting them half full: a smaller file, written faster.
func packAppendOnly(tx *bolt.Tx) {
	for _, b := range [][]byte{bContacts, bNotes, bFollowUps, bQuestions, bShares, bContactNote, bContactFU, bContactQ, bContactS} {
		tx.Bucket(b).FillPercent = 0.95
	}
}
