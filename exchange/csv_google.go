package exchange

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rapport/model"
)

// Google Contacts exports a CSV with one column per field and numbered
// groups for repeated ones ("E-mail 1 - Value", "Phone 2 - Value",
// "Event 1 - Label"). Two headers are in use: the current one (First
// Name, Labels, Organization Name, "- Label") and the older one (Given
// Name, Group Membership, "Organization 1 - Name", "- Type"). Both are read
// by column name, never by position.

// isGoogleHeader tells a Google Contacts header from any other CSV.
func isGoogleHeader(h header) bool {
	_, email := h["E-mail 1 - Value"]
	_, phone := h["Phone 1 - Value"]
	_, first := h["First Name"]
	_, labels := h["Labels"]
	_, given := h["Given Name"]
	_, groups := h["Group Membership"]
	return email || phone || (first && labels) || (given && groups)
}

// readGoogleCSV reads a Google Contacts export.
func readGoogleCSV(rows []csvRow, file string, now time.Time) ([]Record, []Problem) {
	if len(rows) == 0 {
		return nil, nil
	}
	h := newHeader(rows[0].fields)
	var recs []Record
	var probs []Problem
	for _, row := range rows[1:] {
		if blankRow(row.fields) {
			continue
		}
		rec, warns, err := googleRecord(h, row, file, now)
		probs = append(probs, warns...)
		if err != nil {
			probs = append(probs, Problem{File: file, Line: row.line, Msg: "row skipped: " + err.Error(), Skipped: true})
			continue
		}
		recs = append(recs, rec)
	}
	return recs, probs
}

