package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Capture is everything the note form saves at once.
type Capture struct {
	Note      *model.Interaction
	FollowUps []*model.FollowUp
	Asked     []uint64          // questions ticked off as asked in this note
	Shared    []uint64          // shares ticked off as brought in this note
	Ask       []*model.Question // new "next time ask" questions
	Close     uint64            // a follow-up the note keeps, marked done on the note's day
}

// SaveCapture writes a note with its follow-ups, the questions asked and
// added, the shares brought, the thank-yous it pays and the follow-up it
// closes, in one transaction: all or none. It returns the follow-ups it
// closed.
func (s *Store) SaveCapture(c Capture) ([]model.FollowUp, error) {
	var closed []model.FollowUp
	err := s.update(func(tx *bolt.Tx) error {
		in := c.Note
		describe(tx, "log a %s with %s", in.Kind, contactName(tx, in.ContactID))
		if err := logNote(tx, in, c.FollowUps); err != nil {
			return err
		}
		day := model.DateOf(in.At)
		if err := markAsked(tx, in.ContactID, day, c.Asked); err != nil {
			return err
		}
		if err := markShared(tx, in.ContactID, day, c.Shared); err != nil {
			return err
		}
		for _, q := range c.Ask {
			q.ContactID = in.ContactID
			if err := addQuestion(tx, q); err != nil {
				return err
			}
		}
		var err error
		if closed, err = closeThankYous(tx, *in); err != nil {
			return err
		}
		if c.Close == 0 {
			return nil
		}
		f, ok, err := closeFollowUp(tx, c.Close, in.ContactID, day)
		if ok {
			closed = append(closed, f)
		}
		return err
	})
	return closed, err
}

// closeFollowUp marks an open follow-up of the contact done on day; one
// already done (from another shell, or as a thank-you just paid) is left.
func closeFollowUp(tx *bolt.Tx, id, contactID uint64, day model.Date) (model.FollowUp, bool, error) {
	var f model.FollowUp
	if err := getJSON(tx, bFollowUps, id, &f); err != nil {
		return f, false, fmt.Errorf("follow-up %d: %w", id, err)
	}
	if f.ContactID != contactID {
		return f, false, fmt.Errorf("follow-up %d is not for this contact", id)
	}
	if !f.Open() {
		return f, false, nil
	}
	old := f
	f.Done = day
	return f, true, putFollowUp(tx, &old, f)
}
