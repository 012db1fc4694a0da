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