func blankRow(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func googleRecord(h header, row csvRow, file string, now time.Time) (Record, []Problem, error) {
	r := row.fields
	var probs []Problem
	warn := func(col, msg string) {
		probs = append(probs, Problem{File: file, Line: row.line, Msg: col + ": " + msg})
	}
	c := model.Contact{Created: now}
	parts := model.NameParts{
		Prefixes: cleanName(h.get(r, "Name Prefix")), Given: cleanName(h.first(r, "First Name", "Given Name")),
		Additional: cleanName(h.first(r, "Middle Name", "Additional Name")),
		Family:     cleanName(h.first(r, "Last Name", "Family Name")), Suffixes: cleanName(h.get(r, "Name Suffix")),
	}
	if !parts.IsZero() {
		c.NameParts = &parts
	}
	c.Name = cleanName(h.get(r, "Name"))
	if c.Name == "" {
		c.Name = parts.String()
	}
	org := h.first(r, "Organization Name", "Organization 1 - Name")
	dept := h.first(r, "Organization Department", "Organization 1 - Department")
	c.Company = strings.Join(nonEmpty(cleanName(org), cleanName(dept)), ", ")
	c.Title = cleanField(h.first(r, "Organization Title", "Organization 1 - Title"))
	if c.Name == "" {
		c.Name = cleanName(h.first(r, "File As", "Nickname"))
	}
	if c.Name == "" {
		c.Name = cleanName(org)
	}
	each(h, "E-mail", "Value", func(_ int, col string) {
		for _, e := range splitMulti(h.get(r, col)) {
			c.Emails = addEmail(c.Emails, e, func(m string) { warn(col, m) })
		}
	})
	if c.Name == "" && len(c.Emails) > 0 {
		c.Name = c.Emails[0]
		warn("Name", "the row has no name; named after its email address")
	}
	if c.Name == "" {
		return Record{}, probs, fmt.Errorf("it has no name and no email address")
	}
	for _, n := range splitMulti(h.get(r, "Nickname")) {
		c.Nicknames = addUnique(c.Nicknames, cleanName(n))
	}
	each(h, "Website", "Value", func(_ int, col string) {
		for _, u := range splitMulti(h.get(r, col)) {
			c.URLs = addUnique(c.URLs, cleanField(u))
		}
	})
	c.Addresses = googleAddresses(h, r)
	c.Background = strings.TrimSpace(model.CleanText(h.get(r, "Notes")))
	each(h, "Phone", "Value", func(_ int, col string) {
		for _, p := range splitMulti(h.get(r, col)) {
			c.Phones = addPhone(c.Phones, p)
		}
	})
	for _, t := range splitMulti(h.first(r, "Labels", "Group Membership")) {
		c.Tags = addTag(c.Tags, t)
	}
	if v := h.get(r, "Birthday"); v != "" {
		if d, err := ParseCardDate(v, ""); err == nil {
			c.Birthday = d
		} else {
			warn("Birthday", err.Error()+"; left out")
		}
	}
	each(h, "Event", "Value", func(n int, col string) {
		v := h.get(r, col)
		if v == "" {
			return
		}
		d, err := ParseCardDate(v, "")
		if err != nil {
			warn(col, err.Error()+"; left out")
			return
		}
		label := momentLabel(strings.TrimPrefix(groupLabel(h, r, "Event", n), "* "))
		if label == model.LabelBirthday {
			if c.Birthday.IsZero() {
				c.Birthday = d
			}
			return
		}
		if len(c.Moments) >= model.MaxMoments && momentIndex(c.Moments, label) < 0 {
			warn(col, tooManyMoments(1))
		}
		c.Moments = setMoment(c.Moments, label, d)
	})
	rec := Record{File: file, Line: row.line, Contact: c}
	extras := googleExtras(h, r, &rec.Contact)
	if text := noteText(nil, extras); text != "" {
		rec.Notes = []model.Interaction{{Kind: model.Note, Text: text, At: now}}
		warn("Notes", fmt.Sprintf("%s with no field in rapport kept as a note", plural(len(extras), "value")))
	}
	return rec, probs, nil
}

// each calls fn with the column name of every numbered group of a kind
// that the header has ("E-mail 1 - Value", "E-mail 2 - Value", ...).
func each(h header, kind, part string, fn func(n int, col string)) {
	for n := 1; ; n++ {
		col := groupCol(kind, n, part)
		if _, ok := h[col]; !ok {
			return
		}
		fn(n, col)
	}
}

func groupCol(kind string, n int, part string) string {
	return kind + " " + strconv.Itoa(n) + " - " + part
}

// groupLabel reads a group's label: "- Label" now, "- Type" before.
func groupLabel(h header, r []string, kind string, n int) string {
	return h.first(r, groupCol(kind, n, "Label"), groupCol(kind, n, "Type"))
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// googleAddresses reads the numbered address groups: the parts when
// there are any, else the formatted address as the street.
func googleAddresses(h header, r []string) []model.Address {
	var out []model.Address
	each(h, "Address", "Formatted", func(n int, col string) {
		part := func(name string) string { return h.get(r, groupCol("Address", n, name)) }
		a := model.Address{
			Label:  strings.ToLower(cleanField(strings.TrimPrefix(groupLabel(h, r, "Address", n), "* "))),
			Street: streetLines(part("Street"), part("Extended Address"), part("PO Box")), Locality: cleanName(part("City")), Region: cleanName(part("Region")),
			PostalCode: cleanName(part("Postal Code")), Country: cleanName(part("Country")),
		}
		if a.IsZero() {
			a.Street = strings.TrimSpace(model.CleanText(h.get(r, col)))
		}
		out = addAddress(out, a)
	})
	return out
}

// The custom fields rapport writes for its own fields.
const (
	customHowWeMet = "How we met"
	customMatters  = "What matters"
	customStage    = "Stage"
	customCadence  = "Cadence (days)"
)

// googleExtras reads rapport's own custom fields into c and keeps what
// rapport has no field for as lines of a note.
func googleExtras(h header, r []string, c *model.Contact) []string {
	var out []string
	add := func(title, label, value string) {
		value = cleanField(strings.ReplaceAll(value, "\n", ", "))
		if value == "" {
			return
		}
		if label = cleanField(strings.TrimPrefix(label, "* ")); label != "" {
			title += " (" + label + ")"
		}
		out = append(out, title+": "+value)
	}
	each(h, "Custom Field", "Value", func(n int, col string) {
		label, value := groupLabel(h, r, "Custom Field", n), h.get(r, col)
		switch {
		case label == customHowWeMet && c.HowWeMet == "":
			c.HowWeMet = cleanField(value)
		case label == customMatters && c.Matters == "":
			c.Matters = cleanField(value)
		case label == customStage && c.Stage == "":
			if st, err := model.ParseStage(value); err == nil {
				c.Stage = st
			} else {
				add("Field", label, value)
			}
		case label == customCadence && c.Cadence == 0:
			if n, err := strconv.Atoi(strings.TrimSpace(value)); err == nil && n > 0 && n < 100000 {
				c.Cadence = n
			} else {
				add("Field", label, value)
			}
		default:
			add("Field", label, value)
		}
	})
	for _, kind := range []struct{ col, title string }{{"Relation", "Related"}, {"IM", "Messaging"}} {
		each(h, kind.col, "Value", func(n int, col string) {
			add(kind.title, groupLabel(h, r, kind.col, n), h.get(r, col))
		})
	}
	return out
}

// googleGroups is how many numbered groups of each kind a file needs.
type googleGroups struct{ emails, phones, addresses, websites, events, custom int }

// groupsOf is how many groups of each kind one contact fills.
func groupsOf(c model.Contact) googleGroups {
	return googleGroups{emails: len(c.Emails), phones: len(c.Phones), addresses: len(c.Addresses),
		websites: len(c.URLs), events: len(c.Moments), custom: len(customFields(c))}
}

// widen is g with room for everything in o as well.
func (g googleGroups) widen(o googleGroups) googleGroups {
	return googleGroups{emails: max(g.emails, o.emails), phones: max(g.phones, o.phones), addresses: max(g.addresses, o.addresses),
		websites: max(g.websites, o.websites), events: max(g.events, o.events), custom: max(g.custom, o.custom)}
}

// addressParts are the columns of one address group, in writing order.
var addressParts = []string{"Label", "Formatted", "Street", "City", "PO Box", "Region", "Postal Code", "Country", "Extended Address"}

// googleColumns is the header rapport writes: the current Google export's
// names, with as many numbered groups as the widest contact needs.
func googleColumns(g googleGroups) []string {
	cols := []string{"First Name", "Middle Name", "Last Name", "Name Prefix", "Name Suffix", "Nickname",
		"Organization Name", "Organization Title", "Birthday", "Notes", "Labels"}
	pairs := func(kind string, n int) {
		for i := 1; i <= max(n, 1); i++ {
			cols = append(cols, groupCol(kind, i, "Label"), groupCol(kind, i, "Value"))
		}
	}
	pairs("E-mail", g.emails)
	pairs("Phone", g.phones)
	for i := 1; i <= max(g.addresses, 1); i++ {
		for _, p := range addressParts {
			cols = append(cols, groupCol("Address", i, p))
		}
	}
	pairs("Website", g.websites)
	pairs("Event", g.events)
	pairs("Custom Field", g.custom)
	return cols
}

// WriteGoogleCSV writes contacts in the columns Google Contacts imports.
// Every cell is neutralised against formula injection; only the phone
// columns let a phone number ("+1 555 0100") through as it is. excel
// starts the file with a UTF-8 byte order mark, without which Excel
// reads UTF-8 as the local code page.
func WriteGoogleCSV(w io.Writer, contacts []model.Contact, excel bool) error {
	var st GoogleCSVStream
	for _, c := range contacts {
		st.Widen(c)
	}
	if err := st.Start(w, excel); err != nil {
		return err
	}
	for _, c := range contacts {
		if err := st.Row(c); err != nil {
			return err
		}
	}
	return st.Flush()
}

func googleRow(c model.Contact, g googleGroups) []string {
	n := nameParts(c)
	row := []string{n[1], n[2], n[0], n[3], n[4], strings.Join(c.Nicknames, " ::: "),
		model.CleanLine(c.Company), model.CleanLine(c.Title), c.Birthday.String(), c.Background, googleLabels(c.Tags)}
	row = appendGroups(row, max(g.emails, 1), len(c.Emails), func(i int) (string, string) { return "", c.Emails[i] })
	row = appendGroups(row, max(g.phones, 1), len(c.Phones), func(i int) (string, string) { return "", c.Phones[i] })
	for i := 0; i < max(g.addresses, 1); i++ {
		var a model.Address
		if i < len(c.Addresses) {
			a = c.Addresses[i]
		}
		row = append(row, capitalise(a.Label), strings.Join(a.Lines(), "\n"), a.Street, a.Locality, "", a.Region, a.PostalCode, a.Country, "")
	}
	row = appendGroups(row, max(g.websites, 1), len(c.URLs), func(i int) (string, string) { return "", c.URLs[i] })
	row = appendGroups(row, max(g.events, 1), len(c.Moments), func(i int) (string, string) {
		m := c.Moments[i]
		if m.Label == model.LabelAnniversary {
			return "Anniversary", m.Date.String()
		}
		return m.Label, m.Date.String()
	})
	custom := customFields(c)
	return appendGroups(row, max(g.custom, 1), len(custom), func(i int) (string, string) { return custom[i][0], custom[i][1] })
}

func customFields(c model.Contact) [][2]string {
	var out [][2]string
	if c.HowWeMet != "" {
		out = append(out, [2]string{customHowWeMet, c.HowWeMet})
	}
	if c.Matters != "" {
		out = append(out, [2]string{customMatters, c.Matters})
	}
	if c.Stage != "" {
		out = append(out, [2]string{customStage, string(c.Stage)})
	}
	if c.Cadence > 0 {
		out = append(out, [2]string{customCadence, strconv.Itoa(c.Cadence)})
	}
	return out
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func appendGroups(row []string, width, have int, at func(int) (string, string)) []string {
	for i := 0; i < width; i++ {
		label, value := "", ""
		if i < have {
			label, value = at(i)
		}
		row = append(row, label, value)
	}
	return row
}

// googleLabels puts contacts in "My Contacts" (as Google's own export
// does) and turns tags into labels.
func googleLabels(tags []string) string {
	return strings.Join(append([]string{"* myContacts"}, tags...), " ::: ")
}
