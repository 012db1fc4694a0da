package store

import (
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// TestReviewMatchesTheWholeBook computes the review the slow way, from
// every record of a sample book handed to the model, and holds the store's
// windowed reading against it.
func TestReviewMatchesTheWholeBook(t *testing.T) {
	s := newStore(t)
	now := time.Date(2026, 11, 25, 16, 0, 0, 0, time.Local) // a Wednesday
	sm := model.NewSampler(7, 600, now)
	var bundles []model.Bundle
	for range 600 {
		bundles = append(bundles, sm.Next().Bundle)
	}
	if _, err := s.AddBundles(bundles); err != nil {
		t.Fatal(err)
	}
	book, err := s.Dump()
	if err != nil {
		t.Fatal(err)
	}
	today := model.DateOf(now)
	for _, c := range []struct{ start, today model.Date }{
		{model.WeekStart(today), today},                           // the week so far
		{model.WeekStart(today).AddDays(-7), today},               // last week, whole
		{model.WeekStart(today).AddDays(-21), today.AddDays(-10)}, // as it looked then
	} {
		got, err := s.Review(c.start, c.today)
		if err != nil {
			t.Fatal(err)
		}
		want := model.ComputeReview(wholeBookInput(book, c.start, c.today))
		if want.Week.Touches == 0 || want.Week.GoingCold == 0 {
			t.Fatalf("week of %s: the sample book has nothing to review (%+v)", c.start, want.Week)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("week of %s on %s:\n got %+v\nwant %+v", c.start, c.today, got, want)
		}
	}
}

// wholeBookInput is the review's input with every note, follow-up and
// contact of the book, and going-cold counts found from the notes alone.
func wholeBookInput(book []model.Bundle, start, today model.Date) model.ReviewInput {
	in := model.ReviewInput{Start: start, Today: today}
	for _, b := range book {
		in.Contacts = append(in.Contacts, model.ReviewContact{ID: b.Contact.ID, Name: b.Contact.Name, Created: b.Contact.Created})
		in.Notes = append(in.Notes, b.Notes...)
		in.FollowUps = append(in.FollowUps, b.FollowUps...)
	}
	in.Promises = model.PromiseDays(in.FollowUps)
	span := model.ReviewSpan(start, today)
	for i := range model.ReviewWeeks + 1 {
		in.GoingCold = append(in.GoingCold, coldFromNotes(book, start.AddDays(-7*i+span-1)))
	}
	return in
}

// coldFromNotes counts the contacts past their cadence on day: as they stand
// when not touched since, else by their latest touch up to the day.
func coldFromNotes(book []model.Bundle, day model.Date) int {
	count := 0
	for _, b := range book {
		c := b.Contact
		if model.DateOf(c.LastTouch).After(day) {
			if model.DateOf(c.Created).After(day) {
				continue
			}
			c.LastTouch, c.NextTouchAfter = time.Time{}, model.Date{}
			for _, n := range b.Notes {
				if n.Kind.IsTouch() && !model.DateOf(n.At).After(day) && n.At.After(c.LastTouch) {
					c.LastTouch = n.At
				}
			}
		}
		if _, cold := model.GoingCold(c, day); cold {
			count++
		}
	}
	return count
}

// TestReviewHoldsOnlyTheWeeksContacts: of a big book the review keeps in
// memory only the contacts the five weeks name (touched or added in
// them), not every contact, and the notes without their text.
func TestReviewHoldsOnlyTheWeeksContacts(t *testing.T) {
	s := newStore(t)
	mon := model.Date{Year: 2026, Month: time.November, Day: 16}
	at := func(d model.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 11, 0, 0, 0, time.Local) }
	var quiet []model.Bundle
	for range 300 {
		quiet = append(quiet, model.Bundle{Contact: model.Contact{Name: "Quiet One", Stage: model.Customer, Created: at(mon.AddDays(-400))}})
	}
	if _, err := s.AddBundles(quiet); err != nil {
		t.Fatal(err)
	}
	for i, d := range []model.Date{mon.AddDays(2), mon.AddDays(-20), mon.AddDays(-60)} {
		c := model.Contact{Name: "Busy One", Stage: model.Customer, Created: at(mon.AddDays(-400 + 400*i/2))}
		if err := s.AddContact(&c); err != nil {
			t.Fatal(err)
		}
		in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "a long talk about the budget", At: at(d)}
		if err := s.LogNote(&in, nil); err != nil {
			t.Fatal(err)
		}
	}
	var in model.ReviewInput
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		in, err = reviewInput(tx, mon, mon.AddDays(6))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Two touched in the window (one of them added 200 days ago), and the
	// third added in it (touched 60 days before, out of the window).
	if len(in.Contacts) != 3 || len(in.Notes) != 2 {
		t.Fatalf("the review holds %d contacts and %d notes of a book of 303; want 3 and 2", len(in.Contacts), len(in.Notes))
	}
	for _, n := range in.Notes {
		if n.Text != "" {
			t.Errorf("note %d is held with its text %q; the review counts, it does not read", n.ID, n.Text)
		}
	}
}
