package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Agenda computes the day's agenda from the indexes alone: open follow-ups
// due by today, moments on the next few month-days and the head of the
// next-touch index. Its cost follows what is due, not the size of the book.
// coldLimit 0 lists every contact going cold.
func (s *Store) Agenda(today model.Date, coldLimit int) (model.Agenda, error) {
	var a model.Agenda
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		a, err = agenda(tx, today, coldLimit)
		return err
	})
	return a, err
}

func agenda(tx *bolt.Tx, today model.Date, coldLimit int) (model.Agenda, error) {
	in := model.AgendaInput{Today: today, ColdLimit: coldLimit, Names: map[uint64]string{}}
	var err error
	if in.FollowUps, err = dueFollowUps(tx, today, in.Names); err != nil {
		return model.Agenda{}, err
	}
	in.MomentsOf = momentsAround(tx, today)
	if in.ColdOf, in.ColdCount, err = coldCandidates(tx, today, coldLimit); err != nil {
		return model.Agenda{}, err
	}
	return model.BuildAgenda(in), nil
}

// dueFollowUps reads the open follow-ups due on or before the end of the
// coming-up window, with their contacts' names, from idx_due alone.
func dueFollowUps(tx *bolt.Tx, today model.Date, names map[uint64]string) ([]model.FollowUp, error) {
	var out []model.FollowUp
	end := today.AddDays(model.ComingWindow).Key()
	c := tx.Bucket(bDue).Cursor()
	for k, v := c.First(); k != nil && dateAt(k, 0).Key() <= end; k, v = c.Next() {
		f, name, err := decodeDue(v)
		if err != nil {
			return nil, fmt.Errorf("follow-up %d: %w", lastID(k), err)
		}
		names[f.ContactID] = name
		out = append(out, f)
	}
	return out, nil
}

// contactName decodes only the name of a contact record.
func contactName(tx *bolt.Tx, id uint64) string {
	var n struct{ Name string }
	if data := tx.Bucket(bContacts).Get(u64(id)); data != nil {
		_ = json.Unmarshal(data, &n)
	}
	return n.Name
}

// momentsAround gathers, as slim contacts holding only their id, name and
// the moments found, everyone with a moment in the agenda's window.
func momentsAround(tx *bolt.Tx, today model.Date) []model.Contact {
	byID := map[uint64]*model.Contact{}
	var order []uint64
	c := tx.Bucket(bMoments).Cursor()
	for _, d := range model.MomentDays(today, model.MomentWindow) {
		prefix := []byte{byte(d.Month), byte(d.Day)}
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			id, m, name, ok := decodeMoment(k, v)
			if !ok {
				continue
			}
			if byID[id] == nil {
				byID[id] = &model.Contact{ID: id, Name: name}
				order = append(order, id)
			}
			byID[id].Moments = append(byID[id].Moments, m)
		}
	}
	out := make([]model.Contact, len(order))
	for i, id := range order {
		out[i] = *byID[id]
	}
	return out
}

// coldCandidates counts every contact going cold from the per-day counts
// and reads, as slim contacts, those that come first in the model's order
// (model.SortCold) from idx_cold: within one (tier, cadence) run the most
// overdue come first, so merging the runs' heads by tier, then overdue
// relative to cadence, yields the order without reading the rest. With a
// limit it reads past it only the ties that the model breaks by name.
func coldCandidates(tx *bolt.Tx, today model.Date, limit int) ([]model.Contact, int, error) {
	count := 0
	days := tx.Bucket(bTouchDays).Cursor()
	for k, v := days.First(); k != nil && dateAt(k, 0).Before(today); k, v = days.Next() {
		count += int(readU32(v))
	}
	runs := coldRuns(tx, today)
	var out []model.Contact
	var last coldHead
	for {
		best := -1
		for i, r := range runs {
			if r.ok && (best < 0 || r.head.before(runs[best].head)) {
				best = i
			}
		}
		if best < 0 || (limit > 0 && len(out) >= limit && !runs[best].head.tie(last)) {
			break
		}
		r := &runs[best]
		ct, ok := decodeTouch(r.head.next, r.head.id, r.head.cadence, r.value)
		if !ok {
			return nil, 0, fmt.Errorf("contact %d: a damaged going-cold entry (rapport check)", r.head.id)
		}
		out = append(out, ct)
		last = r.head
		r.advance(today)
	}
	return out, count, nil
}

// FollowThrough is the book-wide follow-through over the last 90 days, read
// from the per-day promise counts: kept promises and promises that fell
// due. One still open on today, its day, can yet be kept and waits.
func (s *Store) FollowThrough(today model.Date) (kept, due int, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		kept, due = followThrough(tx, today)
		return nil
	})
	return kept, due, err
}

func followThrough(tx *bolt.Tx, today model.Date) (kept, due int) {
	c := tx.Bucket(bPromiseDays).Cursor()
	for k, v := c.Seek(dateBytes(today.AddDays(-model.FigureWindow))); k != nil && !dateAt(k, 0).After(today); k, v = c.Next() {
		n := decodeCounts(v, promiseSlots)
		kept += n[promiseKept]
		due += n[promiseKept] + n[promiseLate]
		if dateAt(k, 0).Before(today) {
			due += n[promiseOpen]
		}
	}
	return kept, due
}
