package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Promise states in idx_promised, for the follow-through rate.
const (
	promiseOpen byte = iota
	promiseKept
	promiseLate
)

// AddFollowUp saves a follow-up for an existing contact.
func (s *Store) AddFollowUp(f *model.FollowUp) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bContacts).Get(u64(f.ContactID)) == nil {
			return fmt.Errorf("contact %d: %w", f.ContactID, ErrNotFound)
		}
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
	return s.changeFollowUp(id, func(f *model.FollowUp) error {
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
	return s.changeFollowUp(id, func(f *model.FollowUp) error {
		if !f.Open() {
			return fmt.Errorf("follow-up %d is done; there is nothing to snooze", id)
		}
		f.Due = due
		f.Snoozes++
		return nil
	})
}

func (s *Store) changeFollowUp(id uint64, change func(*model.FollowUp) error) (model.FollowUp, error) {
	var f model.FollowUp
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bFollowUps, id, &f); err != nil {
			return fmt.Errorf("follow-up %d: %w", id, err)
		}
		old := f
		if err := change(&f); err != nil {
			return err
		}
		return putFollowUp(tx, &old, f)
	})
	return f, err
}

func putFollowUp(tx *bolt.Tx, old *model.FollowUp, f model.FollowUp) error {
	if old != nil {
		if err := deleteKeys(tx, followUpIndexKeys(*old)); err != nil {
			return err
		}
	}
	if err := putJSON(tx, bFollowUps, f.ID, f); err != nil {
		return err
	}
	return putKeys(tx, followUpIndexKeys(f))
}

func followUpIndexKeys(f model.FollowUp) []indexKey {
	id := u64(f.ID)
	keys := []indexKey{{bContactFU, join(u64(f.ContactID), id), nil}}
	if f.Open() {
		keys = append(keys, indexKey{bDue, join(dateBytes(f.Due), id), nil})
	}
	if !f.TheyOwe {
		keys = append(keys, indexKey{bPromised, join(dateBytes(f.Promised), id), []byte{promiseState(f)}})
	}
	return keys
}

func promiseState(f model.FollowUp) byte {
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
