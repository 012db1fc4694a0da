package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// d builds a date without validation; tests use it for expectations.
func d(y int, m time.Month, day int) Date { return Date{y, m, day} }

func TestNewDate(t *testing.T) {
	tests := []struct {
		name    string
		y       int
		m       time.Month
		day     int
		wantErr bool
	}{
		{"ordinary", 2026, time.December, 1, false},
		{"year end", 2026, time.December, 31, false},
		{"leap day in a leap year", 2028, time.February, 29, false},
		{"leap day in a common year", 2027, time.February, 29, true},
		{"leap day in 1900 (not leap)", 1900, time.February, 29, true},
		{"leap day in 2000 (leap)", 2000, time.February, 29, false},
		{"leap day without a year", 0, time.February, 29, false},
		{"Feb 30 without a year", 0, time.February, 30, true},
		{"Apr 31", 2026, time.April, 31, true},
		{"Apr 31 without a year", 0, time.April, 31, true},
		{"day 0", 2026, time.May, 0, true},
		{"month 0", 2026, 0, 1, true},
		{"month 13", 2026, 13, 1, true},
		{"negative day", 2026, time.May, -1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NewDate(tc.y, tc.m, tc.day)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("NewDate(%d, %d, %d) = %v, want an error", tc.y, tc.m, tc.day, got)
				}
				return
			}
			if err != nil || got != d(tc.y, tc.m, tc.day) {
				t.Fatalf("NewDate(%d, %d, %d) = %v, %v", tc.y, tc.m, tc.day, got, err)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2026-12-01", d(2026, 12, 1), false},
		{" 2026-12-01 ", d(2026, 12, 1), false},
		{"2028-02-29", d(2028, 2, 29), false},
		{"1988-02-29", d(1988, 2, 29), false},
		{"2027-02-29", Date{}, true},
		{"2026-02-30", Date{}, true},
		{"2026-13-01", Date{}, true},
		{"2026-00-10", Date{}, true},
		{"2026-04-31", Date{}, true},
		{"12-10", d(0, 12, 10), false},
		{"--12-10", d(0, 12, 10), false},
		{"--02-29", d(0, 2, 29), false},
		{"02-29", d(0, 2, 29), false},
		{"--02-30", Date{}, true},
		{"--13-01", Date{}, true},
		{"0000-04-15", Date{}, true}, // year 0 is not a year; --04-15 says "no year"
		{"", Date{}, true},
		{"dec 3", d(0, 12, 3), false}, // a month word, as the edit form shows a yearless date
		{"2026-12", Date{}, true},
		{"2026-12-01-02", Date{}, true},
		{"20261201", Date{}, true},
		{"+12-10", Date{}, true},
		{"12-+3", Date{}, true},
		{"12--3", Date{}, true},
		{"--2026-12-01", Date{}, true},
		{"26-12-01", Date{}, true},
		{"2026/12/01", Date{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d     Date
		want  string
		short string
	}{
		{Date{}, "", ""},
		{d(2026, 12, 1), "2026-12-01", "Dec 1"},
		{d(0, 2, 29), "--02-29", "Feb 29"},
		{d(987, 1, 5), "0987-01-05", "Jan 5"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.d.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
			if got := tc.d.Short(); got != tc.short {
				t.Errorf("Short() = %q, want %q", got, tc.short)
			}
		})
	}
}

func TestDateZeroAndYear(t *testing.T) {
	if !(Date{}).IsZero() || d(0, 1, 1).IsZero() || d(2026, 1, 1).IsZero() {
		t.Error("IsZero: only the unset date is zero")
	}
	if d(0, 12, 10).HasYear() || !d(2026, 12, 10).HasYear() {
		t.Error("HasYear: year 0 means unknown")
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{d(2026, 11, 22), time.Sunday},
		{d(2026, 11, 23), time.Monday},
		{d(2026, 12, 31), time.Thursday},
		{d(2028, 2, 29), time.Tuesday},
		{d(2000, 1, 1), time.Saturday},
	}
	for _, tc := range tests {
		if got := tc.d.Weekday(); got != tc.want {
			t.Errorf("%v.Weekday() = %v, want %v", tc.d, got, tc.want)
		}
	}
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		name string
		from Date
		n    int
		want Date
	}{
		{"zero", d(2026, 11, 22), 0, d(2026, 11, 22)},
		{"into the next year", d(2026, 12, 31), 1, d(2027, 1, 1)},
		{"back into the last year", d(2026, 1, 1), -1, d(2025, 12, 31)},
		{"onto a leap day", d(2028, 2, 28), 1, d(2028, 2, 29)},
		{"over a missing leap day", d(2027, 2, 28), 1, d(2027, 3, 1)},
		{"off a leap day", d(2028, 2, 29), 1, d(2028, 3, 1)},
		{"back onto a leap day", d(2028, 3, 1), -1, d(2028, 2, 29)},
		{"a leap year", d(2028, 1, 1), 366, d(2029, 1, 1)},
		{"a common year", d(2027, 1, 1), 365, d(2028, 1, 1)},
		{"a week over a month end", d(2026, 11, 28), 7, d(2026, 12, 5)},
		{"90 back", d(2026, 11, 22), -90, d(2026, 8, 24)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.from.AddDays(tc.n); got != tc.want {
				t.Fatalf("%v.AddDays(%d) = %v, want %v", tc.from, tc.n, got, tc.want)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		from Date
		n    int
		want Date
	}{
		{"Jan 31 + 1 clamps to Feb 28", d(2026, 1, 31), 1, d(2026, 2, 28)},
		{"Jan 31 + 1 clamps to Feb 29 in a leap year", d(2028, 1, 31), 1, d(2028, 2, 29)},
		{"Jan 30 + 1 clamps too", d(2026, 1, 30), 1, d(2026, 2, 28)},
		{"Jan 28 + 1 needs no clamp", d(2026, 1, 28), 1, d(2026, 2, 28)},
		{"Mar 31 - 1 clamps to Feb", d(2026, 3, 31), -1, d(2026, 2, 28)},
		{"Aug 31 + 1 clamps to Sep 30", d(2026, 8, 31), 1, d(2026, 9, 30)},
		{"Oct 31 + 4 crosses a year end and clamps", d(2026, 10, 31), 4, d(2027, 2, 28)},
		{"Dec 15 + 1 is next January", d(2026, 12, 15), 1, d(2027, 1, 15)},
		{"Jan 15 - 1 is last December", d(2026, 1, 15), -1, d(2025, 12, 15)},
		{"Feb 29 + 12 is Feb 28", d(2028, 2, 29), 12, d(2029, 2, 28)},
		{"Feb 29 + 48 is Feb 29", d(2028, 2, 29), 48, d(2032, 2, 29)},
		{"- 13", d(2026, 3, 31), -13, d(2025, 2, 28)},
		{"zero", d(2026, 5, 31), 0, d(2026, 5, 31)},
		{"Dec 31 + 12", d(2026, 12, 31), 12, d(2027, 12, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.from.AddMonths(tc.n); got != tc.want {
				t.Fatalf("%v.AddMonths(%d) = %v, want %v", tc.from, tc.n, got, tc.want)
			}
		})
	}
}

func TestDaysUntil(t *testing.T) {
	tests := []struct {
		name string
		a, b Date
		want int
	}{
		{"same day", d(2026, 11, 22), d(2026, 11, 22), 0},
		{"over a year end", d(2026, 12, 31), d(2027, 1, 1), 1},
		{"backwards over a year end", d(2027, 1, 1), d(2026, 12, 31), -1},
		{"over a leap day", d(2028, 2, 28), d(2028, 3, 1), 2},
		{"over a missing leap day", d(2027, 2, 28), d(2027, 3, 1), 1},
		{"a leap year", d(2028, 1, 1), d(2029, 1, 1), 366},
		{"overdue since last year", d(2025, 12, 31), d(2026, 11, 22), 326},
		{"ninety days", d(2026, 8, 24), d(2026, 11, 22), 90},
		// More than time.Duration's 292 years: a contact saved without a
		// creation time has year 1, and must not saturate.
		{"from year 1", d(1, 1, 1), d(2026, 1, 1), 739616},
		{"to year 1", d(2026, 1, 1), d(1, 1, 1), -739616},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.DaysUntil(tc.b); got != tc.want {
				t.Fatalf("%v.DaysUntil(%v) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b Date
		want int
	}{
		{d(2026, 11, 22), d(2026, 11, 22), 0},
		{d(2026, 11, 22), d(2026, 11, 23), -1},
		{d(2026, 12, 1), d(2026, 11, 30), 1},
		{d(2026, 1, 1), d(2025, 12, 31), 1},
		{d(0, 12, 31), d(1, 1, 1), -1},
		{Date{}, d(0, 1, 1), -1},
	}
	for _, tc := range tests {
		if got := tc.a.Compare(tc.b); got != tc.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := tc.b.Compare(tc.a); got != -tc.want {
			t.Errorf("%v.Compare(%v) = %d, want %d", tc.b, tc.a, got, -tc.want)
		}
		if tc.a.Before(tc.b) != (tc.want < 0) || tc.a.After(tc.b) != (tc.want > 0) {
			t.Errorf("Before/After disagree with Compare for %v, %v", tc.a, tc.b)
		}
	}
}

func TestInYearAndNextOccurrence(t *testing.T) {
	leapDay := d(1988, 2, 29)
	tests := []struct {
		name   string
		moment Date
		from   Date
		inYear Date // moment.InYear(from.Year)
		next   Date
	}{
		{"later this year", d(1990, 12, 10), d(2026, 11, 22), d(2026, 12, 10), d(2026, 12, 10)},
		{"today counts", d(1990, 11, 22), d(2026, 11, 22), d(2026, 11, 22), d(2026, 11, 22)},
		{"yesterday is next year", d(1990, 11, 21), d(2026, 11, 22), d(2026, 11, 21), d(2027, 11, 21)},
		{"over the year end", d(0, 1, 1), d(2026, 12, 31), d(2026, 1, 1), d(2027, 1, 1)},
		{"Dec 31 on Dec 31", d(0, 12, 31), d(2026, 12, 31), d(2026, 12, 31), d(2026, 12, 31)},
		{"Feb 29 falls on Feb 28 in a common year", leapDay, d(2027, 1, 1), d(2027, 2, 28), d(2027, 2, 28)},
		{"Feb 29 on Feb 28 of a common year", leapDay, d(2027, 2, 28), d(2027, 2, 28), d(2027, 2, 28)},
		{"Feb 29 after Feb 28 of a common year waits for the leap year", leapDay, d(2027, 3, 1), d(2027, 2, 28), d(2028, 2, 29)},
		{"Feb 29 in a leap year", leapDay, d(2028, 2, 1), d(2028, 2, 29), d(2028, 2, 29)},
		{"Feb 29 on Feb 28 of a leap year is tomorrow", leapDay, d(2028, 2, 28), d(2028, 2, 29), d(2028, 2, 29)},
		{"Feb 29 after a leap day is Feb 28 next year", leapDay, d(2028, 3, 1), d(2028, 2, 29), d(2029, 2, 28)},
		{"yearless Feb 29", d(0, 2, 29), d(2026, 2, 1), d(2026, 2, 28), d(2026, 2, 28)},
		{"Feb 28 stays Feb 28 in a leap year", d(1990, 2, 28), d(2028, 2, 1), d(2028, 2, 28), d(2028, 2, 28)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.moment.InYear(tc.from.Year); got != tc.inYear {
				t.Errorf("%v.InYear(%d) = %v, want %v", tc.moment, tc.from.Year, got, tc.inYear)
			}
			if got := tc.moment.NextOccurrence(tc.from); got != tc.next {
				t.Errorf("%v.NextOccurrence(%v) = %v, want %v", tc.moment, tc.from, got, tc.next)
			}
		})
	}
}

func TestKey(t *testing.T) {
	dates := []Date{d(0, 2, 29), d(1, 1, 1), d(1999, 12, 31), d(2026, 1, 1), d(2026, 11, 22), d(2026, 12, 1), d(9999, 12, 31)}
	for i, a := range dates {
		if got := DateFromKey(a.Key()); got != a {
			t.Errorf("DateFromKey(%v.Key()) = %v", a, got)
		}
		if i > 0 && dates[i-1].Key() >= a.Key() {
			t.Errorf("%v.Key() does not sort before %v.Key()", dates[i-1], a)
		}
	}
	if got := d(2026, 11, 22).Key(); got != 20261122 {
		t.Errorf("Key() = %d, want 20261122", got)
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		A Date `json:"a"`
		B Date `json:"b"`
		C Date `json:"c,omitzero"`
	}
	in := rec{A: d(2026, 12, 1), B: d(0, 2, 29)}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"a":"2026-12-01","b":"--02-29"}`; string(data) != want {
		t.Fatalf("Marshal = %s, want %s", data, want)
	}
	var out rec
	if err := json.Unmarshal([]byte(`{"a":"2026-12-01","b":"--02-29","c":""}`), &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Fatalf("round trip = %+v, want %+v", out, in)
	}
	for _, bad := range []string{`{"a":"2026-02-30"}`, `{"a":"soon"}`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil || !strings.Contains(err.Error(), "not a date") {
			t.Errorf("Unmarshal(%s) error = %v, want one saying it is not a date", bad, err)
		}
	}
}

func TestParseDateWithMonthWords(t *testing.T) {
	for in, want := range map[string]Date{
		"Mar 14": d(0, 3, 14), "14 march": d(0, 3, 14), "mar 14 1985": d(1985, 3, 14), "14 Mar 1985": d(1985, 3, 14),
		"Feb 29": d(0, 2, 29), "Mar 14, 1985": d(1985, 3, 14),
	} {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"Feb 30", "mar", "mar 14 85", "feb 29 2027", "smarch 3"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, got)
		}
	}
}
