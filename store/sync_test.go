package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// A pull's record and its sync state land together, the record journaled
// and the state not; Check proves the href index against the items.
func TestApplySyncAndCheck(t *testing.T) {
	s := newStore(t)
	c := model.Contact{Name: "Ada Lovelace", Stage: model.Customer}
	item := SyncItem{Kind: SyncContact, Href: "/u/contacts/ada.vcf", UID: "ada", ETag: `"1"`, Snapshot: model.Fields{"name": {"Ada Lovelace"}}}
	acc := SyncAccount{Name: "work"}
	if err := s.ApplySync(acc, "sync work: 1 contact", []SyncOp{{Contact: &c, Item: &item}}); err != nil {
		t.Fatal(err)
	}
	_, items, err := s.SyncState("work")
	if err != nil || len(items) != 1 || items[SyncKey{SyncContact, c.ID}].Href != item.Href {
		t.Fatalf("state %+v, %v", items, err)
	}
	if problems, err := s.Check(); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	h, err := s.History(5)
	if err != nil || len(h) != 1 || h[0].Summary != "sync work: 1 contact" {
		t.Fatalf("history %+v", h)
	}
	// Undo takes the contact back; the state stays (the next sync sees the
	// record gone and deletes it on the server).
	if _, err := s.Undo(0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Contact(c.ID); err == nil {
		t.Error("undo left the synced contact")
	}
	if _, items, _ := s.SyncState("work"); len(items) != 1 {
		t.Error("undo touched the sync state")
	}
	// A lost href entry is found.
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bSyncHrefs).Delete(syncHrefKey("work", item.Href)) })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check()
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "lacks the href /u/contacts/ada.vcf") {
		t.Errorf("check after losing an href: %v %v", problems, err)
	}
}

func TestChangedSince(t *testing.T) {
	s := newStore(t)
	if _, ok, _ := s.ChangedSince(0, ""); ok {
		t.Error("marker 0 should ask for a full comparison")
	}
	a := model.Contact{Name: "Ada Lovelace", Stage: model.Customer}
	b := model.Contact{Name: "Bob Byte", Stage: model.Customer}
	for _, c := range []*model.Contact{&a, &b} {
		if err := s.AddContact(c); err != nil {
			t.Fatal(err)
		}
	}
	head, _ := s.JournalHead()
	f := model.FollowUp{ContactID: b.ID, Text: "call", Due: testToday}
	if err := s.AddFollowUp(&f); err != nil {
		t.Fatal(err)
	}
	a.Title = "CTO"
	if err := s.UpdateContact(a); err != nil {
		t.Fatal(err)
	}
	changed, ok, err := s.ChangedSince(head, "")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	want := map[SyncKey]bool{{SyncContact, a.ID}: true, {SyncTask, f.ID}: true}
	if len(changed) != len(want) || !changed[SyncKey{SyncContact, a.ID}] || !changed[SyncKey{SyncTask, f.ID}] {
		t.Errorf("changed %v, want %v", changed, want)
	}
	if _, ok, _ := s.ChangedSince(head+100, ""); ok {
		t.Error("a marker beyond the journal (an older backup restored) should ask for a full comparison")
	}
	// Entries pruned past the marker: the journal cannot say.
	db, err := bolt.Open(s.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for id := uint64(1); id <= head+1; id++ {
			if err := tx.Bucket(bJournal).Delete(u64(id)); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.ChangedSince(head, ""); ok {
		t.Error("a journal pruned past the marker should ask for a full comparison")
	}
}
