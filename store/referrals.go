package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// ReferralGroup is one referrer with the contacts they referred.
type ReferralGroup struct {
	Referrer Entry
	Referred []Entry
}

// ReferralCandidate is a customer to ask for a referral, with the
// figures that make them one.
type ReferralCandidate struct {
	Contact Entry
	Figures model.Figures
}

// Referrals reads, in one transaction, the referrals received per
// referrer (from idx_referrals, referrer order) and the customers to ask
// (model.ReferralCandidate), whose figures need their notes and promises.
func (s *Store) Referrals(today model.Date) ([]ReferralGroup, []ReferralCandidate, error) {
	var groups []ReferralGroup
	var asks []ReferralCandidate
	err := s.view(func(tx *bolt.Tx) error {
		referrers := map[uint64]bool{}
		c := tx.Bucket(bReferrals).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			from, to := idAt(k, 0), lastID(k)
			var tc model.Contact
			if getJSON(tx, bContacts, to, &tc) != nil {
				continue // Check reports a dangling link
			}
			if !referrers[from] { // the referrer is read once, for its first link
				var rc model.Contact
				if getJSON(tx, bContacts, from, &rc) != nil {
					continue
				}
				referrers[from] = true
				groups = append(groups, ReferralGroup{Referrer: entryOf(rc)})
			}
			g := &groups[len(groups)-1]
			g.Referred = append(g.Referred, entryOf(tc))
		}
		var failed error
		err := eachMentioning(tx, bContacts, string(model.Customer), func(ct model.Contact) {
			if ct.Stage != model.Customer || referrers[ct.ID] || failed != nil {
				return
			}
			notes, err := recentNotes(tx, ct.ID, today.AddDays(-model.FigureWindow))
			if err != nil {
				failed = err
				return
			}
			follows, err := contactFollowUps(tx, ct.ID)
			if err != nil {
				failed = err
				return
			}
			f := model.ComputeFigures(today, notes, follows)
			if model.ReferralCandidate(ct, f, false) {
				asks = append(asks, ReferralCandidate{Contact: entryOf(ct), Figures: f})
			}
		})
		if err == nil {
			err = failed
		}
		return err
	})
	return groups, asks, err
}

// recentNotes reads a contact's notes from since on, newest first, and
// the one before them (it carries the last touch when nothing is recent):
// the figures need no older history.
func recentNotes(tx *bolt.Tx, contactID uint64, since model.Date) ([]model.Interaction, error) {
	var out []model.Interaction
	err := reverseChildren(tx, bContactNote, contactID, func(id uint64) (bool, error) {
		var in model.Interaction
		if err := getJSON(tx, bNotes, id, &in); err != nil {
			return false, fmt.Errorf("note %d: %w", id, err)
		}
		out = append(out, in)
		return !model.DateOf(in.At).Before(since), nil
	})
	return out, err
}
