package exchange

import (
	"encoding/csv"
	"errors"
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
	st.g = st.g.widen(groupsOf(c))
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

// ErrBookChanged is Row's answer for a contact that needs more columns
// than the header has: it gained an email, phone or other entry (or was
// added) after Widen saw the book. Cutting it would lose a value in
// silence.
var ErrBookChanged = errors.New("the book changed during the export (a contact gained an email, phone or other entry after the header was written); run it again")

// Row writes one contact, or returns ErrBookChanged when the header
// has no room for all of it.
func (st *GoogleCSVStream) Row(c model.Contact) error {
	if !groupsOf(c).fitIn(st.g) {
		return ErrBookChanged
	}
	row := googleRow(c, st.g)
	for i := range row {
		if strings.HasPrefix(st.cols[i], "Phone ") && strings.HasSuffix(st.cols[i], " - Value") {
			row[i] = neutralisePhone(model.CleanText(row[i]))
		} else {
			row[i] = neutralise(model.CleanText(row[i]))
		}
	}
	return st.cw.Write(row)
}

// fitIn says whether the header of room (at least one group of each
// kind, as googleColumns writes it) has a column for everything in g.
func (g googleGroups) fitIn(room googleGroups) bool {
	fits := func(n, r int) bool { return n <= max(r, 1) }
	return fits(g.emails, room.emails) && fits(g.phones, room.phones) && fits(g.addresses, room.addresses) &&
		fits(g.websites, room.websites) && fits(g.events, room.events) && fits(g.custom, room.custom)
}

// Flush ends the file.
func (st *GoogleCSVStream) Flush() error {
	st.cw.Flush()
	return st.cw.Error()
}
