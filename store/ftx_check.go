package store

import (
	"bytes"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// checkTextEntries proves the full-text index of notes against the notes,
// both ways: every posting the notes call for is there, and nothing else.
// It holds the whole index in memory, so checkText runs it only when the
// digests disagree.
func checkTextEntries(tx *bolt.Tx) []string {
	want := newTextBatch()
	var problems []string
	eachRecord(tx, bNotes, func(in model.Interaction) {
		if err := want.add(in); err != nil {
			problems = append(problems, err.Error())
		}
	})
	if textStale(tx) {
		return problems // a bulk load left it to the next open to rebuild
	}
	notes, days := want.bitmaps()
	problems = append(problems, compareBitmaps(tx, bTextNotes, notes)...)
	problems = append(problems, compareBitmaps(tx, bTextDays, days)...)
	return append(problems, compareTimes(tx, want.times)...)
}

func compareBitmaps(tx *bolt.Tx, name []byte, want map[string]*roaring.Bitmap) []string {
	var problems []string
	seen := map[string]bool{}
	tx.Bucket(name).ForEach(func(k, v []byte) error {
		seen[string(k)] = true
		have := roaring.New()
		w, ok := want[string(k)]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: entry %q has no note", name, k))
		case have.UnmarshalBinary(v) != nil:
			problems = append(problems, fmt.Sprintf("%s: entry %q cannot be read", name, k))
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

func compareTimes(tx *bolt.Tx, want map[uint32][]noteTime) []string {
	var problems []string
	seen := map[uint32]bool{}
	tx.Bucket(bTextTimes).ForEach(func(k, v []byte) error {
		day := readU32(k)
		seen[day] = true
		if w, ok := want[day]; !ok || !bytes.Equal(encodeTimes(w), v) {
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
