package exchange

import (
	"encoding/csv"
	"io"
	"strings"

	"rapport/model"
)

// GoogleCSVStream writes a Google Contacts CSV without holding the book:
// Widen sees every contact first (the header has as many numbered groups
// as the widest contact needs), then Start writes the header and Row each
// contact. WriteGoogleCSV is the same for a book in memory.
type GoogleCSVStream struct {
	g    googleGroups
	cols []string
	cw   *csv.Writer
}

// Widen makes room in the header for c's emails, phones, addresses and
// other groups.
func (st *GoogleCSVStream) Widen(c model.Contact) {
	g := groupsFor([]model.Contact{c})
	st.g.emails, st.g.phones = max(st.g.emails, g.emails), max(st.g.phones, g.phones)
	st.g.addresses, st.g.websites = max(st.g.addresses, g.addresses), max(st.g.websites, g.websites)
	st.g.events, st.g.custom = max(st.g.events, g.events), max(st.g.custom, g.custom)
}

// Start writes the header (after a byte order mark with excel).
func (st *GoogleCSVStream) Start(w io.Writer, excel bool) error {
	if excel {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	st.cw = csv.NewWriter(w)
	st.cols = googleColumns(st.g)
	return st.cw.Write(st.cols)
}

// Row writes one contact. A contact that grew wider than the header
// since Widen saw it (an edit from another shell between the passes)
// keeps the header's columns.
func (st *GoogleCSVStream) Row(c model.Contact) error {
	row := googleRow(c, st.g)
	if len(row) > len(st.cols) {
		row = row[:len(st.cols)]
	}
	for i := range row {
		if strings.HasPrefix(st.cols[i], "Phone ") && strings.HasSuffix(st.cols[i], " - Value") {
			row[i] = neutralisePhone(model.CleanText(row[i]))
		} else {
			row[i] = neutralise(model.CleanText(row[i]))
		}
	}
	return st.cw.Write(row)
}

// Flush ends the file.
func (st *GoogleCSVStream) Flush() error {
	st.cw.Flush()
	return st.cw.Error()
}
