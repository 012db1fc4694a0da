package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// AddContact saves a new contact and gives it an id.
func (s *Store) AddContact(c *model.Contact) error {
	return s.update(func(tx *bolt.Tx) error {
		describe(tx, "add %s", c.Name)
		return addContact(tx, c)
	})
}

// UpdateContact saves changes to an existing contact. The last touch only
// moves forward: c may have been read before a note was logged from another
// shell, and saving an edit must not take that touch back.
func (s *Store) UpdateContact(c model.Contact) error {
	return s.update(func(tx *bolt.Tx) error {
		old, err := updateContact(tx, &c)
		if err != nil {
			return err
		}
		describe(tx, "edit %s", old.Name)
		return nil
	})
}

// updateContact writes c over the stored contact of its id, which it
// returns; c's last touch only moves forward (see UpdateContact).
func updateContact(tx *bolt.Tx, c *model.Contact) (model.Contact, error) {
	var old model.Contact
	if err := getJSON(tx, bContacts, c.ID, &old); err != nil {
		return old, fmt.Errorf("contact %d: %w", c.ID, err)
	}
	if old.LastTouch.After(c.LastTouch) {
		c.LastTouch = old.LastTouch
	}
	return old, putContact(tx, &old, *c)
}

// Contact loads one contact.
func (s *Store) Contact(id uint64) (model.Contact, error) {
	var c model.Contact
	err := s.view(func(tx *bolt.Tx) error { return getJSON(tx, bContacts, id, &c) })
	return c, err
}

func addContact(tx *bolt.Tx, c *model.Contact) error {
	id, err := nextID(tx, bContacts)
	if err != nil {
		return err
	}
	c.ID = id
	return putContact(tx, nil, *c)
}

// putContact writes a contact and every index derived from it, removing
// the entries of its previous version old (nil for a new contact).
func putContact(tx *bolt.Tx, old *model.Contact, c model.Contact) error {
	c = c.Cleaned()
	if err := c.Validate(); err != nil {
		return err
	}
	if c.ReferredBy == c.ID {
		return fmt.Errorf("a contact cannot be referred by themselves")
	}
	if c.ReferredBy != 0 && tx.Bucket(bContacts).Get(u64(c.ReferredBy)) == nil {
		return fmt.Errorf("referred-by contact %d does not exist", c.ReferredBy)
	}
	if old == nil {
		// Every caller passing no old one has a free id.
		if err := putNewJSON(tx, bContacts, c.ID, c); err != nil {
			return err
		}
		return indexContact(tx, c)
	}
	if err := putJSON(tx, bContacts, c.ID, c); err != nil {
		return err
	}
	return moveContactIndex(tx, *old, c)
}

// moveContactIndex turns old's index entries and touch count into c's. It
// writes only the entries that differ: bbolt rewrites every page a Put or
// Delete reaches, even for an unchanged entry, and a note, which moves its
// contact's last touch, must not rewrite the name, word and moment indexes.
func moveContactIndex(tx *bolt.Tx, old, c model.Contact) error {
	if old.Name != c.Name {
		if err := renameInDue(tx, c.ID, c.Name); err != nil {
			return err
		}
	}
	if from, to := old.NextTouch(), c.NextTouch(); from != to {
		if err := countTouchDay(tx, from, -1); err != nil {
			return err
		}
		if err := countTouchDay(tx, to, +1); err != nil {
			return err
		}
	}
	return replaceKeys(tx, contactIndexKeys(old), contactIndexKeys(c))
}

// indexContact adds a stored contact's index entries and counts.
func indexContact(tx *bolt.Tx, c model.Contact) error {
	if err := countTouchDay(tx, c.NextTouch(), +1); err != nil {
		return err
	}
	return putKeys(tx, contactIndexKeys(c))
}

func readU32(b []byte) uint32 {
	if len(b) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}

// indexKey is one index entry: bucket, key and value.
type indexKey struct {
	bucket, key, value []byte
}

