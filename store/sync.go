package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Sync record kinds, one byte in the sync_items and sync_hrefs keys.
const (
	SyncContact byte = 'c'
	SyncTask    byte = 't'
)

// SyncItem is what one account knows of one synced record.
type SyncItem struct {
	Kind     byte         `json:"kind"`
	LocalID  uint64       `json:"local_id"`
	Href     string       `json:"href"`
	UID      string       `json:"uid"`
	ETag     string       `json:"etag"`
	Hash     string       `json:"hash"`
	Snapshot model.Fields `json:"snapshot"`
	Body     []byte       `json:"body,omitempty"`
}

// SyncConflict is a field both sides changed: the server's value is in
// the record, the rep's is kept here until resolved.
type SyncConflict struct {
	Kind    byte      `json:"kind"`
	LocalID uint64    `json:"local_id"`
	Name    string    `json:"name"`
	At      time.Time `json:"at"`
	model.FieldConflict
}

// SyncRun sums up one run of one account.
type SyncRun struct {
	At       time.Time `json:"at"`
	DryRun   bool      `json:"dry_run,omitempty"`
	Pulled   int       `json:"pulled"`
	Pushed   int       `json:"pushed"`
	Deleted  int       `json:"deleted"`
	Merged   int       `json:"merged"`
	Finished bool      `json:"finished"`
}

// SyncAccount is the state of one account between runs.
type SyncAccount struct {
	Name string `json:"name"`
	// Client is this book's random id for this account: new tasks' UIDs
	// are derived from it, so two books never make the same UID.
	Client      string            `json:"client,omitempty"`
	Collections map[string]string `json:"collections,omitempty"` // "contacts", "tasks" -> href
	Tokens      map[string]string `json:"tokens,omitempty"`      // collection href -> sync token
	LastRun     SyncRun           `json:"last_run"`
	Conflicts   []SyncConflict    `json:"conflicts,omitempty"`
	Errors      []string          `json:"errors,omitempty"`
	// Marker is the journal head when the last finished run began, and
	// Schema the file's schema then: records no entry touched since (and
	// no migration rewrote) are as the last run left them.
	Marker uint64 `json:"marker,omitempty"`
	Schema uint32 `json:"schema,omitempty"`
}

// SyncKey names a synced record within an account.
type SyncKey struct {
	Kind byte
	ID   uint64
}

// SyncOp is one step of a sync batch: a record write or delete (journaled,
// through the same helpers as every other write) and the sync state that
// goes with it (not journaled).
type SyncOp struct {
	Contact  *model.Contact  // written; ID 0 adds it (and sets Item.LocalID)
	FollowUp *model.FollowUp // likewise
	Delete   *SyncKey        // a local record to delete
	Item     *SyncItem       // state to store after the write
	Drop     *SyncItem       // state to forget (its href and key)
}

// SyncState loads an account and every item it knows, by record.
func (s *Store) SyncState(account string) (SyncAccount, map[SyncKey]SyncItem, error) {
	acc := SyncAccount{Name: account}
	items := map[SyncKey]SyncItem{}
	err := s.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bSyncAccounts).Get([]byte(account)); v != nil {
			if err := json.Unmarshal(v, &acc); err != nil {
				return err
			}
		}
		return eachSyncItem(tx, syncPrefix(account), func(it SyncItem) {
			items[SyncKey{it.Kind, it.LocalID}] = it
		})
	})
	return acc, items, err
}

// SyncAccounts lists the state of every account that has run.
func (s *Store) SyncAccounts() ([]SyncAccount, error) {
	var out []SyncAccount
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bSyncAccounts).ForEach(func(_, v []byte) error {
			var acc SyncAccount
			if err := json.Unmarshal(v, &acc); err != nil {
				return err
			}
			out = append(out, acc)
			return nil
		})
	})
	return out, err
}

// ApplySync runs a batch of sync steps and stores the account, in one
// transaction: one journal entry for the records (so undo takes the batch
// back), and sync state that can never disagree with them.
func (s *Store) ApplySync(acc SyncAccount, summary string, ops []SyncOp) error {
	return s.update(func(tx *bolt.Tx) error {
		describe(tx, "%s", summary)
		for i := range ops {
			if err := applySyncOp(tx, acc.Name, &ops[i]); err != nil {
				return err
			}
		}
		return putSyncAccount(tx, acc)
	})
}

