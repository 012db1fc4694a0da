package store

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// A day can hold a thousand notes of which a search needs the newest few:
// ftx_times keeps each day's note times in one value, so a search orders
// the day's hits by time and reads only the notes it shows. Reading them
// all to sort them cost a page fault each (48 MB of mapped pages for a
// common word at 100,000 contacts).

// noteTime is a note id and its time in unix nanoseconds.
type noteTime struct {
	id uint32
	at int64
}

const noteTimeSize = 12

func decodeTimes(v []byte) ([]noteTime, error) {
	if len(v)%noteTimeSize != 0 {
		return nil, fmt.Errorf("a day of the search index is damaged (%d bytes)", len(v))
	}
	out := make([]noteTime, len(v)/noteTimeSize)
	for i := range out {
		b := v[i*noteTimeSize:]
		out[i] = noteTime{binary.BigEndian.Uint32(b), int64(binary.BigEndian.Uint64(b[4:]))}
	}
	return out, nil
}

// encodeTimes writes times sorted by id, one entry per id: the same set
// is always the same bytes.
func encodeTimes(ts []noteTime) []byte {
	slices.SortFunc(ts, func(a, b noteTime) int { return cmp.Compare(a.id, b.id) })
	ts = slices.CompactFunc(ts, func(a, b noteTime) bool { return a.id == b.id })
	out := make([]byte, 0, len(ts)*noteTimeSize)
	for _, t := range ts {
		out = binary.BigEndian.AppendUint32(out, t.id)
		out = binary.BigEndian.AppendUint64(out, uint64(t.at))
	}
	return out
}

// editTimes rewrites a day's times with fn, deleting the day once empty.
func editTimes(tx *bolt.Tx, day uint32, fn func([]noteTime) []noteTime) error {
	b := tx.Bucket(bTextTimes)
	key := binary.BigEndian.AppendUint32(nil, day)
	ts, err := decodeTimes(b.Get(key))
	if err != nil {
		return err
	}
	ts = fn(ts)
	if len(ts) == 0 {
		return b.Delete(key)
	}
	return b.Put(key, encodeTimes(ts))
}

func withoutID(ts []noteTime, id uint32) []noteTime {
	return slices.DeleteFunc(ts, func(t noteTime) bool { return t.id == id })
}

// dayTimes reads a day's times as a map.
func dayTimes(tx *bolt.Tx, day uint32) (map[uint32]int64, error) {
	ts, err := decodeTimes(tx.Bucket(bTextTimes).Get(binary.BigEndian.AppendUint32(nil, day)))
	out := make(map[uint32]int64, len(ts))
	for _, t := range ts {
		out[t.id] = t.at
	}
	return out, err
}
