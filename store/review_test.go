package store

import (
	"testing"
	"time"

	"rapport/model"
)

func TestReviewReadsTheWindowOnly(t *testing.T) {
	s := newStore(t)
	mon := model.Date{Year: 2026, Month: time.November, Day: 23}
	c := model.Contact{Name: "Ada Lovelace", Stage: model.Customer, Created: mon.AddDays(-100).Time()}
	if err := s.AddContact(&c); err != nil {
		t.Fatal(err)
	}
	at := func(d model.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 23, 30, 0, 0, time.Local) }
	for _, d := range []model.Date{mon, mon.AddDays(6), mon.AddDays(7), mon.AddDays(-1), mon.AddDays(-28), mon.AddDays(-29)} {
		in := model.Interaction{ContactID: c.ID, Kind: model.Meeting, Text: "met", At: at(d)}
		follow, _ := model.ThankYou(in)
		if err := s.LogNote(&in, []*model.FollowUp{&follow}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := s.Review(mon, mon.AddDays(20))
	if err != nil {
		t.Fatal(err)
	}
	if r.Week.Meetings != 2 || r.Week.PromisesMade != 2 {
		t.Errorf("this week: %d meetings, %d promises made; want 2 and 2 (Monday and Sunday, late in the evening)", r.Week.Meetings, r.Week.PromisesMade)
	}
	before := 0
	for _, w := range r.Previous {
		before += w.Meetings
	}
	if before != 2 {
		t.Errorf("the four weeks before hold %d meetings, want 2 (the day before and four weeks before)", before)
	}
}

func TestReviewGoingColdThen(t *testing.T) {
	s := newStore(t)
	mon := model.Date{Year: 2026, Month: time.November, Day: 2}
	at := func(d model.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 10, 0, 0, 0, time.Local) }
	add := func(name string, cadence int, created model.Date, touched ...model.Date) {
		c := model.Contact{Name: name, Stage: model.Customer, Cadence: cadence, Created: at(created)}
		if err := s.AddContact(&c); err != nil {
			t.Fatal(err)
		}
		for _, d := range touched {
			in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "called", At: at(d)}
			if err := s.LogNote(&in, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("Cold then, warm now", 7, mon.AddDays(-60), mon.AddDays(-10), mon.AddDays(15))
	add("Fine then", 30, mon.AddDays(-60), mon.AddDays(-10))
	add("Not yet in the book", 7, mon.AddDays(10))
	add("Cold throughout", 7, mon.AddDays(-60), mon.AddDays(-30))
	r, err := s.Review(mon, mon.AddDays(20))
	if err != nil {
		t.Fatal(err)
	}
	if r.Week.GoingCold != 2 {
		t.Errorf("going cold on %s = %d, want 2 (judged by the touches before it)", mon.AddDays(6), r.Week.GoingCold)
	}
	if got := r.Previous[1].GoingCold; got != 1 {
		t.Errorf("going cold two weeks before = %d, want 1 (only the one last touched 30 days before)", got)
	}
}
