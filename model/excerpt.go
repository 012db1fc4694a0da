package model

import (
	"strings"
	"unicode/utf8"
)

// Excerpt is a short, clean piece of a note around what a query matched,
// with the byte spans of the matching words in it.
type Excerpt struct {
	Text  string   `json:"text"`
	Marks [][2]int `json:"marks"`
}

// MakeExcerpt cuts about width characters of text around the first match
// of q, on one line, cleaned of control characters; "…" shows a cut.
func MakeExcerpt(text string, q Query, width int) Excerpt {
	line := CleanLine(strings.Join(strings.Fields(text), " "))
	marks := q.Marks(line)
	start := 0
	if len(marks) > 0 && utf8.RuneCountInString(line[:marks[0][1]]) > width {
		start = backRunes(line, marks[0][0], width/4)
	}
	end := len(line)
	if utf8.RuneCountInString(line[start:]) > width {
		end = start + runeOffset(line[start:], width)
	}
	ex := Excerpt{Text: line[start:end], Marks: [][2]int{}}
	shift := 0
	if start > 0 {
		ex.Text = "…" + ex.Text
		shift = len("…")
	}
	if end < len(line) {
		ex.Text += "…"
	}
	for _, m := range marks {
		if m[0] >= start && m[1] <= end {
			ex.Marks = append(ex.Marks, [2]int{m[0] - start + shift, m[1] - start + shift})
		}
	}
	return ex
}

// backRunes steps back n runes from byte offset i, to a word start when
// one is near.
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	if sp := strings.IndexByte(s[i:], ' '); i > 0 && sp >= 0 && sp < 12 {
		i += sp + 1
	}
	return i
}

func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
