package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// LogNote saves an interaction with the follow-ups it gave rise to, moves
// the contact's last touch and ticks off the contact's questions asked in
// it, all in one transaction. Ids are filled in.
// A card or a thank-you also closes the contact's open thank-you
// follow-ups (see LogTouch, which says which).
func (s *Store) LogNote(in *model.Interaction, follows []*model.FollowUp, asked ...uint64) error {
	_, err := s.LogTouch(in, follows, asked, nil)
	return err
}

func logNote(tx *bolt.Tx, in *model.Interaction, follows []*model.FollowUp) error {
	var c model.Contact
	if err := getJSON(tx, bContacts, in.ContactID, &c); err != nil {
		return fmt.Errorf("contact %d: %w", in.ContactID, err)
	}
	if err := addNoteOnly(tx, in); err != nil {
		return err
	}
	if err := addNoteFollowUps(tx, *in, follows); err != nil {
		return err
	}
	// Only real contact resets the cadence and ends a put-off; a plain
	// note written without the customer does not.
	if in.Kind.IsTouch() && (in.At.After(c.LastTouch) || !c.NextTouchAfter.IsZero()) {
		old := c
		if in.At.After(c.LastTouch) {
			c.LastTouch = in.At
		}
		c.NextTouchAfter = model.Date{}
		return putContact(tx, &old, c)
	}
	return nil
}

// addNoteFollowUps adds the follow-ups promised in a stored note, for its
// contact.
func addNoteFollowUps(tx *bolt.Tx, in model.Interaction, follows []*model.FollowUp) error {
	for _, f := range follows {
		f.ContactID, f.NoteID = in.ContactID, in.ID
		if err := addFollowUp(tx, f); err != nil {
			return err
		}
	}
	return nil
}

// noteKeyTime orders times as unsigned bytes, earlier first, even before 1970.
func noteKeyTime(in model.Interaction) []byte {
	return u64(uint64(in.At.Unix()) ^ 1<<63)
}

func noteIndexKeys(in model.Interaction) []indexKey {
	return []indexKey{{bContactNote, join(u64(in.ContactID), noteKeyTime(in), u64(in.ID)), nil}}
}

// Notes lists a contact's interactions, newest first (a reverse walk of
// idx_contact_notes). limit 0 means all.
func (s *Store) Notes(contactID uint64, limit int) ([]model.Interaction, error) {
	var out []model.Interaction
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = contactNotes(tx, contactID, limit)
		return err
	})
	return out, err
}

func contactNotes(tx *bolt.Tx, contactID uint64, limit int) ([]model.Interaction, error) {
	out := []model.Interaction{}
	err := reverseChildren(tx, bContactNote, contactID, func(id uint64) (bool, error) {
		var in model.Interaction
		if err := getJSON(tx, bNotes, id, &in); err != nil {
			return false, fmt.Errorf("note %d: %w", id, err)
		}
		out = append(out, in)
		return limit == 0 || len(out) < limit, nil
	})
	return out, err
}

// reverseChildren walks the keys under a contact id prefix from the last,
// handing over the id that ends each key, while fn says to go on.
func reverseChildren(tx *bolt.Tx, bucket []byte, contactID uint64, fn func(uint64) (bool, error)) error {
	c := tx.Bucket(bucket).Cursor()
	prefix := u64(contactID)
	k, _ := c.Seek(u64(contactID + 1))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && hasPrefix(k, prefix); k, _ = c.Prev() {
		more, err := fn(lastID(k))
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// children walks the keys under a contact id prefix in order.
func children(tx *bolt.Tx, bucket []byte, contactID uint64, fn func(uint64) error) error {
	c := tx.Bucket(bucket).Cursor()
	prefix := u64(contactID)
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
		if err := fn(lastID(k)); err != nil {
			return err
		}
	}
	return nil
}

func hasPrefix(k, p []byte) bool {
	return len(k) >= len(p) && string(k[:len(p)]) == string(p)
}
