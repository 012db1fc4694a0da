package store

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Reopen makes a done follow-up open again, due where it was.
func (s *Store) Reopen(id uint64) (model.FollowUp, error) {
	return s.changeFollowUp(id, "reopen", func(f *model.FollowUp) error {
		if f.Open() {
			return fmt.Errorf("follow-up %d is not done; there is nothing to reopen", id)
		}
		f.Done = model.Date{}
		return nil
	})
}

// EditFollowUp changes a follow-up's text, due date or direction. A new due
// date moves the promise too when the follow-up was never snoozed: it was
// a typo, not a slip.
func (s *Store) EditFollowUp(id uint64, change func(*model.FollowUp)) (model.FollowUp, error) {
	return s.changeFollowUp(id, "edit", func(f *model.FollowUp) error {
		due := f.Due
		change(f)
		if f.Due != due && f.Snoozes == 0 {
			f.Promised = f.Due
		}
		return nil
	})
}

// EditNote changes a note: text, kind, direction, topics, time, or the
// contact it is filed under (a note logged against the wrong person). Its
// follow-ups move along with it, and both contacts' last touches follow.
// New follow-ups promised while editing are added in the same transaction.
func (s *Store) EditNote(id uint64, change func(*model.Interaction), follows ...*model.FollowUp) (model.Interaction, error) {
	var in model.Interaction
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bNotes, id, &in); err != nil {
			return fmt.Errorf("note %d: %w", id, err)
		}
		old := in
		change(&in)
		in.ID = id
		if err := in.Validate(); err != nil {
			return err
		}
		if tx.Bucket(bContacts).Get(u64(in.ContactID)) == nil {
			return fmt.Errorf("contact %d: %w", in.ContactID, ErrNotFound)
		}
		describe(tx, "edit the %s note %q for %s", old.Kind, model.Shorten(old.Text, 40), contactName(tx, old.ContactID))
		if err := rewrite(tx, bNotes, id, func(n *model.Interaction) { *n = in }); err != nil {
			return err
		}
		if err := refreshNoteContacts(tx, old, in); err != nil {
			return err
		}
		return addNoteFollowUps(tx, in, follows)
	})
	return in, err
}

// refreshNoteContacts moves the follow-ups and last touches after a note
// changed from old to in, possibly to another contact.
func refreshNoteContacts(tx *bolt.Tx, old, in model.Interaction) error {
	if in.ContactID == old.ContactID {
		return refreshLastTouch(tx, in.ContactID, old.At)
	}
	if err := moveNoteFollowUps(tx, old, in.ContactID); err != nil {
		return err
	}
	if err := refreshLastTouch(tx, old.ContactID, old.At); err != nil {
		return err
	}
	return refreshLastTouch(tx, in.ContactID, in.At)
}

func moveNoteFollowUps(tx *bolt.Tx, note model.Interaction, to uint64) error {
	follows, err := contactFollowUps(tx, note.ContactID)
	if err != nil {
		return err
	}
	for _, f := range follows {
		if f.NoteID == note.ID {
			if err := rewrite(tx, bFollowUps, f.ID, func(f *model.FollowUp) { f.ContactID = to }); err != nil {
				return err
			}
		}
	}
	return nil
}

// EditQuestion changes a question's text.
func (s *Store) EditQuestion(id uint64, text string) (model.Question, error) {
	var q model.Question
	err := s.update(func(tx *bolt.Tx) error {
		if err := getJSON(tx, bQuestions, id, &q); err != nil {
			return fmt.Errorf("question %d: %w", id, err)
		}
		if strings.TrimSpace(text) == "" {
			return fmt.Errorf("a question needs some text")
		}
		describe(tx, "edit the question '%s' for %s", q.Text, contactName(tx, q.ContactID))
		q.Text = text
		return rewrite(tx, bQuestions, id, func(stored *model.Question) { *stored = q })
	})
	return q, err
}

// Note loads one note.
func (s *Store) Note(id uint64) (model.Interaction, error) {
	var in model.Interaction
	err := s.view(func(tx *bolt.Tx) error { return getJSON(tx, bNotes, id, &in) })
	return in, err
}

// Question loads one question.
func (s *Store) Question(id uint64) (model.Question, error) {
	var q model.Question
	err := s.view(func(tx *bolt.Tx) error { return getJSON(tx, bQuestions, id, &q) })
	return q, err
}