func applySyncOp(tx *bolt.Tx, account string, op *SyncOp) error {
	var id uint64
	var err error
	switch {
	case op.Contact != nil:
		id, err = syncContact(tx, op.Contact)
	case op.FollowUp != nil:
		id, err = syncFollowUp(tx, op.FollowUp)
	case op.Delete != nil:
		err = syncDelete(tx, *op.Delete)
	}
	if err != nil {
		return err
	}
	if op.Drop != nil {
		if err := dropSyncItem(tx, account, *op.Drop); err != nil {
			return err
		}
	}
	if op.Item != nil {
		if id != 0 {
			op.Item.LocalID = id
		}
		return putSyncItem(tx, account, *op.Item)
	}
	return nil
}

// syncContact adds or updates a contact; the last touch only moves
// forward, as in UpdateContact.
func syncContact(tx *bolt.Tx, c *model.Contact) (uint64, error) {
	if c.ID == 0 {
		err := addContact(tx, c)
		return c.ID, err
	}
	_, err := updateContact(tx, c)
	return c.ID, err
}

func syncFollowUp(tx *bolt.Tx, f *model.FollowUp) (uint64, error) {
	if tx.Bucket(bContacts).Get(u64(f.ContactID)) == nil {
		return 0, fmt.Errorf("contact %d: %w", f.ContactID, ErrNotFound)
	}
	if f.ID == 0 {
		err := addFollowUp(tx, f)
		return f.ID, err
	}
	var old model.FollowUp
	if err := getJSON(tx, bFollowUps, f.ID, &old); err != nil {
		return 0, fmt.Errorf("follow-up %d: %w", f.ID, err)
	}
	if err := f.Validate(); err != nil {
		return 0, err
	}
	return f.ID, putFollowUp(tx, &old, *f)
}

func syncDelete(tx *bolt.Tx, k SyncKey) error {
	switch k.Kind {
	case SyncContact:
		d, err := loadDetail(tx, k.ID)
		if err != nil {
			return fmt.Errorf("contact %d: %w", k.ID, err)
		}
		return deleteContact(tx, d)
	case SyncTask:
		if tx.Bucket(bFollowUps).Get(u64(k.ID)) == nil {
			return nil
		}
		return removeRecord(tx, bFollowUps, k.ID, "")
	}
	return fmt.Errorf("unknown sync kind %q", k.Kind)
}

// PutSyncAccount stores an account's state alone (a run that changed no
// record, a resolved conflict).
func (s *Store) PutSyncAccount(acc SyncAccount) error {
	return s.update(func(tx *bolt.Tx) error { return putSyncAccount(tx, acc) })
}

func putSyncAccount(tx *bolt.Tx, acc SyncAccount) error {
	data, err := json.Marshal(acc)
	if err != nil {
		return err
	}
	return tx.Bucket(bSyncAccounts).Put([]byte(acc.Name), data)
}

func syncPrefix(account string) []byte { return append([]byte(account), 0) }

func syncItemKey(account string, kind byte, id uint64) []byte {
	return join(syncPrefix(account), []byte{kind}, u64(id))
}

func syncHrefKey(account, href string) []byte {
	return join(syncPrefix(account), []byte(href))
}

// putSyncItem stores an item and its href entry, dropping the href entry
// of the item's previous version.
func putSyncItem(tx *bolt.Tx, account string, it SyncItem) error {
	items, hrefs := tx.Bucket(bSyncItems), tx.Bucket(bSyncHrefs)
	key := syncItemKey(account, it.Kind, it.LocalID)
	if v := items.Get(key); v != nil {
		var old SyncItem
		if err := json.Unmarshal(v, &old); err == nil && old.Href != it.Href {
			if err := hrefs.Delete(syncHrefKey(account, old.Href)); err != nil {
				return err
			}
		}
	}
	data, err := json.Marshal(it)
	if err != nil {
		return err
	}
	if err := items.Put(key, data); err != nil {
		return err
	}
	return hrefs.Put(syncHrefKey(account, it.Href), join([]byte{it.Kind}, u64(it.LocalID)))
}

// eachSyncItem hands fn every item whose key starts with prefix: an
// account's (syncPrefix), or one kind of them.
func eachSyncItem(tx *bolt.Tx, prefix []byte, fn func(SyncItem)) error {
	c := tx.Bucket(bSyncItems).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var it SyncItem
		if err := json.Unmarshal(v, &it); err != nil {
			return err
		}
		fn(it)
	}
	return nil
}

func dropSyncItem(tx *bolt.Tx, account string, it SyncItem) error {
	if err := tx.Bucket(bSyncItems).Delete(syncItemKey(account, it.Kind, it.LocalID)); err != nil {
		return err
	}
	return tx.Bucket(bSyncHrefs).Delete(syncHrefKey(account, it.Href))
}

