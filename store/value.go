package store

import (
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// idx_value_days counts, per day, the touches logged and those that said
// what they gave, so the book-wide value share reads 91 keys instead of
// every note of the last 90 days.
const (
	valueTouches = iota
	valueGave
	valueSlots
)

// indexNote adds a stored note's index entries and counts; unindexNote
// takes them away again (for the journal's undo and for deletes).
func indexNote(tx *bolt.Tx, in model.Interaction) error {
	if err := putKeys(tx, noteIndexKeys(in)); err != nil {
		return err
	}
	return countValue(tx, in, +1)
}

func unindexNote(tx *bolt.Tx, in model.Interaction) error {
	if err := deleteKeys(tx, noteIndexKeys(in)); err != nil {
		return err
	}
	return countValue(tx, in, -1)
}

func countValue(tx *bolt.Tx, in model.Interaction, delta int) error {
	if !in.Kind.IsTouch() {
		return nil
	}
	day := dateBytes(model.DateOf(in.At))
	if err := bump(tx, bValueDays, day, valueSlots, valueTouches, delta); err != nil {
		return err
	}
	if strings.TrimSpace(in.Gave) == "" {
		return nil
	}
	return bump(tx, bValueDays, day, valueSlots, valueGave, delta)
}

// addNote tallies a note for Check, the way countValue does.
func (t tally) addNote(in model.Interaction) {
	if !in.Kind.IsTouch() {
		return
	}
	day := dateBytes(model.DateOf(in.At))
	t.add(day, valueSlots, valueTouches)
	if strings.TrimSpace(in.Gave) != "" {
		t.add(day, valueSlots, valueGave)
	}
}

// ValueShare is the book-wide count of touches in the 90 days up to today
// and of those that gave something.
func (s *Store) ValueShare(today model.Date) (valued, touches int, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bValueDays).Cursor()
		end := dateBytes(today)
		for k, v := c.Seek(dateBytes(today.AddDays(-model.FigureWindow))); k != nil && string(k) <= string(end); k, v = c.Next() {
			counts := decodeCounts(v, valueSlots)
			touches += counts[valueTouches]
			valued += counts[valueGave]
		}
		return nil
	})
	return valued, touches, err
}
