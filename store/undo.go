package store

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ErrNothingToUndo and ErrNothingToRedo say the history has nothing to walk.
var (
	ErrNothingToUndo = errors.New("there is nothing to undo")
	ErrNothingToRedo = errors.New("there is nothing to redo")
)

// Undo reverts a change: the latest one made from anywhere when id is 0,
// else change id of the history. It refuses, writing nothing, when a later
// change touched one of the same records, and names that change. The undo
// is journaled itself, and redo walks it forward again.
func (s *Store) Undo(id uint64) (JournalEntry, error) {
	var e JournalEntry
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if id == 0 {
			e, err = latestUndoable(tx)
		} else {
			e, err = getJournalEntry(tx, id)
		}
		if err != nil {
			return err
		}
		if e.Kind != KindWrite {
			return fmt.Errorf("change %d is itself an %s; undo or redo the change it acted on", e.ID, e.Kind)
		}
		if e.Status != StatusApplied {
			return fmt.Errorf("change %d (%s) is already undone", e.ID, e.Summary)
		}
		group, err := groupOf(tx, e)
		if err != nil {
			return err
		}
		if len(group) > 1 {
			e.Summary += fmt.Sprintf(" (and %d more parts of that change)", len(group)-1)
		}
		for i := range group {
			if err := undoConflict(tx, group[i]); err != nil {
				return err
			}
			if err := undoEntry(tx, &group[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return e, err
}

// groupOf lists the applied writes of e's group, newest first: e alone
// when it is in none.
func groupOf(tx *bolt.Tx, e JournalEntry) ([]JournalEntry, error) {
	if e.Group == 0 {
		return []JournalEntry{e}, nil
	}
	var out []JournalEntry
	c := tx.Bucket(bJournal).Cursor()
	for k, v := c.Seek(u64(e.ID)); k != nil && idAt(k, 0) >= e.Group; k, v = c.Prev() {
		m, err := decodeJournalEntry(v)
		if err != nil {
			return nil, fmt.Errorf("change %d cannot be read: %w", idAt(k, 0), err)
		}
		if m.Kind == KindWrite && m.Group == e.Group && m.Status == StatusApplied {
			out = append(out, m)
		}
	}
	return out, nil
}

// Redo re-applies the change undone most recently.
func (s *Store) Redo() (JournalEntry, error) {
	var e JournalEntry
	err := s.update(func(tx *bolt.Tx) error {
		stack := redoStack(tx)
		if len(stack) == 0 {
			return ErrNothingToRedo
		}
		var err error
		if e, err = getJournalEntry(tx, stack[len(stack)-1]); err != nil {
			return err
		}
		group := e.Group
		for len(stack) > 0 {
			next, err := getJournalEntry(tx, stack[len(stack)-1])
			if err != nil {
				return err
			}
			if next.ID != e.ID && (group == 0 || next.Group != group) {
				break
			}
			if err := redoConflict(tx, next); err != nil {
				return err
			}
			if err := redoEntry(tx, &next); err != nil {
				return err
			}
			stack = stack[:len(stack)-1]
		}
		return setRedoStack(tx, stack)
	})
	return e, err
}

// History lists the latest journal entries, newest first, without their
// record images. limit 0 means all that are kept.
func (s *Store) History(limit int) ([]JournalEntry, error) {
	var out []JournalEntry
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bJournal).Cursor()
		for k, v := c.Last(); k != nil && (limit == 0 || len(out) < limit); k, v = c.Prev() {
			e, err := decodeJournalEntry(v)
			if err != nil {
				return fmt.Errorf("change %d cannot be read: %w", idAt(k, 0), err)
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

func latestUndoable(tx *bolt.Tx) (JournalEntry, error) {
	c := tx.Bucket(bJournal).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		e, err := decodeJournalEntry(v)
		if err != nil {
			return e, fmt.Errorf("change %d cannot be read: %w", idAt(k, 0), err)
		}
		if e.Kind == KindWrite && e.Status == StatusApplied {
			return e, nil
		}
	}
	return JournalEntry{}, ErrNothingToUndo
}

// undoConflict finds a later change whose effect still stands on a record
// that e touched. Undone later writes, and undos and redos of later writes
// (their effect is their target's), do not count.
func undoConflict(tx *bolt.Tx, e JournalEntry) error {
	c := tx.Bucket(bJournal).Cursor()
	for k, v := c.Seek(u64(e.ID + 1)); k != nil; k, v = c.Next() {
		later, err := decodeJournalEntry(v)
		if err != nil {
			return fmt.Errorf("change %d cannot be read: %w", idAt(k, 0), err)
		}
		switch {
		case later.Kind == KindWrite && later.Status != StatusApplied:
			continue
		case later.Kind != KindWrite && later.Target >= e.ID:
			continue
		}
		if what, ok := overlap(e, later); ok {
			return fmt.Errorf("cannot undo change %d (%s): change %d (%s) touched the same %s later; undo that one first", e.ID, e.Summary, later.ID, later.Summary, what)
		}
	}
	return nil
}

// redoConflict checks that every record is as the undo left it.
func redoConflict(tx *bolt.Tx, e JournalEntry) error {
	for _, ch := range e.Changes {
		for _, key := range ch.keys() {
			cur := tx.Bucket([]byte(ch.Bucket)).Get(key)
			if (ch.Before == nil) != (cur == nil) || (cur != nil && !bytes.Equal(cur, ch.Before)) {
				kind, _, _ := kindOf(ch.Bucket)
				return fmt.Errorf("cannot redo change %d (%s): its %s has changed since it was undone", e.ID, e.Summary, kind.noun)
			}
		}
	}
	return nil
}

// overlap names the kind of the first record both entries touched.
func overlap(e, later JournalEntry) (string, bool) {
	for _, ch := range e.Changes {
		for _, key := range ch.keys() {
			if later.touches(ch.Bucket, key) {
				kind, _, _ := kindOf(ch.Bucket)
				return kind.noun, true
			}
		}
	}
	return "", false
}

// undoEntry writes every record back to its before image, keeping the
// after images in the entry for redo.
func undoEntry(tx *bolt.Tx, e *JournalEntry) error {
	var expanded []RecordChange
	for _, ch := range e.Changes {
		for _, key := range ch.keys() {
			one := RecordChange{Bucket: ch.Bucket, Before: ch.Before, Deleted: ch.Deleted}
			if len(key) == 8 && ch.Key == nil {
				one.ID = idAt(key, 0)
			} else {
				one.Key = key
			}
			one.After = bytes.Clone(tx.Bucket([]byte(ch.Bucket)).Get(key))
			expanded = append(expanded, one)
		}
	}
	if err := applyImages(tx, expanded, func(c RecordChange) []byte { return c.Before }); err != nil {
		return err
	}
	e.Changes, e.Status = expanded, StatusUndone
	if err := putJournalEntry(tx, *e); err != nil {
		return err
	}
	if err := setRedoStack(tx, append(redoStack(tx), e.ID)); err != nil {
		return err
	}
	markKind(tx, KindUndo, e.ID)
	describe(tx, "undo %s", e.Summary)
	return nil
}

func redoEntry(tx *bolt.Tx, e *JournalEntry) error {
	if err := applyImages(tx, e.Changes, func(c RecordChange) []byte { return c.After }); err != nil {
		return err
	}
	for i := range e.Changes {
		e.Changes[i].After = nil
	}
	e.Status = StatusApplied
	if err := putJournalEntry(tx, *e); err != nil {
		return err
	}
	markKind(tx, KindRedo, e.ID)
	describe(tx, "redo %s", e.Summary)
	return nil
}

// applyImages writes the chosen image of every change: records that come
// back first, contacts before what names them; then removals, in reverse,
// so every index entry finds what it needs.
func applyImages(tx *bolt.Tx, changes []RecordChange, image func(RecordChange) []byte) error {
	for pass := range 2 {
		for i := range recordKinds {
			kind := recordKinds[i]
			if pass == 1 {
				kind = recordKinds[len(recordKinds)-1-i]
			}
			for _, ch := range changes {
				data := image(ch)
				if ch.Bucket != string(kind.bucket) || (pass == 0) != (data != nil) {
					continue
				}
				key := ch.Key
				if key == nil {
					key = u64(ch.ID)
				}
				if err := setImage(tx, kind, key, data); err != nil {
					return fmt.Errorf("%s %d: %w", kind.noun, ch.ID, err)
				}
			}
		}
	}
	return nil
}
