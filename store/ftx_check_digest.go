package store

import (
	"encoding/binary"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// The full-text index is checked with the notes' chunks (check_records.go):
// digests (one hash per posting, summed) of the postings and note times
// the chunk's notes call for, against those stored for note ids in the
// chunk's span, in the same transaction; the entries are listed
// (checkTextEntries) only for a chunk whose digests disagree. The word's
// days bucket follows from the word-by-day keys alone: checkTextDays.

// textDigest gathers one chunk's digests; nil when the index is stale (a
// bulk load left it to the next open to rebuild).
type textDigest struct {
	d               *digester
	want, wantTimes indexDigest
	buf, key        [12]byte
	bad             bool
}

func newTextDigest(tx *bolt.Tx, d *digester) *textDigest {
	if textStale(tx) {
		return nil
	}
	return &textDigest{d: d}
}

func (x *textDigest) add(in model.Interaction) []string {
	id, err := noteID32(in)
	if err != nil {
		x.bad = true
		return []string{err.Error()}
	}
	day := dayOf(in)
	for _, w := range noteWords(in) {
		x.want.add(x.d.entry(dayKey(day, w), binary.BigEndian.AppendUint32(x.buf[:0], id)))
	}
	x.wantTimes.add(x.d.entry(binary.BigEndian.AppendUint32(x.key[:0], day), timeBytes(&x.buf, id, in.At.UnixNano())))
	return nil
}

func (x *indexDigest) add(h uint64) { x.sum += h; x.count++ }

func timeBytes(buf *[12]byte, id uint32, at int64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint32(buf[:0], id), uint64(at))
}

// compare sums the stored postings and times of the span's notes and
// lists the entries when they differ from what the notes call for.
func (x *textDigest) compare(tx *bolt.Tx, sp span) []string {
	if x.bad {
		return nil
	}
	lo, hi := spanIDs(sp)
	var notes, times indexDigest
	ok := true
	var buf [4]byte
	bm := roaring.New() // read in place, reused: this runs per chunk
	tx.Bucket(bTextNotes).ForEach(func(k, v []byte) error {
		if _, err := bm.FromBuffer(v); err != nil || bm.IsEmpty() {
			ok = false
			return nil
		}
		if bm.Maximum() < lo || uint64(bm.Minimum()) >= hi {
			return nil
		}
		bm.Iterate(func(id uint32) bool {
			if id >= lo && uint64(id) < hi {
				notes.add(x.d.entry(k, binary.BigEndian.AppendUint32(buf[:0], id)))
			}
			return uint64(id) < hi
		})
		return nil
	})
	tx.Bucket(bTextTimes).ForEach(func(k, v []byte) error {
		ts, err := decodeTimes(v)
		if err != nil || len(ts) == 0 {
			ok = false
			return nil
		}
		for _, t := range ts {
			if uint64(t.id) >= uint64(lo) && uint64(t.id) < hi {
				times.add(x.d.entry(k, timeBytes(&x.buf, t.id, t.at)))
			}
		}
		return nil
	})
	if ok && notes == x.want && times == x.wantTimes {
		return nil
	}
	return checkTextEntries(tx, sp)
}

// spanIDs turns a span into the note ids (32 bits in the index) it holds:
// lo up to but not including hi.
func spanIDs(sp span) (lo uint32, hi uint64) {
	hi = math.MaxUint32 + 1
	if !sp.last {
		hi = min(sp.to, hi)
	}
	if sp.from > math.MaxUint32 {
		return math.MaxUint32, 0
	}
	return uint32(sp.from), hi
}

// checkTextDays compares the word's-days bucket with the word-by-day
// keys, in one transaction (it reads keys, not postings).
func checkTextDays(tx *bolt.Tx) []string {
	if textStale(tx) {
		return nil
	}
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
	tx.Bucket(bTextDays).ForEach(func(k, v []byte) error {
		bm := roaring.New()
		if _, err := bm.FromBuffer(v); err != nil || bm.IsEmpty() {
			ok = false
			return nil
		}
		it := bm.Iterator()
		for it.HasNext() {
			have.add(d.entry(k, binary.BigEndian.AppendUint32(buf[:0], it.Next())))
		}
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
	return compareBitmaps(tx, bTextDays, days, nil)
}
