package store

import (
	"bytes"
	"cmp"
	"slices"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// buildTextStep names the migration that builds the full-text index.
const buildTextStep = "build the full-text index"

// withProgress lists the migration steps long enough to report progress,
// by name, with the form of the step that does.
var withProgress = map[string]func(*bolt.Tx, Progress) error{buildTextStep: migrateText}

// migrateText is the step that brings a book made before full-text search
// up to date: contact words and the index of notes.
func migrateText(tx *bolt.Tx, progress Progress) error {
	if err := rebuildContactText(tx); err != nil {
		return err
	}
	return rebuildTextIndex(tx, progress)
}

// rebuildTextIndex derives the full-text index of notes from the notes
// (contacts' words are contact index keys, rebuilt with the others),
// telling progress. It gathers every posting first and writes each key
// once, in key order, into empty buckets: bbolt then only appends, where
// merging into keys written before rewrote them again and again (2M
// notes: postings of about 4 bytes per word of each note in memory).
func rebuildTextIndex(tx *bolt.Tx, progress Progress) error {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	for _, b := range [][]byte{bTextDays, bTextNotes, bTextTimes} {
		if tx.Bucket(b) != nil {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return err
		}
	}
	tx.Bucket(bTextNotes).FillPercent = 1
	tx.Bucket(bTextDays).FillPercent = 1
	tx.Bucket(bTextTimes).FillPercent = 1
	total := tx.Bucket(bNotes).Stats().KeyN
	batch, done := newTextBatch(), 0
	var failed error
	err := eachRecord(tx, bNotes, func(in model.Interaction) {
		if failed != nil {
			return
		}
		failed = batch.add(in)
		if done++; done%20_000 == 0 {
			progress("building the search index", done, total)
		}
	})
	if err == nil {
		err = failed
	}
	if err != nil {
		return err
	}
	progress("building the search index", total, total)
	return batch.flush(tx)
}

// rebuildContactText writes the contact word and tag entries of books made
// before they existed. The keys are put in order: bbolt splits pages only
// at commit, so random inserts into one big transaction would move ever
// longer runs of keys (measured: 27 s of 31 at 10,000 contacts).
func rebuildContactText(tx *bolt.Tx) error {
	for _, b := range [][]byte{bContactText, bTags} {
		bk, err := tx.CreateBucketIfNotExists(b)
		if err != nil {
			return err
		}
		bk.FillPercent = 0.9 // keys go in in order: full pages stay full
	}
	var keys []indexKey
	err := eachRecord(tx, bContacts, func(c model.Contact) { keys = append(keys, contactTextKeys(c)...) })
	if err != nil {
		return err
	}
	slices.SortFunc(keys, func(a, b indexKey) int {
		return cmp.Or(bytes.Compare(a.bucket, b.bucket), bytes.Compare(a.key, b.key))
	})
	return putKeys(tx, keys)
}
