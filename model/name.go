package model

import "strings"

// NameParts is a structured name as vCard's N gives it. Each part may hold
// several words ("Anna Maria"); several values of one part (two prefixes)
// are kept space-separated.
type NameParts struct {
	Family     string `json:"family,omitempty"`
	Given      string `json:"given,omitempty"`
	Additional string `json:"additional,omitempty"`
	Prefixes   string `json:"prefixes,omitempty"`
	Suffixes   string `json:"suffixes,omitempty"`
}

// IsZero reports whether no part is set.
func (n NameParts) IsZero() bool {
	return strings.TrimSpace(n.Family+n.Given+n.Additional+n.Prefixes+n.Suffixes) == ""
}

// Fits reports whether the parts still describe name: every word of every
// part is a word of the name. A contact renamed in rapport no longer fits
// its old parts, and an export then guesses them again from the name.
func (n NameParts) Fits(name string) bool {
	if n.IsZero() {
		return false
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(Fold(name)) {
		words[strings.Trim(w, ".,")] = true
	}
	for _, w := range strings.Fields(Fold(n.Family + " " + n.Given + " " + n.Additional + " " + n.Prefixes + " " + n.Suffixes)) {
		if !words[strings.Trim(w, ".,")] {
			return false
		}
	}
	return true
}

// GuessNameParts splits a full name at its last space: the last word is
// the family name. Only for a name that came with no parts.
func GuessNameParts(name string) NameParts {
	name = strings.Join(strings.Fields(name), " ")
	i := strings.LastIndex(name, " ")
	if i < 0 {
		return NameParts{Family: name}
	}
	return NameParts{Given: name[:i], Family: name[i+1:]}
}

// String is the name the parts spell, for reports ("Dr. Heiko Mustermann").
func (n NameParts) String() string {
	return strings.Join(strings.Fields(strings.Join([]string{n.Prefixes, n.Given, n.Additional, n.Family, n.Suffixes}, " ")), " ")
}
