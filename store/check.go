package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Check verifies the file's header pages, bbolt's own consistency and that
// every index entry agrees with its record, both ways. It lists every
// problem it finds; damage that stops the walk is the last problem listed.
func (s *Store) Check() ([]string, error) { return s.CheckProgress(nil) }

// checkSteps are the stages CheckProgress reports: bbolt's page walk,
// deriving the indexes from the records, comparing them, and orphans.
const checkSteps = 4

// CheckProgress is Check, telling report (when not nil) each stage done.
func (s *Store) CheckProgress(report func(done, total int)) ([]string, error) {
	if report == nil {
		report = func(int, int) {}
	}
	snap, warnings, done, err := s.snapshot()
	if err != nil || snap == "" {
		// No copy (a damaged file, a read-only folder): check in place.
		return s.checkTree(report, true)
	}
	defer done()
	copied := &Store{path: snap, timeout: s.timeout}
	problems, err := copied.checkTree(report, false)
	for i, p := range problems {
		problems[i] = strings.ReplaceAll(p, snap, s.path)
	}
	if err != nil {
		err = errors.New(strings.ReplaceAll(err.Error(), snap, s.path))
	}
	return append(warnings, problems...), err
}

// checkTree checks the file in place; warn lists header problems (a
// snapshot's two header pages are written alike, so its own say nothing).
func (s *Store) checkTree(report func(done, total int), warn bool) ([]string, error) {
	var problems []string
	broken := false
	err := s.view(func(tx *bolt.Tx) error {
		// Under the read lock no writer can move the pages, so the plain
		// reads of the header and the page walk see the tree tx sees.
		h, err := readHeader(s.path)
		if err != nil {
			return err
		}
		if warn {
			problems = append(problems, h.warnings()...)
		}
		if structural := walkPages(s.path, h); len(structural) > 0 {
			for _, p := range structural {
				problems = append(problems, "bbolt: "+p)
			}
			broken = true
			return nil // bbolt's own check would fault on this tree
		}
		report(0, checkSteps)
		for err := range tx.Check() {
			problems = append(problems, "bbolt: "+err.Error())
		}
		report(1, checkSteps)
		missing := false
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				problems = append(problems, fmt.Sprintf("%s: the bucket is missing", b))
				missing = true
			}
		}
		if missing {
			return nil // comparing indexes needs every bucket
		}
		// Digests first, the entries themselves only for an index whose
		// digest disagrees: at 100k contacts the entries are millions.
		differ := differingIndexes(tx, &problems)
		report(2, checkSteps)
		if len(differ) > 0 {
			want := expectedIndex(tx, nil, differ)
			problems = append(problems, compareIndex(tx, want)...)
		}
		report(3, checkSteps)
		problems = append(problems, orphans(tx)...)
		problems = append(problems, checkText(tx)...)
		problems = append(problems, checkJournal(tx, time.Now())...)
		problems = append(problems, checkSync(tx)...)
		report(checkSteps, checkSteps)
		return nil
	})
	if errors.Is(err, ErrDamaged) {
		// The file did not open: its header says why (checkFile), and what
		// else is wrong with the headers is worth listing with it.
		if h, herr := readHeader(s.path); herr == nil && len(problems) == 0 && warn {
			problems = h.warnings()
		}
		return append(problems, err.Error()), nil
	}
	if broken {
		problems = append(problems, fmt.Sprintf("%s is damaged: its page structure is broken; restore a backup", s.path))
	}
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

// expectedIndex derives the entries of the indexes named in only from the
// records, with the same functions that write them.
func expectedIndex(tx *bolt.Tx, bad *[]string, only map[string]bool) map[string]map[string][]byte {
	want := map[string]map[string][]byte{}
	for b := range only {
		want[b] = map[string][]byte{}
	}
	deriveIndex(tx, bad, func(bucket, key, value []byte) {
		if w := want[string(bucket)]; w != nil {
			w[string(key)] = value
		}
	})
	return want
}

// deriveIndex calls sink with every index entry the records call for.
func deriveIndex(tx *bolt.Tx, bad *[]string, sink func(bucket, key, value []byte)) {
	add := func(keys []indexKey) {
		for _, k := range keys {
			sink(k.bucket, k.key, k.value)
		}
	}
	names := map[uint64]string{}
	touch, promises, value := tally{}, tally{}, tally{}
	eachReadable(tx, bContacts, bad, func(c model.Contact) {
		add(contactIndexKeys(c))
		names[c.ID] = c.Name
		touch.add(dateBytes(c.NextTouch()), touchSlots, 0)
	})
	eachReadable(tx, bNotes, bad, func(in model.Interaction) {
		add(noteIndexKeys(in))
		value.addNote(in)
	})
	eachReadable(tx, bFollowUps, bad, func(f model.FollowUp) {
		add(followUpIndexKeys(f, names[f.ContactID]))
		if !f.TheyOwe {
			promises.add(dateBytes(f.Promised), promiseSlots, promiseState(f))
		}
	})
	eachReadable(tx, bQuestions, bad, func(q model.Question) { add(questionIndexKeys(q)) })
	eachReadable(tx, bShares, bad, func(sh model.Share) { add(shareIndexKeys(sh)) })
	for bucket, t := range map[string]tally{string(bTouchDays): touch, string(bPromiseDays): promises, string(bValueDays): value} {
		for k, counts := range t {
			sink([]byte(bucket), []byte(k), encodeCounts(counts))
		}
	}
}

// eachReadable is eachRecord for Check: a record that cannot be decoded
// is reported and the walk goes on, so every problem gets listed.
func eachReadable[T any](tx *bolt.Tx, bucket []byte, bad *[]string, fn func(T)) {
	tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			if bad == nil { // reported by an earlier walk
				return nil
			}
			*bad = append(*bad, fmt.Sprintf("%s: record %d cannot be read (%v)", bucket, lastID(k), err))
			return nil
		}
		fn(rec)
		return nil
	})
}

func eachRecord[T any](tx *bolt.Tx, bucket []byte, fn func(T)) error {
	return eachRecordIf(tx, bucket, nil, fn)
}

// eachRecordIf is eachRecord over the records whose raw bytes keep
// accepts (nil accepts all), so the rest are never decoded.
func eachRecordIf[T any](tx *bolt.Tx, bucket []byte, keep func([]byte) bool, fn func(T)) error {
	return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
		if keep != nil && !keep(v) {
			return nil
		}
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return damagedRecord(bucket, lastID(k))
		}
		fn(rec)
		return nil
	})
}

// compareIndex reports entries missing, extra or different.
func compareIndex(tx *bolt.Tx, want map[string]map[string][]byte) []string {
	var problems []string
	for _, name := range allBuckets {
		expected, ok := want[string(name)]
		if !ok || !bytes.HasPrefix(name, []byte("idx_")) {
			continue
		}
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
