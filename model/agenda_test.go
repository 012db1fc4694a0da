package model

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

// at is 10:00 UTC on a day.
func at(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 10, 0, 0, 0, time.UTC) }

func fu(id, contact uint64, due Date) FollowUp {
	return FollowUp{ID: id, ContactID: contact, Text: "promise", Due: due, Promised: due}
}

func TestBuildAgendaFollowUps(t *testing.T) {
	today := d(2026, 11, 22)
	done := fu(7, 1, d(2026, 11, 10))
	done.Done = d(2026, 11, 12)
	snoozed := fu(12, 2, d(2026, 11, 25)) // promised for last week, now due later
	snoozed.Promised = d(2026, 11, 15)
	follows := []FollowUp{
		fu(5, 1, d(2026, 11, 20)),
		fu(6, 2, d(2026, 11, 15)),
		fu(3, 2, d(2026, 11, 20)),
		fu(9, 1, today),
		fu(2, 3, today),
		fu(10, 1, d(2026, 11, 23)), // tomorrow: not yet
		done,
		fu(4, 3, d(2025, 12, 31)),
		snoozed,
		fu(11, 99, d(2026, 11, 21)), // a contact the names do not know
		fu(13, 3, d(2026, 11, 29)),  // the last day of the week ahead
		fu(14, 3, d(2026, 11, 30)),  // a day past it: not yet
	}
	names := map[uint64]string{1: "Ada Lovelace", 2: "Grace Hopper", 3: "José Núñez"}
	a := BuildAgenda(AgendaInput{Today: today, FollowUps: follows, Names: names})

	type row struct {
		id      uint64
		name    string
		overdue int
	}
	rows := func(items []DueItem) []row {
		var out []row
		for _, it := range items {
			out = append(out, row{it.ID, it.ContactName, it.DaysOverdue})
		}
		return out
	}
	wantOverdue := []row{
		{4, "José Núñez", 326}, // since last year, oldest first
		{6, "Grace Hopper", 7},
		{3, "Grace Hopper", 2}, // same day: by id
		{5, "Ada Lovelace", 2},
		{11, "", 1},
	}
	if got := rows(a.Overdue); !reflect.DeepEqual(got, wantOverdue) {
		t.Errorf("overdue = %v\nwant      %v", got, wantOverdue)
	}
	wantToday := []row{{2, "José Núñez", 0}, {9, "Ada Lovelace", 0}}
	if got := rows(a.DueToday); !reflect.DeepEqual(got, wantToday) {
		t.Errorf("due today = %v\nwant        %v", got, wantToday)
	}
	wantComing := []row{{10, "Ada Lovelace", 0}, {12, "Grace Hopper", 0}, {13, "José Núñez", 0}}
	if got := rows(a.ComingUp); !reflect.DeepEqual(got, wantComing) {
		t.Errorf("coming up = %v\nwant        %v", got, wantComing)
	}
	if a.Overdue[0].FollowUp != follows[7] {
		t.Errorf("the item does not carry its follow-up: %+v", a.Overdue[0].FollowUp)
	}
	if a.Day != today {
		t.Errorf("Day = %v", a.Day)
	}
}

func TestBuildAgendaIsNeverNil(t *testing.T) {
	a := BuildAgenda(AgendaInput{Today: d(2026, 11, 22)})
	if a.Overdue == nil || a.DueToday == nil || a.ComingUp == nil || a.Moments == nil || a.Cold == nil || a.ColdTotal != 0 {
		t.Fatalf("an empty agenda should have empty lists (for JSON []): %+v", a)
	}
}

