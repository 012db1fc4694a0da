package exchange

import (
	"fmt"
	"strings"
	"time"

	"rapport/model"
)

// LinkedIn's Connections.csv starts with a "Notes:" preamble and a blank
// line before its header; the email column is usually empty (members must
// allow the download) and "Connected On" reads like "15 Mar 2024".

// linkedInHeaderAt finds the header row, scanning past the preamble.
func linkedInHeaderAt(rows []csvRow) int {
	for i, row := range rows {
		if i > 30 {
			break
		}
		h := newHeader(row.fields)
		_, first := h["First Name"]
		_, connected := h["Connected On"]
		_, url := h["URL"]
		if first && (connected || url) {
			return i
		}
	}
	return -1
}

// readLinkedInCSV reads a LinkedIn connections export.
func readLinkedInCSV(rows []csvRow, file string, now time.Time) ([]Record, []Problem) {
	at := linkedInHeaderAt(rows)
	if at < 0 {
		return nil, nil
	}
	h := newHeader(rows[at].fields)
	var recs []Record
	var probs []Problem
	for _, row := range rows[at+1:] {
		r := row.fields
		if blankRow(r) {
			continue
		}
		warn := func(col, msg string) {
			probs = append(probs, Problem{File: file, Line: row.line, Msg: col + ": " + msg})
		}
		c := model.Contact{Created: now}
		c.Name = cleanName(h.get(r, "First Name") + " " + h.get(r, "Last Name"))
		if parts := (model.NameParts{Given: cleanName(h.get(r, "First Name")), Family: cleanName(h.get(r, "Last Name"))}); !parts.IsZero() {
			c.NameParts = &parts
		}
		c.Company = cleanName(h.get(r, "Company"))
		c.Title = cleanField(h.get(r, "Position"))
		c.Emails = addEmail(nil, h.get(r, "Email Address"), func(m string) { warn("Email Address", m) })
		if c.Name == "" && len(c.Emails) == 0 {
			probs = append(probs, Problem{File: file, Line: row.line, Msg: "row skipped: it has no name and no email address", Skipped: true})
			continue
		}
		if c.Name == "" {
			c.Name = c.Emails[0]
			warn("First Name", "the row has no name; named after its email address")
		}
		if on := h.get(r, "Connected On"); on != "" {
			if d, ok := linkedInDate(on); ok {
				c.HowWeMet = "Connected on LinkedIn on " + d.String()
			} else {
				warn("Connected On", fmt.Sprintf("%q is not a date; left out", on))
			}
		}
		c.URLs = addUnique(nil, cleanField(h.get(r, "URL")))
		recs = append(recs, Record{File: file, Line: row.line, Contact: c})
	}
	return recs, probs
}

// isLinkedIn tells whether rows look like a LinkedIn export.
func isLinkedIn(rows []csvRow) bool {
	return linkedInHeaderAt(rows) >= 0 && !strings.Contains(strings.Join(rows[0].fields, ","), "E-mail 1 - Value")
}

// linkedInDates are the "Connected On" forms LinkedIn has written: today's
// "15 Mar 2024", 2018's "1/8/18, 6:14 PM" (month first), and what Excel
// makes of a re-saved file, "23-Apr-23".
var linkedInDates = []string{"2 Jan 2006", "02 Jan 2006", "1/2/06, 3:04 PM", "1/2/2006, 3:04 PM", "1/2/06", "1/2/2006", "2-Jan-06", "2-Jan-2006", "2006-01-02"}

func linkedInDate(s string) (model.Date, bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range linkedInDates {
		if t, err := time.Parse(layout, s); err == nil {
			return model.DateOf(t), true
		}
	}
	return model.Date{}, false
}
