package exchange

import (
	"fmt"
	"strings"

	"rapport/model"
)

// Format is a kind of file rapport can import.
type Format string

// The formats Read recognises.
const (
	VCard       Format = "vCard"
	GoogleCSV   Format = "Google Contacts CSV"
	LinkedInCSV Format = "LinkedIn connections CSV"
	Backup      Format = "rapport backup"
)

// Record is one contact read from a file, with the notes it brought: the
// values of a CSV that rapport has no field for (a Google custom field, a
// relation), kept as text rather than lost. A vCard brings none: its NOTE
// is the contact's background and its unmapped properties are kept in
// Contact.Kept.
type Record struct {
	File string // the file it came from, for a folder of vCards
	Line int    // where its card or row starts, from 1
	// Contact holds what the file says. Stage and cadence are set only by
	// files that carry them (rapport's own X-RAPPORT-* properties); an
	// empty Stage leaves the importer's default.
	Contact model.Contact
	Notes   []model.Interaction
	Dropped []string // properties left out (PHOTO ...), by name
}

// Where names the record's place in its file: "contacts.vcf:12".
func (r Record) Where(source string) string {
	return where(source, r.File, r.Line)
}

// Problem is something in a file that could not be imported as it stood:
// a card or row that was skipped, or a field that was left out.
type Problem struct {
	File    string
	Line    int
	Msg     string
	Skipped bool // the whole card or row was skipped
}

// Where names the problem's place: "contacts.vcf:12".
func (p Problem) Where(source string) string {
	return where(source, p.File, p.Line)
}

func where(source, file string, line int) string {
	name := source
	if file != "" {
		name = file
	}
	if line <= 0 {
		return name
	}
	return fmt.Sprintf("%s:%d", name, line)
}

// Batch is everything read from one file or folder.
type Batch struct {
	Source   string // the path given to Read
	Format   Format
	Records  []Record
	Problems []Problem
	Backup   *BackupFile // the checked backup, for Format Backup
}

// cleanName tidies a person's name: cleaned, single spaces.
func cleanName(s string) string {
	return strings.Join(strings.Fields(model.CleanLine(s)), " ")
}

// cleanField tidies any one-line field.
func cleanField(s string) string {
	return strings.TrimSpace(model.CleanLine(s))
}

// validEmail is what model.Contact.Validate accepts, so an email that
// passes here never makes a whole import fail.
func validEmail(e string) bool {
	return strings.Contains(e, "@") && !strings.ContainsAny(e, " \t")
}

// addEmail appends e unless it is there already (emails compare without
// case). Bad addresses are reported through warn.
func addEmail(list []string, e string, warn func(string)) []string {
	e = strings.TrimPrefix(strings.TrimPrefix(cleanField(e), "mailto:"), "MAILTO:")
	if e == "" {
		return list
	}
	if !validEmail(e) {
		warn(fmt.Sprintf("%q is not an email address; left out", e))
		return list
	}
	for _, have := range list {
		if strings.EqualFold(have, e) {
			return list
		}
	}
	return append(list, e)
}

// phoneKey compares phone numbers by their digits and a leading plus.
func phoneKey(p string) string {
	var b strings.Builder
	for i, r := range p {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func addPhone(list []string, p string) []string {
	p = strings.TrimPrefix(strings.TrimPrefix(cleanField(p), "tel:"), "TEL:")
	p = strings.Join(strings.Fields(p), " ")
	if p == "" {
		return list
	}
	for _, have := range list {
		if phoneKey(have) == phoneKey(p) && phoneKey(p) != "" || have == p {
			return list
		}
	}
	return append(list, p)
}

// addTag appends a tag unless it is there already (tags compare folded).
// Google's "myContacts" system group says nothing about anyone.
func addTag(list []string, t string) []string {
	t = cleanName(strings.TrimPrefix(strings.TrimSpace(t), "* "))
	if t == "" || strings.EqualFold(t, "myContacts") {
		return list
	}
	var folded string
	for _, have := range list {
		if strings.EqualFold(have, t) {
			return list
		}
		if isASCII(have) && isASCII(t) {
			continue // EqualFold said it all; Fold is the slow path
		}
		if folded == "" {
			folded = model.Fold(t)
		}
		if model.Fold(have) == folded {
			return list
		}
	}
	return append(list, t)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// setMoment sets the date of the moment with label, or adds one while
// there is room (the store keeps at most model.MaxMoments).
func setMoment(list []model.Moment, label string, d model.Date) []model.Moment {
	for i := range list {
		if list[i].Label == label {
			list[i].Date = d
			return list
		}
	}
	if len(list) >= model.MaxMoments {
		return list
	}
	return append(list, model.Moment{Label: label, Date: d})
}

// tooManyMoments is the warning for dates beyond model.MaxMoments.
func tooManyMoments(n int) string {
	return fmt.Sprintf("%d dates beyond the %d a contact can keep; left out", n, model.MaxMoments)
}

// momentLabel maps a label as exporters write it to rapport's own labels
// where they mean the same; anything else is kept as written.
func momentLabel(s string) string {
	s = cleanName(s)
	switch model.Fold(s) {
	case "anniversary", "wedding anniversary":
		return model.LabelAnniversary
	case "work anniversary":
		return model.LabelWorkAnniversary
	case "customer since":
		return model.LabelCustomerSince
	case "birthday":
		return model.LabelBirthday
	case "":
		return "other"
	}
	return s
}

// noteText joins free text and the leftover fields into one note.
func noteText(text []string, extras []string) string {
	var parts []string
	for _, t := range text {
		if t = strings.TrimSpace(model.CleanText(t)); t != "" {
			parts = append(parts, t)
		}
	}
	body := strings.Join(parts, "\n")
	if len(extras) > 0 {
		if body != "" {
			body += "\n\n"
		}
		body += strings.Join(extras, "\n")
	}
	return body
}
