package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"
)

// quickContains rules a record out before decoding it. A word of plain
// ASCII that is missing from the raw bytes in every case cannot match,
// unless the record holds non-ASCII text, which folding could turn into the
// word ("José" folds to "jose"). Words with characters that JSON escapes
// skip the shortcut.
func quickContains(raw []byte, words []string) bool {
	for _, w := range words {
		if !isASCII(w) || strings.ContainsAny(w, `&<>"\`) {
			return true
		}
	}
	for _, w := range words {
		if !containsFoldASCII(raw, w) {
			return !isASCII(raw)
		}
	}
	return true
}

func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func containsFoldASCII(hay []byte, lowerWord string) bool {
	if len(lowerWord) == 0 {
		return true
	}
	first := lowerWord[0]
	upper := first
	if first >= 'a' && first <= 'z' {
		upper = first - 32
	}
	for i := 0; i+len(lowerWord) <= len(hay); i++ {
		if hay[i] != first && hay[i] != upper {
			continue
		}
		if bytes.EqualFold(hay[i:i+len(lowerWord)], []byte(lowerWord)) {
			return true
		}
	}
	return false
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func sortHitsNewestFirst(hits []Hit) {
	slices.SortStableFunc(hits, func(a, b Hit) int { return b.At.Compare(a.At) })
}
