package ui

import (
	"strings"

	"rapport/model"
	"rapport/store"
)

// The list filter runs on every keystroke over the whole book, so it is
// built for 100,000 contacts: the search text of every entry (its folded
// name and company) is prepared once, off the update loop; a query is
// folded and split once per keystroke, not once per contact; a query that
// extends the previous one only rescans the previous matches; and ranking
// is a counting sort over small integer scores. The scoring rules are
// those of model.FilterScore (which splits the query on every call and so
// would allocate 100,000 times per keystroke here), with one refinement: a
// word found inside another word still counts as a word start when it
// also starts a later word.

// haystack folds the name and company of each entry for the filter.
func haystack(entries []store.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		if e.Company == "" {
			out[i] = e.Folded
			continue
		}
		out[i] = e.Folded + " " + model.Fold(e.Company)
	}
	return out
}

// queryWords folds and splits what was typed after "/".
func queryWords(q string) []string { return strings.Fields(model.Fold(q)) }

// score rates one folded text against the query words: each word must
// appear, at a word start (0), inside a word (1) or scattered (4).
func score(words []string, hay string) (int, bool) {
	total := 0
	for _, w := range words {
		i := strings.Index(hay, w)
		switch {
		case i == 0 || (i > 0 && hay[i-1] == ' '):
		case i > 0:
			// A later occurrence may still start a word: "an" in "joan anders".
			if strings.Contains(hay, " "+w) {
				break
			}
			total++
		case scattered(w, hay):
			total += 4
		default:
			return 0, false
		}
	}
	return total, true
}

// scattered reports whether needle's letters appear in hay in order.
func scattered(needle, hay string) bool {
	if !isASCII(needle) {
		return scatteredRunes(needle, hay)
	}
	j := 0
	for i := 0; i < len(needle); i++ {
		k := strings.IndexByte(hay[j:], needle[i])
		if k < 0 {
			return false
		}
		j += k + 1
	}
	return true
}

func scatteredRunes(needle, hay string) bool {
	for _, r := range needle {
		i := strings.IndexRune(hay, r)
		if i < 0 {
			return false
		}
		hay = hay[i+len(string(r)):]
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// filterRows keeps the candidates (indexes into hay, in display order)
// that match the words. It returns them in display order, for narrowing
// on the next keystroke, and ranked best first, ties in display order.
func filterRows(hay []string, cands []int32, words []string) (matched, ranked []int32) {
	matched = make([]int32, 0, len(cands)/4+16)
	scores := make([]uint8, 0, cap(matched))
	var count [256]int
	for _, i := range cands {
		s, ok := score(words, hay[i])
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
