package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"rapport/model"
)

// Store is a handle on a rapport database file. It holds no open file: every
// call opens the file, runs one transaction and closes it again.
type Store struct {
	path    string
	timeout time.Duration
	command string // what the journal says made each change
	// grouped makes every write of this handle one change for undo: an
	// import or a restore commits in chunks, but the rep made one change.
	grouped bool
	group   uint64 // the journal id of the group's first entry
}

// Progress hears how far a long upgrade of the file has come: what it
// does, and done of total steps.
type Progress func(what string, done, total int)

// DefaultTimeout is how long an operation waits for another process's lock.
const DefaultTimeout = 5 * time.Second

// ErrNotFound is returned for an id that names no record.
var ErrNotFound = errors.New("not found")

// Open prepares the database at path, creating it (file 0600 in a 0700
// folder) and migrating it to the current schema when needed.
func Open(path string) (*Store, error) { return OpenWithProgress(path, nil) }

// OpenWithProgress is Open telling progress how a long upgrade goes.
func OpenWithProgress(path string, progress Progress) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder for %s: %w", path, err)
	}
	s := &Store{path: path, timeout: DefaultTimeout}
	stale, err := s.migrate()
	if err != nil {
		return nil, err
	}
	if !stale {
		return s, nil
	}
	if err := s.RebuildTextIndex(progress); err != nil {
		return nil, err
	}
	return s, nil
}

// SetCommand names what is writing ("rapport log", "tui"), for the
// journal's history.
func (s *Store) SetCommand(command string) { s.command = command }

// Group makes the writes of this handle from now on one change in the
// journal: undo and redo take them together.
func (s *Store) Group() { s.grouped = true }

// Path is the database file.
func (s *Store) Path() string { return s.path }

func (s *Store) open(readOnly bool) (*bolt.DB, error) {
	if err := checkFile(s.path); err != nil {
		return nil, err
	}
	busy := fmt.Errorf("the database %s is busy: another rapport command (perhaps an import or a backup) still holds it; try again in a moment", s.path)
	deadline := time.Now().Add(s.timeout)
	if readOnly && !s.waitForWriters(deadline) {
		return nil, busy
	}
	if !readOnly {
		release, ok := s.announceWrite(deadline)
		if !ok {
			return nil, busy
		}
		defer release() // once bbolt holds the file, or has given up
	}
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: max(time.Until(deadline), time.Millisecond), ReadOnly: readOnly})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, busy
	}
	if err != nil {
		return nil, fmt.Errorf("cannot open the database %s: %w", s.path, err)
	}
	return db, nil
}

// view runs fn in a read transaction on a freshly opened file.
func (s *Store) view(fn func(*bolt.Tx) error) (err error) {
	defer s.guard(&err)()
	db, err := s.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(fn)
}

// update runs fn in a write transaction, journals the records it changed
// (in the same transaction, so undo can always revert a committed write)
// and bumps the generation, so every other process can tell that something
// changed.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	var group uint64
	err := s.write(fn, func(tx *bolt.Tx) error {
		var err error
		group, err = finishJournal(tx, s.command, s.group, s.grouped && s.group == 0, time.Now())
		return err
	})
	if err == nil && s.grouped && s.group == 0 {
		s.group = group
	}
	return err
}

// write runs fn, then finish, in one write transaction.
func (s *Store) write(fn, finish func(*bolt.Tx) error) (err error) {
	defer s.guard(&err)()
	db, err := s.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error {
		captures.Store(tx, newCapture())
		defer captures.Delete(tx)
		if err := fn(tx); err != nil {
			return err
		}
		if err := finish(tx); err != nil {
			return err
		}
		crashPoint("before-commit")                        // tests only: crashpoints.go
		tx.OnCommit(func() { crashPoint("after-commit") }) // durable, not yet acknowledged
		meta := tx.Bucket(bMeta)
		return meta.Put(kGeneration, u64(readU64(meta.Get(kGeneration))+1))
	})
}

// Generation is a number that changes whenever the database is written.
func (s *Store) Generation() (uint64, error) {
	var g uint64
	err := s.view(func(tx *bolt.Tx) error {
		g = readU64(tx.Bucket(bMeta).Get(kGeneration))
		return nil
	})
	return g, err
}

func readU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return idAt(b, 0)
}

// getJSON decodes the record at id in bucket b into v.
func getJSON(tx *bolt.Tx, b []byte, id uint64, v any) error {
	data := tx.Bucket(b).Get(u64(id))
	if data == nil {
		return ErrNotFound
	}
	if json.Unmarshal(data, v) != nil {
		return damagedRecord(b, id)
	}
	return nil
}

// putJSON writes a record; every record write goes through here or delJSON,
// so the journal sees it.
func putJSON(tx *bolt.Tx, b []byte, id uint64, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := capture(tx, b, u64(id)); err != nil {
		return err
	}
	return tx.Bucket(b).Put(u64(id), data)
}

// putNewJSON writes a record whose id the caller knows is free (fresh from
// nextID, or checked by claimID): the journal notes it as created without
// looking it up first, which matters for bulk loads.
func putNewJSON(tx *bolt.Tx, b []byte, id uint64, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	captureNew(tx, b, id)
	return tx.Bucket(b).Put(u64(id), data)
}

// delJSON deletes a record (its indexes are the caller's).
func delJSON(tx *bolt.Tx, b []byte, id uint64) error {
	if err := capture(tx, b, u64(id)); err != nil {
		return err
	}
	return tx.Bucket(b).Delete(u64(id))
}

// nextID takes the next id of a record bucket. A sequence past MaxID (or
// one that wrapped) is an error, never a key: it would overwrite records.
func nextID(tx *bolt.Tx, b []byte) (uint64, error) {
	id, err := tx.Bucket(b).NextSequence()
	if err == nil && (id == 0 || id > model.MaxID) {
		err = fmt.Errorf("the %s ids have run out (the sequence is at %d); nothing was saved: restore a backup without oversized ids", b, id)
	}
	return id, err
}
