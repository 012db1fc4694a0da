package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Review reads, in one transaction, what the weekly review of the week
// starting on start needs, and computes it on today.
//
// It adds no index by time: the notes of the five weeks are found by
// walking the keys of idx_contact_notes (contact | time | id), which carry
// the time, and decoding only the notes inside the window, without their
// text. Follow-ups are read only when they came from those notes; kept and
// late promises come from idx_promise_days, the going-cold count from
// idx_touch_days. One pass over the contacts, decoding a few fields of
// each, corrects that count for contacts touched since and keeps only the
// contacts the five weeks name: at 100k contacts the review never holds
// the book. BenchmarkReview measures it at 10k contacts (about 200k
// notes): see the README.
func (s *Store) Review(start, today model.Date) (model.Review, error) {
	var in model.ReviewInput
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		in, err = reviewInput(tx, start, today)
		return err
	})
	if err != nil {
		return model.Review{}, err
	}
	return model.ComputeReview(in), nil
}

// reviewInput reads what model.ComputeReview needs for the week from start.
func reviewInput(tx *bolt.Tx, start, today model.Date) (model.ReviewInput, error) {
	in := model.ReviewInput{Start: start, Today: today}
	var err error
	// A day's notes may sit a time zone away from UTC midnight: read a
	// day wider on each side and let the model judge by local day.
	from := start.AddDays(-7*model.ReviewWeeks - 1).Time().Unix()
	to := start.AddDays(9).Time().Unix()
	if in.Notes, err = notesBetween(tx, from, to); err != nil {
		return in, err
	}
	if in.FollowUps, err = followUpsOf(tx, in.Notes); err != nil {
		return in, err
	}
	in.Promises = promiseDays(tx, start.AddDays(-7*model.ReviewWeeks), start.AddDays(7))
	span := model.ReviewSpan(start, today)
	var days []model.Date
	for i := range model.ReviewWeeks + 1 {
		day := start.AddDays(-7*i + span - 1)
		days = append(days, day)
		in.GoingCold = append(in.GoingCold, coldCount(tx, day.Key()))
	}
	named := make(map[uint64]bool, len(in.Notes))
	for _, n := range in.Notes {
		named[n.ContactID] = true
	}
	first, end := start.AddDays(-7*model.ReviewWeeks), start.AddDays(7)
	err = eachContactBrief(tx, func(c model.Contact) error {
		// The model wants names for the movers and creation days for the
		// new contacts: nobody else.
		if added := model.DateOf(c.Created); named[c.ID] || !added.Before(first) && added.Before(end) {
			in.Contacts = append(in.Contacts, model.ReviewContact{ID: c.ID, Name: c.Name, Created: c.Created})
		}
		for i, day := range days {
			cold, err := coldSince(tx, c, day)
			if err != nil {
				return err
			}
			if cold {
				in.GoingCold[i]++
			}
		}
		return nil
	})
	return in, err
}

// notesBetween decodes the notes whose time in idx_contact_notes lies in
// [from, to), in unix seconds: only what the review counts, not their text.
func notesBetween(tx *bolt.Tx, from, to int64) ([]model.Interaction, error) {
	var out []model.Interaction
	lo, hi := uint64(from)^1<<63, uint64(to)^1<<63
	err := tx.Bucket(bContactNote).ForEach(func(k, _ []byte) error {
		if len(k) != 24 {
			return nil
		}
		if at := binary.BigEndian.Uint64(k[8:16]); at < lo || at >= hi {
			return nil
		}
		var n struct {
			ID        uint64     `json:"id"`
			ContactID uint64     `json:"contact_id"`
			Kind      model.Kind `json:"kind"`
			Inbound   bool       `json:"inbound"`
			At        time.Time  `json:"at"`
		}
		if err := getJSON(tx, bNotes, lastID(k), &n); err != nil {
			return fmt.Errorf("note %d: %w", lastID(k), err)
		}
		out = append(out, model.Interaction{ID: n.ID, ContactID: n.ContactID, Kind: n.Kind, Inbound: n.Inbound, At: n.At})
		return nil
	})
	return out, err
}

