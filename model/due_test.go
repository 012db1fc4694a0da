package model

import (
	"strings"
	"testing"
	"time"
)

func TestParseDue(t *testing.T) {
	sun := d(2026, 11, 22) // a Sunday
	mon := d(2026, 11, 23)
	fri := d(2026, 11, 27)
	thuYearEnd := d(2026, 12, 31)
	tests := []struct {
		in    string
		today Date
		want  Date
	}{
		// words
		{"today", sun, sun},
		{"TODAY", sun, sun},
		{"  today  ", sun, sun},
		{"tomorrow", sun, mon},
		{"Tomorrow", sun, mon},
		{"tmr", sun, mon},
		{"tomorrow", thuYearEnd, d(2027, 1, 1)},
		{"tomorrow", d(2028, 2, 28), d(2028, 2, 29)},

		// weekdays: the next one strictly after today
		{"mon", sun, d(2026, 11, 23)},
		{"monday", sun, d(2026, 11, 23)},
		{"tue", sun, d(2026, 11, 24)},
		{"tues", sun, d(2026, 11, 24)},
		{"Tuesday", sun, d(2026, 11, 24)},
		{"wed", sun, d(2026, 11, 25)},
		{"weds", sun, d(2026, 11, 25)},
		{"wednesday", sun, d(2026, 11, 25)},
		{"thu", sun, d(2026, 11, 26)},
		{"thur", sun, d(2026, 11, 26)},
		{"thurs", sun, d(2026, 11, 26)},
		{"thursday", sun, d(2026, 11, 26)},
		{"fri", sun, fri},
		{"FRIDAY", sun, fri},
		{"sat", sun, d(2026, 11, 28)},
		{"saturday", sun, d(2026, 11, 28)},
		{"sun", sun, d(2026, 11, 29)}, // a week away, never today
		{"sunday", sun, d(2026, 11, 29)},
		{"fri", fri, d(2026, 12, 4)},
		{"sat", fri, d(2026, 11, 28)},
		{"thu", fri, d(2026, 12, 3)},
		{"tue", mon, d(2026, 11, 24)},
		{"mon", mon, d(2026, 11, 30)},
		{"fri", thuYearEnd, d(2027, 1, 1)},
		{"thu", thuYearEnd, d(2027, 1, 7)},
		{"tue", d(2028, 2, 27), d(2028, 2, 29)},

		// next <weekday>: that day in the week starting next Monday
		{"next mon", sun, d(2026, 11, 23)}, // on a Sunday, next week starts tomorrow
		{"next tue", sun, d(2026, 11, 24)},
		{"next sun", sun, d(2026, 11, 29)},
		{"next tue", mon, d(2026, 12, 1)}, // eight days away; "tue" is tomorrow
		{"next mon", mon, d(2026, 11, 30)},
		{"next sunday", mon, d(2026, 12, 6)},
		{"next fri", fri, d(2026, 12, 4)},
		{"next mon", fri, d(2026, 11, 30)},
		{"next thu", fri, d(2026, 12, 3)},
		{"Next   Tuesday", fri, d(2026, 12, 1)},
		{"next fri", thuYearEnd, d(2027, 1, 8)},
		{"next mon", thuYearEnd, d(2027, 1, 4)},

		// relative
		{"in 3d", sun, d(2026, 11, 25)},
		{"in 3 d", sun, d(2026, 11, 25)},
		{"in 3 days", sun, d(2026, 11, 25)},
		{"in 1 day", sun, mon},
		{"in 0d", sun, sun},
		{"in 10d", d(2026, 12, 25), d(2027, 1, 4)},
		{"in 2w", sun, d(2026, 12, 6)},
		{"in 2 weeks", sun, d(2026, 12, 6)},
		{"in 1m", sun, d(2026, 12, 22)},
		{"in 1m", d(2026, 1, 31), d(2026, 2, 28)},
		{"in 1 month", d(2028, 1, 31), d(2028, 2, 29)},
		{"in 3 months", d(2026, 11, 30), d(2027, 2, 28)},
		{"in 1y", sun, d(2027, 11, 22)},
		{"in 1y", d(2028, 2, 29), d(2029, 2, 28)},
		{"in 2 years", sun, d(2028, 11, 22)},
		{"+5d", sun, fri},
		{"+1w", sun, d(2026, 11, 29)},
		{"+1m", d(2026, 1, 31), d(2026, 2, 28)},
		{"+1y", sun, d(2027, 11, 22)},

		// ISO dates, exactly as written (no rolling)
		{"2026-12-01", sun, d(2026, 12, 1)},
		{"2028-02-29", sun, d(2028, 2, 29)},
		{"2026-11-01", sun, d(2026, 11, 1)},

		// month and day, rolling to next year when passed
		{"dec 3", sun, d(2026, 12, 3)},
		{"3 dec", sun, d(2026, 12, 3)},
		{"Dec 3", sun, d(2026, 12, 3)},
		{"december 3", sun, d(2026, 12, 3)},
		{"dec 3rd", sun, d(2026, 12, 3)},
		{"1st jan", sun, d(2027, 1, 1)},
		{"sept 2", sun, d(2027, 9, 2)},
		{"nov 22", sun, sun}, // today is not passed
		{"nov 21", sun, d(2027, 11, 21)},
		{"jan 1", sun, d(2027, 1, 1)},
		{"dec 31", thuYearEnd, thuYearEnd},
		{"dec 30", thuYearEnd, d(2027, 12, 30)},
		{"feb 29", sun, d(2028, 2, 29)},
		{"29 feb", d(2027, 1, 10), d(2028, 2, 29)},
		{"feb 29", d(2028, 2, 29), d(2028, 2, 29)},
		{"feb 29", d(2028, 3, 1), d(2032, 2, 29)},
		{"feb 28", d(2028, 2, 29), d(2029, 2, 28)},
	}
	for _, tc := range tests {
		t.Run(tc.in+"@"+tc.today.String(), func(t *testing.T) {
			got, err := ParseDue(tc.in, tc.today)
			if err != nil || got != tc.want {
				t.Fatalf("ParseDue(%q, %v) = %v, %v; want %v (%s)", tc.in, tc.today, got, err, tc.want, tc.want.Weekday())
			}
		})
	}
}