func TestUpcomingMoments(t *testing.T) {
	type item struct {
		label  string
		on     Date
		inDays int
		years  int
	}
	tests := []struct {
		name    string
		today   Date
		moments []Moment
		want    []item
	}{
		{"today, with age", d(2026, 11, 22), []Moment{{LabelBirthday, d(1990, 11, 22)}},
			[]item{{LabelBirthday, d(2026, 11, 22), 0, 36}}},
		{"day 7 is in", d(2026, 11, 22), []Moment{{LabelBirthday, d(1990, 11, 29)}},
			[]item{{LabelBirthday, d(2026, 11, 29), 7, 36}}},
		{"day 8 is out", d(2026, 11, 22), []Moment{{LabelBirthday, d(1990, 11, 30)}}, nil},
		{"yesterday is out", d(2026, 11, 22), []Moment{{LabelBirthday, d(1990, 11, 21)}}, nil},
		{"no year, no age", d(2026, 11, 22), []Moment{{LabelBirthday, d(0, 11, 24)}},
			[]item{{LabelBirthday, d(2026, 11, 24), 2, 0}}},
		{"over the year end, age of next year", d(2026, 12, 28), []Moment{{LabelBirthday, d(1970, 1, 2)}},
			[]item{{LabelBirthday, d(2027, 1, 2), 5, 57}}},
		{"Dec 31 to Jan 4", d(2026, 12, 31), []Moment{{LabelWorkAnniversary, d(2020, 1, 4)}},
			[]item{{LabelWorkAnniversary, d(2027, 1, 4), 4, 7}}},
		{"a year's first anniversary", d(2026, 11, 22), []Moment{{LabelCustomerSince, d(2025, 11, 25)}},
			[]item{{LabelCustomerSince, d(2026, 11, 25), 3, 1}}},
		{"a date later this year has no years yet", d(2026, 11, 22), []Moment{{LabelCustomerSince, d(2026, 11, 25)}},
			[]item{{LabelCustomerSince, d(2026, 11, 25), 3, 0}}},
		{"Feb 29 on Feb 28 of a common year", d(2027, 2, 25), []Moment{{LabelBirthday, d(1988, 2, 29)}},
			[]item{{LabelBirthday, d(2027, 2, 28), 3, 39}}},
		{"Feb 29 on Feb 28 itself", d(2027, 2, 28), []Moment{{LabelBirthday, d(1988, 2, 29)}},
			[]item{{LabelBirthday, d(2027, 2, 28), 0, 39}}},
		{"Feb 29 in a leap year", d(2028, 2, 27), []Moment{{LabelBirthday, d(1988, 2, 29)}},
			[]item{{LabelBirthday, d(2028, 2, 29), 2, 40}}},
		{"Feb 29 is gone on Mar 1 of a common year", d(2027, 3, 1), []Moment{{LabelBirthday, d(1988, 2, 29)}}, nil},
		{"yearless Feb 29 in a common year", d(2027, 2, 22), []Moment{{LabelBirthday, d(0, 2, 29)}},
			[]item{{LabelBirthday, d(2027, 2, 28), 6, 0}}},
		{"Mar 1 is day 7 from Feb 22 of a common year", d(2027, 2, 22), []Moment{{LabelBirthday, d(1990, 3, 1)}},
			[]item{{LabelBirthday, d(2027, 3, 1), 7, 37}}},
		{"Mar 1 is day 8 from Feb 22 of a leap year", d(2028, 2, 22), []Moment{{LabelBirthday, d(1990, 3, 1)}}, nil},
		{"several moments", d(2026, 11, 22), []Moment{{LabelBirthday, d(0, 11, 23)}, {LabelAnniversary, d(2000, 11, 22)}, {"first deal", d(2019, 1, 1)}},
			[]item{{LabelBirthday, d(2026, 11, 23), 1, 0}, {LabelAnniversary, d(2026, 11, 22), 0, 26}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Contact{ID: 4, Name: "Ada"}
			for _, m := range tc.moments {
				if m.Label == LabelBirthday {
					c.Birthday = m.Date
				} else {
					c.Moments = append(c.Moments, m)
				}
			}
			var got []item
			for _, it := range UpcomingMoments(c, tc.today, MomentWindow) {
				if it.ContactID != 4 || it.ContactName != "Ada" {
					t.Errorf("item of the wrong contact: %+v", it)
				}
				got = append(got, item{it.Label, it.On, it.InDays, it.Years})
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("UpcomingMoments = %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestMomentDays(t *testing.T) {
	md := func(m time.Month, day int) Date { return d(0, m, day) }
	tests := []struct {
		name  string
		today Date
		want  []Date
	}{
		{"ordinary week", d(2026, 11, 22), []Date{md(11, 22), md(11, 23), md(11, 24), md(11, 25), md(11, 26), md(11, 27), md(11, 28), md(11, 29)}},
		{"year end", d(2026, 12, 28), []Date{md(12, 28), md(12, 29), md(12, 30), md(12, 31), md(1, 1), md(1, 2), md(1, 3), md(1, 4)}},
		{"common year adds Feb 29 after Feb 28", d(2027, 2, 25), []Date{md(2, 25), md(2, 26), md(2, 27), md(2, 28), md(2, 29), md(3, 1), md(3, 2), md(3, 3), md(3, 4)}},
		{"leap year has its own Feb 29", d(2028, 2, 25), []Date{md(2, 25), md(2, 26), md(2, 27), md(2, 28), md(2, 29), md(3, 1), md(3, 2), md(3, 3)}},
		{"Feb 28 as the last day", d(2027, 2, 21), []Date{md(2, 21), md(2, 22), md(2, 23), md(2, 24), md(2, 25), md(2, 26), md(2, 27), md(2, 28), md(2, 29)}},
		{"Mar 1 of a common year", d(2027, 3, 1), []Date{md(3, 1), md(3, 2), md(3, 3), md(3, 4), md(3, 5), md(3, 6), md(3, 7), md(3, 8)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MomentDays(tc.today, MomentWindow); !slices.Equal(got, tc.want) {
				t.Fatalf("MomentDays(%v) = %v\nwant %v", tc.today, got, tc.want)
			}
		})
	}
}

func TestBuildAgendaMoments(t *testing.T) {
	today := d(2026, 11, 22)
	book := []Contact{
		{ID: 3, Name: "Grace Hopper", Birthday: d(0, 11, 24)},
		{ID: 1, Name: "Ada Lovelace", Birthday: d(1990, 11, 24), Moments: []Moment{{LabelWorkAnniversary, d(2020, 11, 24)}}},
		{ID: 2, Name: "Ada Lovelace", Birthday: d(1985, 11, 24)}, // a namesake
		{ID: 4, Name: "Alan Turing", Birthday: d(1912, 11, 22)},
		{ID: 5, Name: "Zoë Dubois", Birthday: d(1999, 12, 1)}, // day 9
	}
	type row struct {
		id     uint64
		label  string
		inDays int
		years  int
	}
	want := []row{
		{4, LabelBirthday, 0, 114},
		{1, LabelBirthday, 2, 36},
		{1, LabelWorkAnniversary, 2, 6},
		{2, LabelBirthday, 2, 41},
		{3, LabelBirthday, 2, 0},
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}} {
		var in []Contact
		for _, i := range order {
			in = append(in, book[i])
		}
		a := BuildAgenda(AgendaInput{Today: today, MomentsOf: in})
		var got []row
		for _, m := range a.Moments {
			got = append(got, row{m.ContactID, m.Label, m.InDays, m.Years})
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("input order %v: moments = %v\nwant %v", order, got, want)
		}
	}
}

func TestGoingCold(t *testing.T) {
	today := d(2026, 11, 22)
	tests := []struct {
		name    string
		c       Contact
		cold    bool
		overdue int
		touched Date
		cadence int
	}{
		{"next touch today is not cold", Contact{Stage: Customer, Cadence: 30, LastTouch: at(2026, 10, 23)}, false, 0, d(2026, 10, 23), 30},
		{"next touch yesterday is cold", Contact{Stage: Customer, Cadence: 30, LastTouch: at(2026, 10, 22)}, true, 1, d(2026, 10, 22), 30},
		{"late-evening touch counts for its day", Contact{Stage: Customer, Cadence: 30, LastTouch: time.Date(2026, 10, 22, 23, 59, 0, 0, time.UTC)}, true, 1, d(2026, 10, 22), 30},
		{"never touched: due a cadence after it was added", Contact{Stage: Lead, Created: at(2026, 9, 1)}, true, 68, Date{}, 14},
		{"put off to a later day", Contact{Stage: Lead, LastTouch: at(2026, 9, 1), NextTouchAfter: d(2026, 11, 30)}, false, 0, d(2026, 9, 1), 14},
		{"stage default: customer 30", Contact{Stage: Customer, LastTouch: at(2026, 8, 1)}, true, 83, d(2026, 8, 1), 30},
		{"stage default: past customer 180", Contact{Stage: PastCustomer, LastTouch: at(2026, 6, 1)}, false, 0, d(2026, 6, 1), 180},
		{"own cadence beats the stage", Contact{Stage: PastCustomer, Cadence: 7, LastTouch: at(2026, 11, 1)}, true, 14, d(2026, 11, 1), 7},
		{"last touch beats creation", Contact{Stage: Lead, Created: at(2025, 1, 1), LastTouch: at(2026, 11, 20)}, false, 0, d(2026, 11, 20), 14},
		{"over a year end", Contact{Stage: Lead, LastTouch: at(2025, 12, 20)}, true, 323, d(2025, 12, 20), 14},
		{"no creation time at all", Contact{Stage: Customer}, true, 739616 + 325 - 30, Date{}, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.ID, tc.c.Name = 8, "Ada"
			item, cold := GoingCold(tc.c, today)
			if cold != tc.cold {
				t.Fatalf("GoingCold = %v, want %v (next touch %v)", cold, tc.cold, tc.c.NextTouch())
			}
			if tc.c.Touched() != tc.touched || tc.c.CadenceDays() != tc.cadence {
				t.Fatalf("Touched %v CadenceDays %d, want %v %d", tc.c.Touched(), tc.c.CadenceDays(), tc.touched, tc.cadence)
			}
			if !cold {
				return
			}
			want := ColdItem{ContactID: 8, ContactName: "Ada", LastTouch: tc.touched, Cadence: tc.cadence, DaysOverdue: tc.overdue, Stage: tc.c.Stage}
			if item != want {
				t.Fatalf("GoingCold = %+v, want %+v", item, want)
			}
		})
	}
}

func TestBuildAgendaCold(t *testing.T) {
	today := d(2026, 11, 22)
	// Contact i is last touched 30+i days ago with a 30-day cadence, so it
	// is i days over (0 is due today, so not cold).
	var book []Contact
	for i := 0; i <= 14; i++ {
		book = append(book, Contact{ID: uint64(100 - i), Name: string(rune('a' + i)), Stage: Customer, LastTouch: today.AddDays(-30 - i).Time()})
	}
	// Two more tie with the most overdue (14 days): by name, then id.
	book = append(book,
		Contact{ID: 1, Name: "b", Stage: Customer, LastTouch: today.AddDays(-44).Time()},
		Contact{ID: 2, Name: "b", Stage: Customer, LastTouch: today.AddDays(-44).Time()},
	)
	slices.Reverse(book)
	ids := func(a Agenda) []uint64 {
		var out []uint64
		for _, c := range a.Cold {
			out = append(out, c.ContactID)
		}
		return out
	}
	all := []uint64{1, 2, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99}
	tests := []struct {
		name      string
		limit     int
		count     int
		wantIDs   []uint64
		wantTotal int
	}{
		{"every one", 0, 0, all, 16},
		{"the limit", ColdLimit, 0, all[:10], 16},
		{"a limit above the count", 50, 0, all, 16},
		{"the limit of 1", 1, 0, all[:1], 16},
		{"a count from the whole book", ColdLimit, 1000, all[:10], 1000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := BuildAgenda(AgendaInput{Today: today, ColdOf: book, ColdLimit: tc.limit, ColdCount: tc.count})
			if got := ids(a); !slices.Equal(got, tc.wantIDs) || a.ColdTotal != tc.wantTotal {
				t.Fatalf("cold = %v total %d\nwant   %v total %d", got, a.ColdTotal, tc.wantIDs, tc.wantTotal)
			}
			wantOver := []int{14, 14, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
			for i, c := range a.Cold {
				if c.DaysOverdue != wantOver[i] || c.Cadence != 30 || c.LastTouch != today.AddDays(-30-wantOver[i]) {
					t.Fatalf("cold[%d] = %+v, want %d days over", i, c, wantOver[i])
				}
			}
		})
	}
}

func TestAgendaOfBook(t *testing.T) {
	today := d(2026, 11, 22)
	book := []Contact{
		{ID: 1, Name: "Ada", Stage: Customer, Birthday: d(0, 11, 23), LastTouch: at(2026, 9, 1)},
		{ID: 2, Name: "Grace", Stage: Customer, LastTouch: at(2026, 11, 20)},
	}
	done := fu(3, 2, d(2026, 11, 1))
	done.Done = d(2026, 11, 1)
	in := AgendaOfBook(today, book, []FollowUp{fu(1, 2, d(2026, 11, 21)), done, fu(2, 1, today)}, ColdLimit)
	if in.Names[1] != "Ada" || in.Names[2] != "Grace" || in.ColdLimit != ColdLimit || in.Today != today {
		t.Fatalf("AgendaOfBook = %+v", in)
	}
	a := BuildAgenda(in)
	if len(a.Overdue) != 1 || a.Overdue[0].ContactName != "Grace" || len(a.DueToday) != 1 || a.DueToday[0].ContactName != "Ada" {
		t.Errorf("follow-ups: %+v %+v", a.Overdue, a.DueToday)
	}
	if len(a.Moments) != 1 || a.Moments[0].ContactID != 1 || a.Moments[0].InDays != 1 {
		t.Errorf("moments: %+v", a.Moments)
	}
	if len(a.Cold) != 1 || a.Cold[0].ContactID != 1 || a.Cold[0].DaysOverdue != 52 || a.ColdTotal != 1 {
		t.Errorf("cold: %+v total %d", a.Cold, a.ColdTotal)
	}
}

// TestSortColdMattersMost: customers and prospects first, then leads and
// partners, then personal and past customers; within a tier the most
// overdue relative to the cadence.
func TestSortColdMattersMost(t *testing.T) {
	items := []ColdItem{
		{ContactID: 1, ContactName: "Old friend", Stage: Personal, Cadence: 90, DaysOverdue: 400},
		{ContactID: 2, ContactName: "Big customer", Stage: Customer, Cadence: 90, DaysOverdue: 120},
		{ContactID: 3, ContactName: "Hot prospect", Stage: Prospect, Cadence: 14, DaysOverdue: 20},
		{ContactID: 4, ContactName: "Dead lead", Stage: Lead, Cadence: 14, DaysOverdue: 300},
		{ContactID: 5, ContactName: "Past customer", Stage: PastCustomer, Cadence: 180, DaysOverdue: 10},
		{ContactID: 6, ContactName: "Partner", Stage: Partner, Cadence: 60, DaysOverdue: 30},
	}
	SortCold(items)
	var got []uint64
	for _, it := range items {
		got = append(got, it.ContactID)
	}
	// 3 (20/14 ≈ 1.4) before 2 (120/90 ≈ 1.3); 4 (21x) before 6 (0.5x);
	// 1 (4.4x) before 5.
	if want := []uint64{3, 2, 4, 6, 1, 5}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}
