package store

import (
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// DumpEach, chunk by chunk, gives exactly what the one-transaction Dump does.
func TestDumpEachEqualsDump(t *testing.T) {
	s := sampleBook(t, 4, DumpChunk+37, testNow)
	want, err := s.Dump()
	if err != nil {
		t.Fatal(err)
	}
	var got []model.Bundle
	if err := s.DumpEach(func(b model.Bundle) error { got = append(got, b); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || !reflect.DeepEqual(got, want) {
		t.Fatalf("DumpEach gave %d bundles, Dump %d (or they differ)", len(got), len(want))
	}
}

// ContactsEach, chunk by chunk, gives what AllContacts gives, and never
// decodes a contact's follow-ups: a damaged follow-up stops ScheduleEach
// but not a walk that needs only the contacts (a vCard or CSV export).
func TestContactsEachReadsOnlyContacts(t *testing.T) {
	s := sampleBook(t, 5, DumpChunk+41, testNow)
	want, err := s.AllContacts()
	if err != nil {
		t.Fatal(err)
	}
	var fu uint64
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bFollowUps).Cursor().First()
		fu = lastID(k)
		return tx.Bucket(bFollowUps).Put(k, []byte("{not json"))
	})
	if fu == 0 {
		t.Fatal("the sample book has no follow-ups")
	}
	if err := s.ScheduleEach(func(model.Bundle) error { return nil }); err == nil {
		t.Fatal("ScheduleEach read past a damaged follow-up")
	}
	var got []model.Contact
	if err := s.ContactsEach(func(c model.Contact) error { got = append(got, c); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || !reflect.DeepEqual(got, want) {
		t.Fatalf("ContactsEach gave %d contacts, AllContacts %d (or they differ)", len(got), len(want))
	}
}
