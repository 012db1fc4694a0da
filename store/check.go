package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Backup writes a consistent copy of the database to path while other
// processes keep reading; it runs inside one read transaction.
func (s *Store) Backup(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	// O_EXCL: never overwrite a file, even one created a moment ago.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose a new file name", path)
	}
	if err != nil {
		return fmt.Errorf("cannot create the backup %s: %w", path, err)
	}
	err = s.view(func(tx *bolt.Tx) error {
		if _, err := tx.WriteTo(f); err != nil {
			return err
		}
		return f.Sync()
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("cannot write the backup %s: %w", path, err)
	}
	return nil
}

// Check verifies bbolt's own consistency and that every index entry agrees
// with its record, both ways. It returns the problems found.
func (s *Store) Check() ([]string, error) { return s.CheckProgress(nil) }

// checkSteps are the stages CheckProgress reports: bbolt's page walk,
// deriving the indexes from the records, comparing them, and orphans.
const checkSteps = 4

// CheckProgress is Check, telling report (when not nil) each stage done.
func (s *Store) CheckProgress(report func(done, total int)) ([]string, error) {
	if report == nil {
		report = func(int, int) {}
	}
	var problems []string
	err := s.view(func(tx *bolt.Tx) error {
		report(0, checkSteps)
		for err := range tx.Check() {
			problems = append(problems, "bbolt: "+err.Error())
		}
		report(1, checkSteps)
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				problems = append(problems, fmt.Sprintf("%s: the bucket is missing", b))
			}
		}
		if len(problems) > 0 {
			return nil // comparing indexes needs every bucket
		}
		want, err := expectedIndex(tx)
		if err != nil {
			return err
		}
		report(2, checkSteps)
		problems = append(problems, compareIndex(tx, want)...)
		report(3, checkSteps)
		problems = append(problems, orphans(tx)...)
		problems = append(problems, checkText(tx)...)
		problems = append(problems, checkJournal(tx, time.Now())...)
		problems = append(problems, checkSync(tx)...)
		report(checkSteps, checkSteps)
		return nil
	})
	return problems, err
}

// orphans finds notes, follow-ups and questions whose contact is gone, and
// referrals to a contact that does not exist.
func orphans(tx *bolt.Tx) []string {
	var problems []string
	contacts := tx.Bucket(bContacts)
	exists := func(id uint64) bool { return contacts.Get(u64(id)) != nil }
	for _, b := range [][]byte{bNotes, bFollowUps, bQuestions, bShares} {
		tx.Bucket(b).ForEach(func(k, v []byte) error {
			var rec struct {
				ContactID uint64 `json:"contact_id"`
			}
			if json.Unmarshal(v, &rec) == nil && !exists(rec.ContactID) {
				problems = append(problems, fmt.Sprintf("%s: record %d belongs to contact %d, which does not exist", b, lastID(k), rec.ContactID))
			}
			return nil
		})
	}
	contacts.ForEach(func(k, v []byte) error {
		var rec struct {
			ReferredBy uint64 `json:"referred_by"`
		}
		if json.Unmarshal(v, &rec) == nil && rec.ReferredBy != 0 && !exists(rec.ReferredBy) {
			problems = append(problems, fmt.Sprintf("%s: contact %d was referred by contact %d, which does not exist", bContacts, lastID(k), rec.ReferredBy))
		}
		return nil
	})
	return problems
}

// expectedIndex derives every index entry from the records, with the same
// functions that write them.
func expectedIndex(tx *bolt.Tx) (map[string]map[string][]byte, error) {
	want := map[string]map[string][]byte{}
	for _, b := range allBuckets {
		want[string(b)] = map[string][]byte{}
	}
	add := func(keys []indexKey) {
		for _, k := range keys {
			want[string(k.bucket)][string(k.key)] = k.value
		}
	}
	names := map[uint64]string{}
	touch, promises, value := tally{}, tally{}, tally{}
	err := eachRecord(tx, bContacts, func(c model.Contact) {
		add(contactIndexKeys(c))
		names[c.ID] = c.Name
		touch.add(dateBytes(c.NextTouch()), touchSlots, 0)
	})
	if err == nil {
		err = eachRecord(tx, bNotes, func(in model.Interaction) {
			add(noteIndexKeys(in))
			value.addNote(in)
		})
	}
	if err == nil {
		err = eachRecord(tx, bFollowUps, func(f model.FollowUp) {
			add(followUpIndexKeys(f, names[f.ContactID]))
			if !f.TheyOwe {
				promises.add(dateBytes(f.Promised), promiseSlots, promiseState(f))
			}
		})
	}
	if err == nil {
		err = eachRecord(tx, bQuestions, func(q model.Question) { add(questionIndexKeys(q)) })
	}
	if err == nil {
		err = eachRecord(tx, bShares, func(sh model.Share) { add(shareIndexKeys(sh)) })
	}
	for bucket, t := range map[string]tally{string(bTouchDays): touch, string(bPromiseDays): promises, string(bValueDays): value} {
		for k, counts := range t {
			want[bucket][k] = encodeCounts(counts)
		}
	}
	return want, err
}

func eachRecord[T any](tx *bolt.Tx, bucket []byte, fn func(T)) error {
	return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%s record %d cannot be read: %w", bucket, lastID(k), err)
		}
		fn(rec)
		return nil
	})
}

// compareIndex reports entries missing, extra or different.
func compareIndex(tx *bolt.Tx, want map[string]map[string][]byte) []string {
	var problems []string
	for _, name := range allBuckets {
		if !bytes.HasPrefix(name, []byte("idx_")) {
			continue
		}
		expected := want[string(name)]
		tx.Bucket(name).ForEach(func(k, v []byte) error {
			w, ok := expected[string(k)]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("%s: entry %x has no record", name, k))
			case !bytes.Equal(w, v):
				problems = append(problems, fmt.Sprintf("%s: entry %x disagrees with its record", name, k))
			}
			delete(expected, string(k))
			return nil
		})
		for k := range expected {
			problems = append(problems, fmt.Sprintf("%s: entry %x is missing", name, k))
		}
	}
	return problems
}
