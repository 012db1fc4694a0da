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
		if c.Name == "" {
			probs = append(probs, Problem{File: file, Line: row.line, Msg: "row skipped: it has no name", Skipped: true})
			continue
		}
		c.Company = cleanName(h.get(r, "Company"))
		c.Title = cleanField(h.get(r, "Position"))
		c.Emails = addEmail(nil, h.get(r, "Email Address"), func(m string) { warn("Email Address", m) })
		if on := h.get(r, "Connected On"); on != "" {
			if t, err := time.Parse("2 Jan 2006", on); err == nil {
				c.HowWeMet = "Connected on LinkedIn on " + model.DateOf(t).String()
			} else {
				warn("Connected On", fmt.Sprintf("%q is not a date; left out", on))
			}
		}
		rec := Record{File: file, Line: row.line, Contact: c}
		if url := cleanField(h.get(r, "URL")); url != "" {
			rec.Notes = []model.Interaction{{Kind: model.Note, Text: "LinkedIn: " + url, At: now}}
		}
		recs = append(recs, rec)
	}
	return recs, probs
}

// isLinkedIn tells whether rows look like a LinkedIn export.
func isLinkedIn(rows []csvRow) bool {
	return linkedInHeaderAt(rows) >= 0 && !strings.Contains(strings.Join(rows[0].fields, ","), "E-mail 1 - Value")
}
