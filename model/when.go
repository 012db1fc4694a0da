package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// More ways reps say a day, tried after the original forms.

// dueNextPeriod reads "next week" (Monday of next week) and "next month"
// (the first of next month).
func dueNextPeriod(s string, today Date) (Date, bool) {
	switch s {
	case "next week", "nw":
		return today.AddDays(7 - isoWeekdayIndex(today.Weekday())), true
	case "next month", "nm":
		first := Date{today.Year, today.Month, 1}
		return first.AddMonths(1), true
	}
	return Date{}, false
}

// dueEndOf reads "end of week"/"eow" (Friday of this week, next week's once
// it has passed) and "end of month"/"eom" (its last day).
func dueEndOf(s string, today Date) (Date, bool) {
	switch s {
	case "end of week", "eow":
		ahead := (int(time.Friday) - int(today.Weekday()) + 7) % 7
		return today.AddDays(ahead), true
	case "end of month", "eom":
		return Date{today.Year, today.Month, daysIn(today.Year, today.Month)}, true
	}
	return Date{}, false
}

// dueBareAmount reads "3d", "2w", "1m" without "in".
func dueBareAmount(s string, today Date) (Date, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' || strings.Contains(s, " ") {
		return Date{}, false
	}
	return dueRelative("in "+s, today)
}

// ambiguousSlash explains why "12/5" is refused: it reads as 12 May in
// most of the world and as December 5 in the United States.
func ambiguousSlash(s string) error {
	a, b, ok := strings.Cut(s, "/")
	if !ok || strings.Contains(b, "/") {
		return nil
	}
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || x < 1 || y < 1 || x > 31 || y > 31 {
		return nil
	}
	return fmt.Errorf("%q could be day/month or month/day; write the month as a word (dec 5, 5 dec) or the date as 2026-12-05", s)
}

// ParseClock reads a time of day: "3pm", "3:30pm", "9am", "15:00", "noon".
// It gives "HH:MM".
func ParseClock(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "noon" {
		return "12:00", true
	}
	ampm := ""
	if strings.HasSuffix(s, "am") || strings.HasSuffix(s, "pm") {
		ampm, s = s[len(s)-2:], strings.TrimSpace(s[:len(s)-2])
	}
	hText, mText, hasMin := strings.Cut(s, ":")
	if !hasMin && ampm == "" {
		return "", false // a bare "3" is not a time
	}
	h, err := strconv.Atoi(hText)
	if err != nil || len(hText) > 2 {
		return "", false
	}
	m := 0
	if hasMin {
		if len(mText) != 2 {
			return "", false
		}
		if m, err = strconv.Atoi(mText); err != nil || m > 59 || m < 0 {
			return "", false
		}
	}
	switch {
	case ampm != "" && (h < 1 || h > 12):
		return "", false
	case ampm == "am" && h == 12:
		h = 0
	case ampm == "pm" && h != 12:
		h += 12
	case h < 0 || h > 23:
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", h, m), true
}

// ParseDueTime reads a due day with an optional time of day after it
// ("fri 3pm", "tomorrow 15:00"); the time is "" when none was given.
func ParseDueTime(s string, today Date) (Date, string, error) {
	f := strings.Fields(s)
	if len(f) >= 2 {
		if clock, ok := ParseClock(f[len(f)-1]); ok {
			d, err := ParseDue(strings.Join(f[:len(f)-1], " "), today)
			return d, clock, err
		}
		if len(f) >= 3 { // "fri 3 pm"
			if clock, ok := ParseClock(f[len(f)-2] + f[len(f)-1]); ok {
				d, err := ParseDue(strings.Join(f[:len(f)-2], " "), today)
				return d, clock, err
			}
		}
	}
	d, err := ParseDue(s, today)
	return d, "", err
}

// WhenForms lists what ParseWhen accepts, for error messages and help.
const WhenForms = "now, today, yesterday, a weekday (mon: the last one), 2026-11-20 or nov 20, each with an optional time (3pm, 15:00)"

// ParseWhen reads when an interaction happened, which is now or in the
// past: "yesterday 3pm", "mon" (the last Monday), "nov 20 10:00". Without a
// time of day it keeps now's, or noon for another day.
func ParseWhen(s string, now time.Time) (time.Time, error) {
	in := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if in == "" || in == "now" {
		return now, nil
	}
	f := strings.Fields(in)
	clock := ""
	if c, ok := ParseClock(f[len(f)-1]); ok {
		clock, f = c, f[:len(f)-1]
	}
	today := DateOf(now)
	day, ok := pastDay(strings.Join(f, " "), today)
	if !ok {
		if err := ambiguousSlash(strings.Join(f, " ")); err != nil {
			return time.Time{}, err
		}
		if d, err := ParseDue(strings.Join(f, " "), today); err == nil && d.After(today) {
			return time.Time{}, fmt.Errorf("%s is in the future; a note says what already happened (a promise is a follow-up)", d)
		}
		return time.Time{}, fmt.Errorf("cannot read %q as a time; use %s", s, WhenForms)
	}
	at := time.Date(day.Year, day.Month, day.Day, 12, 0, 0, 0, now.Location())
	switch {
	case clock != "":
		h, _ := strconv.Atoi(clock[:2])
		m, _ := strconv.Atoi(clock[3:])
		at = time.Date(day.Year, day.Month, day.Day, h, m, 0, 0, now.Location())
	case day == today:
		at = now
	}
	if at.After(now) {
		return time.Time{}, fmt.Errorf("%s is in the future; a note says what already happened (a promise is a follow-up)", at.Format("Mon 2 Jan 15:04"))
	}
	return at, nil
}

// pastDay reads a day on or before today.
func pastDay(s string, today Date) (Date, bool) {
	switch s {
	case "", "today":
		return today, true
	case "yesterday", "yday":
		return today.AddDays(-1), true
	}
	if wd, ok := weekdayNames[s]; ok {
		back := (int(today.Weekday()) - int(wd) + 7) % 7
		return today.AddDays(-back), true
	}
	if d, ok := dueISO(s, today); ok {
		return d, true
	}
	if d, ok := dueMonthDay(s, today); ok {
		if d.After(today) {
			d.Year--
			for d.Day > daysIn(d.Year, d.Month) {
				d.Year--
			}
		}
		return d, true
	}
	return Date{}, false
}
