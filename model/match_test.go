package model

import (
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ada Lovelace", "ada lovelace"},
		{"  José   Ñúñez  ", "jose nunez"},
		{"Ada\tLovelace\n", "ada lovelace"},
		{"ZOË", "zoe"},
		{"François Lefèvre", "francois lefevre"},
		{"Søren Øberg", "soren oberg"},
		{"ØBERG", "oberg"},
		{"Łukasz Łuczak", "lukasz luczak"},
		{"Weiß", "weiss"},
		{"WEIẞ", "weiss"}, // capital sharp s
		{"Þóra", "thora"},
		{"þóra", "thora"},
		{"Çağla Yılmaz", "cagla yilmaz"},
		{"Şule Öztürk", "sule ozturk"},
		{"Jiří Dvořák", "jiri dvorak"},
		{"Åsa Nyström", "asa nystrom"},
		{"王伟", "王伟"},
		{"王 伟", "王 伟"},
		{"O'Brien", "o'brien"},
		{"", ""},
		{"   ", ""},
		{"Jose\u0301", "jose"}, // already decomposed: e + combining acute
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Fatalf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func cands(names ...string) []Candidate {
	out := make([]Candidate, len(names))
	for i, n := range names {
		out[i] = Candidate{ID: uint64(i + 1), Name: n, Folded: Fold(n)}
	}
	return out
}

func TestMatch(t *testing.T) {
	book := cands(
		"Ada Lovelace",     // 1
		"Adam Smith",       // 2
		"José Núñez",       // 3
		"王伟",               // 4
		"Grace Hopper",     // 5
		"Ada",              // 6
		"Zofia Wiśniewska", // 7
		"Anna Wisniewski",  // 8
		"王芳",               // 9
		"Søren Øberg",      // 10
		"Jane Smyth",       // 11
		"Bob Hope",         // 12
		"Ada Lovelace",     // 13: a namesake of 1
		"Liam O'Brien",     // 14
	)
	without := func(ids ...uint64) []Candidate {
		return slices.DeleteFunc(slices.Clone(book), func(c Candidate) bool { return slices.Contains(ids, c.ID) })
	}
	tests := []struct {
		name  string
		query string
		book  []Candidate
		ids   []uint64
		tier  MatchTier
	}{
		{"exact beats prefix", "ada", book, []uint64{6}, Exact},
		{"exact is case-insensitive", "ADA", book, []uint64{6}, Exact},
		{"several prefixes are ambiguous", "ada", without(6), []uint64{1, 2, 13}, WordPrefix},
		{"namesakes are ambiguous", "ada lovelace", book, []uint64{1, 13}, Exact},
		{"prefix of the full name", "ada lo", without(13), []uint64{1}, WordPrefix},
		{"prefix of each word in order", "a lov", without(13), []uint64{1}, WordPrefix},
		{"prefix of a later word", "lovel", without(13), []uint64{1}, WordPrefix},
		{"accents in the name", "jose", book, []uint64{3}, WordPrefix},
		{"accents in the query", "JOSÉ NÚÑEZ", book, []uint64{3}, Exact},
		{"accents ignored both ways", "nunez", book, []uint64{3}, WordPrefix},
		{"unfoldable letters", "soren oberg", book, []uint64{10}, Exact},
		{"CJK exact", "王伟", book, []uint64{4}, Exact},
		{"CJK family name is ambiguous", "王", book, []uint64{4, 9}, WordPrefix},
		{"prefix beats fuzzy", "smit", book, []uint64{2}, WordPrefix}, // "smyth" is one edit away
		{"fuzzy: a missing letter", "lovlace", without(13), []uint64{1}, Fuzzy},
		{"fuzzy: a transposition", "hpoper", book, []uint64{5}, Fuzzy},
		{"fuzzy: a transposition in a short word", "grcae", book, []uint64{5}, Fuzzy},
		{"fuzzy: a wrong letter", "hooper", book, []uint64{5}, Fuzzy},
		{"fuzzy: punctuation", "obrien", book, []uint64{14}, Fuzzy},
		{"fuzzy: several words", "ada lovlace", without(13), []uint64{1}, Fuzzy},
		{"fuzzy: closer wins", "wisniewskaa", book, []uint64{7}, Fuzzy},
		{"fuzzy: equally close is ambiguous", "hopr", book, []uint64{5, 12}, Fuzzy}, // hopp(er), hope
		{"too many typos", "lvolcae", book, nil, NoMatch},
		{"nobody", "zzyzx", book, nil, NoMatch},
		{"empty query", "", book, nil, NoMatch},
		{"blank query", "   ", book, nil, NoMatch},
		{"empty book", "ada", nil, nil, NoMatch},
		// One letter is not a typo of anything: it matches word starts only.
		{"one letter that starts no word", "x", book, nil, NoMatch},
		{"one letter that starts a word", "z", book, []uint64{7}, WordPrefix},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, tier := Match(tc.query, tc.book)
			var ids []uint64
			for _, c := range got {
				ids = append(ids, c.ID)
			}
			if !slices.Equal(ids, tc.ids) || tier != tc.tier {
				t.Fatalf("Match(%q) = %v tier %d, want %v tier %d", tc.query, ids, tier, tc.ids, tc.tier)
			}
			for _, c := range got {
				if c != tc.book[slices.IndexFunc(tc.book, func(b Candidate) bool { return b.ID == c.ID })] {
					t.Fatalf("Match returned a changed candidate %+v", c)
				}
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"ada", "ada", 0},
		{"", "ada", 3},
		{"ada", "", 3},
		{"ada", "ada", 0},
		{"lovlace", "lovelace", 1},
		{"hpoper", "hopper", 1},
		{"ab", "ba", 1},
		{"abc", "cab", 2},
		{"kitten", "sitting", 3},
		{"王伟", "王芳", 1},
		{"josé", "jose", 1},
	}
	for _, tc := range tests {
		if got := editDistance([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestFilterScore(t *testing.T) {
	tests := []struct {
		q, text string
		score   int
		ok      bool
	}{
		{"", "ada lovelace", 0, true},
		{"ada", "ada lovelace", 0, true},
		{"love", "ada lovelace", 0, true},      // word start
		{"lace", "ada lovelace", 1, true},      // inside a word
		{"lvlc", "ada lovelace", 4, true},      // scattered within a word
		{"alc", "ada lovelace", 0, false},      // scattered over words: no
		{"ada lace", "ada lovelace", 1, true},  // words add up
		{"lace lvc", "ada lovelace", 5, true},  // words add up
		{"zed", "ada lovelace", 0, false},      // missing
		{"ada zed", "ada lovelace", 0, false},  // one word missing is enough
		{"ecalevol", "ada lovelace", 0, false}, // order matters in a subsequence
		{"acme", "ada lovelace acme logistics", 0, true},
		{"伟", "王伟", 1, true},
	}
	for _, tc := range tests {
		score, ok := FilterScore(tc.q, tc.text)
		if score != tc.score || ok != tc.ok {
			t.Errorf("FilterScore(%q, %q) = %d, %v; want %d, %v", tc.q, tc.text, score, ok, tc.score, tc.ok)
		}
	}
}

func TestFilterFields(t *testing.T) {
	const name, company = "ada lovelace", "acme logistics"
	tests := []struct {
		q     string
		score int
		ok    bool
	}{
		{"ada", 0, true},      // name, word start
		{"acme", 1, true},     // company, word start: after the name
		{"lace", 1, true},     // name, inside a word
		{"gist", 2, true},     // company, inside a word
		{"ada acme", 1, true}, // one word in each
		{"lgstcs", 5, true},   // company, scattered
		{"lvlc", 4, true},     // name, scattered
		{"zed", 0, false},     // nowhere
		{"ada zed", 0, false}, // one word missing
		{"lo", 0, true},       // a word start in the name beats the company
		{"ics", 2, true},      // only in the company
		{"", 0, true},         // no words
		{"a", 0, true},        // the name starts with it
	}
	for _, tc := range tests {
		score, ok := FilterFields(strings.Fields(tc.q), name, company)
		if score != tc.score || ok != tc.ok {
			t.Errorf("FilterFields(%q) = %d, %v; want %d, %v", tc.q, score, ok, tc.score, tc.ok)
		}
	}
}
