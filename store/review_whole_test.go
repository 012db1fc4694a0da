package store

import (
	"reflect"
	"testing"
	"time"

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
		in.Contacts = append(in.Contacts, b.Contact)
		in.Notes = append(in.Notes, b.Notes...)
		in.FollowUps = append(in.FollowUps, b.FollowUps...)
	}
	in.Promises = model.PromiseDays(in.FollowUps)
	span := model.ReviewSpan(start, today)
	for i := range model.ReviewWeeks + 1 {
		in.GoingCold = append(in.GoingCold, coldThen(book, start.AddDays(-7*i+span-1)))
	}
	return in
}

// coldThen counts the contacts past their cadence on day: as they stand
// when not touched since, else by their latest touch up to the day.
func coldThen(book []model.Bundle, day model.Date) int {
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
