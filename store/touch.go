package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Later puts a contact's next touch off to day without logging anything;
// the next real touch brings the cadence back.
func (s *Store) Later(id uint64, day model.Date) (model.Contact, error) {
	var c model.Contact
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bContacts, id, &c); err != nil {
			return err
		}
		describe(tx, "put off %s to %s", c.Name, day)
		old := c
		c.NextTouchAfter = day
		return putContact(tx, &old, c)
	})
	return c, err
}

// recountTouches fixes files written when any note, and adding or
// importing a contact, counted as a touch: the last touch becomes the
// latest real contact among the contact's notes (none: never), then every
// index is derived again.
func recountTouches(tx *bolt.Tx) error {
	var contacts []model.Contact
	if err := eachRecord(tx, bContacts, func(c model.Contact) { contacts = append(contacts, c) }); err != nil {
		return err
	}
	for _, c := range contacts {
		notes, err := contactNotes(tx, c.ID, 0)
		if err != nil {
			return err
		}
		c.LastTouch = latestTouch(model.Contact{}, notes)
		if err := putJSON(tx, bContacts, c.ID, c); err != nil {
			return err
		}
	}
	return rebuildIndexes(tx)
}
