package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	gosync "sync"
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
	ID      uint64    `json:"id"`
	At      time.Time `json:"at"`
	Command string    `json:"command,omitempty"`
	Summary string    `json:"summary"`
	Kind    string    `json:"kind"`
	Status  string    `json:"status,omitempty"`
	Target  uint64    `json:"target,omitempty"` // the entry an undo or redo acted on
	// Group is the id of the first entry of a change made in several
	// transactions (an import in chunks); undo and redo take the group whole.
	Group   uint64         `json:"group,omitempty"`
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

// captures maps each open write transaction to the images it has
// captured. A bbolt transaction carries no value of ours, and threading
// one through every helper that writes a record would touch them all; an
// entry lives only from the start of Store.write's transaction to its end.
// Keeping the images in memory rather than in a scratch bucket makes a
// bulk load of 20,000 records pay a map insert each, not a B+tree write.
var captures gosync.Map // *bolt.Tx -> *txCapture

// txCapture is what one write transaction has captured so far.
type txCapture struct {
	seenID  map[string]map[uint64]bool // bucket -> ids, for 8-byte keys
	seenKey map[string]bool            // bucket 0x00 key, for the others
	order   []captured
	summary string
	kind    string
	target  uint64
}

// captured is the first image of one record the transaction wrote.
type captured struct {
	bucket  string
	key     []byte
	before  []byte
	existed bool
}

func newCapture() *txCapture {
	return &txCapture{seenID: map[string]map[uint64]bool{}, seenKey: map[string]bool{}}
}

// firstTime reports whether bucket/key is captured for the first time,
// and marks it captured.
func (c *txCapture) firstTime(bucket, key []byte) bool {
	if len(key) != 8 {
		ref := string(bucket) + "\x00" + string(key)
		if c.seenKey[ref] {
			return false
		}
		c.seenKey[ref] = true
		return true
	}
	ids := c.seenID[string(bucket)]
	if ids == nil {
		ids = map[uint64]bool{}
		c.seenID[string(bucket)] = ids
	}
	id := idAt(key, 0)
	if ids[id] {
		return false
	}
	ids[id] = true
	return true
}

func captureOf(tx *bolt.Tx) *txCapture {
	c, ok := captures.Load(tx)
	if !ok {
		return nil
	}
	return c.(*txCapture)
}

// capture remembers the record at bucket/key as it was before this
// transaction first wrote it. Call it before every record write. Outside
// Store.write (nothing registered) it records nothing.
func capture(tx *bolt.Tx, bucket, key []byte) error {
	c := captureOf(tx)
	if c == nil {
		return nil
	}
	if !c.firstTime(bucket, key) {
		return nil
	}
	v := tx.Bucket(bucket).Get(key)
	c.order = append(c.order, captured{bucket: string(bucket), key: bytes.Clone(key), before: bytes.Clone(v), existed: v != nil})
	return nil
}

// captureNew is capture for a record the caller knows does not exist yet.
func captureNew(tx *bolt.Tx, bucket []byte, id uint64) {
	c := captureOf(tx)
	if c == nil {
		return
	}
	key := u64(id)
	if c.firstTime(bucket, key) {
		c.order = append(c.order, captured{bucket: string(bucket), key: key})
	}
}

// describe gives the transaction's journal entry its one-line summary; the
// first description wins, so an operation describes itself before calling
// the helpers it is made of.
func describe(tx *bolt.Tx, format string, args ...any) {
	if c := captureOf(tx); c != nil && c.summary == "" {
		c.summary = fmt.Sprintf(format, args...)
	}
}

// markKind records that this transaction is an undo or redo of target.
func markKind(tx *bolt.Tx, kind string, target uint64) {
	if c := captureOf(tx); c != nil {
		c.kind, c.target = kind, target
	}
}

// finishJournal turns what the transaction captured into a journal entry,
// bounded, and returns its id (0 when the transaction changed no record
// and so left no entry). group names the first entry of a grouped change;
// startGroup makes this entry the first.
func finishJournal(tx *bolt.Tx, command string, group uint64, startGroup bool, now time.Time) (uint64, error) {
	c := captureOf(tx)
	if c == nil {
		return 0, nil
	}
	e := pendingJournalEntry(tx, c)
	*c = *newCapture()
	if len(e.Changes) == 0 {
		return 0, nil
	}
	e.At, e.Command = now, command
	if e.Summary == "" {
		e.Summary = fmt.Sprintf("changed %d records", e.Records())
	}
	if e.Kind == KindWrite {
		e.Group = group
		if err := dropRedo(tx); err != nil {
			return 0, err
		}
	}
	if err := appendJournalEntry(tx, &e, startGroup && e.Kind == KindWrite); err != nil {
		return 0, err
	}
	return e.ID, pruneJournal(tx, now)
}

// dropPending discards what a transaction captured without journaling it:
// for migrations, which are not the rep's changes and cannot be undone.
func dropPending(tx *bolt.Tx) error {
	if c := captureOf(tx); c != nil {
		*c = *newCapture()
	}
	return nil
}

func pendingJournalEntry(tx *bolt.Tx, c *txCapture) JournalEntry {
	e := JournalEntry{Summary: c.summary, Kind: KindWrite}
	if c.kind != "" {
		e.Kind, e.Target = c.kind, c.target
	}
	lastCreated := map[string]int{} // bucket -> index of its last created range
	for _, cp := range c.order {
		after := tx.Bucket([]byte(cp.bucket)).Get(cp.key)
		if cp.existed && after != nil && bytes.Equal(cp.before, after) {
			continue // written back unchanged
		}
		if !cp.existed && after == nil {
			continue // created and removed again
		}
		ch := RecordChange{Bucket: cp.bucket, Deleted: after == nil, Before: cp.before}
		if len(cp.key) != 8 {
			ch.Key = cp.key
			e.Changes = append(e.Changes, ch)
			continue
		}
		ch.ID = idAt(cp.key, 0)
		if !cp.existed {
			if i, ok := lastCreated[ch.Bucket]; ok && e.Changes[i].lastID()+1 == ch.ID {
				e.Changes[i].To = ch.ID
				continue
			}
			lastCreated[ch.Bucket] = len(e.Changes)
		}
		e.Changes = append(e.Changes, ch)
	}
	return e
}

func (c RecordChange) lastID() uint64 { return max(c.ID, c.To) }

// appendJournalEntry gives e the next id and stores it; startGroup makes
// it the first entry of its group, written once with its own id as group.
func appendJournalEntry(tx *bolt.Tx, e *JournalEntry, startGroup bool) error {
	j := tx.Bucket(bJournal)
	j.FillPercent = 0.95 // ids only grow: fill pages instead of splitting them in half
	id, err := j.NextSequence()
	if err != nil {
		return err
	}
	e.ID = id
	if startGroup {
		e.Group = id
	}
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
