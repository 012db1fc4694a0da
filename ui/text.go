package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

// line cleans untrusted one-line text from the database for the terminal.
// Every string that came from the store passes through line or para before
// it is drawn (REFERENCE.md "Untrusted text").
func line(s string) string { return model.CleanLine(s) }

// para cleans untrusted multi-line text (a note body).
func para(s string) string { return model.CleanText(s) }

// trunc shortens s to at most w cells, ending in "…" when cut. s may hold
// styling.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fit makes s exactly w cells wide: shortened with "…" or padded.
func fit(s string, w int) string {
	s = trunc(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// fitRight is fit with the text aligned right.
func fitRight(s string, w int) string {
	s = trunc(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s = strings.Repeat(" ", pad) + s
	}
	return s
}

// spread puts left and right on one line of width w, the right part
// winning when both do not fit.
func spread(left, right string, w int) string {
	rw := ansi.StringWidth(right)
	if rw >= w {
		return fit(right, w)
	}
	return fit(left, w-rw) + right
}

// block makes s exactly w×h: every line cut or padded to w, lines cut or
// padded to h. It is the last step of every view, so nothing a screen
// draws can spill over its rectangle.
func block(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i := range lines {
		lines[i] = fit(lines[i], w)
	}
	blank := strings.Repeat(" ", w)
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

// wrap breaks text into lines of at most w cells, at spaces where it can.
func wrap(s string, w int) []string {
	if w < 1 {
		w = 1
	}
	return strings.Split(ansi.Wrap(s, w, ""), "\n")
}

// commas writes 12345 as "12,345".
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// plural writes "1 note" or "3 notes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return commas(n) + " " + many
}

// dayName is "Fri Nov 27".
func dayName(d model.Date) string {
	if d.IsZero() || !d.HasYear() {
		return d.Short()
	}
	return d.Weekday().String()[:3] + " " + d.Short()
}

// yearDay is dayName for this year's days and "Jul 21, 2025" for others,
// so a timeline that crosses years stays unambiguous.
func yearDay(d, today model.Date) string {
	if d.Year == today.Year {
		return dayName(d)
	}
	return fmt.Sprintf("%s, %d", d.Short(), d.Year)
}

// relDay says when d is, seen from today: "today", "tomorrow",
// "in 3 days (Tue)", "yesterday", or a date when further off.
func relDay(d, today model.Date) string {
	n := today.DaysUntil(d)
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 1 && n < 7:
		return fmt.Sprintf("in %d days (%s)", n, d.Weekday().String()[:3])
	}
	return yearDay(d, today)
}

// pct writes an optional percentage.
func pct(p *int) string {
	if p == nil {
		return "–"
	}
	return strconv.Itoa(*p) + "%"
}
