package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date. Year 0 means "year unknown", which moments such as a
// birthday given as --12-10 need; such a date still has a month and a day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate builds a date, reporting impossible ones (Feb 30, month 13).
// Year 0 accepts Feb 29, since some year will have it.
func NewDate(year int, month time.Month, day int) (Date, error) {
	if month < 1 || month > 12 {
		return Date{}, fmt.Errorf("month %d does not exist", month)
	}
	last := daysIn(year, month)
	if year == 0 && month == time.February {
		last = 29
	}
	if day < 1 || day > last {
		return Date{}, fmt.Errorf("%s has no day %d", month, day)
	}
	return Date{year, month, day}, nil
}

// ParseDate reads YYYY-MM-DD, MM-DD or --MM-DD (the last two have no
// year), or a date with the month as a word ("mar 14", "14 mar 1985").
// It reads the numeric forms first: they are what every stored date
// decodes from, and no text is both a numeric and a word date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	d, err := numericDate(s)
	if err != errNotNumeric {
		return d, err
	}
	if d, ok := wordDate(s); ok {
		return d, nil
	}
	return Date{}, fmt.Errorf("%q is not a date (use YYYY-MM-DD, MM-DD, --MM-DD or mar 14)", s)
}

// errNotNumeric is numericDate's answer for text that is not in a
// numeric form at all.
var errNotNumeric = errors.New("not a numeric date")

// numericDate reads YYYY-MM-DD, MM-DD or --MM-DD.
func numericDate(s string) (Date, error) {
	parts := strings.Split(strings.TrimPrefix(s, "--"), "-")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || p == "" || p[0] == '+' {
			return Date{}, errNotNumeric
		}
		nums[i] = n
	}
	var d Date
	var err error
	switch {
	case len(nums) == 3 && len(parts[0]) == 4 && !strings.HasPrefix(s, "--"):
		if nums[0] == 0 {
			return Date{}, errNotNumeric
		}
		d, err = NewDate(nums[0], time.Month(nums[1]), nums[2])
	case len(nums) == 2:
		d, err = NewDate(0, time.Month(nums[0]), nums[1])
	default:
		return Date{}, errNotNumeric
	}
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: %v", s, err)
	}
	return d, nil
}

// valid reports why d is not a date that can be kept: an impossible day,
// or a year that String and ParseDate cannot carry (1 to 9999, or none).
func (d Date) valid() error {
	if d.Year < 0 || d.Year > 9999 {
		return fmt.Errorf("year %d is out of range", d.Year)
	}
	_, err := NewDate(d.Year, d.Month, d.Day)
	return err
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Month == 0 }

// HasYear reports whether the year is known.
func (d Date) HasYear() bool { return d.Year != 0 }

// String gives YYYY-MM-DD, or --MM-DD without a year, or "" when unset.
func (d Date) String() string {
	switch {
	case d.IsZero():
		return ""
	case !d.HasYear():
		return fmt.Sprintf("--%02d-%02d", int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Short is a friendly month and day such as "Dec 3"; it never shows the year.
func (d Date) Short() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d", d.Month.String()[:3], d.Day)
}

// Weekday of a date with a year.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Time is midnight UTC of d; only for day arithmetic.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// AddDays moves by n days (n may be negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths moves by n months, clamping the day: Jan 31 + 1 month is the
// last day of February, never March 2 or 3 as time.AddDate would give.
func (d Date) AddMonths(n int) Date {
	total := d.Year*12 + int(d.Month) - 1 + n
	y, m := total/12, time.Month(total%12+1)
	return Date{y, m, min(d.Day, daysIn(y, m))}
}

// DaysUntil counts days from d to e (negative when e is earlier). It counts
// in Unix seconds, not time.Duration, which saturates past 292 years (a
// contact saved without a creation time is dated year 1).
func (d Date) DaysUntil(e Date) int {
	return int((e.Time().Unix() - d.Time().Unix()) / 86400)
}

// Compare orders dates: -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	}
	return sign(d.Day - e.Day)
}

// Before reports d < e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports d > e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// InYear places a yearly date in year y; Feb 29 falls on Feb 28 in years
// without one.
func (d Date) InYear(y int) Date {
	return Date{y, d.Month, min(d.Day, daysIn(y, d.Month))}
}

// NextOccurrence is the first day on or after from on which the yearly date d
// falls.
func (d Date) NextOccurrence(from Date) Date {
	o := d.InYear(from.Year)
	if o.Before(from) {
		o = d.InYear(from.Year + 1)
	}
	return o
}

// Key packs a date into a number that sorts like the date (YYYYMMDD).
func (d Date) Key() uint32 { return uint32(d.Year*10000 + int(d.Month)*100 + d.Day) }

// DateFromKey undoes Key.
func DateFromKey(k uint32) Date {
	return Date{int(k / 10000), time.Month(k / 100 % 100), int(k % 100)}
}

// MarshalText makes dates read as "2026-12-01" or "--12-01" in JSON.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what MarshalText wrote; "" is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	*d = p
	return err
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// wordDate reads a date with the month as a word: "mar 14", "14 March"
// (no year), "mar 14 1985" or "14 mar 1985".
func wordDate(s string) (Date, bool) {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
	if len(f) < 2 || len(f) > 3 {
		return Date{}, false
	}
	m, dayText, ok := monthAndDay(f[0], f[1])
	day, err := strconv.Atoi(dayText)
	if !ok || err != nil {
		return Date{}, false
	}
	year := 0
	if len(f) == 3 {
		if year, err = strconv.Atoi(f[2]); err != nil || len(f[2]) != 4 || year == 0 {
			return Date{}, false
		}
	}
	d, err := NewDate(year, m, day)
	return d, err == nil
}
