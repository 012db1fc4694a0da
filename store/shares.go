package store

import (
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// AddShare saves a "next time share" item for a contact.
func (s *Store) AddShare(sh *model.Share) error {
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bContacts).Get(u64(sh.ContactID)) == nil {
			return fmt.Errorf("contact %d: %w", sh.ContactID, ErrNotFound)
		}
		describe(tx, "add the share '%s' for %s", sh.Text, contactName(tx, sh.ContactID))
		return addShare(tx, sh)
	})
}

func addShare(tx *bolt.Tx, sh *model.Share) error {
	*sh = sh.Cleaned()
	if strings.TrimSpace(sh.Text) == "" {
		return fmt.Errorf("a thing to share needs some text")
	}
	id, err := nextID(tx, bShares)
	if err != nil {
		return err
	}
	sh.ID = id
	if err := putNewJSON(tx, bShares, id, sh); err != nil {
		return err
	}
	return putKeys(tx, shareIndexKeys(*sh))
}

// shareIndexKeys lists a share's index entries: the journal and Check use
// the same list as every write.
func shareIndexKeys(sh model.Share) []indexKey {
	return []indexKey{{bContactS, join(u64(sh.ContactID), u64(sh.ID)), nil}}
}

// markShared ticks shares off as brought on day, when a note for the
// contact is saved (capture.go); with a contact id, only that contact's.
func markShared(tx *bolt.Tx, contactID uint64, day model.Date, ids []uint64) error {
	for _, id := range ids {
		var sh model.Share
		if err := getJSON(tx, bShares, id, &sh); err != nil {
			return fmt.Errorf("share %d: %w", id, err)
		}
		if contactID != 0 && sh.ContactID != contactID {
			return fmt.Errorf("share %d is not for contact %d", id, contactID)
		}
		sh.Shared = day
		if err := putJSON(tx, bShares, id, sh); err != nil {
			return err
		}
	}
	return nil
}

// OpenShares lists a contact's things still to bring, for the note form.
func (s *Store) OpenShares(contactID uint64) ([]model.Share, error) {
	var out []model.Share
	err := s.view(func(tx *bolt.Tx) error {
		all, err := contactShares(tx, contactID)
		for _, sh := range all {
			if sh.Open() {
				out = append(out, sh)
			}
		}
		return err
	})
	return out, err
}

func contactShares(tx *bolt.Tx, contactID uint64) ([]model.Share, error) {
	out := []model.Share{}
	err := children(tx, bContactS, contactID, func(id uint64) error {
		var sh model.Share
		if err := getJSON(tx, bShares, id, &sh); err != nil {
			return fmt.Errorf("share %d: %w", id, err)
		}
		out = append(out, sh)
		return nil
	})
	return out, err
}

// restoreShares writes a backup's shares with their own ids.
func restoreShares(tx *bolt.Tx, shares []model.Share) error {
	for _, sh := range shares {
		sh = sh.Cleaned()
		if err := claimID(tx, bShares, sh.ID); err != nil {
			return err
		}
		if err := putNewJSON(tx, bShares, sh.ID, sh); err != nil {
			return err
		}
		if err := putKeys(tx, shareIndexKeys(sh)); err != nil {
			return err
		}
	}
	return nil
}
