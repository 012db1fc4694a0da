package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lowers s, strips accents and collapses spaces, so "  José  Ñúñez"
// and "jose nunez" compare equal. Letters that do not decompose (ø, ł, ß)
// are spelled out by hand.
func Fold(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			plain = false
			break
		}
	}
	if !plain {
		// Invalid bytes would make the transform give up, leaving accents
		// that a second Fold (of the lowered, now valid, text) strips.
		s = strings.ToValidUTF8(s, "\uFFFD")
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		if out, _, err := transform.String(t, s); err == nil {
			s = out
		}
		s = unfoldable.Replace(s)
	}
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

var unfoldable = strings.NewReplacer(
	"ø", "o", "Ø", "o", "ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "ß", "ss", "ẞ", "ss",
	"æ", "ae", "Æ", "ae", "œ", "oe", "Œ", "oe", "ı", "i", "þ", "th", "Þ", "th",
)

// Candidate is a contact as name matching sees it.
type Candidate struct {
	ID      uint64
	Name    string
	Folded  string // Fold(Name), computed once when the name is stored
	Company string // to tell namesakes apart, and to choose by company words
}

// MatchTier says how well a query matched; lower is better.
type MatchTier int

// The tiers, best first.
const (
	NoMatch MatchTier = iota
	Exact
	WordPrefix
	Fuzzy
)

// Match finds the contacts a query names: exact full names first, then names
// whose words start with every query word, then names within a small typing
// error. Only the best tier that has any hit is returned; more than one hit
// there means the query is ambiguous and the caller must not guess.
func Match(query string, cands []Candidate) ([]Candidate, MatchTier) {
	q := Fold(query)
	if q == "" {
		return nil, NoMatch
	}
	qwords := strings.Fields(q)
	var best []Candidate
	bestTier, bestScore := NoMatch, 0
	for _, c := range cands {
		tier, score := rate(q, qwords, c.Folded)
		if tier == NoMatch {
			continue
		}
		switch {
		case bestTier == NoMatch || tier < bestTier || (tier == bestTier && score < bestScore):
			best, bestTier, bestScore = append(best[:0], c), tier, score
		case tier == bestTier && score == bestScore:
			best = append(best, c)
		}
	}
	return best, bestTier
}

// rate gives the tier of a folded name for a query, and within the fuzzy tier
// a score (total edit distance) to rank by.
func rate(q string, qwords []string, name string) (MatchTier, int) {
	if name == q {
		return Exact, 0
	}
	words := strings.Fields(name)
	if strings.HasPrefix(name, q) || allWordsPrefix(qwords, words) {
		return WordPrefix, 0
	}
	total := 0
	for _, qw := range qwords {
		d := closestWord(qw, words)
		if d > typoBudget(qw) {
			return NoMatch, 0
		}
		total += d
	}
	return Fuzzy, total
}

// allWordsPrefix: every query word starts a different name word, in order.
func allWordsPrefix(qwords, words []string) bool {
	i := 0
	for _, w := range words {
		if i < len(qwords) && strings.HasPrefix(w, qwords[i]) {
			i++
		}
	}
	return i == len(qwords)
}

// typoBudget allows one edit in short words and more in long ones. A
// one-letter word gets none: one edit turns it into any letter, so "x"
// would match everybody.
func typoBudget(w string) int {
	n := len([]rune(w))
	if n < 2 {
		return 0
	}
	return max(1, n/4)
}

// closestWord is the smallest edit distance from q to a name word, or to the
// start of one, so "lovlace" reaches "lovelace" and "lovel" reaches it too.
func closestWord(q string, words []string) int {
	best := 1 << 30
	qr := []rune(q)
	for _, w := range words {
		wr := []rune(w)
		best = min(best, editDistance(qr, wr))
		if len(wr) > len(qr) {
			best = min(best, editDistance(qr, wr[:len(qr)]))
		}
	}
	return best
}

// editDistance is Levenshtein distance with adjacent transpositions
// counted as one edit (the commonest typo).
func editDistance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// FilterScore is the quick, forgiving filter behind the list's "/": every
// query word must appear in the folded text, as a substring (better) or as
// a scattered subsequence (worse). Lower scores rank first.
func FilterScore(foldedQuery, foldedText string) (int, bool) {
	return FilterFields(strings.Fields(foldedQuery), foldedText, "")
}

// FilterFields is FilterScore over a folded name and a folded company: each
// query word must be found in one of them, and hits in the name rank first.
func FilterFields(words []string, name, company string) (int, bool) {
	score := 0
	for _, w := range words {
		s, ok := wordScore(w, name)
		if !ok || s > 0 {
			if cs, cok := wordScore(w, company); cok && (!ok || cs+1 < s) {
				s, ok = cs+1, true
			}
		}
		if !ok {
			return 0, false
		}
		score += s
	}
	return score, true
}

// wordScore: 0 at a word start, 1 inside a word, 4 as a scattered subsequence.
func wordScore(w, text string) (int, bool) {
	i := strings.Index(text, w)
	switch {
	case i == 0 || (i > 0 && text[i-1] == ' '):
		return 0, true
	case i > 0:
		return 1, true
	case subsequenceOfAWord(w, text):
		return 4, true
	}
	return 0, false
}

// subsequenceOfAWord: the letters of w appear in order within one word of
// text ("lovlace" in "lovelace"), not scattered across several.
func subsequenceOfAWord(w, text string) bool {
	for text != "" {
		var word string
		word, text, _ = strings.Cut(text, " ")
		if isSubsequence(w, word) {
			return true
		}
	}
	return false
}

func isSubsequence(needle, hay string) bool {
	for _, r := range needle {
		i := strings.IndexRune(hay, r)
		if i < 0 {
			return false
		}
		hay = hay[i+len(string(r)):]
	}
	return true
}
