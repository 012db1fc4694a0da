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
	Ask       []*model.Question // new "next time ask" questions
	Close     uint64            // a follow-up the note keeps, marked done on the note's day
}

// SaveCapture writes a note with its follow-ups, the questions asked and
// added, and the follow-up it closes, in one transaction: all or none.
func (s *Store) SaveCapture(c Capture) error {
	return s.update(func(tx *bolt.Tx) error {
		if err := describe(tx, "log a %s with %s", c.Note.Kind, contactName(tx, c.Note.ContactID)); err != nil {
			return err
		}
		if err := logNote(tx, c.Note, c.FollowUps); err != nil {
			return err
		}
		day := model.DateOf(c.Note.At)
		if err := markAsked(tx, c.Note.ContactID, day, c.Asked); err != nil {
			return err
		}
		for _, q := range c.Ask {
			q.ContactID = c.Note.ContactID
			if err := addQuestion(tx, q); err != nil {
				return err
			}
		}
		if c.Close == 0 {
			return nil
		}
		var f model.FollowUp
		if err := getJSON(tx, bFollowUps, c.Close, &f); err != nil {
			return fmt.Errorf("follow-up %d: %w", c.Close, err)
		}
		if f.ContactID != c.Note.ContactID {
			return fmt.Errorf("follow-up %d is not for this contact", c.Close)
		}
		if !f.Open() {
			return nil // closed meanwhile, from another shell: nothing to do
		}
		old := f
		f.Done = model.DateOf(c.Note.At)
		return putFollowUp(tx, &old, f)
	})
}
