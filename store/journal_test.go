package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// snapshot reads every bucket but the journal and meta: records, indexes,
// counters and tombstones, as raw bytes.
func snapshot(t *testing.T, s *Store) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if string(name) == string(bJournal) || string(name) == string(bMeta) {
				return nil
			}
			m := map[string]string{}
			b.ForEach(func(k, v []byte) error { m[string(k)] = string(v); return nil })
			out[string(name)] = m
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func snapshotDiff(a, b map[string]map[string]string) string {
	for name, m := range a {
		for k, v := range m {
			if w, ok := b[name][k]; !ok {
				return fmt.Sprintf("%s: key %x only before", name, k)
			} else if w != v {
				return fmt.Sprintf("%s: key %x differs:\n%s\n%s", name, k, v, w)
			}
		}
		for k := range b[name] {
			if _, ok := m[k]; !ok {
				return fmt.Sprintf("%s: key %x only after", name, k)
			}
		}
	}
	return ""
}

// randomJournaledWrites runs n writes of every kind the journal covers,
// deletes and merges included, and returns how many changed the book.
func randomJournaledWrites(t *testing.T, s *Store, rng *rand.Rand, now time.Time, n int) int {
	t.Helper()
	today := model.DateOf(now)
	writes := 0
	for i := 0; i < n; i++ {
		entries, err := s.Entries()
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) < 3 {
			c := model.Contact{Name: fmt.Sprintf("Filler %d", i), Stage: model.Customer, Created: now}
			if err := s.AddContact(&c); err != nil {
				t.Fatal(err)
			}
			writes++
			continue
		}
		pick := func() Detail {
			d, err := s.Detail(entries[rng.IntN(len(entries))].ID)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		d := pick()
		var err2 error
		changed := true
		switch rng.IntN(12) {
		case 0, 1:
			in := model.Interaction{ContactID: d.Contact.ID, Kind: model.Kinds[rng.IntN(len(model.Kinds))], Text: "talked",
				At: now.Add(-time.Duration(rng.IntN(2000)) * time.Hour)}
			fs := []*model.FollowUp{{Text: "promise", Due: today.AddDays(rng.IntN(20) - 5)}}
			err2 = s.LogNote(&in, fs)
		case 2:
			c := d.Contact
			c.Name = []string{"Aaron Aardvark", "Zed Zulu", "José Núñez", c.Name + " Jr."}[rng.IntN(4)]
			c.Birthday = model.Date{Month: time.Month(1 + rng.IntN(12)), Day: 1 + rng.IntN(28)}
			c.Emails = append(c.Emails, fmt.Sprintf("p%d@example.com", rng.IntN(5)))
			err2 = s.UpdateContact(c)
		case 3:
			c := model.Contact{Name: "New Person", Stage: model.Lead, Created: now, ReferredBy: d.Contact.ID}
			err2 = s.AddContact(&c)
		case 4:
			if len(d.FollowUps) == 0 {
				changed = false
				break
			}
			f := d.FollowUps[rng.IntN(len(d.FollowUps))]
			if f.Open() {
				_, err2 = s.Done(f.ID, today)
			} else {
				_, err2 = s.Reopen(f.ID)
			}
		case 5:
			if len(d.Notes) == 0 {
				changed = false
				break
			}
			_, _, err2 = s.DeleteNote(d.Notes[rng.IntN(len(d.Notes))].ID)
		case 6:
			if len(d.Notes) == 0 {
				changed = false
				break
			}
			to := pick().Contact.ID
			_, err2 = s.EditNote(d.Notes[0].ID, func(in *model.Interaction) {
				in.Text, in.ContactID, in.Kind = "moved", to, model.Meeting
				in.At = in.At.Add(-48 * time.Hour)
			})
		case 7:
			_, err2 = s.DeleteContact(d.Contact.ID)
		case 8:
			other := pick()
			if other.Contact.ID == d.Contact.ID {
				changed = false
				break
			}
			_, err2 = s.Merge(d.Contact.ID, other.Contact.ID, false)
		case 9:
			q := model.Question{ContactID: d.Contact.ID, Text: "how is it going?", Created: now}
			err2 = s.AddQuestion(&q)
		case 10:
			if len(d.Questions) == 0 {
				changed = false
				break
			}
			_, _, err2 = s.DeleteQuestion(d.Questions[0].ID)
		case 11:
			if len(d.FollowUps) == 0 {
				changed = false
				break
			}
			f := d.FollowUps[0]
			if f.Open() {
				_, err2 = s.Snooze(f.ID, today.AddDays(3))
			} else {
				_, _, err2 = s.DeleteFollowUp(f.ID)
			}
		}
		if err2 != nil {
			t.Fatalf("write %d: %v", i, err2)
		}
		if changed {
			writes++
		}
	}
	return writes
}

