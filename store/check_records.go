package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Check proves the indexes against the records a chunk of records per
// read transaction, so no transaction keeps writers out for long. Every
// index entry belongs to one record, whose id its key holds (ownerOf); a
// chunk covers the records with ids from..to and, in the same
// transaction, the stored entries whose owner lies in that range. Both
// sides of each comparison are read in one transaction, so a write
// between chunks cannot make a sound book look wrong.

// ownedIndexes names, per record bucket, the indexes its records call
// for. A chunk sums the entries of its span by scanning the index, which
// costs the whole index per chunk; for the two million entries of the
// notes' index (and the 300,000 of the follow-ups') that is too slow, so
// an index with one entry per record has its entries looked up one by
// one instead, and the counts show an extra one (checkPointed).
var ownedIndexes = []struct {
	records []byte
	indexes [][]byte
	pointed []byte
}{
	{bContacts, [][]byte{bNames, bWords, bCompanyWords, bNextTouch, bCold, bMoments, bReferrals, bContactText, bTags, bUIDs, bEmails}, nil},
	{bNotes, nil, bContactNote},
	{bFollowUps, [][]byte{bDue}, bContactFU},
	{bQuestions, [][]byte{bContactQ}, nil},
	{bShares, [][]byte{bContactS}, nil},
}

// ownerOf is the id of the record an index entry belongs to: the id that
// ends the key, or for a moment the one after its month and day. A key
// too short to hold one belongs to 0, which the first chunk covers.
func ownerOf(bucket, k []byte) uint64 {
	at := len(k) - 8
	if bytes.Equal(bucket, bMoments) {
		at = 2
	}
	if at < 0 || at+8 > len(k) {
		return 0
	}
	return idAt(k, at)
}

// chunkRecords and chunkTime bound a chunk: whichever comes first.
var (
	chunkRecords = 50000
	chunkTime    = 150 * time.Millisecond
)

// span is the owner ids a chunk covers: from, up to but not including
// to, or everything from on when last.
type span struct {
	from, to uint64
	last     bool
}

func (sp span) holds(id uint64) bool { return id >= sp.from && (sp.last || id < sp.to) }

// eachInSpan calls fn with the records of bucket that a chunk starting at
// from takes, and returns the span they make.
func eachInSpan(tx *bolt.Tx, bucket []byte, from uint64, fn func(k, v []byte)) span {
	deadline := time.Now().Add(chunkTime)
	c := tx.Bucket(bucket).Cursor()
	n := 0
	for k, v := c.Seek(u64(from)); k != nil; k, v = c.Next() {
		if n >= chunkRecords || n%64 == 63 && time.Now().After(deadline) {
			return span{from: from, to: lastID(k)}
		}
		n++
		fn(k, v)
	}
	return span{from: from, last: true}
}

// eachOfSpan calls fn with the records of bucket in sp, exactly.
func eachOfSpan(tx *bolt.Tx, bucket []byte, sp span, fn func(k, v []byte)) {
	c := tx.Bucket(bucket).Cursor()
	for k, v := c.Seek(u64(sp.from)); k != nil && sp.holds(lastID(k)); k, v = c.Next() {
		fn(k, v)
	}
}

// checkPause, when tests set it, runs between two of check's read
// transactions, where no lock of check's is held.
var checkPause func()

func pauseCheck() {
	if checkPause != nil {
		checkPause()
	}
}

// checkRecords runs the chunks of the records of o.records; t gathers
// the counters' tallies on the way.
func (s *Store) checkRecords(t *tallies, records []byte, indexes [][]byte, pointed []byte) ([]string, error) {
	var problems []string
	err := s.eachSpan(func(tx *bolt.Tx, from uint64) span {
		sp, p := checkChunk(tx, records, indexes, pointed, from, t)
		problems = append(problems, p...)
		return sp
	})
	return problems, err
}

