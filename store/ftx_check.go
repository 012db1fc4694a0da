package store

import (
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"
)

// compareBitmaps reports the entries of name that differ from want.
func compareBitmaps(tx *bolt.Tx, name []byte, want map[string]*roaring.Bitmap) []string {
	var problems []string
	seen := map[string]bool{}
	tx.Bucket(name).ForEach(func(k, v []byte) error {
		seen[string(k)] = true
		problems = append(problems, compareBitmap(name, k, v, want)...)
		return nil
	})
	for k := range want {
		if !seen[k] {
			problems = append(problems, fmt.Sprintf("%s: entry %q is missing", name, k))
		}
	}
	return problems
}

// compareBitmap reports how the stored entry k, v differs from want's.
func compareBitmap(name, k, v []byte, want map[string]*roaring.Bitmap) []string {
	have := roaring.New()
	w, ok := want[string(k)]
	switch {
	case !ok:
		return []string{fmt.Sprintf("%s: entry %q has no note", name, k)}
	case have.UnmarshalBinary(v) != nil:
		return []string{fmt.Sprintf("%s: entry %q cannot be read", name, k)}
	case !have.Equals(w):
		return []string{fmt.Sprintf("%s: entry %q lists %d, the notes call for %d", name, k, have.GetCardinality(), w.GetCardinality())}
	}
	return nil
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
