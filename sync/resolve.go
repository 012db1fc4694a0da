package sync

import (
	"fmt"
	"slices"
	"time"

	"rapport/store"
)

// Conflict is one open conflict with the account it belongs to, numbered
// as `rapport sync status` lists them.
type Conflict struct {
	N       int    `json:"n"`
	Account string `json:"account"`
	What    string `json:"what"` // "contact" or "follow-up"
	store.SyncConflict
}

// Conflicts lists every account's open conflicts, numbered from 1.
func Conflicts(s *store.Store) ([]Conflict, error) {
	accs, err := s.SyncAccounts()
	if err != nil {
		return nil, err
	}
	return numbered(accs), nil
}

// numbered lists the accounts' conflicts, numbered from 1.
func numbered(accs []store.SyncAccount) []Conflict {
	var out []Conflict
	for _, acc := range accs {
		for _, c := range acc.Conflicts {
			what := "contact"
			if c.Kind == store.SyncTask {
				what = "follow-up"
			}
			out = append(out, Conflict{N: len(out) + 1, Account: acc.Name, What: what, SyncConflict: c})
		}
	}
	return out
}

// Resolve settles conflict n: mine puts the rep's value back into the
// record (the next sync sends it), theirs keeps the server's, already in
// the record. Either way the conflict is closed; the write is journaled.
func Resolve(s *store.Store, n int, mine bool, now time.Time) (Conflict, error) {
	// One read: the conflict's account is among accs (SyncState would
	// read back all its synced items too).
	accs, err := s.SyncAccounts()
	if err != nil {
		return Conflict{}, err
	}
	all := numbered(accs)
	if n < 1 || n > len(all) {
		return Conflict{}, fmt.Errorf("there is no conflict %d (rapport sync status lists %d)", n, len(all))
	}
	c := all[n-1]
	acc := accs[slices.IndexFunc(accs, func(a store.SyncAccount) bool { return a.Name == c.Account })]
	for i, o := range acc.Conflicts {
		if o.Kind == c.Kind && o.LocalID == c.LocalID && o.Field == c.Field {
			acc.Conflicts = append(acc.Conflicts[:i], acc.Conflicts[i+1:]...)
			break
		}
	}
	if !mine {
		return c, s.PutSyncAccount(acc)
	}
	op, err := putBack(s, c, now)
	if err != nil {
		return c, err
	}
	return c, s.ApplySync(acc, fmt.Sprintf("resolve the sync conflict on %s's %s: keep mine", c.Name, c.Field), []store.SyncOp{op})
}

// putBack is the write that gives a record the rep's value of the field.
func putBack(s *store.Store, c Conflict, now time.Time) (store.SyncOp, error) {
	switch c.Kind {
	case store.SyncContact:
		ct, err := s.Contact(c.LocalID)
		if err != nil {
			return store.SyncOp{}, fmt.Errorf("the contact of conflict %d is gone: %w", c.N, err)
		}
		f := normContact(ct, now)
		f[c.Field] = c.Mine
		setContactFields(&ct, f)
		return store.SyncOp{Contact: &ct}, ct.Validate()
	case store.SyncTask:
		fu, err := s.FollowUp(c.LocalID)
		if err != nil {
			return store.SyncOp{}, fmt.Errorf("the follow-up of conflict %d is gone: %w", c.N, err)
		}
		f := taskFields(taskOf(fu))
		f[c.Field] = c.Mine
		setTaskFields(&fu, f)
		return store.SyncOp{FollowUp: &fu}, fu.Validate()
	}
	return store.SyncOp{}, fmt.Errorf("conflict %d is of an unknown kind", c.N)
}
