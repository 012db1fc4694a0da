package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// Token is one word of a text: where it sits in the original (byte
// offsets) and its folded form.
type Token struct {
	Start, End int
	Word       string
}

// Tokens splits text into words by the Unicode word rules (UAX #29) and
// folds each like a name. Under those rules every Han ideograph and every
// Hiragana character is a word of its own, so Chinese and Japanese are
// indexed as single ideographs; a query of several ideographs is a phrase
// of them, in order. Punctuation and spaces are not words.
func Tokens(text string) []Token {
	var out []Token
	it := words.FromString(text)
	for it.Next() {
		seg := it.Value()
		if !isWord(seg) {
			continue
		}
		out = append(out, Token{it.Start(), it.End(), capWord(foldWord(seg))})
	}
	return out
}

// maxWordBytes bounds an indexed word: the index keys on words, and bbolt
// refuses keys over 32 KB. A longer "word" (a pasted blob, a base64 line)
// is indexed by its first maxWordBytes, and so is a query for it.
const maxWordBytes = 1000

func capWord(w string) string {
	if len(w) <= maxWordBytes {
		return w
	}
	cut := maxWordBytes
	for cut > 0 && !utf8.RuneStart(w[cut]) {
		cut--
	}
	return w[:cut]
}

// Words lists the distinct folded words of text, in first-seen order.
func Words(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range Tokens(text) {
		if !seen[t.Word] {
			seen[t.Word] = true
			out = append(out, t.Word)
		}
	}
	return out
}

func isWord(seg string) bool {
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if c >= utf8.RuneSelf {
			break
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return true
		}
	}
	for _, r := range seg {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// foldWord is Fold for one word, with a fast path for plain lower-case
// ASCII, the bulk of any book.
func foldWord(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c == ' ' {
			return strings.ReplaceAll(Fold(w), " ", "")
		}
	}
	return w
}
