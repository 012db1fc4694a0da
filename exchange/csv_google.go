package exchange

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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
	c.Name = cleanName(h.get(r, "Name"))
	if c.Name == "" {
		c.Name = cleanName(strings.Join([]string{
			h.get(r, "Name Prefix"),
			h.first(r, "First Name", "Given Name"),
			h.first(r, "Middle Name", "Additional Name"),
			h.first(r, "Last Name", "Family Name"),
			h.get(r, "Name Suffix"),
		}, " "))
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
	if c.Name == "" {
		return Record{}, probs, fmt.Errorf("it has no name")
	}
	each(h, "E-mail", "Value", func(_ int, col string) {
		for _, e := range splitMulti(h.get(r, col)) {
			c.Emails = addEmail(c.Emails, e, func(m string) { warn(col, m) })
		}
	})
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
	if text := noteText([]string{h.get(r, "Notes")}, googleExtras(h, r)); text != "" {
		rec.Notes = []model.Interaction{{Kind: model.Note, Text: text, At: now}}
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

// googleExtras keeps what rapport has no field for as lines of a note.
func googleExtras(h header, r []string) []string {
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
	add("Nickname", "", h.get(r, "Nickname"))
	each(h, "Address", "Formatted", func(n int, col string) {
		v := h.get(r, col)
		if v == "" {
			v = strings.Join(nonEmpty(h.get(r, groupCol("Address", n, "Street")), h.get(r, groupCol("Address", n, "City")),
				h.get(r, groupCol("Address", n, "Region")), h.get(r, groupCol("Address", n, "Postal Code")),
				h.get(r, groupCol("Address", n, "Country"))), ", ")
		}
		add("Address", groupLabel(h, r, "Address", n), v)
	})
	for _, kind := range []struct{ col, title string }{{"Website", "Website"}, {"Relation", "Related"}, {"Custom Field", "Field"}} {
		each(h, kind.col, "Value", func(n int, col string) {
			add(kind.title, groupLabel(h, r, kind.col, n), h.get(r, col))
		})
	}
	return out
}

// googleColumns is the header rapport writes: the current Google export's
// names, with as many numbered groups as the widest contact needs.
func googleColumns(emails, phones, events int) []string {
	cols := []string{"First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title", "Birthday", "Notes", "Labels"}
	for _, g := range []struct {
		kind string
		n    int
	}{{"E-mail", emails}, {"Phone", phones}, {"Event", events}} {
		for i := 1; i <= max(g.n, 1); i++ {
			cols = append(cols, groupCol(g.kind, i, "Label"), groupCol(g.kind, i, "Value"))
		}
	}
	return cols
}

// WriteGoogleCSV writes contacts in the columns Google Contacts imports.
// Every cell is neutralised against formula injection. rapport's own
// "how we met" and "what matters" go to Notes, where Google shows them.
func WriteGoogleCSV(w io.Writer, contacts []model.Contact) error {
	emails, phones, events := 0, 0, 0
	for _, c := range contacts {
		emails, phones, events = max(emails, len(c.Emails)), max(phones, len(c.Phones)), max(events, len(c.Moments))
	}
	cw := csv.NewWriter(w)
	cols := googleColumns(emails, phones, events)
	if err := cw.Write(cols); err != nil {
		return err
	}
	for _, c := range contacts {
		given, family := splitName(model.CleanLine(c.Name))
		if given == "" {
			given, family = family, ""
		}
		row := []string{given, "", family, model.CleanLine(c.Company), model.CleanLine(c.Title), c.Birthday.String(), googleNotes(c), googleLabels(c.Tags)}
		row = appendGroups(row, max(emails, 1), len(c.Emails), func(i int) (string, string) { return "", c.Emails[i] })
		row = appendGroups(row, max(phones, 1), len(c.Phones), func(i int) (string, string) { return "", c.Phones[i] })
		row = appendGroups(row, max(events, 1), len(c.Moments), func(i int) (string, string) {
			m := c.Moments[i]
			if m.Label == model.LabelAnniversary {
				return "Anniversary", m.Date.String()
			}
			return m.Label, m.Date.String()
		})
		for i := range row {
			row[i] = neutralise(model.CleanLine(row[i]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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

func googleNotes(c model.Contact) string {
	var lines []string
	if c.HowWeMet != "" {
		lines = append(lines, "How we met: "+c.HowWeMet)
	}
	if c.Matters != "" {
		lines = append(lines, "What matters: "+c.Matters)
	}
	return strings.Join(lines, " / ")
}

// googleLabels puts contacts in "My Contacts" (as Google's own export
// does) and turns tags into labels.
func googleLabels(tags []string) string {
	return strings.Join(append([]string{"* myContacts"}, tags...), " ::: ")
}