// followUpsOf reads the follow-ups that came from the notes: of each
// contact the notes are about, those whose note is one of them. A first,
// light decode reads only the note id.
func followUpsOf(tx *bolt.Tx, notes []model.Interaction) ([]model.FollowUp, error) {
	inWindow := make(map[uint64]bool, len(notes))
	contacts := map[uint64]bool{}
	for _, n := range notes {
		inWindow[n.ID], contacts[n.ContactID] = true, true
	}
	var out []model.FollowUp
	records := tx.Bucket(bFollowUps)
	for cid := range contacts {
		err := children(tx, bContactFU, cid, func(id uint64) error {
			data := records.Get(u64(id))
			var link struct {
				NoteID uint64 `json:"note_id"`
			}
			if err := json.Unmarshal(data, &link); err != nil || !inWindow[link.NoteID] {
				return err
			}
			var f model.FollowUp
			if err := json.Unmarshal(data, &f); err != nil {
				return fmt.Errorf("follow-up %d: %w", id, err)
			}
			out = append(out, f)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// promiseDays reads the per-day promise counts of [from, to).
func promiseDays(tx *bolt.Tx, from, to model.Date) []model.PromiseDay {
	var out []model.PromiseDay
	c := tx.Bucket(bPromiseDays).Cursor()
	for k, v := c.Seek(dateBytes(from)); k != nil && dateAt(k, 0).Before(to); k, v = c.Next() {
		n := decodeCounts(v, promiseSlots)
		out = append(out, model.PromiseDay{Day: dateAt(k, 0), Open: n[promiseOpen], Kept: n[promiseKept], Late: n[promiseLate]})
	}
	return out
}

// coldCount counts the contacts whose next touch falls before the day
// with key day: those going cold on it, by their records as they stand.
func coldCount(tx *bolt.Tx, day uint32) int {
	count := 0
	c := tx.Bucket(bTouchDays).Cursor()
	for k, v := c.First(); k != nil && dateAt(k, 0).Key() < day; k, v = c.Next() {
		count += int(readU32(v))
	}
	return count
}

// eachContactBrief hands fn every contact with only what the review
// needs decoded, one at a time.
func eachContactBrief(tx *bolt.Tx, fn func(model.Contact) error) error {
	return tx.Bucket(bContacts).ForEach(func(k, v []byte) error {
		var c struct {
			ID        uint64      `json:"id"`
			Name      string      `json:"name"`
			Stage     model.Stage `json:"stage"`
			Cadence   int         `json:"cadence_days"`
			Created   time.Time   `json:"created"`
			LastTouch time.Time   `json:"last_touch"`
		}
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("contact %d: %w", idAt(k, 0), err)
		}
		return fn(model.Contact{ID: c.ID, Name: c.Name, Stage: c.Stage, Cadence: c.Cadence, Created: c.Created, LastTouch: c.LastTouch})
	})
}

// coldSince reports whether c was past its cadence on day while the
// next-touch counts (coldCount) cannot say so, having been touched after
// it: judged by the last touch on or before day, found by walking the
// notes back from day (cadences are taken as they stand now).
func coldSince(tx *bolt.Tx, c model.Contact, day model.Date) (bool, error) {
	if !model.DateOf(c.LastTouch).After(day) || model.DateOf(c.Created).After(day) {
		return false, nil
	}
	then, err := lastTouchBy(tx, c.ID, day)
	if err != nil {
		return false, err
	}
	c.LastTouch = then
	_, cold := model.GoingCold(c, day)
	return cold, nil
}

// lastTouchBy is the time of a contact's latest touch on or before day
// (zero when none), as the contact's LastTouch counts them: a reverse walk
// of idx_contact_notes from just after the day.
func lastTouchBy(tx *bolt.Tx, contactID uint64, day model.Date) (time.Time, error) {
	c := tx.Bucket(bContactNote).Cursor()
	prefix := u64(contactID)
	// A day ends, in any time zone, before UTC midnight two days on.
	k, _ := c.Seek(join(prefix, u64(uint64(day.AddDays(2).Time().Unix())^1<<63)))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	for ; k != nil && hasPrefix(k, prefix); k, _ = c.Prev() {
		var in struct {
			Kind model.Kind `json:"kind"`
			At   time.Time  `json:"at"`
		}
		if err := getJSON(tx, bNotes, lastID(k), &in); err != nil {
			return time.Time{}, fmt.Errorf("note %d: %w", lastID(k), err)
		}
		if in.Kind.IsTouch() && !model.DateOf(in.At).After(day) { // a plain note is no touch
			return in.At, nil
		}
	}
	return time.Time{}, nil
}
