package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The journal keeps the last JournalKeep entries, and every entry younger
// than JournalDays, whichever is more. A thousand entries is months of a
// rep's daily writes (a busy day is 20 to 50), so an ordinary slip can be
// undone long after; ninety days keeps a whole quarter even after a burst
// of imports. Entries hold only the images of the records they changed, so
// the bound costs a few megabytes, not a copy of the book.
const (
	JournalKeep = 1000
	JournalDays = 90
)

// JournalEntry kinds and statuses.
const (
	KindWrite = "write"
	KindUndo  = "undo"
	KindRedo  = "redo"

	StatusApplied = ""
	StatusUndone  = "undone"
	StatusDropped = "dropped" // undone, then a new change made redo impossible
)

// JournalEntry is one journaled write: what changed, with the images to revert it.
type JournalEntry struct {
	ID      uint64         `json:"id"`
	At      time.Time      `json:"at"`
	Command string         `json:"command,omitempty"`
	Summary string         `json:"summary"`
	Kind    string         `json:"kind"`
	Status  string         `json:"status,omitempty"`
	Target  uint64         `json:"target,omitempty"` // the entry an undo or redo acted on
	Changes []RecordChange `json:"changes"`
}

// RecordChange is one record an entry touched. Before is absent for a record the
// entry created; Deleted marks one it removed. After is kept only once the
// entry is undone (until then the record itself holds it), so redo can
// write it back. Records created together with consecutive ids are one
// RecordChange from ID to To.
type RecordChange struct {
	Bucket  string          `json:"bucket"`
	ID      uint64          `json:"id,omitempty"`
	To      uint64          `json:"to,omitempty"`
	Key     []byte          `json:"key,omitempty"` // keys that are not 8-byte ids
	Before  json.RawMessage `json:"before,omitempty"`
	After   json.RawMessage `json:"after,omitempty"`
	Deleted bool            `json:"deleted,omitempty"`
}

// keys lists the record keys the change covers.
func (c RecordChange) keys() [][]byte {
	if c.Key != nil {
		return [][]byte{c.Key}
	}
	out := [][]byte{u64(c.ID)}
	for id := c.ID + 1; id <= c.To; id++ {
		out = append(out, u64(id))
	}
	return out
}

// Records counts the records the entry touched.
func (e JournalEntry) Records() int {
	n := 0
	for _, c := range e.Changes {
		n += len(c.keys())
	}
	return n
}

// touches reports whether the entry changed the record at bucket/key.
func (e JournalEntry) touches(bucket string, key []byte) bool {
	for _, c := range e.Changes {
		if c.Bucket != bucket {
			continue
		}
		if c.Key != nil {
			if bytes.Equal(c.Key, key) {
				return true
			}
			continue
		}
		if len(key) == 8 {
			id := idAt(key, 0)
			if id == c.ID || (c.To != 0 && id >= c.ID && id <= c.To) {
				return true
			}
		}
	}
	return false
}

// Pending-bucket keys. The pending bucket lives only inside one write
// transaction: it collects the first image of every record the transaction
// writes, and is turned into a journal entry (and dropped) before commit.
var (
	kOrder   = []byte("order")
	kSeen    = []byte("seen")
	kSummary = []byte("summary")
	kKind    = []byte("kind")
	kTarget  = []byte("target")
)

func pending(tx *bolt.Tx) (*bolt.Bucket, error) {
	p, err := tx.CreateBucketIfNotExists(bPending)
	if err != nil {
		return nil, err
	}
	if _, err := p.CreateBucketIfNotExists(kOrder); err != nil {
		return nil, err
	}
	_, err = p.CreateBucketIfNotExists(kSeen)
	return p, err
}

// capture remembers the record at bucket/key as it was before this
// transaction first wrote it. Call it before every record write.
func capture(tx *bolt.Tx, bucket, key []byte) error {
	p, err := pending(tx)
	if err != nil {
		return err
	}
	ref := join(bucket, []byte{0}, key)
	seen := p.Bucket(kSeen)
	if seen.Get(ref) != nil {
		return nil
	}
	before := []byte{0}
	if v := tx.Bucket(bucket).Get(key); v != nil {
		before = join([]byte{1}, v)
	}
	if err := seen.Put(ref, before); err != nil {
		return err
	}
	order := p.Bucket(kOrder)
	seq, err := order.NextSequence()
	if err != nil {
		return err
	}
	return order.Put(u64(seq), ref)
}

// describe gives the transaction's journal entry its one-line summary; the
// first description wins, so an operation describes itself before calling
// the helpers it is made of.
func describe(tx *bolt.Tx, format string, args ...any) error {
	p, err := pending(tx)
	if err != nil {
		return err
	}
	if p.Get(kSummary) != nil {
		return nil
	}
	return p.Put(kSummary, []byte(fmt.Sprintf(format, args...)))
}

// markKind records that this transaction is an undo or redo of target.
func markKind(tx *bolt.Tx, kind string, target uint64) error {
	p, err := pending(tx)
	if err != nil {
		return err
	}
	if err := p.Put(kKind, []byte(kind)); err != nil {
		return err
	}
	return p.Put(kTarget, u64(target))
}

// finishJournal turns the pending bucket into a journal entry, bounded.
// A transaction that changed no record leaves no entry.
func finishJournal(tx *bolt.Tx, command string, now time.Time) error {
	p := tx.Bucket(bPending)
	if p == nil {
		return nil
	}
	e, err := pendingJournalEntry(tx, p)
	if err != nil {
		return err
	}
	if err := tx.DeleteBucket(bPending); err != nil {
		return err
	}
	if len(e.Changes) == 0 {
		return nil
	}
	e.At, e.Command = now, command
	if e.Summary == "" {
		e.Summary = fmt.Sprintf("changed %d records", e.Records())
	}
	if e.Kind == KindWrite {
		if err := dropRedo(tx); err != nil {
			return err
		}
	}
	if err := appendJournalEntry(tx, &e); err != nil {
		return err
	}
	return pruneJournal(tx, now)
}