// contactIndexKeys lists the index entries a contact should have. Writing,
// deleting and checking all use this one list, so they cannot disagree.
func contactIndexKeys(c model.Contact) []indexKey {
	e := entryOf(c)
	id := u64(c.ID)
	keys := []indexKey{
		{bNames, join([]byte(e.Folded), []byte{0}, id), encodeSummary(e)},
		{bNextTouch, join(dateBytes(e.NextTouch), id), nil},
		{bCold, coldKey(c), encodeTouch(c)},
	}
	wordValue := encodeWordValue(e)
	for bucket, text := range map[string]string{string(bWords): e.Folded, string(bCompanyWords): model.Fold(c.Company)} {
		seen := map[string]bool{}
		for _, w := range strings.Fields(text) {
			if !seen[w] {
				seen[w] = true
				keys = append(keys, indexKey{[]byte(bucket), join([]byte(w), []byte{0}, id), wordValue})
			}
		}
	}
	keys = append(keys, contactTextKeys(c)...)
	keys = append(keys, matchIndexKeys(c)...)
	if c.ReferredBy != 0 {
		keys = append(keys, indexKey{bReferrals, join(u64(c.ReferredBy), id), nil})
	}
	for i, m := range c.AllMoments() {
		key := join([]byte{byte(m.Date.Month), byte(m.Date.Day)}, id, []byte{byte(i)})
		keys = append(keys, indexKey{bMoments, key, encodeMoment(m, c.Name)})
	}
	return keys
}

// encodeMoment packs year (2 bytes) | uvarint len(label) | label | name.
func encodeMoment(m model.Moment, name string) []byte {
	b := binary.BigEndian.AppendUint16(nil, uint16(m.Date.Year))
	b = binary.AppendUvarint(b, uint64(len(m.Label)))
	b = append(b, m.Label...)
	return append(b, name...)
}

func decodeMoment(k, v []byte) (id uint64, m model.Moment, name string, ok bool) {
	if len(k) != 11 || len(v) < 3 {
		return 0, m, "", false
	}
	n, w := binary.Uvarint(v[2:])
	if w <= 0 || 2+w+int(n) > len(v) {
		return 0, m, "", false
	}
	m.Date = model.Date{Year: int(binary.BigEndian.Uint16(v)), Month: timeMonth(k[0]), Day: int(k[1])}
	m.Label = string(v[2+w : 2+w+int(n)])
	return idAt(k, 2), m, string(v[2+w+int(n):]), true
}

func putKeys(tx *bolt.Tx, keys []indexKey) error {
	if deferred(tx, keys) {
		return nil
	}
	for _, k := range keys {
		if err := tx.Bucket(k.bucket).Put(k.key, k.value); err != nil {
			return err
		}
	}
	return nil
}

// replaceKeys turns the index entries old into new, deleting and putting
// only the entries that differ.
func replaceKeys(tx *bolt.Tx, old, new []indexKey) error {
	id := func(k indexKey) string { return string(k.bucket) + "\x00" + string(k.key) } // bucket names hold no NUL
	was := make(map[string][]byte, len(old))
	for _, k := range old {
		was[id(k)] = k.value
	}
	is := make(map[string]bool, len(new))
	var fresh, stale []indexKey
	for _, k := range new {
		is[id(k)] = true
		if v, ok := was[id(k)]; !ok || !bytes.Equal(v, k.value) {
			fresh = append(fresh, k)
		}
	}
	for _, k := range old {
		if !is[id(k)] {
			stale = append(stale, k)
		}
	}
	if err := deleteKeys(tx, stale); err != nil {
		return err
	}
	return putKeys(tx, fresh)
}

func deleteKeys(tx *bolt.Tx, keys []indexKey) error {
	for _, k := range keys {
		if err := tx.Bucket(k.bucket).Delete(k.key); err != nil {
			return err
		}
	}
	return nil
}
