package store

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// AddQuestion saves a "next time ask" question for a contact.
func (s *Store) AddQuestion(q *model.Question) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bContacts).Get(u64(q.ContactID)) == nil {
			return fmt.Errorf("contact %d: %w", q.ContactID, ErrNotFound)
		}
		describe(tx, "ask %s '%s'", contactName(tx, q.ContactID), q.Text)
		return addQuestion(tx, q)
	})
}

func addQuestion(tx *bolt.Tx, q *model.Question) error {
	*q = q.Cleaned()
	if strings.TrimSpace(q.Text) == "" {
		return fmt.Errorf("a question needs some text")
	}
	id, err := nextID(tx, bQuestions)
	if err != nil {
		return err
	}
	q.ID = id
	if err := putNewJSON(tx, bQuestions, id, q); err != nil {
		return err
	}
	return putKeys(tx, questionIndexKeys(*q))
}

func questionIndexKeys(q model.Question) []indexKey {
	return []indexKey{{bContactQ, join(u64(q.ContactID), u64(q.ID)), nil}}
}

// MarkAsked ticks questions off as asked on day.
func (s *Store) MarkAsked(day model.Date, ids ...uint64) error {
	return s.update(func(tx *bolt.Tx) error {
		describe(tx, "tick off %d questions", len(ids))
		return markAsked(tx, 0, day, ids)
	})
}

// markAsked ticks questions off; with a contact id, only that contact's.
func markAsked(tx *bolt.Tx, contactID uint64, day model.Date, ids []uint64) error {
	for _, id := range ids {
		var q model.Question
		if err := getJSON(tx, bQuestions, id, &q); err != nil {
			return fmt.Errorf("question %d: %w", id, err)
		}
		if contactID != 0 && q.ContactID != contactID {
			return fmt.Errorf("question %d is not for contact %d", id, contactID)
		}
		q.Asked = day
		if err := putJSON(tx, bQuestions, id, q); err != nil {
			return err
		}
	}
	return nil
}

// OpenQuestions lists a contact's questions still to be asked: what the
// note form shows, without reading the contact's whole history.
func (s *Store) OpenQuestions(contactID uint64) ([]model.Question, error) {
	var out []model.Question
	err := s.view(func(tx *bolt.Tx) error {
		all, err := contactQuestions(tx, contactID)
		for _, q := range all {
			if q.Open() {
				out = append(out, q)
			}
		}
		return err
	})
	return out, err
}

func contactQuestions(tx *bolt.Tx, contactID uint64) ([]model.Question, error) {
	out := []model.Question{}
	err := children(tx, bContactQ, contactID, func(id uint64) error {
		var q model.Question
		if err := getJSON(tx, bQuestions, id, &q); err != nil {
			return fmt.Errorf("question %d: %w", id, err)
		}
		out = append(out, q)
		return nil
	})
	return out, err
}