// dropPending discards what a transaction captured without journaling it:
// for migrations, which are not the rep's changes and cannot be undone.
func dropPending(tx *bolt.Tx) error {
	if tx.Bucket(bPending) == nil {
		return nil
	}
	return tx.DeleteBucket(bPending)
}

func pendingJournalEntry(tx *bolt.Tx, p *bolt.Bucket) (JournalEntry, error) {
	e := JournalEntry{Summary: string(p.Get(kSummary)), Kind: KindWrite}
	if k := p.Get(kKind); k != nil {
		e.Kind, e.Target = string(k), readU64(p.Get(kTarget))
	}
	seen := p.Bucket(kSeen)
	lastCreated := map[string]int{} // bucket -> index of its last created range
	err := p.Bucket(kOrder).ForEach(func(_, ref []byte) error {
		bucket, key, _ := bytes.Cut(ref, []byte{0})
		before := seen.Get(ref)
		after := tx.Bucket(bucket).Get(key)
		existed := before[0] == 1
		if existed && after != nil && bytes.Equal(before[1:], after) {
			return nil // written back unchanged
		}
		if !existed && after == nil {
			return nil // created and removed again
		}
		c := RecordChange{Bucket: string(bucket), Deleted: after == nil}
		if existed {
			c.Before = copyBytes(before[1:])
		}
		if len(key) != 8 {
			c.Key = copyBytes(key)
			e.Changes = append(e.Changes, c)
			return nil
		}
		c.ID = idAt(key, 0)
		if !existed {
			if i, ok := lastCreated[c.Bucket]; ok && e.Changes[i].lastID()+1 == c.ID {
				e.Changes[i].To = c.ID
				return nil
			}
			lastCreated[c.Bucket] = len(e.Changes)
		}
		e.Changes = append(e.Changes, c)
		return nil
	})
	return e, err
}

func (c RecordChange) lastID() uint64 { return max(c.ID, c.To) }

func appendJournalEntry(tx *bolt.Tx, e *JournalEntry) error {
	j := tx.Bucket(bJournal)
	id, err := j.NextSequence()
	if err != nil {
		return err
	}
	e.ID = id
	return putJournalEntry(tx, *e)
}

// putJournalEntry stores an entry as 8-byte unix nanoseconds | JSON, so pruning
// reads the time without decoding the images.
func putJournalEntry(tx *bolt.Tx, e JournalEntry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	v := binary.BigEndian.AppendUint64(nil, uint64(e.At.UnixNano()))
	return tx.Bucket(bJournal).Put(u64(e.ID), append(v, data...))
}

func decodeJournalEntry(v []byte) (JournalEntry, error) {
	var e JournalEntry
	if len(v) < 8 {
		return e, fmt.Errorf("a journal entry is cut short")
	}
	err := json.Unmarshal(v[8:], &e)
	return e, err
}

func getJournalEntry(tx *bolt.Tx, id uint64) (JournalEntry, error) {
	v := tx.Bucket(bJournal).Get(u64(id))
	if v == nil {
		return JournalEntry{}, fmt.Errorf("change %d is not in the history (it may be older than the journal keeps)", id)
	}
	e, err := decodeJournalEntry(v)
	if err != nil {
		return e, fmt.Errorf("change %d cannot be read: %w", id, err)
	}
	return e, nil
}

// pruneJournal drops the oldest entries while more than JournalKeep are
// kept and the oldest is older than JournalDays.
func pruneJournal(tx *bolt.Tx, now time.Time) error {
	j := tx.Bucket(bJournal)
	cutoff := now.AddDate(0, 0, -JournalDays).UnixNano()
	last := j.Sequence()
	c := j.Cursor()
	for k, v := c.First(); k != nil; k, v = c.First() {
		first := idAt(k, 0)
		if last-first+1 <= JournalKeep || len(v) < 8 || int64(binary.BigEndian.Uint64(v)) >= cutoff {
			return nil
		}
		if err := j.Delete(k); err != nil {
			return err
		}
		if err := forgetRedo(tx, first); err != nil {
			return err
		}
	}
	return nil
}

// The redo stack, in meta: the ids of undone entries, the most recently
// undone last.
func redoStack(tx *bolt.Tx) []uint64 {
	var ids []uint64
	json.Unmarshal(tx.Bucket(bMeta).Get(kRedo), &ids)
	return ids
}

func setRedoStack(tx *bolt.Tx, ids []uint64) error {
	if len(ids) == 0 {
		return tx.Bucket(bMeta).Delete(kRedo)
	}
	data, _ := json.Marshal(ids)
	return tx.Bucket(bMeta).Put(kRedo, data)
}

func forgetRedo(tx *bolt.Tx, id uint64) error {
	var keep []uint64
	for _, r := range redoStack(tx) {
		if r != id {
			keep = append(keep, r)
		}
	}
	return setRedoStack(tx, keep)
}

// dropRedo marks every undone entry dropped: after a new change, redoing an
// older one would rewrite records under it.
func dropRedo(tx *bolt.Tx) error {
	for _, id := range redoStack(tx) {
		e, err := getJournalEntry(tx, id)
		if err != nil {
			continue // pruned
		}
		e.Status = StatusDropped
		for i := range e.Changes {
			e.Changes[i].After = nil
		}
		if err := putJournalEntry(tx, e); err != nil {
			return err
		}
	}
	return setRedoStack(tx, nil)
}
