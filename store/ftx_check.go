package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// checkTextEntries proves the full-text index of a span's notes against
// those notes, both ways: every posting they call for is there, and no
// other posting of a note id in the span. It holds the span's postings in
// memory, so it runs only for a chunk whose digests disagree.
func checkTextEntries(tx *bolt.Tx, sp span) []string {
	want := newTextBatch()
	var problems []string
	eachOfSpan(tx, bNotes, sp, func(k, v []byte) {
		var in model.Interaction
		if json.Unmarshal(v, &in) != nil {
			return // reported by the chunk
		}
		if err := want.add(in); err != nil {
			problems = append(problems, err.Error())
		}
	})
	notes, _ := want.bitmaps()
	lo, hi := spanIDs(sp)
	restrict := func(bm *roaring.Bitmap) {
		bm.RemoveRange(0, uint64(lo))
		bm.RemoveRange(hi, 1<<32)
	}
	problems = append(problems, compareBitmaps(tx, bTextNotes, notes, restrict)...)
	return append(problems, compareTimes(tx, want.times, lo, hi)...)
}

// compareBitmaps reports the entries of name that differ from want; with
// restrict, only the part of each stored bitmap it keeps is compared.
func compareBitmaps(tx *bolt.Tx, name []byte, want map[string]*roaring.Bitmap, restrict func(*roaring.Bitmap)) []string {
	var problems []string
	seen := map[string]bool{}
	tx.Bucket(name).ForEach(func(k, v []byte) error {
		have := roaring.New()
		if have.UnmarshalBinary(v) != nil {
			problems = append(problems, fmt.Sprintf("%s: entry %q cannot be read", name, k))
			seen[string(k)] = true
			return nil
		}
		if restrict != nil {
			if restrict(have); have.IsEmpty() {
				return nil // no posting in the span
			}
		}
		seen[string(k)] = true
		w, ok := want[string(k)]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: entry %q has no note", name, k))
		case !have.Equals(w):
			problems = append(problems, fmt.Sprintf("%s: entry %q lists %d, the notes call for %d", name, k, have.GetCardinality(), w.GetCardinality()))
		}
		return nil
	})
	for k := range want {
		if !seen[k] {
			problems = append(problems, fmt.Sprintf("%s: entry %q is missing", name, k))
		}
	}
	return problems
}

// bitmaps gives the batch's postings by index key.
func (tb *textBatch) bitmaps() (notes, days map[string]*roaring.Bitmap) {
	notes, days = map[string]*roaring.Bitmap{}, map[string]*roaring.Bitmap{}
	for k, ids := range tb.notes {
		notes[string(dayKey(uint32(k), tb.words[k>>32]))] = roaring.BitmapOf(ids...)
	}
	for n, d := range tb.days {
		days[tb.words[n]] = roaring.BitmapOf(d...)
	}
	return notes, days
}

// compareTimes reports the days whose note times, for note ids lo up to
// hi, differ from want.
func compareTimes(tx *bolt.Tx, want map[uint32][]noteTime, lo uint32, hi uint64) []string {
	var problems []string
	seen := map[uint32]bool{}
	tx.Bucket(bTextTimes).ForEach(func(k, v []byte) error {
		day := readU32(k)
		ts, err := decodeTimes(v)
		var have []byte // as stored, so an unsorted or doubled id shows
		for _, t := range ts {
			if t.id >= lo && uint64(t.id) < hi {
				have = binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint32(have, t.id), uint64(t.at))
			}
		}
		if err == nil && len(ts) > 0 && len(have) == 0 {
			return nil // no note of the span that day
		}
		seen[day] = true
		if w, ok := want[day]; err != nil || !ok || !bytes.Equal(encodeTimes(w), have) {
			problems = append(problems, fmt.Sprintf("%s: day %x disagrees with the notes", bTextTimes, k))
		}
		return nil
	})
	for day := range want {
		if !seen[day] {
			problems = append(problems, fmt.Sprintf("%s: day %08x is missing", bTextTimes, day))
		}
	}
	return problems
}
