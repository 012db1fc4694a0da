package cli

import (
	"bufio"
	"bytes"
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, escapeInvisible(buf.String()))
	return err
}

// writeJSONArray prints n items as the indented JSON array writeJSON
// prints for a slice of them, byte for byte, one item at a time: a
// 100,000-row list never holds its whole text (writeJSON's buffer and its
// escaped copy were 3x the output).
func writeJSONArray(w io.Writer, n int, item func(i int) any) error {
	if n == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	out := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	out.WriteString("[\n")
	for i := range n {
		buf.Reset()
		if err := enc.Encode(item(i)); err != nil {
			return err
		}
		out.WriteString("  " + escapeInvisible(strings.TrimSuffix(buf.String(), "\n")))
		if i < n-1 {
			out.WriteString(",")
		}
		out.WriteString("\n")
	}
	out.WriteString("]\n")
	return out.Flush()
}

// escapeInvisible writes C1 controls, bidi overrides and zero-width
// characters as \u escapes. encoding/json escapes only C0 controls, and a
// raw U+009B or U+202E would still drive or disguise the terminal; the
// escaped form is the same JSON string to any reader.
func escapeInvisible(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if (r >= 0x80 && r < 0xa0) || (r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2060 && r <= 0x2069) || r == 0xfeff || r == 0x2028 || r == 0x2029 {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
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