func TestParseDueErrors(t *testing.T) {
	today := d(2026, 11, 22)
	garbage := []string{
		"", "   ", "someday", "asap", "next", "next weekend", "next monthday", "later today",
		"in", "in d", "in 3", "in -3d", "in 3x", "in 3 fortnights", "in 9999999d", "in 4000d",
		"-3d", "+5", "+d", "++5d", "3 d x", "fri 3pm", "on fri", "end of", "eoy",
		"2026/12/01", "12/01/2026", "01.12.2026", "2026-12-1", "20261201",
		"dec", "3", "dec 3 2026", "foo 3", "dec three", "dec 3x",
		"feb 30", "30 feb", "apr 31", "dec 0", "dec 32",
	}
	for _, in := range garbage {
		t.Run(in, func(t *testing.T) {
			got, err := ParseDue(in, today)
			if err == nil {
				t.Fatalf("ParseDue(%q) = %v, want an error", in, got)
			}
			if !strings.Contains(err.Error(), DueForms) {
				t.Fatalf("ParseDue(%q) error %q does not list the accepted forms", in, err)
			}
		})
	}
	// Impossible ISO dates are called out as such.
	for _, in := range []string{"2026-02-30", "2027-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-12-00"} {
		t.Run(in, func(t *testing.T) {
			got, err := ParseDue(in, today)
			if err == nil {
				t.Fatalf("ParseDue(%q) = %v, want an error", in, got)
			}
			if !strings.Contains(err.Error(), "not a real date") || !strings.Contains(err.Error(), in) {
				t.Fatalf("ParseDue(%q) error = %q, want it to say the date is not real", in, err)
			}
		})
	}
}

// A due date always has a year: "0000-05-01" would be the yearless
// --05-01, which no follow-up can be due on.
func TestParseDueNeedsAYear(t *testing.T) {
	if got, err := ParseDue("0000-05-01", d(2026, 11, 22)); err == nil {
		t.Fatalf("ParseDue(0000-05-01) = %v (year %d), want an error", got, got.Year)
	}
}

func TestDueFormsMentionsEveryForm(t *testing.T) {
	for _, form := range []string{"today", "tomorrow", "fri", "next tue", "next week", "next month", "eow", "eom", "3d", "in 3d", "in 2w", "in 1m", "in 1y", "+5d", "2026-12-01", "dec 3", "3 dec"} {
		if !strings.Contains(DueForms, form) {
			t.Errorf("DueForms does not mention %q", form)
		}
		if _, err := ParseDue(form, d(2026, 11, 22)); err != nil {
			t.Errorf("the advertised form %q is refused: %v", form, err)
		}
	}
}

