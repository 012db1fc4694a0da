package ui

import (
	"slices"
	"testing"

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
	matched, ranked := filterRows(es, nil, all, []string{"mar"})
	if !slices.Equal(matched, []int32{0, 1, 2, 3}) {
		t.Errorf("matched = %v", matched)
	}
	// Word starts first (mark, maria, mar), in display order; then inside words.
	if !slices.Equal(ranked, []int32{0, 2, 3, 1}) {
		t.Errorf("ranked = %v", ranked)
	}
	// Narrowing from the previous matches gives what a full scan gives.
	for _, words := range [][]string{{"mari"}, {"mar", "l"}, {"mar", "lo"}} {
		m1, r1 := filterRows(es, nil, matched, words)
		m2, r2 := filterRows(es, nil, all, words)
		if !slices.Equal(m1, m2) || !slices.Equal(r1, r2) {
			t.Errorf("%q: narrowed %v %v, full %v %v", words, m1, r1, m2, r2)
		}
	}
}

func TestFilterRowsSearchesCompanies(t *testing.T) {
	es := []store.Entry{
		{ID: 1, Name: "José Ñúñez", Folded: "jose nunez", Company: "Ñandú  SA"},
		{ID: 2, Name: "Nan Smith", Folded: "nan smith", Company: "Acme"},
	}
	comps := companies(es)
	if comps[0] != "nandu sa" || comps[1] != "acme" {
		t.Fatalf("companies = %q", comps)
	}
	_, ranked := filterRows(es, comps, []int32{0, 1}, queryWords("Nan"))
	// A hit in the name ranks before a hit in the company.
	if !slices.Equal(ranked, []int32{1, 0}) {
		t.Errorf("ranked = %v", ranked)
	}
	_, ranked = filterRows(es, nil, []int32{0, 1}, queryWords("acme"))
	if len(ranked) != 0 {
		t.Errorf("without companies, acme matched %v", ranked)
	}
}
