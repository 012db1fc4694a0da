package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Every write path leaves the indexes agreeing with the records.
func TestEveryWriteKeepsCheckClean(t *testing.T) {
	s := newStore(t)
	mustCheck(t, s)
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		problems, err := s.Check()
		if err != nil || len(problems) > 0 {
			t.Fatalf("after %s, Check: %v\n%s", what, err, strings.Join(problems, "\n"))
		}
	}
	ada := model.Contact{Name: "Ada Lovelace", Company: "Analytical Engines", Stage: model.Customer, Created: testNow.AddDate(-1, 0, 0),
		Birthday: model.Date{Year: 1815, Month: 12, Day: 10}, Tags: []string{"vip"}}
	step("add", s.AddContact(&ada))
	grace := model.Contact{Name: "Grace Hopper", Stage: model.Prospect, Created: testNow, ReferredBy: ada.ID,
		Moments: []model.Moment{{Label: model.LabelWorkAnniversary, Date: model.Date{Year: 2020, Month: 2, Day: 29}}}}
	step("add with a referral and a moment", s.AddContact(&grace))
	jose := model.Contact{Name: "José Núñez", Stage: model.Lead, Created: testNow, Birthday: model.Date{Month: 2, Day: 29}}
	step("add with accents", s.AddContact(&jose))
	wang := model.Contact{Name: "王伟", Stage: model.Personal, Created: testNow}
	step("add CJK", s.AddContact(&wang))

	ada.Name = "Ada King"
	step("rename", s.UpdateContact(ada))
	var nomatch *NoMatchError
	if _, err := s.Resolve("lovelace"); !errors.As(err, &nomatch) {
		t.Fatalf("the old name still resolves after a rename: %v", err)
	}
	ada.Name = "Ada King Lovelace" // more words
	step("rename to more words", s.UpdateContact(ada))
	ada.Birthday = model.Date{Month: 12, Day: 11}
	step("change birthday", s.UpdateContact(ada))
	ada.Birthday = model.Date{}
	step("drop birthday", s.UpdateContact(ada))
	ada.Moments = []model.Moment{{Label: model.LabelCustomerSince, Date: model.Date{Year: 2019, Month: 5, Day: 1}}, {Label: "first deal", Date: model.Date{Year: 2020, Month: 1, Day: 31}}}
	step("add moments", s.UpdateContact(ada))
	ada.Moments = ada.Moments[1:]
	step("drop a moment", s.UpdateContact(ada))
	ada.Cadence = 7
	step("change cadence", s.UpdateContact(ada))
	ada.Stage = model.PastCustomer
	ada.Cadence = 0
	step("change stage", s.UpdateContact(ada))
	grace.ReferredBy = jose.ID
	step("change referral", s.UpdateContact(grace))
	grace.ReferredBy = 0
	step("drop referral", s.UpdateContact(grace))

	meeting := model.Interaction{ContactID: ada.ID, Kind: model.Meeting, Inbound: true, Topics: []model.Topic{model.Opportunity}, Text: "lunch", At: testNow}
	thanks, _ := model.ThankYou(meeting)
	promise := model.FollowUp{Text: "send pricing", Due: testToday.AddDays(3)}
	theyOwe := model.FollowUp{Text: "they send the contract", Due: testToday.AddDays(5), TheyOwe: true}
	step("log a meeting with follow-ups", s.LogNote(&meeting, []*model.FollowUp{&thanks, &promise, &theyOwe}))
	old := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "an old call", At: testNow.AddDate(0, -2, 0)}
	step("log a backdated note", s.LogNote(&old, nil))
	ancient := model.Interaction{ContactID: jose.ID, Kind: model.Email, Text: "before 1970", At: time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC)}
	step("log a note before 1970", s.LogNote(&ancient, nil))
	_, err := s.Snooze(promise.ID, testToday.AddDays(10))
	step("snooze", err)
	_, err = s.Snooze(promise.ID, testToday.AddDays(1))
	step("snooze again", err)
	_, err = s.Done(thanks.ID, testToday)
	step("done on time", err)
	_, err = s.Done(promise.ID, testToday.AddDays(30))
	step("done late", err)
	_, err = s.Done(theyOwe.ID, testToday)
	step("done (they owed)", err)
	extra := model.FollowUp{ContactID: wang.ID, Text: "call back", Due: testToday.AddDays(-3)}
	step("add a follow-up", s.AddFollowUp(&extra))
	q1 := model.Question{ContactID: grace.ID, Text: "how was the conference?", Created: testNow}
	step("ask", s.AddQuestion(&q1))
	q2 := model.Question{ContactID: grace.ID, Text: "team size?", Created: testNow}
	step("ask again", s.AddQuestion(&q2))
	step("mark asked", s.MarkAsked(testToday, q1.ID, q2.ID))
	_, err = s.AddBundles([]model.Bundle{{
		Contact:   model.Contact{Name: "Alan Turing", Stage: model.Partner, Created: testNow, Birthday: model.Date{Year: 1912, Month: 6, Day: 23}},
		Notes:     []model.Interaction{{ID: 77, Kind: model.Call, Text: "hi", At: testNow.AddDate(0, 0, -3)}},
		FollowUps: []model.FollowUp{{NoteID: 77, Text: "send paper", Due: testToday}},
		Questions: []model.Question{{Text: "next paper?"}},
	}})
	step("add bundles", err)

	// Index contents spot checks: the rename left no trace of the old name.
	if got, err := s.Resolve("ada king lovelace"); err != nil || got.ID != ada.ID {
		t.Fatalf("Resolve(new name) = %+v, %v", got, err)
	}
	if ms, _ := s.Matches("analytical"); len(ms) != 0 {
		t.Fatalf("a company is not a name: %v", ms)
	}
}

