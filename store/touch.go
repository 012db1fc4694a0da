package store

import (
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// encodeTouch is the value of a contact's next-touch entry: what the
// going-cold list shows and ranks by, so the agenda never decodes a whole
// contact for it. stage (1 byte, its place in model.Stages) | cadence days
// (4) | last touch date key (4, 0 when never) | name.
func encodeTouch(c model.Contact) []byte {
	b := []byte{byte(stageIndex(c.Stage))}
	b = binary.BigEndian.AppendUint32(b, uint32(c.CadenceDays()))
	var last uint32
	if t := c.Touched(); !t.IsZero() {
		last = t.Key()
	}
	b = binary.BigEndian.AppendUint32(b, last)
	return append(b, c.Name...)
}

// decodeTouch gives back a slim contact whose NextTouch is next.
func decodeTouch(next model.Date, id uint64, v []byte) (model.Contact, bool) {
	if len(v) < 9 || int(v[0]) >= len(model.Stages) {
		return model.Contact{}, false
	}
	c := model.Contact{ID: id, Stage: model.Stages[v[0]], Cadence: int(binary.BigEndian.Uint32(v[1:])),
		NextTouchAfter: next, Name: string(v[9:])}
	if last := binary.BigEndian.Uint32(v[5:]); last != 0 {
		d := model.DateFromKey(last)
		c.LastTouch = time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	}
	return c, true
}

func stageIndex(st model.Stage) int {
	for i, s := range model.Stages {
		if s == st {
			return i
		}
	}
	return 0
}

// Later puts a contact's next touch off to day without logging anything;
// the next real touch brings the cadence back.
func (s *Store) Later(id uint64, day model.Date) (model.Contact, error) {
	var c model.Contact
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bContacts, id, &c); err != nil {
			return err
		}
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