// eachSpan runs chunk, which takes the records of a span starting at from
// (eachInSpan), in a read transaction of its own per span until the last.
func (s *Store) eachSpan(chunk func(tx *bolt.Tx, from uint64) span) error {
	for sp := (span{}); ; sp = (span{from: sp.to}) {
		err := s.view(func(tx *bolt.Tx) error {
			sp = chunk(tx, sp.from)
			return nil
		})
		if err != nil || sp.last {
			return err
		}
		pauseCheck()
	}
}

// checkChunk compares, for one chunk of records, digests of the index
// entries they call for with those of the stored entries they own, and
// lists the entries of an index whose digests differ.
func checkChunk(tx *bolt.Tx, records []byte, indexes [][]byte, pointed []byte, from uint64, t *tallies) (span, []string) {
	d := newDigester()
	want := map[string]*indexDigest{}
	var problems []string
	t.seen(tx)
	sp := eachInSpan(tx, records, from, func(k, v []byte) {
		keys, p := recordKeys(tx, records, k, v, t)
		problems = append(problems, p...)
		for _, ik := range keys {
			if bytes.Equal(ik.bucket, pointed) {
				problems = append(problems, lookUp(tx, ik)...)
				continue
			}
			w := want[string(ik.bucket)]
			if w == nil {
				w = &indexDigest{}
				want[string(ik.bucket)] = w
			}
			w.add(d.entry(ik.key, ik.value))
		}
	})
	var differ [][]byte
	for _, b := range indexes {
		var have indexDigest
		tx.Bucket(b).ForEach(func(k, v []byte) error {
			if sp.holds(ownerOf(b, k)) {
				have.add(d.entry(k, v))
			}
			return nil
		})
		w := want[string(b)]
		if w == nil {
			w = &indexDigest{}
		}
		if have != *w {
			differ = append(differ, b)
		}
	}
	if len(differ) > 0 {
		problems = append(problems, listEntries(tx, records, differ, sp)...)
	}
	return sp, problems
}

// listEntries derives the chunk's entries of the indexes that differ and
// reports each entry missing, extra or different.
func listEntries(tx *bolt.Tx, records []byte, differ [][]byte, sp span) []string {
	want := map[string]map[string][]byte{}
	for _, b := range differ {
		want[string(b)] = map[string][]byte{}
	}
	eachOfSpan(tx, records, sp, func(k, v []byte) {
		keys, _ := recordKeys(tx, records, k, v, nil)
		for _, ik := range keys {
			if w := want[string(ik.bucket)]; w != nil {
				w[string(ik.key)] = ik.value
			}
		}
	})
	var problems []string
	for _, name := range differ {
		expected := want[string(name)]
		tx.Bucket(name).ForEach(func(k, v []byte) error {
			if !sp.holds(ownerOf(name, k)) {
				return nil
			}
			w, ok := expected[string(k)]
			switch {
			case !ok:
				problems = append(problems, fmt.Sprintf("%s: entry %x has no record", name, k))
			case !bytes.Equal(w, v):
				problems = append(problems, fmt.Sprintf("%s: entry %x disagrees with its record", name, k))
			}
			delete(expected, string(k))
			return nil
		})
		for k := range expected {
			problems = append(problems, fmt.Sprintf("%s: entry %x is missing", name, k))
		}
	}
	return problems
}