// Undoing every write of a random sequence returns the book to where it
// started, indexes and counters included; redoing them all returns it to
// the end. Check is clean after every step.
func TestUndoAllAndRedoAllProperty(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			s := sampleBook(t, seed, 12, testNow)
			start := snapshot(t, s)
			rng := rand.New(rand.NewPCG(seed, 7))
			writes := randomJournaledWrites(t, s, rng, testNow, 40)
			mustCheck(t, s)
			end := snapshot(t, s)
			for i := range writes {
				if _, err := s.Undo(0); err != nil {
					t.Fatalf("undo %d of %d: %v", i+1, writes, err)
				}
				mustCheck(t, s)
			}
			if diff := snapshotDiff(start, snapshot(t, s)); diff != "" {
				t.Fatalf("after undoing all: %s", diff)
			}
			for i := range writes {
				if _, err := s.Redo(); err != nil {
					t.Fatalf("redo %d of %d: %v", i+1, writes, err)
				}
				mustCheck(t, s)
			}
			if diff := snapshotDiff(end, snapshot(t, s)); diff != "" {
				t.Fatalf("after redoing all: %s", diff)
			}
			if _, err := s.Redo(); !errors.Is(err, ErrNothingToRedo) {
				t.Fatalf("one redo too many: %v", err)
			}
		})
	}
}

func TestUndoDoneReopensWithItsDates(t *testing.T) {
	s := newStore(t)
	s.SetCommand("rapport done")
	c := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	f := model.FollowUp{ContactID: c.ID, Text: "Send the pricing sheet", Due: testToday.AddDays(-2)}
	if err := s.AddFollowUp(&f); err != nil {
		t.Fatal(err)
	}
	before, _ := s.FollowUp(f.ID)
	if _, err := s.Done(f.ID, testToday); err != nil {
		t.Fatal(err)
	}
	e, err := s.Undo(0)
	if err != nil {
		t.Fatal(err)
	}
	if want := "done 'Send the pricing sheet' for Ada Lovelace"; e.Summary != want {
		t.Fatalf("undo summary %q, want %q", e.Summary, want)
	}
	after, _ := s.FollowUp(f.ID)
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("after undo %+v, want %+v", after, before)
	}
	hist, err := s.History(0)
	if err != nil || len(hist) != 4 {
		t.Fatalf("history: %d entries, %v", len(hist), err)
	}
	if hist[0].Kind != KindUndo || hist[0].Target != hist[1].ID || hist[1].Status != StatusUndone || hist[1].Command != "rapport done" {
		t.Fatalf("history %+v", hist[:2])
	}
	mustCheck(t, s)
}

// Undoing an older change that a later one built on is refused, naming the
// later change, and nothing is written.
func TestUndoRefusesWhenALaterChangeTouchedTheRecord(t *testing.T) {
	s := newStore(t)
	c := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	f := model.FollowUp{ContactID: c.ID, Text: "Send the pricing sheet", Due: testToday}
	if err := s.AddFollowUp(&f); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Snooze(f.ID, testToday.AddDays(2)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Done(f.ID, testToday); err != nil {
		t.Fatal(err)
	}
	hist, _ := s.History(0)
	snoozed := hist[1]
	before := snapshot(t, s)
	_, err := s.Undo(snoozed.ID)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("change %d (done 'Send the pricing sheet' for Ada Lovelace)", hist[0].ID)) {
		t.Fatalf("undo of an older change: %v", err)
	}
	if diff := snapshotDiff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("a refused undo wrote: %s", diff)
	}
	// Undo walks back in order: done, then the snooze.
	for _, want := range []string{"done", "snooze"} {
		e, err := s.Undo(0)
		if err != nil || !strings.HasPrefix(e.Summary, want) {
			t.Fatalf("undo: %+v %v, want %s", e.Summary, err, want)
		}
	}
	got, _ := s.FollowUp(f.ID)
	if !got.Open() || got.Due != testToday || got.Snoozes != 0 {
		t.Fatalf("after two undos: %+v", got)
	}
}

