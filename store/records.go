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
	{bNotes, "note", reindexNote},
	{bFollowUps, "follow-up", reindexFollowUp},
	{bQuestions, "question", reindexQuestion},
	{bShares, "share", reindexShare},
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

func reindexNote(tx *bolt.Tx, oldData, newData []byte) error {
	old, err := decodeImage[model.Interaction](oldData)
	if err != nil {
		return err
	}
	in, err := decodeImage[model.Interaction](newData)
	if err != nil {
		return err
	}
	if old != nil {
		if err := unindexNote(tx, *old); err != nil {
			return err
		}
		if err := unindexNoteText(tx, *old); err != nil {
			return err
		}
	}
	if in != nil {
		if err := indexNote(tx, *in); err != nil {
			return err
		}
		return indexNoteText(tx, *in)
	}
	return nil
}

func reindexFollowUp(tx *bolt.Tx, oldData, newData []byte) error {
	old, err := decodeImage[model.FollowUp](oldData)
	if err != nil {
		return err
	}
	f, err := decodeImage[model.FollowUp](newData)
	if err != nil {
		return err
	}
	if old != nil {
		if err := deleteKeys(tx, followUpIndexKeys(*old, "")); err != nil {
			return err
		}
		if err := countPromise(tx, *old, -1); err != nil {
			return err
		}
	}
	if f != nil {
		return indexFollowUp(tx, *f)
	}
	return nil
}

func reindexQuestion(tx *bolt.Tx, oldData, newData []byte) error {
	old, err := decodeImage[model.Question](oldData)
	if err != nil {
		return err
	}
	q, err := decodeImage[model.Question](newData)
	if err != nil {
		return err
	}
	if old != nil {
		if err := deleteKeys(tx, questionIndexKeys(*old)); err != nil {
			return err
		}
	}
	if q != nil {
		return putKeys(tx, questionIndexKeys(*q))
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

func reindexShare(tx *bolt.Tx, oldData, newData []byte) error {
	old, err := decodeImage[model.Share](oldData)
	if err != nil {
		return err
	}
	sh, err := decodeImage[model.Share](newData)
	if err != nil {
		return err
	}
	if old != nil {
		if err := deleteKeys(tx, shareIndexKeys(*old)); err != nil {
			return err
		}
	}
	if sh != nil {
		return putKeys(tx, shareIndexKeys(*sh))
	}
	return nil
}
