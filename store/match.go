package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// An import matches each incoming card against the contacts that share
// its UID, an email or its name. These indexes let it read only those
// contacts, a chunk of cards at a time, instead of the whole book.

// maxMatchKey bounds the keys of idx_uids and idx_emails. A UID or email
// an incoming card can carry is at most model.MaxFieldRunes characters, so
// under this even in lower case; a longer one, which only a book from
// before the bound can hold, could never match and would not fit a bbolt
// key, so it is left out of the index (and out of Check's expectations).
const maxMatchKey = 8 << 10

// matchIndexKeys lists a contact's idx_uids and idx_emails entries; they
// are part of contactIndexKeys, so every write keeps them and Check
// proves them.
func matchIndexKeys(c model.Contact) []indexKey {
	id := u64(c.ID)
	var keys []indexKey
	add := func(bucket []byte, k string) {
		if len(k) <= maxMatchKey {
			keys = append(keys, indexKey{bucket, join([]byte(k), []byte{0}, id), nil})
		}
	}
	add(bUIDs, model.UIDKey(model.ContactUID(c)))
	seen := map[string]bool{}
	for _, e := range c.Emails {
		if k := strings.ToLower(e); !seen[k] {
			seen[k] = true
			add(bEmails, k)
		}
	}
	return keys
}

// buildMatchIndexes fills idx_uids and idx_emails for a book made before
// they existed. This step runs in the first command after an upgrade, so
// it is lean: it decodes only the fields the keys come from and keeps
// each key as one string (not an indexKey, three slices), then puts each
// bucket's keys in order, where bbolt appends (see deferPuts).
func buildMatchIndexes(tx *bolt.Tx) error {
	if err := createBuckets(tx); err != nil {
		return err
	}
	keys := map[string][]string{}
	err := eachRecord(tx, bContacts, func(f matchKeyFields) {
		c := model.Contact{ID: f.ID, UID: f.UID, Created: f.Created, Emails: f.Emails}
		for _, k := range matchIndexKeys(c) {
			keys[string(k.bucket)] = append(keys[string(k.bucket)], string(k.key))
		}
	})
	if err != nil {
		return err
	}
	for name, list := range keys {
		slices.Sort(list)
		b := tx.Bucket([]byte(name))
		b.FillPercent = 0.9
		for _, k := range list {
			if err := b.Put([]byte(k), nil); err != nil {
				return err
			}
		}
		keys[name] = nil
	}
	return nil
}

// MatchKeys are what an import looks stored contacts up by, each in the
// form the indexes hold: UIDs as model.UIDKey gives them, emails in lower
// case, names as model.Fold gives them.
type MatchKeys struct {
	UIDs, Emails, Names []string
}

// Matches are, for each key looked up, the ids of the contacts stored
// under it, in id order (a contact without a UID is under the UID its
// exports derive), and the contacts among them the caller did not know,
// with only the fields matching weighs: ID, UID, Name, Company, Title,
// Birthday and Created (see matchFields). ContactsByID reads them whole.
type Matches struct {
	UIDs, Emails, Names map[string][]uint64
	Contacts            map[uint64]model.Contact
}

// MatchCandidates looks keys up in one read transaction and reads the
// contacts found that known does not report (nil: none known). An import
// calls it once per chunk of cards, so its memory follows the file, not
// the book.
func (s *Store) MatchCandidates(keys MatchKeys, known func(uint64) bool) (Matches, error) {
	m := Matches{UIDs: map[string][]uint64{}, Emails: map[string][]uint64{}, Names: map[string][]uint64{}, Contacts: map[uint64]model.Contact{}}
	err := s.view(func(tx *bolt.Tx) error {
		for _, look := range []struct {
			bucket []byte
			keys   []string
			out    map[string][]uint64
		}{{bUIDs, keys.UIDs, m.UIDs}, {bEmails, keys.Emails, m.Emails}, {bNames, keys.Names, m.Names}} {
			for _, k := range look.keys {
				if _, done := look.out[k]; done {
					continue
				}
				ids := idsUnder(tx.Bucket(look.bucket), k)
				look.out[k] = ids
				if err := readMatchFields(tx, ids, known, m.Contacts); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return m, err
}

// idsUnder lists the ids of the keys "k 0x00 id" of an index, in id order.
func idsUnder(b *bolt.Bucket, k string) []uint64 {
	prefix := append([]byte(k), 0)
	var ids []uint64
	c := b.Cursor()
	for key, _ := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, _ = c.Next() {
		if len(key) == len(prefix)+8 {
			ids = append(ids, lastID(key))
		}
	}
	return ids
}

// matchFields is the part of a stored contact that matching weighs.
// Decoding only these skips building every list and text of a contact
// that is only a candidate: most never take a card. The tags are those
// of model.Contact (a test holds them together).
type matchFields struct {
	ID       uint64     `json:"id"`
	UID      string     `json:"uid"`
	Name     string     `json:"name"`
	Company  string     `json:"company"`
	Title    string     `json:"title"`
	Birthday model.Date `json:"birthday"`
	Created  time.Time  `json:"created"`
}

// matchKeyFields is the part of a stored contact its idx_uids and
// idx_emails keys come from (tags as in model.Contact).
type matchKeyFields struct {
	ID      uint64    `json:"id"`
	UID     string    `json:"uid"`
	Created time.Time `json:"created"`
	Emails  []string  `json:"emails"`
}

// readMatchFields reads into out the match fields of the contacts of ids
// not read yet.
func readMatchFields(tx *bolt.Tx, ids []uint64, known func(uint64) bool, out map[uint64]model.Contact) error {
	for _, id := range ids {
		if _, have := out[id]; have || known != nil && known(id) {
			continue
		}
		var f matchFields
		if err := getJSON(tx, bContacts, id, &f); err != nil {
			return fmt.Errorf("contact %d: %w", id, err)
		}
		out[id] = model.Contact{ID: f.ID, UID: f.UID, Name: f.Name, Company: f.Company, Title: f.Title, Birthday: f.Birthday, Created: f.Created}
	}
	return nil
}

// ContactsByID reads the given contacts whole, in one read transaction.
func (s *Store) ContactsByID(ids []uint64) (map[uint64]model.Contact, error) {
	out := make(map[uint64]model.Contact, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			var c model.Contact
			if err := getJSON(tx, bContacts, id, &c); err != nil {
				return fmt.Errorf("contact %d: %w", id, err)
			}
			out[id] = c
		}
		return nil
	})
	return out, err
}
