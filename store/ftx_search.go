package store

import (
	"cmp"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// SearchOptions says which notes a search wants. Zero fields filter
// nothing; Until is exclusive.
type SearchOptions struct {
	Query        model.Query
	Topic        model.Topic
	Kind         model.Kind
	Since, Until time.Time
	ContactID    uint64
	Limit        int // 0: all
}

// accept is the whole meaning of a search, applied to one note: the index
// only narrows down which notes it is asked about.
func (o SearchOptions) accept(in model.Interaction) bool {
	switch {
	case o.Topic != "" && !in.HasTopic(o.Topic),
		o.Kind != "" && in.Kind != o.Kind,
		o.ContactID != 0 && in.ContactID != o.ContactID,
		!o.Since.IsZero() && in.At.Before(o.Since),
		!o.Until.IsZero() && !in.At.Before(o.Until):
		return false
	}
	return o.Query.Match(in.Text)
}

// indexWords is what the index can look up for o: its words as prefixes
// and its topic as a word.
func (o SearchOptions) indexWords() []string {
	words := o.Query.Words()
	if o.Topic != "" {
		words = append(words, topicWord(o.Topic))
	}
	return words
}

// newestFirst is the order of every search: latest first, and the later
// note first on a tie.
func newestFirst(a, b model.Interaction) int {
	if c := b.At.Compare(a.At); c != 0 {
		return c
	}
	return cmp.Compare(b.ID, a.ID)
}

// SearchNotes finds the notes o asks for, newest first, with their
// contacts' names. It reads the full-text index; a search within one
// contact reads that contact's notes.
func (s *Store) SearchNotes(o SearchOptions) ([]Hit, error) {
	var out []Hit
	err := s.view(func(tx *bolt.Tx) error {
		var notes []model.Interaction
		var err error
		if o.ContactID != 0 || len(o.indexWords()) == 0 || textStale(tx) {
			notes, err = scanNotes(tx, o)
		} else {
			notes, err = indexNotes(tx, o)
		}
		if err != nil {
			return err
		}
		out = withContacts(tx, notes)
		return nil
	})
	return out, err
}

func withContacts(tx *bolt.Tx, notes []model.Interaction) []Hit {
	out := make([]Hit, 0, len(notes))
	contacts := map[uint64]model.Contact{}
	for _, in := range notes {
		c, ok := contacts[in.ContactID]
		if !ok {
			getJSON(tx, bContacts, in.ContactID, &c)
			contacts[in.ContactID] = c
		}
		out = append(out, Hit{Interaction: in, ContactName: c.Name, Company: c.Company})
	}
	return out
}

// scanNotes reads every note (or one contact's): the meaning the index
// must reproduce, and the way for searches the index cannot narrow.
func scanNotes(tx *bolt.Tx, o SearchOptions) ([]model.Interaction, error) {
	var out []model.Interaction
	var err error
	if o.ContactID != 0 {
		var all []model.Interaction
		all, err = contactNotes(tx, o.ContactID, 0)
		for _, in := range all {
			if o.accept(in) {
				out = append(out, in)
			}
		}
	} else {
		err = eachRecord(tx, bNotes, func(in model.Interaction) {
			if o.accept(in) {
				out = append(out, in)
			}
		})
	}
	slices.SortFunc(out, newestFirst)
	return limited(out, o.Limit), err
}

func limited[T any](s []T, n int) []T {
	if n > 0 && len(s) > n {
		return s[:n]
	}
	return s
}

// indexNotes walks the days that hold every word, newest first, and stops
// once a day brings the count to the limit: days before it hold only
// older notes.
func indexNotes(tx *bolt.Tx, o SearchOptions) ([]model.Interaction, error) {
	words := o.indexWords()
	days, err := sharedDays(tx, words)
	if err != nil || days.IsEmpty() {
		return nil, err
	}
	lo, hi := dayRange(o)
	var out []model.Interaction
	for it := days.ReverseIterator(); it.HasNext(); {
		day := it.Next()
		if day > hi {
			continue
		}
		if day < lo {
			break
		}
		need := 0
		if o.Limit > 0 {
			need = o.Limit - len(out)
		}
		found, err := notesOfDay(tx, day, words, o, need)
		if err != nil {
			return nil, err
		}
		out = append(out, found...)
		if o.Limit > 0 && len(out) >= o.Limit {
			break
		}
	}
	return limited(out, o.Limit), nil
}

// dayRange bounds the index days a search can touch, a day wider on each
// side than its times (days are UTC, the times are not).
func dayRange(o SearchOptions) (lo, hi uint32) {
	lo, hi = 0, ^uint32(0)
	if !o.Since.IsZero() {
		lo = dayOf(model.Interaction{At: o.Since}) - 1
	}
	if !o.Until.IsZero() {
		hi = dayOf(model.Interaction{At: o.Until}) + 1
	}
	return lo, hi
}

// sharedDays is the days on which some note has a word starting with each
// of words.
func sharedDays(tx *bolt.Tx, words []string) (*roaring.Bitmap, error) {
	return everyWord(tx.Bucket(bTextDays), words, func(w string) []byte { return []byte(w) })
}

// everyWord ands, over words, the union of the bitmaps under key(w)
// (unionUnder), stopping once nothing is left.
func everyWord(b *bolt.Bucket, words []string, key func(string) []byte) (*roaring.Bitmap, error) {
	var all *roaring.Bitmap
	for _, w := range words {
		d, err := unionUnder(b, key(w))
		if err != nil {
			return nil, err
		}
		if all == nil {
			all = d
		} else {
			all.And(d)
		}
		if all.IsEmpty() {
			break
		}
	}
	return all, nil
}

// unionUnder ors the bitmaps of every key that starts with prefix.
func unionUnder(b *bolt.Bucket, prefix []byte) (*roaring.Bitmap, error) {
	out := roaring.New()
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
		bm := roaring.New()
		if err := bm.UnmarshalBinary(v); err != nil {
			return nil, err
		}
		out.Or(bm)
	}
	return out, nil
}

// notesOfDay reads the notes of one day that have every word and that o
// accepts, newest first: in the order of the day's times, reading notes
// only until need are accepted (0: all).
func notesOfDay(tx *bolt.Tx, day uint32, words []string, o SearchOptions, need int) ([]model.Interaction, error) {
	ids, err := everyWord(tx.Bucket(bTextNotes), words, func(w string) []byte { return dayKey(day, w) })
	if err != nil || ids.IsEmpty() {
		return nil, err
	}
	times, err := dayTimes(tx, day)
	if err != nil {
		return nil, err
	}
	order := make([]noteTime, 0, ids.GetCardinality())
	for it := ids.Iterator(); it.HasNext(); {
		id := it.Next()
		order = append(order, noteTime{id, times[id]})
	}
	slices.SortFunc(order, func(a, b noteTime) int { return cmp.Or(cmp.Compare(b.at, a.at), cmp.Compare(b.id, a.id)) })
	var out []model.Interaction
	for _, t := range order {
		var in model.Interaction
		if err := getJSON(tx, bNotes, uint64(t.id), &in); err != nil {
			return nil, err
		}
		if o.accept(in) {
			out = append(out, in)
		}
		if need > 0 && len(out) == need {
			break
		}
	}
	// The times order the reads; the notes' own times decide the order.
	slices.SortFunc(out, newestFirst)
	return out, nil
}
