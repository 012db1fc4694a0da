package ui

import (
	"slices"
	"testing"

	"rapport/model"
	"rapport/store"
)

func entriesOf(names ...string) []store.Entry {
	out := make([]store.Entry, len(names))
	for i, n := range names {
		out[i] = store.Entry{ID: uint64(i + 1), Name: n, Folded: n}
	}
	return out
}

func TestFilterRowsRanksAndNarrows(t *testing.T) {
	es := entriesOf("mark twain", "amara okafor", "maria lopez", "tom mar", "zed")
	all := []int32{0, 1, 2, 3, 4}
	for _, ix := range []filterIndex{{}, buildIndex(es)} {
		matched, ranked := filterRows(es, ix, all, []string{"mar"})
		if !slices.Equal(matched, []int32{0, 1, 2, 3}) {
			t.Errorf("matched = %v", matched)
		}
		// Word starts first (mark, maria, mar), in display order; then inside words.
		if !slices.Equal(ranked, []int32{0, 2, 3, 1}) {
			t.Errorf("ranked = %v", ranked)
		}
		// Narrowing from the previous matches gives what a full scan gives.
		for _, words := range [][]string{{"mari"}, {"mar", "l"}, {"mar", "lo"}} {
			m1, r1 := filterRows(es, ix, matched, words)
			m2, r2 := filterRows(es, ix, all, words)
			if !slices.Equal(m1, m2) || !slices.Equal(r1, r2) {
				t.Errorf("%q: narrowed %v %v, full %v %v", words, m1, r1, m2, r2)
			}
		}
	}
}

func TestFilterRowsSearchesCompanies(t *testing.T) {
	es := []store.Entry{
		{ID: 1, Name: "José Ñúñez", Folded: "jose nunez", Company: "Ñandú  SA"},
		{ID: 2, Name: "Nan Smith", Folded: "nan smith", Company: "Acme"},
	}
	ix := buildIndex(es)
	if ix.comps[0] != "nandu sa" || ix.comps[1] != "acme" {
		t.Fatalf("companies = %q", ix.comps)
	}
	_, ranked := filterRows(es, ix, []int32{0, 1}, queryWords("Nan"))
	// A hit in the name ranks before a hit in the company.
	if !slices.Equal(ranked, []int32{1, 0}) {
		t.Errorf("ranked = %v", ranked)
	}
	_, ranked = filterRows(es, filterIndex{}, []int32{0, 1}, queryWords("acme"))
	if len(ranked) != 0 {
		t.Errorf("without the index, acme matched %v", ranked)
	}
}

// TestMaskNeverHidesAMatch checks the mask shortcut against the scoring
// itself over the sample book: it may only skip what cannot match.
func TestMaskNeverHidesAMatch(t *testing.T) {
	sm := model.NewSampler(7, 2000, fixedNow)
	var es []store.Entry
	for i := range 2000 {
		c := sm.Next().Contact
		es = append(es, store.Entry{ID: uint64(i + 1), Name: c.Name, Company: c.Company, Folded: model.Fold(c.Name)})
	}
	ix := buildIndex(es)
	all := make([]int32, len(es))
	for i := range all {
		all[i] = int32(i)
	}
	for _, q := range []string{"m", "ma", "mar", "ng", "zh", "acme", "o'", "li 3", "ñ", "ole", "x y", "dr"} {
		words := queryWords(q)
		var want []int32
		for _, i := range all {
			if _, ok := model.FilterFields(words, es[i].Folded, ix.comps[i]); ok {
				want = append(want, i)
			}
		}
		got, _ := filterRows(es, ix, all, words)
		if !slices.Equal(got, want) {
			t.Errorf("%q: %d matches with the mask, %d without", q, len(got), len(want))
		}
	}
}
