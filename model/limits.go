package model

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Bounds on what a record may hold. They keep every value well inside
// what the store can index (bbolt refuses keys over 32 KB) and what a
// screen can show, and they are checked by Validate, so the CLI, the TUI
// and every import meet the same limits.
const (
	// MaxID is the largest record id: the largest integer a JSON number
	// holds exactly, and far from where a 64-bit sequence wraps.
	MaxID = 1<<53 - 1
	// MaxFieldRunes bounds one-line fields: names, companies, titles,
	// tags, emails, phones, labels, follow-up and question texts.
	MaxFieldRunes = 1000
	// MaxNoteBytes bounds a note's text (1 MiB).
	MaxNoteBytes = 1 << 20
	// MaxCadence bounds a contact's cadence: ten years, in days.
	MaxCadence = 3650
	// MinYear and MaxYear bound the year of a day rapport treats as today.
	MinYear, MaxYear = 1900, 2200
)

// checkField reports a one-line field over MaxFieldRunes.
func checkField(what, s string) error {
	if len(s) > MaxFieldRunes && utf8.RuneCountInString(s) > MaxFieldRunes {
		return fmt.Errorf("the %s is longer than %d characters", what, MaxFieldRunes)
	}
	return nil
}

// CheckNoteSize reports a note text over MaxNoteBytes, in words a rep can
// act on.
func CheckNoteSize(n int) error {
	if n > MaxNoteBytes {
		return fmt.Errorf("the note is %d bytes, over the limit of %d (1 MiB); split it or attach a summary", n, MaxNoteBytes)
	}
	return nil
}

// CheckYear reports a year outside the days rapport can treat as today.
func CheckYear(year int) error {
	if year < MinYear || year > MaxYear {
		return fmt.Errorf("the year %d is outside %d to %d", year, MinYear, MaxYear)
	}
	return nil
}

// CheckLengths bounds every one-line field of a contact.
func (c Contact) CheckLengths() error {
	fields := []struct{ what, value string }{
		{"name", c.Name}, {"company", c.Company}, {"title", c.Title}, {"uid", c.UID},
	}
	for _, v := range c.Emails {
		fields = append(fields, struct{ what, value string }{"email address", v})
	}
	for _, v := range c.Phones {
		fields = append(fields, struct{ what, value string }{"phone number", v})
	}
	for _, v := range c.Tags {
		fields = append(fields, struct{ what, value string }{"tag", v})
	}
	for _, m := range c.Moments {
		fields = append(fields, struct{ what, value string }{"moment label", m.Label})
	}
	for _, f := range fields {
		if err := checkField(f.what, f.value); err != nil {
			return err
		}
	}
	if len(c.HowWeMet) > MaxNoteBytes || len(c.Matters) > MaxNoteBytes {
		return fmt.Errorf("how-we-met and what-matters are limited to %d bytes each", MaxNoteBytes)
	}
	return nil
}

// ParseToday reads the --today flag: a YYYY-MM-DD day in MinYear..MaxYear,
// at now's time of day.
func ParseToday(s string, now time.Time) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", s, now.Location())
	if err != nil {
		return now, fmt.Errorf("--today takes a date as YYYY-MM-DD, not %q", s)
	}
	if err := CheckYear(t.Year()); err != nil {
		return now, fmt.Errorf("--today: %v", err)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), now.Hour(), now.Minute(), now.Second(), 0, now.Location()), nil
}
