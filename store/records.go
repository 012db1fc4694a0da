package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// recordKind is what the journal needs to know about one record bucket:
// how to move the bucket's indexes from one stored image of a record to
// another. Undo and redo write images as raw bytes and call reindex, so
// they go through the same index key lists as every other write and
// Check agrees with them by construction.
type recordKind struct {
	bucket []byte
	// noun names one record in messages ("note", "follow-up").
	noun string
	// reindex drops the index entries of old and adds those of new; either
	// may be nil (a record created or deleted).
	reindex func(tx *bolt.Tx, old, new []byte) error
}

// recordKinds lists every journaled bucket, in the order undo writes
// records back: a contact before the notes and follow-ups that name it.
var recordKinds = []recordKind{
	{bContacts, "contact", reindexContact},
	{bNotes, "note", reindexAs(dropNote, addNote)},
	{bFollowUps, "follow-up", reindexAs(dropFollowUp, indexFollowUp)},
	{bQuestions, "question", reindexAs(byKeys(questionIndexKeys))},
	{bShares, "share", reindexAs(byKeys(shareIndexKeys))},
	{bTombstones, "tombstone", func(*bolt.Tx, []byte, []byte) error { return nil }},
}

func kindOf(bucket string) (recordKind, int, bool) {
	for i, k := range recordKinds {
		if string(k.bucket) == bucket {
			return k, i, true
		}
	}
	return recordKind{}, 0, false
}

// decodeImage decodes an image, nil staying nil.
func decodeImage[T any](data []byte) (*T, error) {
	if data == nil {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		return nil, fmt.Errorf("a stored record cannot be read: %w", err)
	}
	return v, nil
}

// reindexAs makes a reindex from a pair of functions over decoded records:
// drop removes a record's index entries and counts, add writes them.
func reindexAs[T any](drop, add func(*bolt.Tx, T) error) func(*bolt.Tx, []byte, []byte) error {
	return func(tx *bolt.Tx, oldData, newData []byte) error {
		old, err := decodeImage[T](oldData)
		if err != nil {
			return err
		}
		cur, err := decodeImage[T](newData)
		if err != nil {
			return err
		}
		if old != nil {
			if err := drop(tx, *old); err != nil {
				return err
			}
		}
		if cur != nil {
			return add(tx, *cur)
		}
		return nil
	}
}

// byKeys is the drop and add of a record whose index is just its key list.
func byKeys[T any](keys func(T) []indexKey) (drop, add func(*bolt.Tx, T) error) {
	drop = func(tx *bolt.Tx, v T) error { return deleteKeys(tx, keys(v)) }
	add = func(tx *bolt.Tx, v T) error { return putKeys(tx, keys(v)) }
	return drop, add
}

func dropNote(tx *bolt.Tx, in model.Interaction) error {
	if err := unindexNote(tx, in); err != nil {
		return err
	}
	return unindexNoteText(tx, in)
}

func addNote(tx *bolt.Tx, in model.Interaction) error {
	if err := indexNote(tx, in); err != nil {
		return err
	}
	return indexNoteText(tx, in)
}

func dropFollowUp(tx *bolt.Tx, f model.FollowUp) error {
	if err := deleteKeys(tx, followUpIndexKeys(f, "")); err != nil {
		return err
	}
	return countPromise(tx, f, -1)
}

// reindexContact is not reindexAs: a contact that stays moves only the
// entries that changed (moveContactIndex).
func reindexContact(tx *bolt.Tx, oldData, newData []byte) error {
	old, err := decodeImage[model.Contact](oldData)
	if err != nil {
		return err
	}
	c, err := decodeImage[model.Contact](newData)
	if err != nil {
		return err
	}
	switch {
	case old != nil && c != nil:
		return moveContactIndex(tx, *old, *c)
	case old != nil:
		if err := deleteKeys(tx, contactIndexKeys(*old)); err != nil {
			return err
		}
		return countTouchDay(tx, old.NextTouch(), -1)
	case c != nil:
		return indexContact(tx, *c)
	}
	return nil
}

// setImage makes the record at key hold data (nil deletes it), moving its
// indexes along. The write is captured like any other, so an undo is
// itself journaled.
func setImage(tx *bolt.Tx, kind recordKind, key, data []byte) error {
	b := tx.Bucket(kind.bucket)
	cur := bytes.Clone(b.Get(key))
	if err := capture(tx, kind.bucket, key); err != nil {
		return err
	}
	var err error
	if data == nil {
		err = b.Delete(key)
	} else {
		err = b.Put(key, data)
	}
	if err != nil {
		return err
	}
	return kind.reindex(tx, cur, data)
}