// Check finds every kind of damage to an index, each by its bucket.
func TestCheckFindsDamage(t *testing.T) {
	build := func(t *testing.T) (*Store, model.Contact, model.FollowUp, model.Interaction) {
		s := newStore(t)
		c := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", Company: "Analytical Engines", Birthday: model.Date{Year: 1815, Month: 12, Day: 10}})
		in := model.Interaction{ContactID: c.ID, Kind: model.Meeting, Text: "lunch", At: testNow}
		f := model.FollowUp{Text: "send pricing", Due: testToday.AddDays(2)}
		if err := s.LogNote(&in, []*model.FollowUp{&f}); err != nil {
			t.Fatal(err)
		}
		q := model.Question{ContactID: c.ID, Text: "kids?"}
		if err := s.AddQuestion(&q); err != nil {
			t.Fatal(err)
		}
		mustCheck(t, s)
		c, _ = s.Contact(c.ID)
		return s, c, f, in
	}
	tests := []struct {
		name   string
		bucket []byte
		damage func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error
		says   string
	}{
		{"a missing due entry", bDue, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bDue).Delete(join(dateBytes(f.Due), u64(f.ID)))
		}, "missing"},
		{"a due entry on the wrong day", bDue, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			tx.Bucket(bDue).Delete(join(dateBytes(f.Due), u64(f.ID)))
			return tx.Bucket(bDue).Put(join(dateBytes(f.Due.AddDays(1)), u64(f.ID)), nil)
		}, "no record"},
		{"an extra name entry", bNames, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bNames).Put(join([]byte("ghost"), []byte{0}, u64(99)), encodeSummary(Entry{Name: "Ghost"}))
		}, "no record"},
		{"a name entry with a stale summary", bNames, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			e := entryOf(c)
			e.Company = "Stale Corp"
			return tx.Bucket(bNames).Put(join([]byte(e.Folded), []byte{0}, u64(c.ID)), encodeSummary(e))
		}, "disagrees"},
		{"a missing word entry", bWords, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bWords).Delete(join([]byte("lovelace"), []byte{0}, u64(c.ID)))
		}, "missing"},
		{"a moment with the wrong year", bMoments, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			key := join([]byte{12, 10}, u64(c.ID), []byte{0})
			return tx.Bucket(bMoments).Put(key, encodeMoment(model.Moment{Label: model.LabelBirthday, Date: model.Date{Year: 1816, Month: 12, Day: 10}}, c.Name))
		}, "disagrees"},
		{"a missing next-touch entry", bNextTouch, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bNextTouch).Delete(join(dateBytes(c.NextTouch()), u64(c.ID)))
		}, "missing"},
		{"an extra note entry", bContactNote, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bContactNote).Put(join(u64(c.ID), noteKeyTime(in), u64(in.ID+1)), nil)
		}, "no record"},
		{"a note entry under another time", bContactNote, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			tx.Bucket(bContactNote).Delete(join(u64(c.ID), noteKeyTime(in), u64(in.ID)))
			in.At = in.At.Add(time.Hour)
			return tx.Bucket(bContactNote).Put(join(u64(c.ID), noteKeyTime(in), u64(in.ID)), nil)
		}, "no record"},
		{"a promise counted as kept while open", bPromiseDays, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bPromiseDays).Put(dateBytes(f.Promised), encodeCounts([]int{0, 1, 0}))
		}, "disagrees"},
		{"a missing company word", bCompanyWords, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bCompanyWords).Delete(join([]byte("engines"), []byte{0}, u64(c.ID)))
		}, "missing"},
		{"a next-touch day counted twice", bTouchDays, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bTouchDays).Put(dateBytes(c.NextTouch()), encodeCounts([]int{2}))
		}, "disagrees"},
		{"a due entry with a stale contact name", bDue, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bDue).Put(join(dateBytes(f.Due), u64(f.ID)), encodeDue(f, "Ada King"))
		}, "disagrees"},
		{"a missing question entry", bContactQ, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bContactQ).Delete(join(u64(c.ID), u64(1)))
		}, "missing"},
		{"a record changed behind the index", bDue, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			f.Due = f.Due.AddDays(7)
			return putJSON(tx, bFollowUps, f.ID, f)
		}, ""},
		{"a note whose contact is gone", bNotes, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bContacts).Delete(u64(c.ID))
		}, "does not exist"},
		{"a referral to a contact that is gone", bContacts, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			c.ReferredBy = 999
			return putJSON(tx, bContacts, c.ID, c)
		}, "referred by contact 999"},
		{"a record deleted behind the index", bContactFU, func(tx *bolt.Tx, c model.Contact, f model.FollowUp, in model.Interaction) error {
			return tx.Bucket(bFollowUps).Delete(u64(f.ID))
		}, "no record"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, c, f, in := build(t)
			rawUpdate(t, s, func(tx *bolt.Tx) error { return tc.damage(tx, c, f, in) })
			problems, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) == 0 {
				t.Fatal("Check found nothing")
			}
			found := false
			for _, p := range problems {
				if strings.HasPrefix(p, string(tc.bucket)+":") && strings.Contains(p, tc.says) {
					found = true
				}
			}
			if !found {
				t.Fatalf("no problem names %s (%q):\n%s", tc.bucket, tc.says, strings.Join(problems, "\n"))
			}
		})
	}
}

func TestCheckReportsAnUnreadableRecord(t *testing.T) {
	s := newStore(t)
	c := mustAdd(t, s, model.Contact{Name: "Ada"})
	rawUpdate(t, s, func(tx *bolt.Tx) error { return tx.Bucket(bContacts).Put(u64(c.ID), []byte("{not json")) })
	problems, err := s.Check()
	if err == nil && len(problems) == 0 {
		t.Fatal("Check passed a record that cannot be read")
	}
}