// recordKeys decodes one record and returns the index entries it calls
// for, with the problems it shows: unreadable, or naming a contact that
// does not exist. t (when not nil) gathers its counts.
func recordKeys(tx *bolt.Tx, bucket, k, v []byte, t *tallies) ([]indexKey, []string) {
	id := lastID(k)
	bad := func(err error) []string {
		return []string{fmt.Sprintf("%s: record %d cannot be read (%v)", bucket, id, err)}
	}
	var problems []string
	contacts := tx.Bucket(bContacts)
	owner := func(contact uint64) {
		if contacts.Get(u64(contact)) == nil {
			problems = append(problems, fmt.Sprintf("%s: record %d belongs to contact %d, which does not exist", bucket, id, contact))
		}
	}
	switch {
	case bytes.Equal(bucket, bContacts):
		var c model.Contact
		if err := json.Unmarshal(v, &c); err != nil {
			return nil, bad(err)
		}
		if c.ReferredBy != 0 && contacts.Get(u64(c.ReferredBy)) == nil {
			problems = append(problems, fmt.Sprintf("%s: contact %d was referred by contact %d, which does not exist", bContacts, id, c.ReferredBy))
		}
		return contactIndexKeys(c), problems
	case bytes.Equal(bucket, bNotes):
		var in model.Interaction
		if err := json.Unmarshal(v, &in); err != nil {
			return nil, bad(err)
		}
		owner(in.ContactID)
		t.addNote(in)
		return noteIndexKeys(in), problems
	case bytes.Equal(bucket, bFollowUps):
		var f model.FollowUp
		if err := json.Unmarshal(v, &f); err != nil {
			return nil, bad(err)
		}
		owner(f.ContactID)
		t.addFollowUp(f)
		return followUpIndexKeys(f, contactName(tx, f.ContactID)), problems
	case bytes.Equal(bucket, bQuestions):
		var q model.Question
		if err := json.Unmarshal(v, &q); err != nil {
			return nil, bad(err)
		}
		owner(q.ContactID)
		return questionIndexKeys(q), problems
	default:
		var sh model.Share
		if err := json.Unmarshal(v, &sh); err != nil {
			return nil, bad(err)
		}
		owner(sh.ContactID)
		return shareIndexKeys(sh), problems
	}
}

// lookUp reports an entry the record calls for that is missing or
// holds another value.
func lookUp(tx *bolt.Tx, ik indexKey) []string {
	k, v := tx.Bucket(ik.bucket).Cursor().Seek(ik.key)
	switch {
	case !bytes.Equal(k, ik.key):
		return []string{fmt.Sprintf("%s: entry %x is missing", ik.bucket, ik.key)}
	case !bytes.Equal(v, ik.value):
		return []string{fmt.Sprintf("%s: entry %x disagrees with its record", ik.bucket, ik.key)}
	}
	return nil
}

// checkPointed compares, in one transaction, the number of records with
// the number of entries in their looked-up index; when the index has
// more, or the chunks found one of its entries missing (it may have been
// written under another key), its entries are read, a chunk per
// transaction, to name the extra ones.
func (s *Store) checkPointed(found []string) ([]string, error) {
	var problems []string
	for _, o := range ownedIndexes {
		if o.pointed == nil {
			continue
		}
		extra := slices.ContainsFunc(found, func(p string) bool {
			return strings.HasPrefix(p, string(o.pointed)+": entry ") && strings.HasSuffix(p, " is missing")
		})
		err := s.view(func(tx *bolt.Tx) error {
			extra = extra || tx.Bucket(o.pointed).Stats().KeyN > tx.Bucket(o.records).Stats().KeyN
			return nil
		})
		for from := []byte{}; extra && err == nil && from != nil; {
			err = s.view(func(tx *bolt.Tx) error {
				var p []string
				from, p = entriesFrom(tx, o.records, o.pointed, from)
				problems = append(problems, p...)
				return nil
			})
		}
		if err != nil {
			return problems, err
		}
	}
	return problems, nil
}

// entriesFrom checks index's entries from key on, each against the
// record its key names, until the chunk's time runs out.
func entriesFrom(tx *bolt.Tx, records, index, from []byte) (next []byte, problems []string) {
	deadline := time.Now().Add(chunkTime)
	c := tx.Bucket(index).Cursor()
	n := 0
	for k, _ := c.Seek(from); k != nil; k, _ = c.Next() {
		if n++; n%64 == 0 && time.Now().After(deadline) {
			return append([]byte(nil), k...), problems
		}
		id := u64(ownerOf(index, k))
		raw := tx.Bucket(records).Get(id)
		if raw == nil {
			problems = append(problems, fmt.Sprintf("%s: entry %x has no record", index, k))
			continue
		}
		keys, bad := recordKeys(tx, records, id, raw, nil)
		if len(bad) == 0 && !slices.ContainsFunc(keys, func(ik indexKey) bool { return bytes.Equal(ik.key, k) }) {
			problems = append(problems, fmt.Sprintf("%s: entry %x has no record", index, k))
		}
	}
	return nil, problems
}
