package model

import (
	"strings"
	"testing"
	"unicode"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		line, text string
	}{
		{"plain", "Ada Lovelace", "Ada Lovelace", "Ada Lovelace"},
		{"accents and CJK", "José 王伟", "José 王伟", "José 王伟"},
		{"OSC 52 clipboard write ended by BEL", "a\x1b]52;c;Y3VybCBldmlsLnNo\x07b", "ab", "ab"},
		{"OSC 52 ended by ST", "a\x1b]52;c;Y3VybA==\x1b\\b", "ab", "ab"},
		{"OSC 0 title change", "a\x1b]0;pwned\x07b", "ab", "ab"},
		{"OSC 8 hyperlink", "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\", "click", "click"},
		{"CSI colour", "\x1b[31mred\x1b[0m", "red", "red"},
		{"CSI cursor up and erase", "ok\x1b[1A\x1b[2Kfake", "okfake", "okfake"},
		{"ESC with a final byte", "a\x1bb", "a", "a"},
		{"trailing ESC", "a\x1b", "a", "a"},
		{"bare CR", "paid\runpaid", "paidunpaid", "paidunpaid"},
		{"CRLF", "one\r\ntwo", "one two", "one\ntwo"},
		{"newline", "one\ntwo", "one two", "one\ntwo"},
		{"tab", "one\ttwo", "one two", "one\ttwo"},
		{"BEL", "a\x07b", "ab", "ab"},
		{"NUL", "a\x00b", "ab", "ab"},
		{"backspace", "ab\bc", "abc", "abc"},
		{"DEL", "a\x7fb", "ab", "ab"},
		{"C1 CSI U+009B", "a\u009b31mb", "a31mb", "a31mb"},
		{"C1 NEL U+0085", "a\u0085b", "ab", "ab"},
		{"bidi override RLO", "invoice\u202Efdp.exe", "invoicefdp.exe", "invoicefdp.exe"},
		{"bidi embeddings and isolates", "\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069", "abcdefg", "abcdefg"},
		{"bidi marks", "a\u200Eb\u200Fc", "abc", "abc"},
		{"invalid UTF-8", "a\xffb", "ab", "ab"},
		{"empty", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line, text := CleanLine(tc.in), CleanText(tc.in)
			{
				if line != tc.line {
					t.Errorf("CleanLine(%q) = %q, want %q", tc.in, line, tc.line)
				}
				if text != tc.text {
					t.Errorf("CleanText(%q) = %q, want %q", tc.in, text, tc.text)
				}
			}
			assertSafe(t, line, false)
			assertSafe(t, text, true)
		})
	}
}

// assertSafe checks what no cleaned text may hold, whatever the input.
func assertSafe(t *testing.T, s string, lines bool) {
	t.Helper()
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if !lines {
				t.Errorf("CleanLine left %q in %q", r, s)
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			t.Errorf("control %U left in %q", r, s)
		case isBidiControl(r):
			t.Errorf("bidi control %U left in %q", r, s)
		}
	}
}

// Random mixes of hostile bytes never survive cleaning.
func TestCleanNeverLeaksControls(t *testing.T) {
	parts := []string{"a", "é", "王", "\x1b", "[", "]", "52;", "\x07", "\\", "\r", "\n", "\t", "\x00", "\u009b", "\u202e", "\u2066", "\x9b", "\xff", "m", "0;"}
	var b strings.Builder
	seed := uint32(7)
	for i := 0; i < 2000; i++ {
		b.Reset()
		for j := 0; j < 12; j++ {
			seed = seed*1664525 + 1013904223
			b.WriteString(parts[seed>>24%uint32(len(parts))])
		}
		in := b.String()
		assertSafe(t, CleanLine(in), false)
		assertSafe(t, CleanText(in), true)
		if t.Failed() {
			t.Fatalf("input %q", in)
		}
	}
}

func TestCleanKeepsPrintableText(t *testing.T) {
	in := "Ünïcödé – “quotes” ½ 王伟 😀"
	if got := CleanLine(in); got != in {
		t.Fatalf("CleanLine(%q) = %q", in, got)
	}
	for _, r := range CleanLine(in) {
		if !unicode.IsPrint(r) && r != ' ' {
			t.Fatalf("unexpected %U", r)
		}
	}
}

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"a little too long", 10, "a little …"},
		{"línea\nnueva\x1b[31m", 40, "línea nueva"},
		{"王伟王伟王伟", 4, "王伟王…"},
	} {
		if got := Shorten(tc.in, tc.n); got != tc.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
