package model

import (
	"testing"
	"time"
)

// FuzzDateFlags: the CLI's date flags (--today, --birthday, the day of a
// follow-up or snooze) never panic, and what they accept is a real day
// rapport can store, show and read back.
func FuzzDateFlags(f *testing.F) {
	for _, s := range []string{"2026-11-20", "0000-01-01", "9999-12-31", "1900-01-01", "2200-12-31", "12-10", "02-29", "fri", "next tue", "in 3w", "+10d", "dec 24", "2026-02-30", ""} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	today := DateOf(now)
	f.Fuzz(func(t *testing.T, s string) {
		if got, err := ParseToday(s, now); err == nil {
			if CheckYear(got.Year()) != nil || got.Hour() != 9 {
				t.Fatalf("--today %q accepted as %v", s, got)
			}
		}
		if d, err := ParseDate(s); err == nil {
			if back, err := ParseDate(d.String()); err != nil || back != d {
				t.Fatalf("--birthday %q reads as %v, written %q, read back %v (%v)", s, d, d.String(), back, err)
			}
		}
		if d, err := ParseDue(s, today); err == nil {
			if _, err := NewDate(d.Year, d.Month, d.Day); err != nil || !d.HasYear() {
				t.Fatalf("a due day %q reads as the impossible %v", s, d)
			}
		}
	})
}
