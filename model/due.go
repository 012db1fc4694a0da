package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DueForms lists what ParseDue accepts, for error messages and help.
const DueForms = "today, tomorrow, a weekday (fri), next tue, next week, next month, eow, eom, 3d, in 3d / in 2w / in 1m / in 1y, +5d, 2026-12-01, dec 3 or 3 dec"

// ParseDue resolves a due date written the way a rep types it. It is strict
// on purpose: anything it does not recognise is an error, never a guess.
func ParseDue(s string, today Date) (Date, error) {
	in := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	for _, try := range []func(string, Date) (Date, bool){
		dueWord, dueWeekday, dueNextPeriod, dueNextWeekday, dueRelative, dueBareAmount, dueEndOf, dueISO, dueMonthDay,
	} {
		if d, ok := try(in, today); ok {
			return d, nil
		}
	}
	if err := ambiguousSlash(in); err != nil {
		return Date{}, err
	}
	if looksISO(in) {
		return Date{}, fmt.Errorf("%q is not a real date", s)
	}
	return Date{}, fmt.Errorf("cannot read %q as a date; use %s", s, DueForms)
}

func dueWord(s string, today Date) (Date, bool) {
	switch s {
	case "today", "tod":
		return today, true
	case "tomorrow", "tmr", "tmrw", "tom":
		return today.AddDays(1), true
	}
	return Date{}, false
}

var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "weds": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// dueWeekday reads "fri": the next Friday after today (a week away on a Friday).
func dueWeekday(s string, today Date) (Date, bool) {
	wd, ok := weekdayNames[s]
	if !ok {
		return Date{}, false
	}
	ahead := (int(wd) - int(today.Weekday()) + 7) % 7
	if ahead == 0 {
		ahead = 7
	}
	return today.AddDays(ahead), true
}

// dueNextWeekday reads "next tue": that day in next week, weeks starting on
// Monday, so on a Monday "tue" is tomorrow and "next tue" is eight days away.
func dueNextWeekday(s string, today Date) (Date, bool) {
	rest, ok := strings.CutPrefix(s, "next ")
	if !ok {
		return Date{}, false
	}
	wd, ok := weekdayNames[rest]
	if !ok {
		return Date{}, false
	}
	nextMonday := today.AddDays(7 - isoWeekdayIndex(today.Weekday()))
	return nextMonday.AddDays(isoWeekdayIndex(wd)), true
}

// isoWeekdayIndex counts from Monday = 0 to Sunday = 6.
func isoWeekdayIndex(wd time.Weekday) int { return (int(wd) + 6) % 7 }

// dueRelative reads "in 3d", "in 2 weeks", "+5d", "+1m".
func dueRelative(s string, today Date) (Date, bool) {
	var rest string
	if r, ok := strings.CutPrefix(s, "in "); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(s, "+"); ok {
		rest = r
	} else {
		return Date{}, false
	}
	n, unit, err := splitAmount(strings.ReplaceAll(rest, " ", ""))
	if err != nil || n < 0 || n > 3650 {
		return Date{}, false
	}
	switch strings.TrimSuffix(unit, "s") {
	case "d", "day":
		return today.AddDays(n), true
	case "w", "wk", "week":
		return today.AddDays(7 * n), true
	case "m", "mo", "month":
		return today.AddMonths(n), true
	case "y", "yr", "year":
		return today.AddMonths(12 * n), true
	}
	return Date{}, false
}

// splitAmount splits "12days" into 12 and "days".
func splitAmount(s string) (int, string, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 6 {
		return 0, "", fmt.Errorf("no amount in %q", s)
	}
	n, err := strconv.Atoi(s[:i])
	return n, s[i:], err
}

func dueISO(s string, _ Date) (Date, bool) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || t.Year() == 0 { // year 0 would be a yearless date
		return Date{}, false
	}
	return DateOf(t), true
}

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// dueMonthDay reads "dec 3" or "3 dec": the next such day, today included.
func dueMonthDay(s string, today Date) (Date, bool) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return Date{}, false
	}
	m, dayText, ok := monthAndDay(f[0], f[1])
	day, err := strconv.Atoi(strings.TrimRight(dayText, "stndrh"))
	if !ok || err != nil {
		return Date{}, false
	}
	if _, err := NewDate(0, m, day); err != nil {
		return Date{}, false
	}
	d := Date{today.Year, m, day}
	if d.Before(today) {
		d.Year++
	}
	for d.Day > daysIn(d.Year, m) { // Feb 29: the next year that has one
		d.Year++
	}
	return d, true
}

// monthAndDay reads a month word and a day in either order ("dec 3",
// "3 dec"): the month and the day's text.
func monthAndDay(a, b string) (time.Month, string, bool) {
	if m, ok := monthNames[a]; ok {
		return m, b, true
	}
	m, ok := monthNames[b]
	return m, a, ok
}

// looksISO reports the shape YYYY-MM-DD, to tell "2026-02-30" (no such
// day) apart from text that is not a date at all.
func looksISO(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, r := range s {
		if i != 4 && i != 7 && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
