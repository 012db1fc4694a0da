package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// LogTouch is LogNote that also ticks off the contact's shares brought in
// the note and reports the thank-you follow-ups the note closed: a card or
// a thank-you (model.SaysThanks) to someone who is owed one closes every
// open thank-you follow-up of theirs, done on the note's day, in the same
// transaction as the note.
func (s *Store) LogTouch(in *model.Interaction, follows []*model.FollowUp, asked, shared []uint64) ([]model.FollowUp, error) {
	return s.SaveCapture(Capture{Note: in, FollowUps: follows, Asked: asked, Shared: shared})
}

func closeThankYous(tx *bolt.Tx, in model.Interaction) ([]model.FollowUp, error) {
	if !model.SaysThanks(in) {
		return nil, nil
	}
	follows, err := contactFollowUps(tx, in.ContactID)
	if err != nil {
		return nil, err
	}
	var closed []model.FollowUp
	for _, f := range follows {
		if !f.Open() || !f.IsThankYou() || f.NoteID == in.ID {
			continue
		}
		old := f
		f.Done = model.DateOf(in.At)
		if err := putFollowUp(tx, &old, f); err != nil {
			return nil, err
		}
		closed = append(closed, f)
	}
	return closed, nil
}

// LogCards logs several cards in one transaction, so `rapport cards sent`
// writes all of them or none, and one undo takes the batch back. It
// returns, per card, the thank-yous it closed.
func (s *Store) LogCards(cards []*model.Interaction) ([][]model.FollowUp, error) {
	closed := make([][]model.FollowUp, len(cards))
	err := s.update(func(tx *bolt.Tx) error {
		describe(tx, "log %d cards", len(cards))
		for i, in := range cards {
			if err := logNote(tx, in, nil); err != nil {
				return err
			}
			var err error
			if closed[i], err = closeThankYous(tx, *in); err != nil {
				return err
			}
		}
		return nil
	})
	return closed, err
}