// checkSync proves that the href index and the items agree, both ways.
func checkSync(tx *bolt.Tx) []string {
	var problems []string
	items, hrefs := tx.Bucket(bSyncItems), tx.Bucket(bSyncHrefs)
	_ = items.ForEach(func(k, v []byte) error {
		var it SyncItem
		if err := json.Unmarshal(v, &it); err != nil {
			problems = append(problems, fmt.Sprintf("sync_items: %q cannot be read: %v", k, err))
			return nil
		}
		account, _, _ := strings.Cut(string(k), "\x00")
		want := join([]byte{it.Kind}, u64(it.LocalID))
		if got := hrefs.Get(syncHrefKey(account, it.Href)); string(got) != string(want) {
			problems = append(problems, fmt.Sprintf("sync_hrefs: account %s lacks the href %s of its %c record %d", account, it.Href, it.Kind, it.LocalID))
		}
		return nil
	})
	_ = hrefs.ForEach(func(k, v []byte) error {
		account, href, _ := strings.Cut(string(k), "\x00")
		if len(v) != 9 || items.Get(syncItemKey(account, v[0], idAt(v, 1))) == nil {
			problems = append(problems, fmt.Sprintf("sync_hrefs: account %s's href %s names no synced record", account, href))
		}
		return nil
	})
	return problems
}

// SyncLocal reads every contact and follow-up in one transaction, the
// local side of a sync run.
func (s *Store) SyncLocal() ([]model.Contact, []model.FollowUp, error) {
	var cs []model.Contact
	var fs []model.FollowUp
	err := s.view(func(tx *bolt.Tx) error {
		err := eachRecord(tx, bContacts, func(c model.Contact) { cs = append(cs, c) })
		if err != nil {
			return err
		}
		return eachRecord(tx, bFollowUps, func(f model.FollowUp) { fs = append(fs, f) })
	})
	return cs, fs, err
}

// ContactConflicts are the open sync conflicts on one contact, from every
// account: for the TUI's detail view.
func (s *Store) ContactConflicts(id uint64) ([]SyncConflict, error) {
	accs, err := s.SyncAccounts()
	var out []SyncConflict
	for _, acc := range accs {
		for _, c := range acc.Conflicts {
			if c.Kind == SyncContact && c.LocalID == id {
				out = append(out, c)
			}
		}
	}
	return out, err
}

// JournalHead is the id of the newest journal entry: the change marker a
// sync run keeps, so the next one reads only what changed since.
func (s *Store) JournalHead() (uint64, error) {
	var head uint64
	err := s.view(func(tx *bolt.Tx) error {
		head = tx.Bucket(bJournal).Sequence()
		return nil
	})
	return head, err
}

// ChangedSince lists the contacts and follow-ups written by journal
// entries after marker, except those of the command own (a sync run's own
// writes leave records exactly as its state says). ok is false when the
// journal no longer reaches back that far (pruned), or marker is 0: then
// everything must be compared.
func (s *Store) ChangedSince(marker uint64, own string) (map[SyncKey]bool, bool, error) {
	changed := map[SyncKey]bool{}
	if marker == 0 {
		return changed, false, nil
	}
	ok := true
	kinds := map[string]byte{string(bContacts): SyncContact, string(bFollowUps): SyncTask}
	err := s.view(func(tx *bolt.Tx) error {
		j := tx.Bucket(bJournal)
		if marker > j.Sequence() {
			ok = false // a file restored from an older backup
			return nil
		}
		c := j.Cursor()
		if k, _ := c.First(); k != nil && idAt(k, 0) > marker+1 {
			ok = false
			return nil
		}
		for k, v := c.Seek(u64(marker + 1)); k != nil; k, v = c.Next() {
			e, err := decodeJournalEntry(v)
			if err != nil {
				return err
			}
			if own != "" && e.Command == own && e.Kind == KindWrite {
				continue
			}
			for _, ch := range e.Changes {
				kind := kinds[ch.Bucket]
				if kind == 0 {
					continue
				}
				for _, key := range ch.keys() {
					if len(key) == 8 {
						changed[SyncKey{kind, idAt(key, 0)}] = true
					}
				}
			}
		}
		return nil
	})
	return changed, ok, err
}

// Command is what the journal currently says makes each change.
func (s *Store) Command() string { return s.command }

// ForgetSyncItems drops what an account knows of its records, kind by
// kind: after its collections moved (another server, another task list)
// the next run starts afresh and pairs records by UID.
func (s *Store) ForgetSyncItems(account string, kind byte) error {
	return s.update(func(tx *bolt.Tx) error {
		var drop []SyncItem
		err := eachSyncItem(tx, append(syncPrefix(account), kind), func(it SyncItem) { drop = append(drop, it) })
		if err != nil {
			return err
		}
		for _, it := range drop {
			if err := dropSyncItem(tx, account, it); err != nil {
				return err
			}
		}
		return nil
	})
}
