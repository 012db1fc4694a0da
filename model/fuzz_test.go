package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzToday = Date{2026, 11, 22}

// FuzzParseDue: any text either fails or resolves to a real date with a year.
func FuzzParseDue(f *testing.F) {
	for _, s := range []string{"today", "tmr", "fri", "next tue", "in 3d", "in 2 weeks", "+5d", "2026-12-01", "dec 3", "3 dec", "feb 29", "2026-02-30", "in 999999y", "next", "+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDue(s, fuzzToday)
		if err != nil {
			return
		}
		if !d.HasYear() {
			t.Fatalf("ParseDue(%q) = %v without a year", s, d)
		}
		if _, err := NewDate(d.Year, d.Month, d.Day); err != nil {
			t.Fatalf("ParseDue(%q) = impossible date %v: %v", s, d, err)
		}
	})
}

// FuzzClean: cleaned text holds no control, escape or bidi character, and
// cleaning twice changes nothing.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]52;c;ZXZpbA==\x07x", "\x1b[31mred\x1b[0m", "a\rb", "\u202eevil", "\xc2\x9b31m", "tab\there\nline", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{false, true} {
			out := clean(s, keep)
			if !utf8.ValidString(out) {
				t.Fatalf("clean(%q) is not UTF-8: %q", s, out)
			}
			for _, r := range out {
				if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) {
					t.Fatalf("clean(%q, %v) kept %U: %q", s, keep, r, out)
				}
				if !keep && (r == '\n' || r == '\t') {
					t.Fatalf("CleanLine(%q) kept a line break or tab: %q", s, out)
				}
			}
			if again := clean(out, keep); again != out {
				t.Fatalf("cleaning twice changed %q to %q", out, again)
			}
		}
	})
}

// FuzzFold: folding is idempotent and yields lower-case, single-spaced text.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"José Núñez", "İstanbul", "ß", "  A  b ", "王芳", "Łukasz Øberg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold(%q) = %q but Fold of that = %q", s, once, twice)
		}
		if strings.Contains(once, "  ") || strings.TrimSpace(once) != once {
			t.Fatalf("Fold(%q) = %q has stray spaces", s, once)
		}
	})
}
