package store

import (
	"encoding/binary"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// checkText compares digests of the full-text index (one hash per
// posting, summed) with those the notes call for, in constant memory,
// and lists the entries (checkTextEntries) only when they disagree.
func checkText(tx *bolt.Tx) []string {
	if agree, problems := textDigestsAgree(tx); agree && len(problems) == 0 {
		return nil
	}
	return checkTextEntries(tx)
}

func textDigestsAgree(tx *bolt.Tx) (bool, []string) {
	d := newDigester()
	var want, wantTimes indexDigest
	var problems []string
	var buf, key [12]byte
	eachRecord(tx, bNotes, func(in model.Interaction) {
		id, err := noteID32(in)
		if err != nil {
			problems = append(problems, err.Error())
			return
		}
		day := dayOf(in)
		for _, w := range noteWords(in) {
			want.add(d.entry(dayKey(day, w), binary.BigEndian.AppendUint32(buf[:0], id)))
		}
		wantTimes.add(d.entry(binary.BigEndian.AppendUint32(key[:0], day), timeBytes(&buf, id, in.At.UnixNano())))
	})
	if textStale(tx) || len(problems) > 0 {
		return false, problems
	}
	notes, days, ok := textDigests(tx, d)
	return ok && notes == want && days == wantDays(tx, d) && timesDigest(tx, d) == wantTimes, nil
}

func (x *indexDigest) add(h uint64) { x.sum += h; x.count++ }

func timeBytes(buf *[12]byte, id uint32, at int64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint32(buf[:0], id), uint64(at))
}

// textDigests sums the stored postings of the word-by-day and the
// word's-days buckets; an empty or unreadable bitmap is damage.
func textDigests(tx *bolt.Tx, d *digester) (notes, days indexDigest, ok bool) {
	ok = true
	var buf [4]byte
	each := func(bucket []byte, sum *indexDigest) {
		tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			bm := roaring.New()
			if bm.UnmarshalBinary(v) != nil || bm.IsEmpty() {
				ok = false
				return nil
			}
			it := bm.Iterator()
			for it.HasNext() {
				sum.add(d.entry(k, binary.BigEndian.AppendUint32(buf[:0], it.Next())))
			}
			return nil
		})
	}
	each(bTextNotes, &notes)
	each(bTextDays, &days)
	return notes, days, ok
}

// wantDays derives the word's-days bucket from the word-by-day keys
// (checked against the notes just before): a word has a day when the
// day's key for it exists.
func wantDays(tx *bolt.Tx, d *digester) indexDigest {
	var sum indexDigest
	tx.Bucket(bTextNotes).ForEach(func(k, v []byte) error {
		if len(k) >= 4 {
			sum.add(d.entry(k[4:], k[:4]))
		}
		return nil
	})
	return sum
}

func timesDigest(tx *bolt.Tx, d *digester) indexDigest {
	var sum indexDigest
	var buf [12]byte
	tx.Bucket(bTextTimes).ForEach(func(k, v []byte) error {
		ts, err := decodeTimes(v)
		if err != nil || len(ts) == 0 {
			sum.count = ^uint64(0) // never equal
			return nil
		}
		for _, t := range ts {
			sum.add(d.entry(k, timeBytes(&buf, t.id, t.at)))
		}
		return nil
	})
	return sum
}
