package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// A bulk load of many notes spread over years would rewrite most of the
// full-text index once per chunk. Instead it marks the index stale in the
// same transaction as the notes: while it is, searches read the notes
// themselves (so none is ever missed), and the load ends with a build
// (ftx_chunks.go). Should the load be cut short, the next Open builds.
var kTextStale = []byte("ftx_stale")

// bulkTextNotes is how many notes a bulk write indexes directly; more
// mark the index stale.
const bulkTextNotes = 2000

func textStale(tx *bolt.Tx) bool { return tx.Bucket(bMeta).Get(kTextStale) != nil }

// markTextStale marks the index stale with a new epoch, so that a build
// under way (ftx_chunks.go), which has not seen these notes, starts over.
func markTextStale(tx *bolt.Tx) error {
	var epoch uint64
	if v := tx.Bucket(bMeta).Get(kTextStale); len(v) == 8 {
		epoch = binary.BigEndian.Uint64(v)
	}
	// A build's mark goes too: an older rapport may have cleared the stale
	// mark but left it, and the epochs start again from 1.
	if err := tx.Bucket(bMeta).Delete(kTextBuilt); err != nil {
		return err
	}
	return tx.Bucket(bMeta).Put(kTextStale, binary.BigEndian.AppendUint64(nil, epoch+1))
}

// skipNotesText says whether a write of n notes leaves them out of a
// stale index; it then moves the epoch, as a bulk load does.
func skipNotesText(tx *bolt.Tx, n int) (bool, error) {
	if n == 0 || !textStale(tx) {
		return false, nil
	}
	return true, markTextStale(tx)
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

func countNotes(bundles []model.Bundle) int {
	n := 0
	for _, b := range bundles {
		n += len(b.Notes)
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
