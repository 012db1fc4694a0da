package model

import "testing"

func TestComputeTrendsMonths(t *testing.T) {
	today := d(2026, 3, 31)
	notes := []Interaction{
		note(Meeting, true, d(2026, 3, 31)),  // today: the last month
		note(Call, false, d(2026, 3, 1)),     // same month
		note(Card, false, d(2026, 2, 28)),    // a card is a touch
		note(Note, true, d(2026, 2, 10)),     // a plain note is not
		note(Email, true, d(2025, 4, 1)),     // the first month's first day
		note(Meeting, true, d(2025, 3, 31)),  // a day too early
		note(Meeting, false, d(2026, 4, 1)),  // tomorrow
		note(Message, true, d(2025, 12, 31)), // across the year end
	}
	tr := ComputeTrends(today, notes, nil)
	if len(tr.Months) != TrendMonths {
		t.Fatalf("%d months, want %d", len(tr.Months), TrendMonths)
	}
	want := map[string][3]int{ // meetings, other, inbound
		"2025-04": {0, 1, 1}, "2025-12": {0, 1, 1}, "2026-02": {0, 1, 0}, "2026-03": {1, 1, 1},
	}
	if tr.Months[0].Month != "2025-04" || tr.Months[11].Month != "2026-03" {
		t.Fatalf("months run %s to %s, want 2025-04 to 2026-03", tr.Months[0].Month, tr.Months[11].Month)
	}
	for _, m := range tr.Months {
		w := want[m.Month]
		if got := [3]int{m.Meetings, m.Other, m.Inbound}; got != w {
			t.Errorf("%s: meetings, other, inbound = %v, want %v", m.Month, got, w)
		}
	}
	if s := tr.Months[11].InboundShare; s == nil || *s != 50 {
		t.Errorf("March inbound share = %v, want 50", s)
	}
	if tr.Months[5].InboundShare != nil {
		t.Errorf("a month without touches has a share: %v", *tr.Months[5].InboundShare)
	}
}

func TestComputeTrendsQuarters(t *testing.T) {
	today := d(2026, 5, 15) // Q2 2026; the four quarters run from Q3 2025
	kept := FollowUp{Promised: d(2026, 4, 2), Due: d(2026, 4, 2), Done: d(2026, 4, 1)}
	late := FollowUp{Promised: d(2026, 1, 5), Due: d(2026, 1, 9), Done: d(2026, 1, 9)}
	openPast := FollowUp{Promised: d(2025, 7, 1), Due: d(2025, 7, 1)}
	openToday := FollowUp{Promised: today, Due: today}
	theirs := FollowUp{Promised: d(2026, 4, 2), Done: d(2026, 4, 9), TheyOwe: true}
	tooOld := FollowUp{Promised: d(2025, 6, 30), Done: d(2025, 6, 30)}
	tr := ComputeTrends(today, nil, []FollowUp{kept, late, openPast, openToday, theirs, tooOld})
	want := []QuarterTrend{{"2025-Q3", 0, 1}, {"2025-Q4", 0, 0}, {"2026-Q1", 0, 1}, {"2026-Q2", 1, 0}}
	for i, q := range tr.Quarters {
		if q != want[i] {
			t.Errorf("quarter %d = %+v, want %+v", i, q, want[i])
		}
	}
}

func TestMonthLetter(t *testing.T) {
	for in, want := range map[string]string{"2026-01": "J", "2026-09": "S", "2026-13": "?", "x": "?"} {
		if got := MonthLetter(in); got != want {
			t.Errorf("MonthLetter(%q) = %q, want %q", in, got, want)
		}
	}
}
