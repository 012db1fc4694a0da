package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the file's header pages, bbolt's own consistency and that
// every index entry agrees with its record, both ways. It lists every
// problem it finds; damage that stops the walk is the last problem listed.
// It reads in many short transactions (check_structure.go,
// check_records.go), so writers wait a fraction of a second at most.
func (s *Store) Check() ([]string, error) {
	r, err := s.CheckProgress(nil)
	return r.Problems, err
}

// CheckResult is what a check found. Problems are damage or disagreement.
// Unverified names what it could not confirm because writers kept
// changing the book while it counted: not a fault of the file, so `rapport
// check` prints it as a note and still succeeds.
type CheckResult struct {
	Problems, Unverified []string
}

// checkSteps are the stages CheckProgress reports: the page walk, each
// kind of record with its indexes, the looked-up indexes, the full-text
// index by day and its counts, the counters, and the journal.
var checkSteps = len(ownedIndexes) + 6

// CheckProgress is Check, telling report (when not nil) each stage done.
func (s *Store) CheckProgress(report func(done, total int)) (CheckResult, error) {
	if report == nil {
		report = func(int, int) {}
	}
	var unverified []string
	problems, err := s.checkAll(report, &unverified)
	return CheckResult{problems, unverified}, err
}

func (s *Store) checkAll(report func(done, total int), unverified *[]string) ([]string, error) {
	// Older versions checked a copy; remove what a killed one left.
	clearLeftovers(filepath.Join(filepath.Dir(s.path), "."+filepath.Base(s.path)+".check.*.partial"))
	problems, broken, err := s.checkStructure(true)
	if err != nil {
		return s.damaged(problems, err)
	}
	if broken {
		return append(problems, fmt.Sprintf("%s is damaged: its page structure is broken; restore a backup", s.path)), nil
	}
	report(1, checkSteps)
	missing := false
	err = s.view(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				problems = append(problems, fmt.Sprintf("%s: the bucket is missing", b))
				missing = true
			}
		}
		return nil
	})
	if err != nil || missing {
		return s.damaged(problems, err) // comparing indexes needs every bucket
	}
	t := newTallies()
	var passes []func() ([]string, error)
	for _, o := range ownedIndexes {
		passes = append(passes, func() ([]string, error) { return s.checkRecords(t, o.records, o.indexes, o.pointed) })
	}
	passes = append(passes, func() ([]string, error) { return s.checkPointed(problems) }, s.checkText, s.checkTextCount)
	for i, pass := range passes {
		found, err := pass()
		problems = append(problems, found...)
		if err != nil {
			return s.damaged(problems, err)
		}
		report(2+i, checkSteps)
	}
	found, verified, err := s.checkCounts(t)
	problems = append(problems, found...)
	if err == nil && !verified {
		*unverified = append(*unverified, fmt.Sprintf("%s, %s: not verified, the book kept changing while check counted; run check again when it is idle", bPromiseDays, bValueDays))
	}
	report(checkSteps-1, checkSteps)
	if err == nil {
		err = s.view(func(tx *bolt.Tx) error {
			problems = append(problems, checkTouchDays(tx)...)
			problems = append(problems, checkJournal(tx, time.Now())...)
			problems = append(problems, checkSync(tx)...)
			return nil
		})
	}
	if err != nil {
		return s.damaged(problems, err)
	}
	report(checkSteps, checkSteps)
	return problems, nil
}

// damaged ends a check that err stopped: damage the file shows (it did
// not open, or a page faulted) is listed as the last problem, with what
// the header pages say when nothing else was found.
func (s *Store) damaged(problems []string, err error) ([]string, error) {
	if err == nil || !errors.Is(err, ErrDamaged) {
		return problems, err
	}
	if h, herr := readHeader(s.path); herr == nil && len(problems) == 0 {
		problems = h.warnings()
	}
	return append(problems, err.Error()), nil
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
