package store

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Imports before contacts had addresses, nicknames and web addresses kept
// those as lines at the end of a note: "Address (work): 1 Market St, San
// Francisco, CA, 94105, US", "Nickname: Pri", "Website (LinkedIn): https://…".
// This step moves them into the contact's fields where it can tell the
// parts apart, and leaves every other line of the note as it was.

// importedLine is how the old importers wrote a field they had no place for.
var importedLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(Nickname|Address|Website|Messaging|Profile|Related|Field)( \([^)]*\))?: (.+)$`)
})

// movedFields is what one note gives its contact.
type movedFields struct {
	addresses []model.Address
	nicknames []string
	urls      []string
}

func (m movedFields) empty() bool {
	return len(m.addresses)+len(m.nicknames)+len(m.urls) == 0
}

// splitImported takes the importer's lines out of a note's last paragraph
// (where the importers put them, and only when every line of it is one)
// and returns the text left and the fields found. A line it cannot read
// with certainty stays in the note.
func splitImported(text string) (string, movedFields) {
	var m movedFields
	head, tail := "", text
	if i := strings.LastIndex(text, "\n\n"); i >= 0 {
		head, tail = text[:i], text[i+2:]
	}
	lines := strings.Split(tail, "\n")
	for _, l := range lines {
		if !importedLine().MatchString(l) {
			return text, movedFields{}
		}
	}
	var kept []string
	for _, l := range lines {
		g := importedLine().FindStringSubmatch(l)
		label := strings.ToLower(strings.Trim(strings.TrimSpace(g[2]), "()"))
		switch g[1] {
		case "Nickname":
			m.nicknames = append(m.nicknames, g[3])
			continue
		case "Website":
			m.urls = append(m.urls, g[3])
			continue
		case "Address":
			if a, ok := legacyAddress(label, g[3]); ok {
				m.addresses = append(m.addresses, a)
				continue
			}
		}
		kept = append(kept, l)
	}
	rest := strings.Join(kept, "\n")
	switch {
	case head == "":
	case rest == "":
		rest = head
	default:
		rest = head + "\n\n" + rest
	}
	return rest, m
}

// legacyAddress reads "street, locality[, region], postal code[, country]":
// the postal code (a short part with a digit) anchors the rest. Without
// one, or with parts it cannot place (two street lines or a street line
// and a region look alike), it gives up.
func legacyAddress(label, s string) (model.Address, bool) {
	parts := strings.Split(s, ", ")
	p := -1
	for i := len(parts) - 1; i > 0; i-- {
		if isPostalCode(parts[i]) {
			p = i
			break
		}
	}
	if p < 0 || len(parts)-p > 2 {
		return model.Address{}, false
	}
	a := model.Address{Label: label, PostalCode: parts[p]}
	if p+1 < len(parts) {
		a.Country = parts[p+1]
	}
	switch {
	case p == 1:
		a.Locality = parts[0]
	case p == 2:
		a.Street, a.Locality = parts[0], parts[1]
	case p == 3 && isRegionCode(parts[2]):
		a.Street, a.Locality, a.Region = parts[0], parts[1], parts[2]
	default:
		return model.Address{}, false
	}
	return a, true
}

func isPostalCode(s string) bool {
	if len(s) < 3 || len(s) > 10 || !strings.ContainsFunc(s, unicode.IsDigit) {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r == ' ' || r == '-') {
			return false
		}
	}
	return true
}

// isRegionCode: a state or province written as a short code (CA, NSW).
func isRegionCode(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// moveImportedFields is the migration step.
func moveImportedFields(tx *bolt.Tx) error {
	var notes []model.Interaction
	err := eachRecord(tx, bNotes, func(in model.Interaction) {
		if in.Kind == model.Note && strings.Contains(in.Text, ": ") {
			notes = append(notes, in)
		}
	})
	if err != nil {
		return err
	}
	for _, in := range notes {
		rest, m := splitImported(in.Text)
		if m.empty() {
			continue
		}
		if err := giveFields(tx, in.ContactID, m); err != nil {
			return err
		}
		if err := rewriteNote(tx, in, rest); err != nil {
			return err
		}
	}
	return nil
}

func giveFields(tx *bolt.Tx, id uint64, m movedFields) error {
	var old model.Contact
	if err := getJSON(tx, bContacts, id, &old); err != nil {
		return err
	}
	c := old
	c.Addresses = append([]model.Address(nil), old.Addresses...)
	c.Nicknames = append([]string(nil), old.Nicknames...)
	c.URLs = append([]string(nil), old.URLs...)
	for _, a := range m.addresses {
		if !containsAddress(c.Addresses, a) {
			c.Addresses = append(c.Addresses, a)
		}
	}
	for _, n := range m.nicknames {
		c.Nicknames = appendNew(c.Nicknames, n)
	}
	for _, u := range m.urls {
		c.URLs = appendNew(c.URLs, u)
	}
	return putContact(tx, &old, c)
}

// rewriteNote saves the note's remaining text, or removes a note that held
// nothing but moved lines, through the helpers every write uses (indexes,
// journal and tombstone included).
func rewriteNote(tx *bolt.Tx, in model.Interaction, rest string) error {
	if strings.TrimSpace(rest) != "" {
		return rewrite(tx, bNotes, in.ID, func(n *model.Interaction) { n.Text = rest })
	}
	return removeRecord(tx, bNotes, in.ID, "")
}

func containsAddress(list []model.Address, a model.Address) bool {
	for _, have := range list {
		if have == a {
			return true
		}
	}
	return false
}

func appendNew(list []string, v string) []string {
	for _, have := range list {
		if have == v {
			return list
		}
	}
	return append(list, v)
}
