package store

import (
	"encoding/binary"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

func isCold(t *testing.T, s *Store, id uint64) bool {
	t.Helper()
	a, err := s.Agenda(testToday, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range a.Cold {
		if c.ContactID == id {
			return true
		}
	}
	return false
}

// TestOnlyRealContactWarms: a plain note leaves a cold contact cold, a
// call warms it, and `later` puts one off without logging anything.
func TestOnlyRealContactWarms(t *testing.T) {
	s := newStore(t)
	c := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", Stage: model.Prospect, LastTouch: testNow.AddDate(0, 0, -40)})
	if !isCold(t, s, c.ID) {
		t.Fatal("setup: 40 days after the last touch a prospect is not cold")
	}
	note := model.Interaction{ContactID: c.ID, Kind: model.Note, Text: "Read that they raised a round", At: testNow}
	if err := s.LogNote(&note, nil); err != nil {
		t.Fatal(err)
	}
	if !isCold(t, s, c.ID) {
		t.Error("a plain note warmed the contact")
	}
	if got, _ := s.Contact(c.ID); !got.LastTouch.Equal(testNow.AddDate(0, 0, -40)) {
		t.Errorf("a plain note moved the last touch to %v", got.LastTouch)
	}

	put, err := s.Later(c.ID, testToday.AddDays(10))
	if err != nil || put.NextTouch() != testToday.AddDays(10) {
		t.Fatalf("Later: %v, next touch %v", err, put.NextTouch())
	}
	if isCold(t, s, c.ID) {
		t.Error("put off, yet still cold")
	}
	if n, _ := s.Notes(c.ID, 0); len(n) != 1 {
		t.Errorf("later logged something: %d notes", len(n))
	}
	mustCheck(t, s)

	call := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "Caught up", At: testNow}
	if err := s.LogNote(&call, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Contact(c.ID)
	if !got.LastTouch.Equal(testNow) || !got.NextTouchAfter.IsZero() || got.NextTouch() != testToday.AddDays(14) {
		t.Errorf("after a call: last %v, put off %v, next %v", got.LastTouch, got.NextTouchAfter, got.NextTouch())
	}
	mustCheck(t, s)
}

// TestMigrationRecountsTouches: a file from before schema 7 whose last
// touch came from a plain note, or from the contact being added, is fixed.
func TestMigrationRecountsTouches(t *testing.T) {
	s := newStore(t)
	noteOnly := mustAdd(t, s, model.Contact{Name: "Noted Only"})
	called := mustAdd(t, s, model.Contact{Name: "Called Once"})
	call := model.Interaction{ContactID: called.ID, Kind: model.Call, Text: "Hello", At: testNow.AddDate(0, 0, -3)}
	note := model.Interaction{ContactID: noteOnly.ID, Kind: model.Note, Text: "A thought", At: testNow}
	later := model.Interaction{ContactID: called.ID, Kind: model.Note, Text: "A later thought", At: testNow}
	for _, in := range []*model.Interaction{&call, &note, &later} {
		if err := s.LogNote(in, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Write the old meaning back: every note touched, adding touched.
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		for _, id := range []uint64{noteOnly.ID, called.ID} {
			var c model.Contact
			if err := getJSON(tx, bContacts, id, &c); err != nil {
				return err
			}
			c.LastTouch = testNow
			if err := putJSON(tx, bContacts, id, c); err != nil {
				return err
			}
		}
		return tx.Bucket(bMeta).Put(kSchema, binary.BigEndian.AppendUint32(nil, 6))
	})
	s2, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s2)
	if c, _ := s2.Contact(noteOnly.ID); !c.LastTouch.IsZero() {
		t.Errorf("noted only: last touch %v, want never", c.LastTouch)
	}
	if c, _ := s2.Contact(called.ID); !c.LastTouch.Equal(call.At) {
		t.Errorf("called: last touch %v, want the call's %v", c.LastTouch, call.At)
	}
}
