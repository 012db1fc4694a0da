package model

import (
	"strings"
)

// Query is what a search looks for: every term must match. A term is one
// word or a phrase of words in order; each word matches a word of the text
// that starts with it ("pric" finds "pricing").
type Query struct {
	Terms [][]string
}

// ParseQuery reads a search: words separated by spaces, "quoted phrases"
// for words in order. A word that the word rules split further ("e-mail",
// "東京") is a phrase of its parts.
func ParseQuery(s string) Query {
	var q Query
	s = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`).Replace(s)
	for i, part := range strings.Split(s, `"`) {
		if i%2 == 1 {
			q.add(part)
			continue
		}
		for _, f := range strings.Fields(part) {
			q.add(f)
		}
	}
	return q
}

func (q *Query) add(s string) {
	var term []string
	for _, t := range Tokens(s) {
		term = append(term, t.Word)
	}
	if len(term) > 0 {
		q.Terms = append(q.Terms, term)
	}
}

// IsZero reports a query with no words: it matches every text.
func (q Query) IsZero() bool { return len(q.Terms) == 0 }

// Words lists every distinct word of the query: a text that matches has a
// word starting with each of them.
func (q Query) Words() []string {
	var out []string
	seen := map[string]bool{}
	for _, term := range q.Terms {
		for _, w := range term {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// Match reports whether text holds every term.
func (q Query) Match(text string) bool {
	if q.IsZero() {
		return true
	}
	toks := Tokens(text)
	for _, term := range q.Terms {
		if termAt(toks, term) < 0 {
			return false
		}
	}
	return true
}

// Marks lists the byte spans of text that match a term, in order, for
// highlighting.
func (q Query) Marks(text string) [][2]int {
	toks := Tokens(text)
	hit := make([]bool, len(toks))
	for _, term := range q.Terms {
		for i := range toks {
			if termMatches(toks[i:], term) {
				for k := range term {
					hit[i+k] = true
				}
			}
		}
	}
	var out [][2]int
	for i, t := range toks {
		if hit[i] {
			out = append(out, [2]int{t.Start, t.End})
		}
	}
	return out
}

// termAt is the index of the first token where term starts, or -1.
func termAt(toks []Token, term []string) int {
	for i := range toks {
		if termMatches(toks[i:], term) {
			return i
		}
	}
	return -1
}

func termMatches(toks []Token, term []string) bool {
	if len(toks) < len(term) {
		return false
	}
	for k, w := range term {
		if !strings.HasPrefix(toks[k].Word, w) {
			return false
		}
	}
	return true
}
