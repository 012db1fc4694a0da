package model

import (
	"sort"
	"strings"
	"unicode"
)

// DuplicatePair is two contacts that are likely one person, with why.
type DuplicatePair struct {
	A, B ContactRef
	Why  []string
}

// ContactRef names a contact in a list, with what tells namesakes apart.
type ContactRef struct {
	ID            uint64
	Name, Company string
}

// maxGroup bounds how many contacts one shared value may pair up: a
// switchboard number shared by 300 people of one company says nothing
// about any two of them.
const maxGroup = 12

// DuplicateFinder gathers a book's evidence one contact at a time, so a
// big book is never held whole: per shared value it keeps contact ids,
// per contact only what names it.
type DuplicateFinder struct {
	groups map[string][]uint64
	refs   map[uint64]ContactRef
}

// NewDuplicateFinder starts an empty finder.
func NewDuplicateFinder() *DuplicateFinder {
	return &DuplicateFinder{groups: map[string][]uint64{}, refs: map[uint64]ContactRef{}}
}

// Add takes one contact's evidence.
func (f *DuplicateFinder) Add(c Contact) {
	f.refs[c.ID] = ContactRef{ID: c.ID, Name: c.Name, Company: c.Company}
	for _, k := range duplicateKeys(c) {
		f.groups[k] = append(f.groups[k], c.ID)
	}
}

// Pairs pairs the contacts added that share a folded name, an email
// address or a phone number, strongest evidence first.
func (f *DuplicateFinder) Pairs() []DuplicatePair {
	why := map[[2]uint64][]string{}
	for k, members := range f.groups {
		if len(members) < 2 || len(members) > maxGroup {
			continue
		}
		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				p := [2]uint64{members[x], members[y]}
				why[p] = append(why[p], reason(k))
			}
		}
	}
	out := make([]DuplicatePair, 0, len(why))
	for p, reasons := range why {
		sort.Strings(reasons)
		out = append(out, DuplicatePair{A: f.refs[p[0]], B: f.refs[p[1]], Why: reasons})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Why) != len(out[j].Why) {
			return len(out[i].Why) > len(out[j].Why)
		}
		if out[i].A.ID != out[j].A.ID {
			return out[i].A.ID < out[j].A.ID
		}
		return out[i].B.ID < out[j].B.ID
	})
	return out
}

// duplicateKeys lists a contact's evidence, each once, as "kind:value".
func duplicateKeys(c Contact) []string {
	seen := map[string]bool{}
	add := func(k string) {
		if !strings.HasSuffix(k, ":") {
			seen[k] = true
		}
	}
	add("name:" + Fold(c.Name))
	for _, e := range c.Emails {
		add("email:" + strings.ToLower(strings.TrimSpace(e)))
	}
	for _, p := range c.Phones {
		if d := phoneDigits(p); len(d) >= 7 {
			add("phone:" + d)
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// phoneDigits keeps the last nine digits, so +49 30 1234567 and
// 030 1234567 compare equal.
func phoneDigits(p string) string {
	var b strings.Builder
	for _, r := range p {
		if unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if len(d) > 9 {
		d = d[len(d)-9:]
	}
	return d
}

func reason(key string) string {
	kind, value, _ := strings.Cut(key, ":")
	switch kind {
	case "name":
		return "same name"
	case "email":
		return "same email " + value
	}
	return "same phone …" + value[max(0, len(value)-4):]
}
