package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// A bulk load of many notes spread over years would rewrite most of the
// full-text index once per chunk. Instead it marks the index stale in the
// same transaction as the notes: while it is, searches read the notes
// themselves (so none is ever missed), and the load ends with one
// rebuild. Should the load be cut short, the next Open rebuilds.
var kTextStale = []byte("ftx_stale")

// bulkTextNotes is how many notes a bulk write indexes directly; more
// mark the index stale.
const bulkTextNotes = 2000

func textStale(tx *bolt.Tx) bool { return tx.Bucket(bMeta).Get(kTextStale) != nil }

func markTextStale(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(kTextStale, []byte{1}) }

// RebuildTextIndex builds the full-text index again from the notes when a
// bulk load left it stale, telling progress; otherwise it does nothing.
func (s *Store) RebuildTextIndex(progress Progress) error {
	var stale bool
	if err := s.view(func(tx *bolt.Tx) error { stale = textStale(tx); return nil }); err != nil || !stale {
		return err
	}
	// Index upkeep, not a change of the rep's: no journal entry.
	return s.write(func(tx *bolt.Tx) error {
		if !textStale(tx) {
			return nil
		}
		if err := rebuildTextIndex(tx, progress); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Delete(kTextStale)
	}, func(*bolt.Tx) error { return nil })
}

// bulkText picks how a bulk write of n notes keeps the full-text index:
// a batch flushed at the end of the transaction, or nil after marking the
// index stale.
func bulkText(tx *bolt.Tx, n int) (*textBatch, error) {
	if n > bulkTextNotes || textStale(tx) {
		return nil, markTextStale(tx)
	}
	return newTextBatch(), nil
}

func countNotes(bundles int, notes func(int) int) int {
	n := 0
	for i := range bundles {
		n += notes(i)
	}
	return n
}

// addIfAny adds to a batch; a nil batch is a stale index, left alone.
func (tb *textBatch) addIfAny(in model.Interaction) error {
	if tb == nil {
		return nil
	}
	return tb.add(in)
}

func (tb *textBatch) flushIfAny(tx *bolt.Tx) error {
	if tb == nil {
		return nil
	}
	return tb.flush(tx)
}
