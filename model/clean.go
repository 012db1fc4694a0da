package model

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// CleanLine makes untrusted one-line text safe to show in a terminal: escape
// sequences are removed, then every control character (newlines and tabs
// become spaces) and every bidi override, which could disguise text.
func CleanLine(s string) string {
	return clean(s, false)
}

// CleanText is CleanLine for multi-line notes: newlines and tabs stay.
func CleanText(s string) string {
	return clean(s, true)
}

func clean(s string, keepLines bool) string {
	if isPlain(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ToValidUTF8(ansi.Strip(s), "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if keepLines {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, isBidiControl(r), isInvisible(r):
			// dropped: ansi.Strip keeps C0/C1 controls such as \r, BEL, U+009B
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain is the fast path: printable ASCII needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// isInvisible is a zero-width character that only hides or joins text
// where it should not (a name that looks like another). The joiners U+200C
// and U+200D stay: emoji sequences and several scripts need them.
func isInvisible(r rune) bool { return r == 0x200b || r == 0x2060 || r == 0xfeff }

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f
}

// Shorten cleans s to one line and cuts it to n characters, ending in "…"
// when cut: a note's text quoted in a one-line message.
func Shorten(s string, n int) string {
	s = CleanLine(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
