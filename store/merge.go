package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// MergeResult says what a merge of OTHER into KEEP did (or would do).
type MergeResult struct {
	Keep, Other model.Contact // as they were before
	Merged      model.Contact
	Conflicts   []model.Conflict
	Notes       int
	FollowUps   int
	Questions   int
	Referrals   int // contacts referred by OTHER, now referred by KEEP
}

// Merge folds contact other into keep: other's notes, follow-ups,
// questions and referrals move to keep, keep's empty fields are filled
// from other and lists are joined, conflicts keep keep's value, and other
// is deleted. One transaction, one journal entry: undo splits them again
// exactly. With dryRun nothing is written.
func (s *Store) Merge(keepID, otherID uint64, dryRun bool) (MergeResult, error) {
	var r MergeResult
	if keepID == otherID {
		return r, fmt.Errorf("a contact cannot be merged with itself")
	}
	run := func(tx *bolt.Tx) error {
		keep, err := loadDetail(tx, keepID)
		if err != nil {
			return fmt.Errorf("contact %d: %w", keepID, err)
		}
		other, err := loadDetail(tx, otherID)
		if err != nil {
			return fmt.Errorf("contact %d: %w", otherID, err)
		}
		r = planMerge(keep, other)
		if dryRun {
			return nil
		}
		describe(tx, "merge %s into %s", other.Contact.Name, keep.Contact.Name)
		return applyMerge(tx, r, other)
	}
	if dryRun {
		return r, s.view(run)
	}
	return r, s.update(run)
}

func planMerge(keep, other Detail) MergeResult {
	merged, conflicts := model.MergeContacts(keep.Contact, other.Contact)
	if merged.ReferredBy == other.Contact.ID {
		merged.ReferredBy = 0
	}
	referrals := 0
	for _, ref := range other.Referrals {
		if ref.ID != keep.Contact.ID {
			referrals++
		}
	}
	return MergeResult{
		Keep: keep.Contact, Other: other.Contact, Merged: merged, Conflicts: conflicts,
		Notes: len(other.Notes), FollowUps: len(other.FollowUps), Questions: len(other.Questions),
		Referrals: referrals,
	}
}

func applyMerge(tx *bolt.Tx, r MergeResult, other Detail) error {
	keepID := r.Keep.ID
	for _, ref := range other.Referrals {
		if ref.ID == keepID {
			continue // keep's own record is rewritten whole below, unreferred
		}
		if err := rewrite(tx, bContacts, ref.ID, func(c *model.Contact) { c.ReferredBy = keepID }); err != nil {
			return err
		}
	}
	for _, in := range other.Notes {
		if err := rewrite(tx, bNotes, in.ID, func(n *model.Interaction) { n.ContactID = keepID }); err != nil {
			return err
		}
	}
	for _, f := range other.FollowUps {
		if err := rewrite(tx, bFollowUps, f.ID, func(f *model.FollowUp) { f.ContactID = keepID }); err != nil {
			return err
		}
	}
	for _, q := range other.Questions {
		if err := rewrite(tx, bQuestions, q.ID, func(q *model.Question) { q.ContactID = keepID }); err != nil {
			return err
		}
	}
	for _, sh := range other.Shares {
		if err := rewrite(tx, bShares, sh.ID, func(sh *model.Share) { sh.ContactID = keepID }); err != nil {
			return err
		}
	}
	if err := removeRecord(tx, bContacts, other.Contact.ID, other.Contact.UID); err != nil {
		return err
	}
	merged := r.Merged
	if err := merged.Validate(); err != nil {
		return fmt.Errorf("the merged contact would be invalid: %w", err)
	}
	return rewrite(tx, bContacts, keepID, func(c *model.Contact) { *c = merged })
}

// Duplicates lists likely pairs of contacts that are one person.
func (s *Store) Duplicates() ([]model.DuplicatePair, error) {
	f := model.NewDuplicateFinder()
	err := s.ContactsEach(func(c model.Contact) error {
		f.Add(c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return f.Pairs(), nil
}
