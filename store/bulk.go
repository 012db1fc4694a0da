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
		describe(tx, "add %d contacts with their history", len(bundles))
		text, err := bulkText(tx, countNotes(bundles))
		if err != nil {
			return err
		}
		for i := range bundles {
			id, err := addBundle(tx, &bundles[i], text, text == nil)
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return text.flushIfAny(tx)
	})
	return ids, err
}

// addBundle writes one bundle; its notes' words go into text, which the
// caller flushes (nil: index them one by one, unless skipText says the
// index is stale and will be rebuilt).
func addBundle(tx *bolt.Tx, b *model.Bundle, text *textBatch, skipText bool) (uint64, error) {
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
		if err := addNoteDeferred(tx, n, text, skipText); err != nil {
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

// latestTouch is the later of the contact's own last touch and its notes'
// that were real contact (a plain note is not).
func latestTouch(c model.Contact, notes []model.Interaction) (t time.Time) {
	t = c.LastTouch
	for _, n := range notes {
		if n.Kind.IsTouch() && n.At.After(t) {
			t = n.At
		}
	}
	return t
}

// addNoteOnly stores a note and its index entries without touching the
// contact, for bulk loads that set the last touch up front.
func addNoteOnly(tx *bolt.Tx, in *model.Interaction) error {
	return addNoteDeferred(tx, in, nil, false)
}

// addNoteDeferred is addNoteOnly with the full-text entries left in text
// for one flush at the end of a bulk load (nil: written now), or left out
// when skipText says the index is stale.
func addNoteDeferred(tx *bolt.Tx, in *model.Interaction, text *textBatch, skipText bool) error {
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
	if err := indexNote(tx, *in); err != nil {
		return err
	}
	switch {
	case skipText:
		return nil
	case text != nil:
		return text.add(*in)
	}
	return indexNoteText(tx, *in)
}

// packAppendOnly fills the pages of buckets whose keys a bulk load only
// appends (fresh ids, and per-contact keys of contacts newer than any other)
// instead of splitting them half full: a smaller file, written faster.
func packAppendOnly(tx *bolt.Tx) {
	for _, b := range [][]byte{bContacts, bNotes, bFollowUps, bQuestions, bShares, bContactNote, bContactFU, bContactQ, bContactS, bTextNotes} {
		tx.Bucket(b).FillPercent = 0.95
	}
}
