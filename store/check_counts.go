package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// The day counters (promises, value) sum over every note or follow-up,
// too many to read in one short transaction. The chunks add them up; the
// sums are compared with the counters only if no write came between the
// first chunk and the comparison (the generation, which every write
// bumps, is unchanged). Otherwise a pass that only counts runs again, a
// few times, before check says the counters could not be verified.

// countTries is how many counting passes check makes in all.
const countTries = 3

type tallies struct {
	value, promises tally
	gen             uint64
	started, mixed  bool
}

func newTallies() *tallies { return &tallies{value: tally{}, promises: tally{}} }

func generation(tx *bolt.Tx) uint64 { return readU64(tx.Bucket(bMeta).Get(kGeneration)) }

// seen notes the generation a chunk read.
func (t *tallies) seen(tx *bolt.Tx) {
	switch g := generation(tx); {
	case !t.started:
		t.gen, t.started = g, true
	case g != t.gen:
		t.mixed = true
	}
}

func (t *tallies) addNote(in model.Interaction) {
	if t != nil {
		t.value.addNote(in)
	}
}

func (t *tallies) addFollowUp(f model.FollowUp) {
	if t != nil && !f.TheyOwe {
		t.promises.add(dateBytes(f.Promised), promiseSlots, promiseState(f))
	}
}

// checkCounts compares the counters with t's sums, counting again while
// the book keeps changing; verified is false when it never held still.
func (s *Store) checkCounts(t *tallies) (problems []string, verified bool, err error) {
	for try := 1; ; try++ {
		err = s.view(func(tx *bolt.Tx) error {
			if verified = !t.mixed && generation(tx) == t.gen; verified {
				problems = append(compareCounts(tx, bPromiseDays, t.promises), compareCounts(tx, bValueDays, t.value)...)
			}
			return nil
		})
		if err != nil || verified || try == countTries {
			return problems, verified, err
		}
		t = newTallies()
		for _, b := range [][]byte{bNotes, bFollowUps} {
			if err := s.countRecords(b, t); err != nil {
				return nil, false, err
			}
		}
	}
}

// countRecords adds the records of bucket to t, a chunk per transaction.
func (s *Store) countRecords(bucket []byte, t *tallies) error {
	return s.eachSpan(func(tx *bolt.Tx, from uint64) span {
		t.seen(tx)
		return eachInSpan(tx, bucket, from, func(k, v []byte) { recordKeys(tx, bucket, k, v, t) })
	})
}

// checkTouchDays compares the next-touch day counts with the next-touch
// index (which the contact chunks prove against the contacts), in one
// transaction: the index is small.
func checkTouchDays(tx *bolt.Tx) []string {
	want := tally{}
	tx.Bucket(bNextTouch).ForEach(func(k, v []byte) error {
		if len(k) >= 4 {
			want.add(k[:4], touchSlots, 0)
		}
		return nil
	})
	return compareCounts(tx, bTouchDays, want)
}

// compareCounts reports counter entries missing, extra or different.
func compareCounts(tx *bolt.Tx, name []byte, want tally) []string {
	var problems []string
	seen := map[string]bool{}
	tx.Bucket(name).ForEach(func(k, v []byte) error {
		seen[string(k)] = true
		w, ok := want[string(k)]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: entry %x has no record", name, k))
		case !bytes.Equal(encodeCounts(w), v):
			problems = append(problems, fmt.Sprintf("%s: entry %x disagrees with its record", name, k))
		}
		return nil
	})
	for k := range want {
		if !seen[k] {
			problems = append(problems, fmt.Sprintf("%s: entry %x is missing", name, k))
		}
	}
	return problems
}
