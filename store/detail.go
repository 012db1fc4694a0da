package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Detail is everything the detail view and `rapport show` need about one
// contact, read in one transaction.
type Detail struct {
	Contact    model.Contact
	Notes      []model.Interaction // newest first
	FollowUps  []model.FollowUp
	Questions  []model.Question
	Shares     []model.Share
	ReferredBy *Entry  // who referred this contact, if anyone
	Referrals  []Entry // whom this contact referred
}

// Detail loads a contact and everything recorded about them.
func (s *Store) Detail(id uint64) (Detail, error) {
	var d Detail
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		d, err = loadDetail(tx, id)
		return err
	})
	return d, err
}

func loadDetail(tx *bolt.Tx, id uint64) (Detail, error) {
	var d Detail
	var err error
	if err = getJSON(tx, bContacts, id, &d.Contact); err != nil {
		return d, err
	}
	if d.Notes, err = contactNotes(tx, id, 0); err != nil {
		return d, err
	}
	if d.FollowUps, err = contactFollowUps(tx, id); err != nil {
		return d, err
	}
	if d.Questions, err = contactQuestions(tx, id); err != nil {
		return d, err
	}
	if d.Shares, err = contactShares(tx, id); err != nil {
		return d, err
	}
	if ref := d.Contact.ReferredBy; ref != 0 {
		var c model.Contact
		if getJSON(tx, bContacts, ref, &c) == nil {
			e := entryOf(c)
			d.ReferredBy = &e
		}
	}
	d.Referrals = referrals(tx, id)
	return d, nil
}

func referrals(tx *bolt.Tx, id uint64) []Entry {
	var out []Entry
	children(tx, bReferrals, id, func(rid uint64) error {
		var c model.Contact
		if getJSON(tx, bContacts, rid, &c) == nil {
			out = append(out, entryOf(c))
		}
		return nil
	})
	return out
}

// Figures computes a contact's relationship figures on today.
func (d Detail) Figures(today model.Date) model.Figures {
	return model.ComputeFigures(today, d.Notes, d.FollowUps)
}

// Trends computes how a contact's relationship moved over the last year.
func (d Detail) Trends(today model.Date) model.Trends {
	return model.ComputeTrends(today, d.Notes, d.FollowUps)
}
