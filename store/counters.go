package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Counter buckets keep, per day, a few uint32 counts derived from the
// records, so the agenda can total a range of days by reading a handful of
// keys instead of one key per record.
//
//	idx_touch_days    next-touch date -> [contacts]
//	idx_promise_days  promised date   -> [open, kept, late]  the rep's promises

const touchSlots = 1

// bump adds delta to slot i of the counts at key, dropping the key when
// every count is back to zero.
func bump(tx *bolt.Tx, bucket, key []byte, slots, i, delta int) error {
	b := tx.Bucket(bucket)
	counts := decodeCounts(b.Get(key), slots)
	counts[i] = max(0, counts[i]+delta)
	for _, n := range counts {
		if n != 0 {
			return b.Put(key, encodeCounts(counts))
		}
	}
	return b.Delete(key)
}

func decodeCounts(v []byte, slots int) []int {
	out := make([]int, slots)
	for i := range out {
		if len(v) >= 4*(i+1) {
			out[i] = int(binary.BigEndian.Uint32(v[4*i:]))
		}
	}
	return out
}

func encodeCounts(counts []int) []byte {
	out := make([]byte, 0, 4*len(counts))
	for _, n := range counts {
		out = binary.BigEndian.AppendUint32(out, uint32(n))
	}
	return out
}

func countTouchDay(tx *bolt.Tx, day model.Date, delta int) error {
	return bump(tx, bTouchDays, dateBytes(day), touchSlots, 0, delta)
}

// countPromise tallies a follow-up the rep owes under its promised day.
func countPromise(tx *bolt.Tx, f model.FollowUp, delta int) error {
	if f.TheyOwe {
		return nil
	}
	return bump(tx, bPromiseDays, dateBytes(f.Promised), promiseSlots, promiseState(f), delta)
}

// tally builds expected counter values for Check, the same way bump does.
type tally map[string][]int

func (t tally) add(key []byte, slots, i int) {
	if t[string(key)] == nil {
		t[string(key)] = make([]int, slots)
	}
	t[string(key)][i]++
}
