package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Promise states, the slots of idx_promise_days.
const (
	promiseOpen = iota
	promiseKept
	promiseLate
	promiseSlots
)

// AddFollowUp saves a follow-up for an existing contact.
func (s *Store) AddFollowUp(f *model.FollowUp) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bContacts).Get(u64(f.ContactID)) == nil {
			return fmt.Errorf("contact %d: %w", f.ContactID, ErrNotFound)
		}
		describe(tx, "promise '%s' to %s", f.Text, contactName(tx, f.ContactID))
		return addFollowUp(tx, f)
	})
}

func addFollowUp(tx *bolt.Tx, f *model.FollowUp) error {
	if f.Promised.IsZero() {
		f.Promised = f.Due
	}
	if err := f.Validate(); err != nil {
		return err
	}
	id, err := nextID(tx, bFollowUps)
	if err != nil {
		return err
	}
	f.ID = id
	return putFollowUp(tx, nil, *f)
}

// FollowUp loads one follow-up.
func (s *Store) FollowUp(id uint64) (model.FollowUp, error) {
	var f model.FollowUp
	err := s.view(func(tx *bolt.Tx) error { return getJSON(tx, bFollowUps, id, &f) })
	return f, err
}

// Done marks a follow-up done on day and returns it.
func (s *Store) Done(id uint64, day model.Date) (model.FollowUp, error) {
	return s.changeFollowUp(id, "done", func(f *model.FollowUp) error {
		if !f.Open() {
			return fmt.Errorf("follow-up %d was already done on %s", id, f.Done)
		}
		f.Done = day
		return nil
	})
}

// Snooze moves an open follow-up's due date; the promised date stays, so
// snoozing does not flatter the follow-through rate.
func (s *Store) Snooze(id uint64, due model.Date) (model.FollowUp, error) {
	return s.changeFollowUp(id, "snooze", func(f *model.FollowUp) error {
		if !f.Open() {
			return fmt.Errorf("follow-up %d is done; there is nothing to snooze (rapport reopen %d opens it again)", id, id)
		}
		f.Due = due
		f.Snoozes++
		return nil
	})
}

// changeFollowUp applies change to a follow-up; verb names the change in
// the journal ("done 'Send the pricing sheet' for Ada Lovelace").
func (s *Store) changeFollowUp(id uint64, verb string, change func(*model.FollowUp) error) (model.FollowUp, error) {
	var f model.FollowUp
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bFollowUps, id, &f); err != nil {
			return fmt.Errorf("follow-up %d: %w", id, err)
		}
		describe(tx, "%s '%s' for %s", verb, f.Text, contactName(tx, f.ContactID))
		old := f
		if err := change(&f); err != nil {
			return err
		}
		if err := f.Validate(); err != nil { // e.g. snoozed to no date
			return err
		}
		return putFollowUp(tx, &old, f)
	})
	return f, err
}

func putFollowUp(tx *bolt.Tx, old *model.FollowUp, f model.FollowUp) error {
	f = f.Cleaned()
	if old != nil {
		if err := deleteKeys(tx, followUpIndexKeys(*old, "")); err != nil {
			return err
		}
		if err := countPromise(tx, *old, -1); err != nil {
			return err
		}
	}
	put := putJSON
	if old == nil {
		put = putNewJSON // every caller passing no old one has a free id
	}
	if err := put(tx, bFollowUps, f.ID, f); err != nil {
		return err
	}
	return indexFollowUp(tx, f)
}

// indexFollowUp adds a stored follow-up's index entries and counts.
func indexFollowUp(tx *bolt.Tx, f model.FollowUp) error {
	if err := countPromise(tx, f, +1); err != nil {
		return err
	}
	return putKeys(tx, followUpIndexKeys(f, contactName(tx, f.ContactID)))
}

// followUpIndexKeys lists a follow-up's index entries. An open one carries,
// in idx_due, itself and its contact's name: the agenda reads due
// follow-ups from that one range and touches no record.
func followUpIndexKeys(f model.FollowUp, contact string) []indexKey {
	id := u64(f.ID)
	keys := []indexKey{{bContactFU, join(u64(f.ContactID), id), nil}}
	if f.Open() {
		keys = append(keys, indexKey{bDue, join(dateBytes(f.Due), id), encodeDue(f, contact)})
	}
	return keys
}

// encodeDue packs uvarint len(name) | name | JSON follow-up.
func encodeDue(f model.FollowUp, contact string) []byte {
	data, _ := json.Marshal(f) // a FollowUp always marshals
	b := binary.AppendUvarint(nil, uint64(len(contact)))
	b = append(b, contact...)
	return append(b, data...)
}

func decodeDue(v []byte) (model.FollowUp, string, error) {
	var f model.FollowUp
	n, w := binary.Uvarint(v)
	if w <= 0 || uint64(len(v)-w) < n {
		return f, "", errBadSummary
	}
	err := json.Unmarshal(v[w+int(n):], &f)
	return f, string(v[w : w+int(n)]), err
}

// renameInDue rewrites the idx_due entries of a renamed contact's open
// follow-ups.
func renameInDue(tx *bolt.Tx, contactID uint64, name string) error {
	follows, err := contactFollowUps(tx, contactID)
	if err != nil {
		return err
	}
	for _, f := range follows {
		if err := putKeys(tx, followUpIndexKeys(f, name)); err != nil {
			return err
		}
	}
	return nil
}

func promiseState(f model.FollowUp) int {
	switch {
	case f.Open():
		return promiseOpen
	case f.KeptOnTime():
		return promiseKept
	}
	return promiseLate
}

func contactFollowUps(tx *bolt.Tx, contactID uint64) ([]model.FollowUp, error) {
	out := []model.FollowUp{}
	err := children(tx, bContactFU, contactID, func(id uint64) error {
		var f model.FollowUp
		if err := getJSON(tx, bFollowUps, id, &f); err != nil {
			return fmt.Errorf("follow-up %d: %w", id, err)
		}
		out = append(out, f)
		return nil
	})
	return out, err
}
