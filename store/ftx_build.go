package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// buildTextStep names the migration that builds the full-text index.
const buildTextStep = "build the full-text index"

// migrateText is the step that brings a book made before full-text search
// up to date: it writes the contact words and marks the index of notes
// stale, which Open then builds in bounded transactions
// (RebuildTextIndex) rather than in this one.
func migrateText(tx *bolt.Tx) error {
	if err := rebuildContactText(tx); err != nil {
		return err
	}
	if err := resetTextBuckets(tx); err != nil {
		return err
	}
	if k, _ := tx.Bucket(bNotes).Cursor().First(); k == nil {
		return nil // a new book: nothing to build
	}
	return markTextStale(tx)
}

// rebuildContactText writes the contact word and tag entries of books made
// before they existed. The keys are put in order (putInOrder): bbolt
// splits pages only at commit, so random inserts into one big transaction
// would move ever longer runs of keys (measured: 27 s of 31 at 10,000
// contacts).
func rebuildContactText(tx *bolt.Tx) error {
	for _, b := range [][]byte{bContactText, bTags} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	var keys []indexKey
	err := eachRecord(tx, bContacts, func(c model.Contact) { keys = append(keys, contactTextKeys(c)...) })
	if err != nil {
		return err
	}
	return putInOrder(tx, keys)
}
