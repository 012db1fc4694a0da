package ui

import (
	"strings"

	"rapport/model"
	"rapport/store"
)

// The list filter runs on every keystroke over the whole book, so it is
// built for 100,000 contacts: the folded company of every entry is
// prepared once, off the update loop (names come folded from the store);
// the query is folded and split once per keystroke, not once per contact;
// a query that extends the previous one only rescans the previous
// matches; and ranking is a counting sort over small integer scores. The
// scoring is model.FilterFields, the same as `rapport list QUERY`.

// companies folds the company of each entry for the filter.
func companies(entries []store.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		if e.Company != "" {
			out[i] = model.Fold(e.Company)
		}
	}
	return out
}

// queryWords folds and splits what was typed after "/".
func queryWords(q string) []string { return strings.Fields(model.Fold(q)) }

// filterRows keeps the candidates (indexes into entries, in display
// order) that match the words. It returns them in display order, for
// narrowing on the next keystroke, and ranked best first, ties in display
// order. comps may be nil, and then only names are searched.
func filterRows(entries []store.Entry, comps []string, cands []int32, words []string) (matched, ranked []int32) {
	matched = make([]int32, 0, len(cands)/4+16)
	scores := make([]uint8, 0, cap(matched))
	var count [256]int
	for _, i := range cands {
		company := ""
		if comps != nil {
			company = comps[i]
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
