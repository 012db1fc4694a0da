package store

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// The full-text index of notes has two levels, so that a search costs what
// it finds: ftx_days says on which days a word was written (a word that
// is nowhere costs one seek), and ftx_notes holds, per day and word, the
// notes. A search walks the days its words share from the newest and
// stops once it has enough notes, so "newest 50" never reads the rest.
// Posting lists are roaring bitmaps: small when sparse, compact when dense.

// topicWord is the index word of a topic; no word of a text starts with
// the control byte, so a topic never matches typed words.
func topicWord(t model.Topic) string { return "\x01" + string(t) }

// noteWords lists what a note is indexed under: its words and topics.
func noteWords(in model.Interaction) []string {
	out := model.Words(in.Text)
	for _, t := range in.Topics {
		out = append(out, topicWord(t))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// dayOf numbers the UTC day of t; the offset keeps days before 1970 in
// unsigned order.
func dayOf(in model.Interaction) uint32 {
	d := in.At.Unix() / 86400
	if in.At.Unix() < 0 && in.At.Unix()%86400 != 0 {
		d--
	}
	return uint32(d + 1<<31)
}

func dayKey(day uint32, word string) []byte {
	return append(binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(word)), day), word...)
}

func noteID32(in model.Interaction) (uint32, error) {
	if in.ID == 0 || in.ID > math.MaxUint32 {
		return 0, fmt.Errorf("note %d cannot be indexed: ids past 2^32 are not supported", in.ID)
	}
	return uint32(in.ID), nil
}

// indexNoteText adds a stored note to the full-text index. Adding a note
// already there changes nothing.
func indexNoteText(tx *bolt.Tx, in model.Interaction) error {
	id, err := noteID32(in)
	if err != nil {
		return err
	}
	day := dayOf(in)
	err = editTimes(tx, day, func(ts []noteTime) []noteTime {
		return append(withoutID(ts, id), noteTime{id, in.At.UnixNano()})
	})
	if err != nil {
		return err
	}
	for _, w := range noteWords(in) {
		if err := editBitmap(tx.Bucket(bTextNotes), dayKey(day, w), func(b *roaring.Bitmap) bool { return b.CheckedAdd(id) }); err != nil {
			return err
		}
		// Most words of a note were written earlier that day: their days
		// are unchanged and not rewritten.
		if err := editBitmap(tx.Bucket(bTextDays), []byte(w), func(b *roaring.Bitmap) bool { return b.CheckedAdd(day) }); err != nil {
			return err
		}
	}
	return nil
}

// unindexNoteText is the exact inverse of indexNoteText: it takes the note
// out, and a day out of a word's days once no note of that day has it.
// Taking out a note that is not there changes nothing.
func unindexNoteText(tx *bolt.Tx, in model.Interaction) error {
	id, err := noteID32(in)
	if err != nil {
		return err
	}
	day := dayOf(in)
	if err := editTimes(tx, day, func(ts []noteTime) []noteTime { return withoutID(ts, id) }); err != nil {
		return err
	}
	for _, w := range noteWords(in) {
		emptied := false
		err := editBitmap(tx.Bucket(bTextNotes), dayKey(day, w), func(b *roaring.Bitmap) bool {
			changed := b.CheckedRemove(id)
			emptied = changed && b.IsEmpty()
			return changed
		})
		if err != nil {
			return err
		}
		if emptied {
			err = editBitmap(tx.Bucket(bTextDays), []byte(w), func(b *roaring.Bitmap) bool { return b.CheckedRemove(day) })
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// editBitmap reads the bitmap at key (empty when absent), applies fn and,
// when fn says it changed, writes it back, deleting the key once the
// bitmap is empty.
func editBitmap(b *bolt.Bucket, key []byte, fn func(*roaring.Bitmap) bool) error {
	bm := roaring.New()
	if v := b.Get(key); v != nil {
		if err := bm.UnmarshalBinary(v); err != nil {
			return fmt.Errorf("%s: entry %x cannot be read: %w", "full-text index", key, err)
		}
	}
	if !fn(bm) {
		return nil
	}
	return putBitmap(b, key, bm)
}

// putBitmap writes a bitmap in its canonical form (each container the
// smallest kind), so that the same set is always the same bytes.
func putBitmap(b *bolt.Bucket, key []byte, bm *roaring.Bitmap) error {
	if bm.IsEmpty() {
		return b.Delete(key)
	}
	bm.RunOptimize()
	data, err := bm.ToBytes()
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// textBatch gathers the postings of many notes so that a bulk load or a
// rebuild writes each bitmap once instead of once per note. Words are
// numbered as they come, so the hot map is keyed by a plain integer.
type textBatch struct {
	word  map[string]uint32
	words []string
	notes map[uint64][]uint32 // word number << 32 | day -> note ids
	days  map[uint32][]uint32 // word number -> days
	times map[uint32][]noteTime
}

func newTextBatch() *textBatch {
	return &textBatch{word: map[string]uint32{}, notes: map[uint64][]uint32{}, days: map[uint32][]uint32{}, times: map[uint32][]noteTime{}}
}

func (tb *textBatch) add(in model.Interaction) error {
	id, err := noteID32(in)
	if err != nil {
		return err
	}
	day := dayOf(in)
	tb.times[day] = append(tb.times[day], noteTime{id, in.At.UnixNano()})
	for _, w := range noteWords(in) {
		n, ok := tb.word[w]
		if !ok {
			n = uint32(len(tb.words))
			tb.word[w] = n
			tb.words = append(tb.words, w)
		}
		k := uint64(n)<<32 | uint64(day)
		if tb.notes[k] == nil {
			tb.days[n] = append(tb.days[n], day)
		}
		tb.notes[k] = append(tb.notes[k], id)
	}
	return nil
}

// flush merges the batch into the index, in key order (bbolt writes
// sorted keys fastest).
func (tb *textBatch) flush(tx *bolt.Tx) error {
	notes := make(map[string][]uint32, len(tb.notes))
	for k, ids := range tb.notes {
		notes[string(dayKey(uint32(k), tb.words[k>>32]))] = ids
	}
	days := make(map[string][]uint32, len(tb.days))
	for n, d := range tb.days {
		days[tb.words[n]] = d
	}
	if err := mergeBitmaps(tx.Bucket(bTextNotes), notes); err != nil {
		return err
	}
	if err := mergeBitmaps(tx.Bucket(bTextDays), days); err != nil {
		return err
	}
	dayList := make([]uint32, 0, len(tb.times))
	for d := range tb.times {
		dayList = append(dayList, d)
	}
	slices.Sort(dayList)
	for _, d := range dayList {
		// a note indexed again replaces its time: the batch's is newer
		fresh := tb.times[d]
		err := editTimes(tx, d, func(ts []noteTime) []noteTime {
			ts = slices.DeleteFunc(ts, func(t noteTime) bool {
				return slices.ContainsFunc(fresh, func(f noteTime) bool { return f.id == t.id })
			})
			return append(ts, fresh...)
		})
		if err != nil {
			return err
		}
	}
	*tb = *newTextBatch()
	return nil
}

func mergeBitmaps(b *bolt.Bucket, m map[string][]uint32) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		vals := m[k]
		slices.Sort(vals)
		if err := editBitmap(b, []byte(k), func(bm *roaring.Bitmap) bool { bm.AddMany(slices.Compact(vals)); return true }); err != nil {
			return err
		}
	}
	return nil
}
