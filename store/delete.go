package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Tombstone remembers a deleted contact, note or follow-up for sync, which
// must tell a server that a record it holds is gone. Tombstones are written
// through the journal, so undoing a delete takes its tombstone back too.
type Tombstone struct {
	Bucket  string    `json:"bucket"`
	ID      uint64    `json:"id"`
	UID     string    `json:"uid,omitempty"`
	Deleted time.Time `json:"deleted"`
}

// DeleteResult says what a contact's deletion took with it.
type DeleteResult struct {
	Contact                     model.Contact
	Notes, FollowUps, Questions int
	Referrals                   int // contacts whose referred-by link was cleared
}

// DeleteContact removes a contact with its notes, follow-ups and questions,
// and clears the referred-by links that pointed at it, in one transaction:
// one journal entry, so one undo brings all of it back.
func (s *Store) DeleteContact(id uint64) (DeleteResult, error) {
	var r DeleteResult
	err := s.update(func(tx *bolt.Tx) error {
		d, err := loadDetail(tx, id)
		if err != nil {
			return fmt.Errorf("contact %d: %w", id, err)
		}
		r = DeleteResult{Contact: d.Contact, Notes: len(d.Notes), FollowUps: len(d.FollowUps), Questions: len(d.Questions), Referrals: len(d.Referrals)}
		describe(tx, "delete %s (%s)", d.Contact.Name, r.what())
		return deleteContact(tx, d)
	})
	return r, err
}

func (r DeleteResult) what() string {
	return fmt.Sprintf("%d notes, %d follow-ups, %d questions", r.Notes, r.FollowUps, r.Questions)
}

func deleteContact(tx *bolt.Tx, d Detail) error {
	for _, ref := range d.Referrals {
		if err := rewrite(tx, bContacts, ref.ID, func(c *model.Contact) { c.ReferredBy = 0 }); err != nil {
			return err
		}
	}
	for _, in := range d.Notes {
		if err := removeRecord(tx, bNotes, in.ID, ""); err != nil {
			return err
		}
	}
	for _, f := range d.FollowUps {
		if err := removeRecord(tx, bFollowUps, f.ID, ""); err != nil {
			return err
		}
	}
	for _, q := range d.Questions {
		if err := removeRecord(tx, bQuestions, q.ID, ""); err != nil {
			return err
		}
	}
	for _, sh := range d.Shares {
		if err := removeRecord(tx, bShares, sh.ID, ""); err != nil {
			return err
		}
	}
	return removeRecord(tx, bContacts, d.Contact.ID, d.Contact.UID)
}

// DeleteNote removes a note. Its follow-ups stay (a promise made in that
// conversation is still owed) and lose their link to it; the contact's last
// touch moves back when the note was that touch. Undo restores all three.
func (s *Store) DeleteNote(id uint64) (model.Interaction, string, error) {
	var in model.Interaction
	var name string
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bNotes, id, &in); err != nil {
			return fmt.Errorf("note %d: %w", id, err)
		}
		name = contactName(tx, in.ContactID)
		describe(tx, "delete the %s note %q for %s", in.Kind, model.Shorten(in.Text, 40), name)
		follows, err := contactFollowUps(tx, in.ContactID)
		if err != nil {
			return err
		}
		for _, f := range follows {
			if f.NoteID == id {
				if err := rewrite(tx, bFollowUps, f.ID, func(f *model.FollowUp) { f.NoteID = 0 }); err != nil {
					return err
				}
			}
		}
		if err := removeRecord(tx, bNotes, id, ""); err != nil {
			return err
		}
		return refreshLastTouch(tx, in.ContactID, in.At)
	})
	return in, name, err
}

// DeleteFollowUp removes a follow-up.
func (s *Store) DeleteFollowUp(id uint64) (model.FollowUp, string, error) {
	var f model.FollowUp
	var name string
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bFollowUps, id, &f); err != nil {
			return fmt.Errorf("follow-up %d: %w", id, err)
		}
		name = contactName(tx, f.ContactID)
		describe(tx, "delete the follow-up '%s' for %s", f.Text, name)
		return removeRecord(tx, bFollowUps, id, "")
	})
	return f, name, err
}

// DeleteQuestion removes a "next time ask" question.
func (s *Store) DeleteQuestion(id uint64) (model.Question, string, error) {
	var q model.Question
	var name string
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bQuestions, id, &q); err != nil {
			return fmt.Errorf("question %d: %w", id, err)
		}
		name = contactName(tx, q.ContactID)
		describe(tx, "delete the question '%s' for %s", q.Text, name)
		return removeRecord(tx, bQuestions, id, "")
	})
	return q, name, err
}

// removeRecord deletes a record with its indexes and, for what sync
// carries (contacts, notes, follow-ups), leaves a tombstone.
func removeRecord(tx *bolt.Tx, bucket []byte, id uint64, uid string) error {
	kind, _, _ := kindOf(string(bucket))
	if err := setImage(tx, kind, u64(id), nil); err != nil {
		return err
	}
	if string(bucket) == string(bQuestions) || string(bucket) == string(bShares) {
		return nil // not synced: no tombstone needed
	}
	data, _ := json.Marshal(Tombstone{Bucket: string(bucket), ID: id, UID: uid, Deleted: time.Now().UTC()})
	key := tombstoneKey(bucket, id)
	tomb, _, _ := kindOf(string(bTombstones))
	return setImage(tx, tomb, key, data)
}

func tombstoneKey(bucket []byte, id uint64) []byte {
	return join([]byte(bucket), []byte{0}, u64(id))
}

// rewrite loads a record, changes it and stores it with its indexes.
func rewrite[T any](tx *bolt.Tx, bucket []byte, id uint64, change func(*T)) error {
	var v T
	if err := getJSON(tx, bucket, id, &v); err != nil {
		return fmt.Errorf("%s %d: %w", bucket, id, err)
	}
	change(&v)
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	kind, _, _ := kindOf(string(bucket))
	return setImage(tx, kind, u64(id), data)
}

// refreshLastTouch moves a contact's last touch after one of its notes
// changed or went: when the note at was the last touch, the latest
// remaining touch takes its place; a later touch always moves it forward.
func refreshLastTouch(tx *bolt.Tx, contactID uint64, was time.Time) error {
	var c model.Contact
	if err := getJSON(tx, bContacts, contactID, &c); err != nil {
		return fmt.Errorf("contact %d: %w", contactID, err)
	}
	latest, err := latestTouchNote(tx, contactID)
	if err != nil {
		return err
	}
	last := c.LastTouch
	if last.Equal(was) || latest.After(last) {
		last = latest
	}
	if last.Equal(c.LastTouch) {
		return nil
	}
	old := c
	c.LastTouch = last
	return putContact(tx, &old, c)
}

func latestTouchNote(tx *bolt.Tx, contactID uint64) (time.Time, error) {
	var at time.Time
	err := reverseChildren(tx, bContactNote, contactID, func(id uint64) (bool, error) {
		var in model.Interaction
		if err := getJSON(tx, bNotes, id, &in); err != nil {
			return false, fmt.Errorf("note %d: %w", id, err)
		}
		if in.Kind.IsTouch() {
			at = in.At
			return false, nil
		}
		return true, nil
	})
	return at, err
}
