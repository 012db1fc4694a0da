package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

// writeJSON prints v as indented JSON: the stable, documented form that
// scripts read.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printf writes one line of human output. Every string argument is cleaned
// of escape and control characters first: names and notes come from imports
// and other people's vCards, and must never drive the terminal.
func printf(w io.Writer, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = model.CleanLine(s)
		}
	}
	fmt.Fprintf(w, format+"\n", args...)
}

// printfNoNewline is printf for a prompt, which ends the line itself.
func printfNoNewline(w io.Writer, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = model.CleanLine(s)
		}
	}
	fmt.Fprintf(w, format, args...)
}

// pad cuts or pads s to width terminal cells, so columns line up even with
// accented and CJK names.
func pad(s string, width int) string {
	s = model.CleanLine(s)
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	return s + strings.Repeat(" ", width-ansi.StringWidth(s))
}

// indentText cleans a multi-line note and indents every line.
func indentText(s, indent string) string {
	lines := strings.Split(strings.TrimRight(model.CleanText(s), "\n"), "\n")
	return indent + strings.Join(lines, "\n"+indent)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// longDay writes a date the way people read it: "Fri 27 Nov 2026".
func longDay(d model.Date) string {
	if !d.HasYear() {
		return d.Short()
	}
	return d.Time().Format("Mon 2 Jan 2006")
}

// relDay says how far a day is from today: "today", "tomorrow", "in 3 days".
func relDay(d, today model.Date) string {
	switch n := today.DaysUntil(d); {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 1:
		return fmt.Sprintf("in %d days", n)
	default:
		return fmt.Sprintf("%d days ago", -n)
	}
}

func itoa(n int) string { return fmt.Sprint(n) }
