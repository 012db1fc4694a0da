package store

import (
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// CardContact is a contact on a card list with the cards logged to them in
// the period asked for.
type CardContact struct {
	Contact model.Contact
	Cards   []model.Interaction // oldest first
}

// CardContacts lists the contacts pick accepts, in id order, each with the
// cards logged from from up to (not including) to, in one read
// transaction. Tags are not indexed: pick sees every contact whose record
// mentions the string given (a tag; "" for every contact). The notes come
// from a range of idx_contact_notes, not the contact's whole history.
func (s *Store) CardContacts(pick func(model.Contact) bool, mention string, from, to time.Time) ([]CardContact, error) {
	var out []CardContact
	err := s.view(func(tx *bolt.Tx) error {
		var picked []model.Contact
		err := eachMentioning(tx, bContacts, mention, func(c model.Contact) {
			if pick(c) {
				picked = append(picked, c)
			}
		})
		if err != nil {
			return err
		}
		for _, c := range picked {
			cards, err := kindNotesBetween(tx, c.ID, from, to, model.Card)
			if err != nil {
				return err
			}
			out = append(out, CardContact{Contact: c, Cards: cards})
		}
		return nil
	})
	return out, err
}

// kindNotesBetween reads a contact's notes of one kind logged in [from, to).
func kindNotesBetween(tx *bolt.Tx, contactID uint64, from, to time.Time, kind model.Kind) ([]model.Interaction, error) {
	var out []model.Interaction
	c := tx.Bucket(bContactNote).Cursor()
	start := join(u64(contactID), noteKeyTime(model.Interaction{At: from}))
	end := string(join(u64(contactID), noteKeyTime(model.Interaction{At: to})))
	for k, _ := c.Seek(start); k != nil && string(k) < end; k, _ = c.Next() {
		var in model.Interaction
		if err := getJSON(tx, bNotes, lastID(k), &in); err != nil {
			return nil, err
		}
		if in.Kind == kind {
			out = append(out, in)
		}
	}
	return out, nil
}
