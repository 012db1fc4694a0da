package model

import (
	"testing"
	"time"
)

func TestWeekStart(t *testing.T) {
	for _, tc := range []struct{ in, want Date }{
		{d(2026, 11, 23), d(2026, 11, 23)}, // a Monday
		{d(2026, 11, 29), d(2026, 11, 23)}, // Sunday belongs to the week before it
		{d(2027, 1, 1), d(2026, 12, 28)},   // across the year end
		{d(2028, 3, 1), d(2028, 2, 28)},    // across a leap day
	} {
		if got := WeekStart(tc.in); got != tc.want {
			t.Errorf("WeekStart(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func withID(n Interaction, id, contact uint64) Interaction {
	n.ID, n.ContactID = id, contact
	return n
}

func TestComputeReview(t *testing.T) {
	mon := d(2026, 11, 23)
	sun := mon.AddDays(6)
	notes := []Interaction{
		withID(note(Meeting, true, mon), 1, 1),             // thanked by its follow-up the next day
		withID(note(Meeting, false, sun), 2, 2),            // thanked by a card on Monday after
		withID(note(Card, false, sun.AddDays(1)), 3, 2),    // next week: not this week's card
		withID(note(Meeting, false, mon.AddDays(2)), 4, 3), // thanked too late
		withID(note(Call, true, mon.AddDays(1)), 5, 1),
		withID(note(Card, false, mon.AddDays(3)), 6, 1),
		withID(note(Note, true, mon.AddDays(1)), 7, 1),   // not a touch
		withID(note(Call, false, mon.AddDays(-1)), 8, 4), // the week before
		withID(note(Call, false, mon.AddDays(-8)), 9, 4),
		withID(note(Call, false, mon.AddDays(-9)), 10, 4),
		withID(note(Call, false, mon.AddDays(-20)), 11, 4),
	}
	thanks := ThankYouText()
	follows := []FollowUp{
		{NoteID: 1, Text: thanks, Promised: mon.AddDays(1), Due: mon.AddDays(1), Done: mon.AddDays(1)},
		{NoteID: 4, Text: thanks, Promised: mon.AddDays(3), Due: mon.AddDays(3), Done: mon.AddDays(4)},
		{NoteID: 5, Text: "send pricing", Promised: mon.AddDays(8), Due: mon.AddDays(8)},
		{NoteID: 5, Text: "they send specs", TheyOwe: true, Promised: mon.AddDays(2), Due: mon.AddDays(2)},
		{NoteID: 8, Text: "last week's promise", Promised: mon.AddDays(5), Due: mon.AddDays(5)},
	}
	contacts := []ReviewContact{
		{ID: 1, Name: "Ada", Created: mon.AddDays(2).Time()},
		{ID: 2, Name: "Bea", Created: mon.AddDays(-40).Time()},
		{ID: 3, Name: "Cy", Created: mon.AddDays(-40).Time()},
		{ID: 4, Name: "Dee", Created: mon.AddDays(-400).Time()},
	}
	r := ComputeReview(ReviewInput{Start: mon, Today: sun.AddDays(1), Notes: notes, FollowUps: follows, Promises: PromiseDays(follows), Contacts: contacts, GoingCold: []int{7, 6, 5, 4, 3}})
	want := WeekCounts{Start: mon, Days: 7, Meetings: 3, Calls: 1, Touches: 5, Inbound: 2, ThankYous: 2,
		PromisesMade: 3, PromisesKept: 1, PromisesLate: 2, Cards: 1, NewContacts: 1, GoingCold: 7}
	if r.Week != want {
		t.Errorf("week =\n%+v, want\n%+v", r.Week, want)
	}
	if p := r.Previous[0]; p.Calls != 1 || p.Touches != 1 || p.Start != mon.AddDays(-7) || p.GoingCold != 6 {
		t.Errorf("the week before = %+v, want one call from %s", p, mon.AddDays(-7))
	}
	if p := r.Previous[1]; p.Calls != 2 {
		t.Errorf("two weeks before = %+v, want two calls", p)
	}
	if got := r.Days[6]; got.Meetings != 1 || got.Other != 0 || got.Day != sun {
		t.Errorf("Sunday = %+v", got)
	}
	if got := r.Days[3]; got.Other != 1 {
		t.Errorf("Thursday = %+v, want one card", got)
	}
	if r.GoingCold != 7 || r.Week.GoingCold != 7 || r.Previous[3].GoingCold != 3 {
		t.Errorf("going cold = %d, %d, %d; want 7, 7 and 3 as given", r.GoingCold, r.Week.GoingCold, r.Previous[3].GoingCold)
	}
	if len(r.Warmed) == 0 || r.Warmed[0].Name != "Ada" || r.Warmed[0].ThisWeek != 3 {
		t.Errorf("warmed = %+v, want Ada first with 3", r.Warmed)
	}
	if len(r.Cooled) != 1 || r.Cooled[0].Name != "Dee" || r.Cooled[0].Usual != 1 {
		t.Errorf("cooled = %+v, want Dee at 1 a week", r.Cooled)
	}
}

func TestComputeReviewLeavesOutTheFuture(t *testing.T) {
	mon := d(2026, 11, 23)
	notes := []Interaction{withID(note(Meeting, false, mon.AddDays(3)), 1, 1)}
	notes[0].At = notes[0].At.Add(time.Hour)
	r := ComputeReview(ReviewInput{Start: mon, Today: mon.AddDays(2), Notes: notes})
	if r.Week.Meetings != 0 || r.Days[3].Meetings != 0 {
		t.Errorf("a meeting after today counted: %+v", r.Week)
	}
}

func TestComputeReviewRunningWeek(t *testing.T) {
	mon := d(2026, 11, 23)
	wed := mon.AddDays(2)
	notes := []Interaction{
		withID(note(Call, false, mon.AddDays(1)), 1, 1),  // this Tuesday
		withID(note(Call, false, mon.AddDays(-6)), 2, 1), // last Tuesday: counted
		withID(note(Call, false, mon.AddDays(-4)), 3, 2), // last Thursday: after the same days
		withID(note(Call, false, mon.AddDays(-2)), 4, 2), // last Saturday
	}
	r := ComputeReview(ReviewInput{Start: mon, Today: wed, Notes: notes, Contacts: []ReviewContact{{ID: 1, Name: "Ada"}, {ID: 2, Name: "Bea"}}})
	if r.Week.Days != 3 || r.Week.Calls != 1 {
		t.Errorf("this week = %+v, want 3 days and one call", r.Week)
	}
	if p := r.Previous[0]; p.Days != 3 || p.Calls != 1 {
		t.Errorf("last week = %+v, want Monday to Wednesday only: one call", p)
	}
	if len(r.Cooled) != 0 || len(r.Warmed) != 1 || r.Warmed[0].Usual != 0.25 {
		t.Errorf("warmed %+v, cooled %+v: Bea's Thursday and Saturday calls are not held against a Wednesday", r.Warmed, r.Cooled)
	}
}
