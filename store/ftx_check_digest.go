package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// The full-text index is keyed by day, so check walks it by day, a range
// of days per read transaction (the notes chunks would have to scan the
// whole index each): the note times of those days name the notes; their
// words must give exactly the word-by-day postings stored for those days,
// compared as digests (one hash per posting, summed) and listed only when
// they differ. That every note is listed on its day follows from the
// counts (checkTextCount) and the day check: each listed id is a note of
// that day, listed once.

// checkText runs the day chunks; nothing when a bulk load left the index
// to the next open to rebuild.
func (s *Store) checkText() ([]string, error) {
	var problems []string
	from, done := []byte{0, 0, 0, 0}, false
	for !done {
		err := s.view(func(tx *bolt.Tx) error {
			if textStale(tx) {
				done = true
				return nil
			}
			var p []string
			from, done, p = checkTextDays(tx, from)
			problems = append(problems, p...)
			return nil
		})
		if err != nil {
			return problems, err
		}
	}
	return problems, nil
}

// checkTextDays checks the days from on, until the time runs out, and
// returns the day the next chunk starts with.
func checkTextDays(tx *bolt.Tx, from []byte) (next []byte, done bool, problems []string) {
	d := newDigester()
	var want, have indexDigest
	var buf [4]byte
	deadline := time.Now().Add(chunkTime)
	c := tx.Bucket(bTextTimes).Cursor()
	k, v := c.Seek(from)
	for n := 0; k != nil; k, v = c.Next() {
		if n > 0 && time.Now().After(deadline) {
			next = append([]byte(nil), k...)
			break
		}
		n++
		checkDayNotes(tx, k, v, &problems, func(in model.Interaction, id uint32) {
			for _, w := range noteWords(in) {
				want.add(d.entry(dayKey(dayOf(in), w), binary.BigEndian.AppendUint32(buf[:0], id)))
			}
		})
	}
	inRange := func(key []byte) bool { return next == nil || bytes.Compare(key, next) < 0 }
	ok := true
	bm := roaring.New() // read in place and reused
	pc := tx.Bucket(bTextNotes).Cursor()
	for pk, pv := pc.Seek(from); pk != nil && inRange(pk); pk, pv = pc.Next() {
		if _, err := bm.FromBuffer(pv); err != nil || bm.IsEmpty() {
			ok = false
			continue
		}
		bm.Iterate(func(id uint32) bool {
			have.add(d.entry(pk, binary.BigEndian.AppendUint32(buf[:0], id)))
			return true
		})
	}
	if !ok || want != have {
		problems = append(problems, listTextDays(tx, from, inRange)...)
	}
	return next, next == nil, problems
}

// checkDayNotes checks one day of note times: readable, in id order, each a
// note of that day at that time; fn gets every note that is.
func checkDayNotes(tx *bolt.Tx, day, v []byte, problems *[]string, fn func(model.Interaction, uint32)) {
	ts, err := decodeTimes(v)
	if err != nil || len(ts) == 0 || len(day) != 4 {
		*problems = append(*problems, fmt.Sprintf("%s: day %x cannot be read", bTextTimes, day))
		return
	}
	notes := tx.Bucket(bNotes)
	for i, t := range ts {
		if i > 0 && t.id <= ts[i-1].id {
			*problems = append(*problems, fmt.Sprintf("%s: day %x lists note %d out of order or twice", bTextTimes, day, t.id))
			continue
		}
		var in model.Interaction
		raw := notes.Get(u64(uint64(t.id)))
		switch {
		case raw == nil:
			*problems = append(*problems, fmt.Sprintf("%s: day %x lists note %d, which does not exist", bTextTimes, day, t.id))
		case json.Unmarshal(raw, &in) != nil:
			// reported by the notes chunks
		case dayOf(in) != readU32(day) || in.At.UnixNano() != t.at:
			*problems = append(*problems, fmt.Sprintf("%s: day %x disagrees with the notes on note %d", bTextTimes, day, t.id))
		default:
			fn(in, t.id)
		}
	}
}