// A new change after an undo makes redo impossible: redoing would rewrite
// records under the new change.
func TestNewChangeDropsRedo(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	if _, err := s.Undo(0); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, model.Contact{Name: "Grace Hopper"})
	if _, err := s.Redo(); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo after a new change: %v", err)
	}
	hist, _ := s.History(0)
	if hist[2].Status != StatusDropped {
		t.Fatalf("the undone add is %q, want dropped", hist[2].Status)
	}
	if _, err := s.Undo(0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(0); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo past the start: %v", err)
	}
	mustCheck(t, s)
}

func TestDeleteContactUndoRestoresEverything(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", UID: "ada-uid"})
	mustAdd(t, s, model.Contact{Name: "Grace Hopper", ReferredBy: ada.ID})
	for i := range 20 {
		in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: fmt.Sprintf("call %d", i), At: testNow.Add(-time.Duration(i) * time.Hour)}
		var fs []*model.FollowUp
		if i < 3 {
			fs = append(fs, &model.FollowUp{Text: "promise", Due: testToday.AddDays(i)})
		}
		if err := s.LogNote(&in, fs); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, s)
	r, err := s.DeleteContact(ada.ID)
	if err != nil || r.Notes != 20 || r.FollowUps != 3 || r.Referrals != 1 {
		t.Fatalf("delete: %+v %v", r, err)
	}
	mustCheck(t, s)
	if _, err := s.Contact(ada.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted contact still there: %v", err)
	}
	if n := len(snapshot(t, s)[string(bTombstones)]); n != 24 {
		t.Fatalf("%d tombstones, want 24 (contact, notes, follow-ups)", n)
	}
	if _, err := s.Undo(0); err != nil {
		t.Fatal(err)
	}
	if diff := snapshotDiff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("after undoing the delete: %s", diff)
	}
	mustCheck(t, s)
}

func TestMergeAndUndoSplits(t *testing.T) {
	s := newStore(t)
	keep := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", Emails: []string{"ada@example.com"}, Birthday: model.Date{Month: 12, Day: 10}})
	other := mustAdd(t, s, model.Contact{Name: "Ada King", Company: "Analytical Engines", Emails: []string{"ADA@example.com", "countess@example.com"},
		Birthday: model.Date{Month: 12, Day: 11}, Tags: []string{"vip"}})
	ref := mustAdd(t, s, model.Contact{Name: "Charles Babbage", ReferredBy: other.ID})
	in := model.Interaction{ContactID: other.ID, Kind: model.Meeting, Text: "tea", At: testNow}
	if err := s.LogNote(&in, []*model.FollowUp{{Text: "thank", Due: testToday.AddDays(1)}}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	dry, err := s.Merge(keep.ID, other.ID, true)
	if err != nil || dry.Notes != 1 || dry.FollowUps != 1 || dry.Referrals != 1 {
		t.Fatalf("dry run: %+v %v", dry, err)
	}
	if diff := snapshotDiff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("a dry run wrote: %s", diff)
	}
	r, err := s.Merge(keep.ID, other.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	for _, c := range r.Conflicts {
		fields = append(fields, c.Field)
	}
	if strings.Join(fields, ",") != "name,birthday" {
		t.Fatalf("conflicts %v", r.Conflicts)
	}
	d, _ := s.Detail(keep.ID)
	if d.Contact.Company != "Analytical Engines" || len(d.Contact.Emails) != 2 || len(d.Notes) != 1 || len(d.FollowUps) != 1 ||
		d.Contact.Birthday.Day != 10 || !d.Contact.HasTag("vip") || len(d.Referrals) != 1 || d.Referrals[0].ID != ref.ID {
		t.Fatalf("merged detail %+v", d)
	}
	mustCheck(t, s)
	if _, err := s.Undo(0); err != nil {
		t.Fatal(err)
	}
	if diff := snapshotDiff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("after undoing the merge: %s", diff)
	}
}

