package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// migration brings a database from version to-1 to version to.
type migration struct {
	to   uint32
	what string
	run  func(*bolt.Tx) error
}

// migrations is the plan, oldest first. Append; never edit a shipped step.
var migrations = []migration{
	{1, "create the buckets", createBuckets},
	{2, "rebuild the indexes in their new layout", rebuildIndexes},
	{3, "add the change journal and tombstones", createBuckets},
	{4, "add the shares and the value counters", rebuildIndexes},
	{5, "move addresses, nicknames and web addresses from imported notes into their fields", moveImportedFields},
	{6, buildTextStep, migrateText},
	{7, "count only real contact as a touch; add the going-cold index", recountTouches},
	{8, "add the sync state", createBuckets},
	{9, "add the UID and email indexes an import matches by", buildMatchIndexes},
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() uint32 { return migrations[len(migrations)-1].to }

func createBuckets(tx *bolt.Tx) error {
	for _, b := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	return nil
}

// rebuildIndexes drops every index and derives it again from the records,
// with the functions every write uses. Any change to an index's layout
// appends this step again under the next version.
func rebuildIndexes(tx *bolt.Tx) error {
	if err := createBuckets(tx); err != nil {
		return err
	}
	for _, b := range allBuckets {
		if !bytes.HasPrefix(b, []byte("idx_")) {
			continue
		}
		if err := tx.DeleteBucket(b); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return err
		}
	}
	var failed error
	index := func(err error) {
		if failed == nil {
			failed = err
		}
	}
	putSorted := deferPuts(tx)
	err := eachRecord(tx, bContacts, func(c model.Contact) { index(indexContact(tx, c)) })
	if err == nil {
		err = eachRecord(tx, bNotes, func(in model.Interaction) { index(indexNote(tx, in)) })
	}
	if err == nil {
		err = eachRecord(tx, bFollowUps, func(f model.FollowUp) { index(indexFollowUp(tx, f)) })
	}
	if err == nil {
		err = eachRecord(tx, bQuestions, func(q model.Question) { index(putKeys(tx, questionIndexKeys(q))) })
	}
	if err == nil {
		err = eachRecord(tx, bShares, func(sh model.Share) { index(putKeys(tx, shareIndexKeys(sh))) })
	}
	if perr := putSorted(); err == nil { // always: it stops the deferring
		err = perr
	}
	if err != nil {
		return err
	}
	return failed
}

// migrate runs every pending step and records the new version in one
// transaction, so a crash leaves either the old database or the new one.
// A read-only look comes first, so the common case takes no write lock.
//
// It also says whether a bulk load left the full-text index stale, read in
// the same open as the version, so Open needs no second one to find out;
// after an upgrade it says true, for RebuildTextIndex to look again.
func (s *Store) migrate() (bool, error) {
	version, stale, err := s.schemaOnDisk()
	if err != nil {
		return false, err
	}
	if version > SchemaVersion() {
		return false, fmt.Errorf("the database %s was written by a newer rapport (schema %d; this one knows up to %d): upgrade rapport", s.path, version, SchemaVersion())
	}
	if version == SchemaVersion() {
		return stale, nil
	}
	err = s.write(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bMeta)
		if err != nil {
			return err
		}
		current := readVersion(meta.Get(kSchema))
		// Steps write through the same index functions as everything else,
		// which may know buckets that a later step fills: every bucket
		// exists before any step runs.
		if current > 0 {
			if err := createBuckets(tx); err != nil {
				return err
			}
		}
		for _, m := range migrations {
			if m.to <= current {
				continue
			}
			if err := m.run(tx); err != nil {
				return fmt.Errorf("cannot upgrade the database to schema %d (%s): %w", m.to, m.what, err)
			}
		}
		v := make([]byte, 4)
		binary.BigEndian.PutUint32(v, SchemaVersion())
		return meta.Put(kSchema, v)
	}, dropPending)
	if version > 0 {
		// An upgrade of a big book builds indexes in memory (tens of MB
		// at 100,000 contacts), garbage once committed: hand it back
		// before the command itself runs, rather than on top of it.
		debug.FreeOSMemory()
	}
	return true, err
}

// schemaOnDisk reads the version, and whether the full-text index is
// stale; a missing or empty file is version 0.
// An existing file is opened read-only, a shared lock that waits for no
// other reader; only a new file needs a writable open to be created.
func (s *Store) schemaOnDisk() (v uint32, stale bool, err error) {
	defer s.guard(&err)()
	info, statErr := os.Stat(s.path)
	db, err := s.open(statErr == nil && info.Size() > 0)
	if err != nil {
		return 0, false, err
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta == nil {
			return foreignFile(tx, s.path)
		}
		raw := meta.Get(kSchema)
		if raw != nil && len(raw) != 4 {
			return damagedError{fmt.Sprintf("%s is damaged: its schema version is %d bytes long, not 4; restore a backup", s.path, len(raw))}
		}
		v = readVersion(raw)
		stale = textStale(tx)
		return nil
	})
	return v, stale, err
}

// foreignFile refuses a bbolt file that holds buckets but not rapport's
// meta bucket: another program's database, which an upgrade would write
// rapport's buckets into. An empty file is rapport's to set up.
func foreignFile(tx *bolt.Tx, path string) error {
	errForeign := fmt.Errorf("%s is not a rapport database (it belongs to another program); check the --db path", path)
	return tx.ForEach(func([]byte, *bolt.Bucket) error { return errForeign })
}

func readVersion(b []byte) uint32 {
	if len(b) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}