// listTextDays lists the postings of the days in range that differ from
// what the notes listed on those days call for.
func listTextDays(tx *bolt.Tx, from []byte, inRange func([]byte) bool) []string {
	want := newTextBatch()
	var ignore []string
	c := tx.Bucket(bTextTimes).Cursor()
	for k, v := c.Seek(from); k != nil && inRange(k); k, v = c.Next() {
		checkDayNotes(tx, k, v, &ignore, func(in model.Interaction, _ uint32) { want.add(in) })
	}
	notes, _ := want.bitmaps()
	var problems []string
	seen := map[string]bool{}
	pc := tx.Bucket(bTextNotes).Cursor()
	for k, v := pc.Seek(from); k != nil && inRange(k); k, v = pc.Next() {
		seen[string(k)] = true
		problems = append(problems, compareBitmap(bTextNotes, k, v, notes)...)
	}
	for k := range notes {
		if !seen[k] {
			problems = append(problems, fmt.Sprintf("%s: entry %q is missing", bTextNotes, k))
		}
	}
	return problems
}

// checkTextCount compares, in one transaction, the number of notes with
// the number of note times, and the word's-days bucket with the
// word-by-day keys (it reads keys, not postings). A note missing from the
// times is then looked for, a chunk of notes per transaction.
func (s *Store) checkTextCount() ([]string, error) {
	var problems []string
	short := false
	err := s.view(func(tx *bolt.Tx) error {
		if textStale(tx) {
			return nil
		}
		listed := 0
		tx.Bucket(bTextTimes).ForEach(func(k, v []byte) error {
			listed += len(v) / noteTimeSize
			return nil
		})
		if n := tx.Bucket(bNotes).Stats().KeyN; n > listed {
			short = true
			problems = append(problems, fmt.Sprintf("%s: %d notes are not listed on their day", bTextTimes, n-listed))
		}
		problems = append(problems, checkWordDays(tx)...)
		return nil
	})
	if err != nil || !short {
		return problems, err
	}
	for sp := (span{}); ; sp = (span{from: sp.to}) {
		err := s.view(func(tx *bolt.Tx) error {
			times := tx.Bucket(bTextTimes)
			sp = eachInSpan(tx, bNotes, sp.from, func(k, v []byte) {
				var in model.Interaction
				if json.Unmarshal(v, &in) != nil {
					return
				}
				if !listsNote(times.Get(binary.BigEndian.AppendUint32(nil, dayOf(in))), uint32(in.ID)) {
					problems = append(problems, fmt.Sprintf("%s: day %08x is missing note %d", bTextTimes, dayOf(in), in.ID))
				}
			})
			return nil
		})
		if err != nil || sp.last {
			return problems, err
		}
	}
}

// listsNote finds id in a day of note times (sorted by id) without
// decoding the day.
func listsNote(v []byte, id uint32) bool {
	lo, hi := 0, len(v)/noteTimeSize
	for lo < hi {
		mid := (lo + hi) / 2
		switch got := binary.BigEndian.Uint32(v[mid*noteTimeSize:]); {
		case got == id:
			return true
		case got < id:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return false
}

// checkWordDays compares the word's-days bucket with the word-by-day keys.
func checkWordDays(tx *bolt.Tx) []string {
	d := newDigester()
	var want, have indexDigest
	ok := true
	tx.Bucket(bTextNotes).ForEach(func(k, v []byte) error {
		if len(k) >= 4 {
			want.add(d.entry(k[4:], k[:4]))
		}
		return nil
	})
	var buf [4]byte
	bm := roaring.New()
	tx.Bucket(bTextDays).ForEach(func(k, v []byte) error {
		if _, err := bm.FromBuffer(v); err != nil || bm.IsEmpty() {
			ok = false
			return nil
		}
		bm.Iterate(func(day uint32) bool {
			have.add(d.entry(k, binary.BigEndian.AppendUint32(buf[:0], day)))
			return true
		})
		return nil
	})
	if ok && want == have {
		return nil
	}
	days := map[string]*roaring.Bitmap{}
	tx.Bucket(bTextNotes).ForEach(func(k, v []byte) error {
		if len(k) >= 4 {
			if days[string(k[4:])] == nil {
				days[string(k[4:])] = roaring.New()
			}
			days[string(k[4:])].Add(binary.BigEndian.Uint32(k))
		}
		return nil
	})
	return compareBitmaps(tx, bTextDays, days)
}

func (x *indexDigest) add(h uint64) { x.sum += h; x.count++ }
