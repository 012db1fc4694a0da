package store

import (
	"testing"
	"time"

	"rapport/model"
)

func TestCardClosesTheThankYou(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	bob := mustAdd(t, s, model.Contact{Name: "Bob Byte"})
	meeting := model.Interaction{ContactID: ada.ID, Kind: model.Meeting, Text: "Lunch", At: testNow.AddDate(0, 0, -1)}
	thanks, _ := model.ThankYou(meeting)
	if err := s.LogNote(&meeting, []*model.FollowUp{&thanks}); err != nil {
		t.Fatal(err)
	}
	// A card to someone else closes nothing of Ada's.
	other := model.Interaction{ContactID: bob.ID, Kind: model.Card, Text: "Holiday card", At: testNow}
	if closed, err := s.LogTouch(&other, nil, nil, nil); err != nil || len(closed) != 0 {
		t.Fatalf("a card to Bob closed %v, %v", closed, err)
	}
	// A plain note that says thanks is not a thank-you: Ada never saw it.
	note := model.Interaction{ContactID: ada.ID, Kind: model.Note, Text: "remember to say thanks", At: testNow}
	if closed, err := s.LogTouch(&note, nil, nil, nil); err != nil || len(closed) != 0 {
		t.Fatalf("a plain note closed %v, %v", closed, err)
	}
	card := model.Interaction{ContactID: ada.ID, Kind: model.Card, Text: "Thank-you card", At: testNow}
	closed, err := s.LogTouch(&card, nil, nil, nil)
	if err != nil || len(closed) != 1 || closed[0].ID != thanks.ID {
		t.Fatalf("the card closed %v, %v; want the thank-you #%d", closed, err, thanks.ID)
	}
	f, err := s.FollowUp(thanks.ID)
	if err != nil || f.Open() || !f.KeptOnTime() || f.Done != testToday {
		t.Fatalf("thank-you after the card = %+v, %v; want done today, on time", f, err)
	}
	mustCheck(t, s)
}

func TestThankYouEmailClosesIt(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	meeting := model.Interaction{ContactID: ada.ID, Kind: model.Meeting, Text: "Demo, and they said thanks", At: testNow}
	thanks, _ := model.ThankYou(meeting)
	// The meeting that earns the thank-you never pays it, whatever it says.
	closed, err := s.LogTouch(&meeting, []*model.FollowUp{&thanks}, nil, nil)
	if err != nil || len(closed) != 0 {
		t.Fatalf("the meeting closed its own thank-you: %v, %v", closed, err)
	}
	mail := model.Interaction{ContactID: ada.ID, Kind: model.Email, Text: "Thanks for the demo time", At: testNow.Add(time.Hour)}
	closed, err = s.LogTouch(&mail, nil, nil, nil)
	if err != nil || len(closed) != 1 {
		t.Fatalf("a thank-you email closed %v, %v; want one", closed, err)
	}
}

func TestSharesKeptTickedAndDumped(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	a := model.Share{ContactID: ada.ID, Text: "Packaging-line case study", Created: testNow}
	b := model.Share{ContactID: ada.ID, Text: "Introduce her to Grace", Created: testNow}
	for _, sh := range []*model.Share{&a, &b} {
		if err := s.AddShare(sh); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddShare(&model.Share{ContactID: 999, Text: "x"}); err == nil {
		t.Fatal("a share for a missing contact was saved")
	}
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "Called", Gave: "the case study", At: testNow}
	if _, err := s.LogTouch(&in, nil, nil, []uint64{a.ID}); err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenShares(ada.ID)
	if err != nil || len(open) != 1 || open[0].ID != b.ID {
		t.Fatalf("OpenShares = %v, %v; want only #%d", open, err, b.ID)
	}
	d, err := s.Detail(ada.ID)
	if err != nil || len(d.Shares) != 2 || d.Shares[0].Shared != testToday {
		t.Fatalf("Detail shares = %+v, %v", d.Shares, err)
	}
	mustCheck(t, s)

	dump, err := s.Dump()
	if err != nil || len(dump) != 1 || len(dump[0].Shares) != 2 {
		t.Fatalf("Dump = %+v, %v; want the two shares", dump, err)
	}
	copyOf := newStore(t)
	if err := copyOf.Restore(dump); err != nil {
		t.Fatal(err)
	}
	again, err := copyOf.Dump()
	if err != nil || len(again[0].Shares) != 2 || again[0].Shares[1] != dump[0].Shares[1] {
		t.Fatalf("restored shares = %+v, %v", again[0].Shares, err)
	}
	mustCheck(t, copyOf)
}

func TestValueShareCountsTouchesThatGave(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	log := func(kind model.Kind, gave string, daysAgo int) {
		in := model.Interaction{ContactID: ada.ID, Kind: kind, Text: "x", Gave: gave, At: testNow.AddDate(0, 0, -daysAgo)}
		if err := s.LogNote(&in, nil); err != nil {
			t.Fatal(err)
		}
	}
	log(model.Call, "an article", 1)
	log(model.Email, "", 2)
	log(model.Card, "a book", 3)
	log(model.Note, "not a touch", 4) // no touch
	log(model.Meeting, "lunch", 200)  // outside the window
	valued, touches, err := s.ValueShare(testToday)
	if err != nil || valued != 2 || touches != 3 {
		t.Fatalf("ValueShare = %d of %d, %v; want 2 of 3", valued, touches, err)
	}
	d, _ := s.Detail(ada.ID)
	f := d.Figures(testToday)
	if f.Valued != valued || f.Interactions != touches || f.ValueShare == nil || *f.ValueShare != 67 {
		t.Fatalf("contact figures %+v disagree with the book-wide counters", f)
	}
	mustCheck(t, s)
}

// The journal covers the practice writes: undoing a card reopens the
// thank-you it closed and takes back its value count; shares undo too.
func TestUndoCardAndShare(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace"})
	meeting := model.Interaction{ContactID: ada.ID, Kind: model.Meeting, Text: "Lunch", At: testNow.AddDate(0, 0, -1)}
	thanks, _ := model.ThankYou(meeting)
	if err := s.LogNote(&meeting, []*model.FollowUp{&thanks}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	card := model.Interaction{ContactID: ada.ID, Kind: model.Card, Text: "Thank-you card", Gave: "a note", At: testNow}
	if _, err := s.LogTouch(&card, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	sh := model.Share{ContactID: ada.ID, Text: "The case study", Created: testNow}
	if err := s.AddShare(&sh); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := s.Undo(0); err != nil {
			t.Fatal(err)
		}
		mustCheck(t, s)
	}
	if diff := snapshotDiff(before, snapshot(t, s)); diff != "" {
		t.Fatalf("undoing the card and the share left:\n%s", diff)
	}
	for range 2 {
		if _, err := s.Redo(); err != nil {
			t.Fatal(err)
		}
	}
	mustCheck(t, s)
	if f, _ := s.FollowUp(thanks.ID); f.Open() {
		t.Error("redoing the card did not close the thank-you again")
	}
	if valued, touches, _ := s.ValueShare(testToday); valued != 1 || touches != 2 {
		t.Errorf("after redo: %d of %d touches gave; want 1 of 2", valued, touches)
	}
}
