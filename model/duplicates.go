package model

import (
	"sort"
	"strings"
	"unicode"
)

// DuplicatePair is two contacts that are likely one person, with why.
type DuplicatePair struct {
	A, B Contact
	Why  []string
}

// maxGroup bounds how many contacts one shared value may pair up: a
// switchboard number shared by 300 people of one company says nothing
// about any two of them.
const maxGroup = 12

// LikelyDuplicates pairs contacts that share a folded name, an email
// address or a phone number, strongest evidence first.
func LikelyDuplicates(cs []Contact) []DuplicatePair {
	groups := map[string][]int{}
	for i, c := range cs {
		for _, k := range duplicateKeys(c) {
			groups[k] = append(groups[k], i)
		}
	}
	why := map[[2]int][]string{}
	for k, members := range groups {
		if len(members) < 2 || len(members) > maxGroup {
			continue
		}
		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				p := [2]int{members[x], members[y]}
				why[p] = append(why[p], reason(k))
			}
		}
	}
	out := make([]DuplicatePair, 0, len(why))
	for p, reasons := range why {
		sort.Strings(reasons)
		out = append(out, DuplicatePair{A: cs[p[0]], B: cs[p[1]], Why: reasons})
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
