package ui

import (
	"strings"

	"rapport/model"
	"rapport/store"
)

// The list filter runs on every keystroke over the whole book, so it is
// built for 100,000 contacts: the folded company of every entry is
// prepared once per load, off the update loop (names come folded from the
// store);
// the query is folded and split once per keystroke, not once per contact;
// a query that extends the previous one only rescans the previous
// matches; a 64-bit mask of the characters in each entry rules most
// non-matches out before any string is searched; and ranking is a counting
// sort over small integer scores. The scoring is model.FilterFields, the
// same as `rapport list QUERY`.

// filterIndex is what the filter keeps per entry, built with the entries
// off the update loop: the folded company and the character mask of name
// and company.
type filterIndex struct {
	comps []string
	masks []uint64
}

// buildIndex folds the company of each entry and computes its mask.
func buildIndex(entries []store.Entry) filterIndex {
	ix := filterIndex{comps: make([]string, len(entries)), masks: make([]uint64, len(entries))}
	// Books repeat companies (many people at one firm): fold each once.
	folded := map[string]string{}
	for i, e := range entries {
		if e.Company != "" {
			f, ok := folded[e.Company]
			if !ok {
				f = model.Fold(e.Company)
				folded[e.Company] = f
			}
			ix.comps[i] = f
		}
		ix.masks[i] = charMask(e.Folded) | charMask(ix.comps[i])
	}
	return ix
}

// charMask has a bit for each letter and digit in s, and one bit shared by
// every other byte. A word can only be found in a text (as a substring or
// as scattered letters) if the text's mask covers the word's.
func charMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= '0' && c <= '9':
			m |= 1 << (26 + c - '0')
		case c == ' ':
		default:
			m |= 1 << 63
		}
	}
	return m
}

// queryWords folds and splits what was typed after "/".
func queryWords(q string) []string { return strings.Fields(model.Fold(q)) }

// filterRows keeps the candidates (indexes into entries, in display
// order) that match the words. It returns them in display order, for
// narrowing on the next keystroke, and ranked best first, ties in display
// order. With an empty index only names are searched.
func filterRows(entries []store.Entry, ix filterIndex, cands []int32, words []string) (matched, ranked []int32) {
	matched = make([]int32, 0, len(cands))
	scores := make([]uint8, 0, len(cands))
	var count [256]int
	var want uint64
	for _, w := range words {
		want |= charMask(w)
	}
	for _, i := range cands {
		company := ""
		if ix.comps != nil {
			if ix.masks[i]&want != want {
				continue
			}
			company = ix.comps[i]
		}
		s, ok := model.FilterFields(words, entries[i].Folded, company)
		if !ok {
			continue
		}
		s = min(s, 255)
		matched = append(matched, i)
		scores = append(scores, uint8(s))
		count[s]++
	}
	// Counting sort: stable, linear, and scores are tiny.
	var start [256]int
	for s, pos := 0, 0; s < 256; s++ {
		start[s] = pos
		pos += count[s]
	}
	ranked = make([]int32, len(matched))
	for k, i := range matched {
		s := scores[k]
		ranked[start[s]] = i
		start[s]++
	}
	return matched, ranked
}