func TestParseFollowUp(t *testing.T) {
	sun := d(2026, 11, 22)
	tests := []struct {
		in       string
		wantText string
		wantDue  Date
	}{
		{"fri: send the pricing", "send the pricing", d(2026, 11, 27)},
		{"fri:send the pricing", "send the pricing", d(2026, 11, 27)},
		{"  next tue :   call back about the pilot  ", "call back about the pilot", d(2026, 11, 24)},
		{"tomorrow: re: the contract", "re: the contract", d(2026, 11, 23)},
		{"in 2w: check in", "check in", d(2026, 12, 6)},
		{"dec 3: renewal", "renewal", d(2026, 12, 3)},
		{"2026-12-01: quote", "quote", d(2026, 12, 1)},
		{"tomorrow", "Follow up", d(2026, 11, 23)},
		{"  fri ", "Follow up", d(2026, 11, 27)},
		{"fri 15:00: call back", "call back", d(2026, 11, 27)},
		{"fri 3pm: call back: the pilot", "call back: the pilot", d(2026, 11, 27)},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			f, err := ParseFollowUp(tc.in, sun)
			if err != nil {
				t.Fatal(err)
			}
			want := FollowUp{Text: tc.wantText, Due: tc.wantDue, Promised: tc.wantDue}
			if strings.Contains(tc.in, "15:00") || strings.Contains(tc.in, "3pm") {
				want.DueTime = "15:00"
			}
			if f != want {
				t.Fatalf("ParseFollowUp(%q) = %+v, want %+v", tc.in, f, want)
			}
			if err := f.Validate(); err != nil {
				t.Fatalf("the parsed follow-up does not validate: %v", err)
			}
		})
	}
	errs := []struct{ in, mention string }{
		{"", "no WHEN"},
		{": send it", "no WHEN"},
		{"   : send it", "no WHEN"},
		{"fri:", "not what"},
		{"fri:   ", "not what"},
		{"someday: send it", DueForms},
		{"send the pricing on friday", DueForms},
		{"2026-02-30: send it", "not a real date"},
		{"2026-01-05: send it", "in the past"},
		{"12/5: send it", "day/month or month/day"},
	}
	for _, tc := range errs {
		t.Run("error "+tc.in, func(t *testing.T) {
			f, err := ParseFollowUp(tc.in, sun)
			if err == nil {
				t.Fatalf("ParseFollowUp(%q) = %+v, want an error", tc.in, f)
			}
			if !strings.Contains(err.Error(), tc.mention) {
				t.Fatalf("ParseFollowUp(%q) error %q does not mention %q", tc.in, err, tc.mention)
			}
		})
	}
}

func TestParseDueNewForms(t *testing.T) {
	sun := d(2026, 11, 22) // a Sunday
	fri := d(2026, 11, 27)
	sat := d(2026, 11, 28)
	tests := []struct {
		in    string
		today Date
		want  Date
	}{
		{"next week", sun, d(2026, 11, 23)},
		{"next week", d(2026, 11, 23), d(2026, 11, 30)},
		{"next month", sun, d(2026, 12, 1)},
		{"next month", d(2026, 12, 31), d(2027, 1, 1)},
		{"eow", sun, fri},
		{"end of week", fri, fri},
		{"eow", sat, d(2026, 12, 4)},
		{"eom", sun, d(2026, 11, 30)},
		{"end of month", d(2028, 2, 3), d(2028, 2, 29)},
		{"3d", sun, d(2026, 11, 25)},
		{"2w", sun, d(2026, 12, 6)},
		{"1m", d(2026, 1, 31), d(2026, 2, 28)},
	}
	for _, tc := range tests {
		if got, err := ParseDue(tc.in, tc.today); err != nil || got != tc.want {
			t.Errorf("ParseDue(%q) on %v = %v, %v; want %v", tc.in, tc.today, got, err, tc.want)
		}
	}
	for _, in := range []string{"12/5", "5/12", "1/1"} {
		_, err := ParseDue(in, sun)
		if err == nil || !strings.Contains(err.Error(), "day/month or month/day") {
			t.Errorf("ParseDue(%q): %v, want it refused as ambiguous", in, err)
		}
	}
}

func TestParseDueTime(t *testing.T) {
	sun := d(2026, 11, 22)
	tests := []struct {
		in    string
		want  Date
		clock string
	}{
		{"fri 3pm", d(2026, 11, 27), "15:00"},
		{"fri 15:00", d(2026, 11, 27), "15:00"},
		{"tomorrow 9:30am", d(2026, 11, 23), "09:30"},
		{"fri 3 pm", d(2026, 11, 27), "15:00"},
		{"dec 3 12am", d(2026, 12, 3), "00:00"},
		{"fri", d(2026, 11, 27), ""},
		{"next tue noon", d(2026, 11, 24), "12:00"},
	}
	for _, tc := range tests {
		got, clock, err := ParseDueTime(tc.in, sun)
		if err != nil || got != tc.want || clock != tc.clock {
			t.Errorf("ParseDueTime(%q) = %v %q %v; want %v %q", tc.in, got, clock, err, tc.want, tc.clock)
		}
	}
	for _, in := range []string{"fri 25:00", "fri 13pm", "fri 3:6pm", "3pm", "fri 0am"} {
		if got, clock, err := ParseDueTime(in, sun); err == nil {
			t.Errorf("ParseDueTime(%q) = %v %q, want an error", in, got, clock)
		}
	}
}

func TestParseWhen(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		in   string
		want time.Time
	}{
		{"", now},
		{"now", now},
		{"today", now},
		{"yesterday 3pm", time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)},
		{"yesterday", time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)},
		{"mon", time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)},
		{"wed 9am", time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)},
		{"thu", time.Date(2026, 11, 19, 12, 0, 0, 0, time.UTC)},
		{"dec 3", time.Date(2025, 12, 3, 12, 0, 0, 0, time.UTC)},
		{"2026-11-20 08:15", time.Date(2026, 11, 20, 8, 15, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		if got, err := ParseWhen(tc.in, now); err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseWhen(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for in, says := range map[string]string{"someday": "cannot read", "today 3pm": "in the future", "2026-12-01": "in the future",
		"tomorrow": "in the future", "12/5": "day/month"} {
		if got, err := ParseWhen(in, now); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseWhen(%q) = %v, %v; want an error saying %q", in, got, err, says)
		}
	}
}
