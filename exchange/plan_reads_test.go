package exchange

import (
	"encoding/binary"
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
	"rapport/store"
)

// countingBook counts what the planner reads of the book.
type countingBook struct {
	s               *store.Store
	calls, contacts int
}

func (c *countingBook) MatchCandidates(keys store.MatchKeys, known func(uint64) bool) (store.Matches, error) {
	m, err := c.s.MatchCandidates(keys, known)
	c.calls++
	c.contacts += len(m.Contacts)
	return m, err
}

// bigishBook stores n contacts with distinct names, emails and UIDs.
func bigishBook(t *testing.T, s *store.Store, n int) {
	t.Helper()
	var changes []store.Change
	for i := range n {
		changes = append(changes, store.Change{Contact: model.Contact{Name: fmt.Sprintf("Person %d", i), UID: fmt.Sprintf("uid-%d", i),
			Emails: []string{fmt.Sprintf("p%d@example.com", i)}, Stage: model.Prospect, Created: now}})
	}
	if _, err := s.Upsert(changes); err != nil {
		t.Fatal(err)
	}
}

// TestPlanReadsOnlyCandidates: planning an import of five cards into a
// book of 2,000 contacts reads the three contacts the cards name (by UID,
// email and name), once per chunk of cards, not the book.
func TestPlanReadsOnlyCandidates(t *testing.T) {
	s := newStore(t)
	bigishBook(t, s, 2000)
	records := []Record{
		{Line: 1, Contact: model.Contact{Name: "Renamed", UID: "UID-17"}},
		{Line: 2, Contact: model.Contact{Name: "Someone", Emails: []string{"P1200@example.com"}}},
		{Line: 3, Contact: model.Contact{Name: "person 1999"}},
		{Line: 4, Contact: model.Contact{Name: "New One", Emails: []string{"new@example.com"}}},
		{Line: 5, Contact: model.Contact{Name: "New Two", UID: "uid-none"}},
	}
	book := &countingBook{s: s}
	var rep Report
	p, err := plan(book, &Batch{Source: "x.vcf", Records: records}, ImportOptions{Stage: model.Prospect, Chunk: 3}, &rep)
	if err != nil {
		t.Fatal(err)
	}
	if book.calls != 2 || book.contacts != 3 {
		t.Errorf("%d look-ups reading %d contacts, want 2 reading 3", book.calls, book.contacts)
	}
	if got := p.storedIDs(); fmt.Sprint(got) != "[18 1201 2000]" {
		t.Errorf("matched %v, want [18 1201 2000]", got)
	}
}

// TestImportIgnoresUnrelatedContacts: a contact the cards cannot match is
// never read, so even an unreadable one does not stop the import (before,
// the importer decoded every stored contact and failed on it).
func TestImportIgnoresUnrelatedContacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rapport.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	bigishBook(t, s, 50)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("contacts")).Put(binary.BigEndian.AppendUint64(nil, 30), []byte("{not json"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	records := []Record{
		{Line: 1, Contact: model.Contact{Name: "Person 3", Title: "CEO", Emails: []string{"p3@example.com"}}},
		{Line: 2, Contact: model.Contact{Name: "Newcomer"}},
	}
	rep, err := Import(s, &Batch{Source: "x.vcf", Records: records}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Updated != 1 || rep.Added != 1 {
		t.Errorf("%d updated, %d added; want 1 and 1", rep.Updated, rep.Added)
	}
	if c, err := s.Contact(4); err != nil || c.Title != "CEO" {
		t.Errorf("contact 4: %+v %v, want the title CEO", c, err)
	}
}

// TestImportWritesSmallChunks: a merge import commits at most 100
// contacts per transaction (each one dirties a page of every index until
// the commit), while a restore keeps its 500.
func TestImportWritesSmallChunks(t *testing.T) {
	s := newStore(t)
	var records []Record
	for i := range 250 {
		records = append(records, Record{Line: i + 1, Contact: model.Contact{Name: fmt.Sprint("Card ", i)}})
	}
	var done []int
	opt := ImportOptions{Progress: func(n, total int) { done = append(done, n) }}
	if _, err := Import(s, &Batch{Source: "x.vcf", Records: records}, opt); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(done) != "[100 200 250]" {
		t.Errorf("progress after %v, want [100 200 250]", done)
	}
}
