package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// TestMatchCandidates: each key gives the ids under it in id order (a
// contact without a UID under the one its export derives), and only the
// contacts not known yet are read, with the fields matching weighs.
func TestMatchCandidates(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", Company: "Analytical", Title: "CTO", UID: "URN:UUID:ABC", Emails: []string{"Ada@X.example", "ada@y.example"}, Birthday: model.Date{Month: time.December, Day: 10}})
	ada2 := mustAdd(t, s, model.Contact{Name: "ádá lovelace", Emails: []string{"ada@x.example"}})
	mustAdd(t, s, model.Contact{Name: "Ada Lovelaces", UID: "abc-2"})
	m, err := s.MatchCandidates(MatchKeys{
		UIDs:   []string{"abc", model.UIDKey(model.ContactUID(ada2)), "ab"},
		Emails: []string{"ada@x.example", "ada@"},
		Names:  []string{model.Fold("Ada Lovelace")},
	}, func(id uint64) bool { return id == ada2.ID })
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]uint64{"abc": {ada.ID}, model.UIDKey(model.ContactUID(ada2)): {ada2.ID}, "ab": nil}
	if !reflect.DeepEqual(m.UIDs, want) {
		t.Errorf("uids %v, want %v", m.UIDs, want)
	}
	if !reflect.DeepEqual(m.Emails, map[string][]uint64{"ada@x.example": {ada.ID, ada2.ID}, "ada@": nil}) {
		t.Errorf("emails %v", m.Emails)
	}
	if !reflect.DeepEqual(m.Names, map[string][]uint64{"ada lovelace": {ada.ID, ada2.ID}}) {
		t.Errorf("names %v", m.Names)
	}
	got, ok := m.Contacts[ada.ID]
	wantAda := model.Contact{ID: ada.ID, UID: ada.UID, Name: ada.Name, Company: ada.Company, Title: ada.Title, Birthday: ada.Birthday, Created: ada.Created}
	if len(m.Contacts) != 1 || !ok || !reflect.DeepEqual(got, wantAda) {
		t.Errorf("contacts read %+v, want only %+v", m.Contacts, wantAda)
	}
}

// TestMatchFieldsTags: matchFields and matchKeyFields decode a stored
// contact's fields as model.Contact does, so they cannot drift apart.
func TestMatchFieldsTags(t *testing.T) {
	for _, f := range []any{&matchFields{}, &matchKeyFields{}} {
		sameFields(t, f)
	}
}

func sameFields(t *testing.T, into any) {
	c := model.Contact{ID: 7, UID: "u", Name: "N", Company: "C", Title: "T", Birthday: model.Date{Year: 1990, Month: time.May, Day: 2},
		Created: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), Emails: []string{"e@x"}}
	raw, _ := json.Marshal(c)
	if err := json.Unmarshal(raw, into); err != nil {
		t.Fatal(err)
	}
	fv, cv := reflect.ValueOf(into).Elem(), reflect.ValueOf(c)
	for i := range fv.NumField() {
		name := fv.Type().Field(i).Name
		ct, _ := cv.Type().FieldByName(name)
		if tag := fv.Type().Field(i).Tag.Get("json"); !strings.HasPrefix(ct.Tag.Get("json"), tag) {
			t.Errorf("%s: tag %q, model.Contact has %q", name, tag, ct.Tag.Get("json"))
		}
		if !reflect.DeepEqual(fv.Field(i).Interface(), cv.FieldByName(name).Interface()) {
			t.Errorf("%s: decoded %v, want %v", name, fv.Field(i), cv.FieldByName(name))
		}
	}
}

// TestMatchIndexesMigration: a book from before the UID and email indexes
// gets them at open (check finds them complete), and check reports an
// entry that is missing.
func TestMatchIndexesMigration(t *testing.T) {
	s := newStore(t)
	for i := range 30 {
		c := model.Contact{Name: fmt.Sprint("P", i), Emails: []string{fmt.Sprintf("P%d@x.example", i), "shared@x.example"}}
		if i%2 == 0 {
			c.UID = fmt.Sprint("uid-", i)
		}
		mustAdd(t, s, c)
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bUIDs, bEmails} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bMeta).Put(kSchema, binary.BigEndian.AppendUint32(nil, 8))
	})
	s2, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s2)
	m, err := s2.MatchCandidates(MatchKeys{UIDs: []string{"uid-4"}, Emails: []string{"shared@x.example", "p5@x.example"}}, nil)
	if err != nil || len(m.UIDs["uid-4"]) != 1 || len(m.Emails["shared@x.example"]) != 30 || len(m.Emails["p5@x.example"]) != 1 {
		t.Fatalf("after the migration: %v %v", m, err)
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		return tx.Bucket(bEmails).Delete(join([]byte("p5@x.example"), []byte{0}, u64(m.Emails["p5@x.example"][0])))
	})
	problems, err := s2.Check()
	if err != nil || !strings.Contains(strings.Join(problems, "\n"), "idx_emails") {
		t.Errorf("check after an entry went: %v %v", problems, err)
	}
}
