package model

import (
	"testing"
	"time"
)

func note(kind Kind, inbound bool, day Date) Interaction {
	return Interaction{Kind: kind, Inbound: inbound, Text: "x", At: time.Date(day.Year, day.Month, day.Day, 15, 30, 0, 0, time.UTC)}
}

func intp(n int) *int { return &n }

func eqp(a, b *int) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func TestComputeFiguresInteractions(t *testing.T) {
	today := d(2026, 11, 22)
	first := d(2026, 8, 24) // today - 90: the window's first day
	tests := []struct {
		name                        string
		notes                       []Interaction
		meetings, interactions, inb int
		share                       *int
		last                        Date
	}{
		{"nothing", nil, 0, 0, 0, nil, Date{}},
		{"the window's first day counts", []Interaction{note(Meeting, true, first)}, 1, 1, 1, intp(100), first},
		{"the day before does not", []Interaction{note(Meeting, true, first.AddDays(-1))}, 0, 0, 0, nil, first.AddDays(-1)},
		{"today counts", []Interaction{note(Call, false, today)}, 0, 1, 0, intp(0), today},
		{"notes have no direction", []Interaction{note(Note, true, today), note(Call, true, today.AddDays(-1))}, 0, 1, 1, intp(100), today.AddDays(-1)}, // and a note is not a touch
		{"only notes: no share", []Interaction{note(Note, true, today)}, 0, 0, 0, nil, Date{}},
		{"a third rounds down", []Interaction{note(Call, true, today), note(Email, false, today), note(Message, false, today)}, 0, 3, 1, intp(33), today},
		{"two thirds round up", []Interaction{note(Call, true, today), note(Email, true, today), note(Meeting, false, today)}, 1, 3, 2, intp(67), today},
		{"a half rounds up", []Interaction{note(Call, true, today), note(Call, false, today), note(Call, false, today), note(Call, false, today),
			note(Call, false, today), note(Call, false, today), note(Call, false, today), note(Call, false, today)}, 0, 8, 1, intp(13), today},
		{"meetings", []Interaction{note(Meeting, false, d(2026, 10, 1)), note(Meeting, true, d(2026, 11, 1)), note(Meeting, true, d(2026, 1, 1))}, 2, 2, 1, intp(50), d(2026, 11, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := ComputeFigures(today, tc.notes, nil)
			if f.Meetings != tc.meetings || f.Interactions != tc.interactions || f.Inbound != tc.inb || !eqp(f.InboundShare, tc.share) || f.LastTouch != tc.last {
				t.Fatalf("figures = %+v (share %v)\nwant meetings %d interactions %d inbound %d share %v last %v",
					f, deref(f.InboundShare), tc.meetings, tc.interactions, tc.inb, deref(tc.share), tc.last)
			}
		})
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func promise(promised, due, done Date, theyOwe bool) FollowUp {
	return FollowUp{Text: "x", Promised: promised, Due: due, Done: done, TheyOwe: theyOwe}
}

func TestComputeFiguresFollowThrough(t *testing.T) {
	today := d(2026, 11, 22)
	first := d(2026, 8, 24)
	none := Date{}
	tests := []struct {
		name      string
		f         FollowUp
		counts    bool
		keptOnDay bool // KeptOnTime
	}{
		{"done on the promised day", promise(d(2026, 11, 10), d(2026, 11, 10), d(2026, 11, 10), false), true, true},
		{"done early", promise(d(2026, 11, 10), d(2026, 11, 10), d(2026, 11, 1), false), true, true},
		{"done a day late", promise(d(2026, 11, 10), d(2026, 11, 10), d(2026, 11, 11), false), true, false},
		{"snoozed, then done by the new due date: still late", promise(d(2026, 11, 10), d(2026, 11, 30), d(2026, 11, 15), false), true, false},
		{"snoozed and done by the promise", promise(d(2026, 11, 10), d(2026, 11, 30), d(2026, 11, 9), false), true, true},
		{"snoozed past today, promised long ago, open", promise(d(2026, 11, 10), d(2026, 12, 5), none, false), true, false},
		{"open and overdue", promise(d(2026, 11, 21), d(2026, 11, 21), none, false), true, false},
		{"open and promised today: it can yet be kept", promise(today, today, none, false), false, false},
		{"done today, promised today", promise(today, today, today, false), true, true},
		{"promised tomorrow, done already: not yet weighed", promise(today.AddDays(1), today.AddDays(1), today, false), false, true},
		{"promised on the window's first day", promise(first, first, first, false), true, true},
		{"promised the day before the window", promise(first.AddDays(-1), first.AddDays(-1), first.AddDays(-1), false), false, true},
		{"they owe it", promise(d(2026, 11, 10), d(2026, 11, 10), d(2026, 11, 10), true), false, true},
		{"they owe it, open", promise(d(2026, 11, 10), d(2026, 11, 10), none, true), false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := PromiseCounts(tc.f, today); got != tc.counts {
				t.Errorf("PromiseCounts = %v, want %v", got, tc.counts)
			}
			if got := tc.f.KeptOnTime(); got != tc.keptOnDay {
				t.Errorf("KeptOnTime = %v, want %v", got, tc.keptOnDay)
			}
			f := ComputeFigures(today, nil, []FollowUp{tc.f})
			wantDue, wantKept := 0, 0
			if tc.counts {
				wantDue = 1
				if tc.keptOnDay {
					wantKept = 1
				}
			}
			if f.PromisesDue != wantDue || f.PromisesKept != wantKept {
				t.Errorf("figures due %d kept %d, want %d %d", f.PromisesDue, f.PromisesKept, wantDue, wantKept)
			}
		})
	}
	var all []FollowUp
	for _, tc := range tests {
		all = append(all, tc.f)
	}
	// Counted: 9 (rows 1-7, 9, 11); kept among them: 1, 2, 5, 9, 11.
	f := ComputeFigures(today, nil, all)
	if f.PromisesDue != 9 || f.PromisesKept != 5 || !eqp(f.FollowThrough, intp(56)) {
		t.Fatalf("book figures = due %d kept %d rate %v, want 9 5 56", f.PromisesDue, f.PromisesKept, deref(f.FollowThrough))
	}
	if f := ComputeFigures(today, nil, nil); f.FollowThrough != nil {
		t.Fatalf("no promises should give no rate, got %v", *f.FollowThrough)
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		part, whole int
		want        *int
	}{
		{0, 0, nil}, {0, 5, intp(0)}, {5, 5, intp(100)}, {1, 3, intp(33)}, {2, 3, intp(67)}, {1, 8, intp(13)}, {1, 200, intp(1)}, {1, 201, intp(0)},
	}
	for _, tc := range tests {
		if got := Percent(tc.part, tc.whole); !eqp(got, tc.want) {
			t.Errorf("Percent(%d, %d) = %v, want %v", tc.part, tc.whole, deref(got), deref(tc.want))
		}
	}
}

func TestDaysAgo(t *testing.T) {
	today := d(2026, 11, 22)
	tests := []struct {
		day  Date
		want string
	}{
		{Date{}, "never"},
		{today.AddDays(1), "in the future"},
		{today, "today"},
		{today.AddDays(-1), "yesterday"},
		{today.AddDays(-2), "2 days ago"},
		{today.AddDays(-13), "13 days ago"},
		{today.AddDays(-14), "2 weeks ago"},
		{today.AddDays(-59), "8 weeks ago"},
		{today.AddDays(-60), "2 months ago"},
		{today.AddDays(-729), "24 months ago"},
		{today.AddDays(-730), "2 years ago"},
		{d(1, 1, 1), "2027 years ago"}, // 739941 days / 365
	}
	for _, tc := range tests {
		if got := DaysAgo(tc.day, today); got != tc.want {
			t.Errorf("DaysAgo(%v) = %q, want %q", tc.day, got, tc.want)
		}
	}
}