func TestJournalIsBounded(t *testing.T) {
	s := newStore(t)
	// Entries older than the day bound go once more than JournalKeep are
	// kept: write them with an old clock, in one transaction to be quick.
	old := time.Now().AddDate(0, 0, -JournalDays-1)
	err := s.write(func(tx *bolt.Tx) error {
		c := model.Contact{Name: "Ada Lovelace", Stage: model.Customer, Created: testNow}
		if err := addContact(tx, &c); err != nil {
			return err
		}
		for i := range JournalKeep + 5 {
			if _, err := finishJournal(tx, "test", 0, false, old); err != nil {
				return err
			}
			if err := rewrite(tx, bContacts, c.ID, func(c *model.Contact) { c.Title = fmt.Sprint(i) }); err != nil {
				return err
			}
		}
		return nil
	}, func(tx *bolt.Tx) error { _, err := finishJournal(tx, "test", 0, false, time.Now()); return err })
	if err != nil {
		t.Fatal(err)
	}
	hist, err := s.History(0)
	if err != nil || len(hist) != JournalKeep {
		t.Fatalf("%d entries kept, want %d (%v)", len(hist), JournalKeep, err)
	}
	if hist[JournalKeep-1].ID != 7 {
		t.Fatalf("the oldest kept is change %d, want 7", hist[JournalKeep-1].ID)
	}
	mustCheck(t, s)
}

// An import in chunks is one change: one undo takes all of it, one redo
// brings all of it back.
func TestGroupedWritesUndoTogether(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, model.Contact{Name: "Before the import"})
	before := snapshot(t, s)
	imp := *s
	imp.Group()
	for chunk := range 3 {
		var bs []model.Bundle
		for i := range 4 {
			c := model.Contact{Name: fmt.Sprintf("Imported %d-%d", chunk, i), Stage: model.Lead, Created: testNow}
			bs = append(bs, model.Bundle{Contact: c, Notes: []model.Interaction{{Kind: model.Call, Text: "hello", At: testNow}}})
		}
		if _, err := imp.AddBundles(bs); err != nil {
			t.Fatal(err)
		}
	}
	after := snapshot(t, s)
	e, err := s.Undo(0)
	if err != nil || !strings.Contains(e.Summary, "and 2 more parts") {
		t.Fatalf("undo: %q %v", e.Summary, err)
	}
	if diff := snapshotDiff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("one undo did not take the whole import: %s", diff)
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if diff := snapshotDiff(after, snapshot(t, s)); diff != "" {
		t.Fatalf("one redo did not bring the whole import back: %s", diff)
	}
	mustCheck(t, s)
	if e, _ := s.Undo(0); !strings.Contains(e.Summary, "and 2 more parts") {
		t.Fatalf("the second undo is not the whole import: %q", e.Summary)
	}
}

// A note edited with new follow-ups is one change: one undo takes both.
func TestEditNoteWithFollowUpsIsOneChange(t *testing.T) {
	s := newStore(t)
	c := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "pricing", At: testNow}
	if err := s.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	f := model.FollowUp{Text: "send the deck", Due: testToday.AddDays(2)}
	if _, err := s.EditNote(in.ID, func(n *model.Interaction) { n.Text = "pricing, and a deck" }, &f); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FollowUp(f.ID); got.NoteID != in.ID || got.ContactID != c.ID {
		t.Fatalf("the new follow-up is not linked: %+v", got)
	}
	if _, err := s.Undo(0); err != nil {
		t.Fatal(err)
	}
	if diff := snapshotDiff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("one undo left part of the edit: %s", diff)
	}
	mustCheck(t, s)
}
