package exchange

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"rapport/model"
)

// icsBook is a small book with the cases that matter: a Feb 29 birthday,
// a moment without a year, an open and a done follow-up, one the customer
// owes, and a long name with accents to fold.
func icsBook() []model.Bundle {
	created := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	return []model.Bundle{{
		Contact: model.Contact{ID: 1, UID: "ada-uid", Name: "Ada Lovelace", Company: "Analytical Engines", Stage: model.Customer, Created: created,
			Birthday: day("1988-02-29"), Moments: []model.Moment{{Label: model.LabelWorkAnniversary, Date: day("--09-02")}}},
		FollowUps: []model.FollowUp{
			{ID: 4, ContactID: 1, Text: "Send the pricing; v2, final", Due: day("2026-12-01"), Promised: day("2026-11-28"), Snoozes: 1},
			{ID: 5, ContactID: 1, Text: "Done already", Due: day("2026-11-01"), Promised: day("2026-11-01"), Done: day("2026-11-01")},
			{ID: 6, ContactID: 1, Text: "Signed contract", Due: day("2026-12-03"), Promised: day("2026-12-03"), TheyOwe: true},
		},
	}, {
		Contact: model.Contact{ID: 2, Name: "Maria Guadalupe Fernández de la Peña Ibáñez-Rodríguez", Stage: model.Personal, Created: created,
			Birthday: day("--02-29")},
	}}
}

func TestWriteICS(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, icsBook(), false, now); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	mariaUID := hashUUID("rapport-moment", ContactUID(icsBook()[1].Contact), "birthday")
	want := `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//rapport//rapport//EN
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:rapport
BEGIN:VEVENT
UID:` + hashUUID("rapport-moment", "ada-uid", "birthday") + `@rapport
DTSTAMP:20261122T090000Z
DTSTART;VALUE=DATE:19880229
DTEND;VALUE=DATE:19880301
RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1
SUMMARY:Ada Lovelace: birthday
DESCRIPTION:Born in 1988. Analytical Engines.
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:` + hashUUID("rapport-moment", "ada-uid", "work anniversary") + `@rapport
DTSTAMP:20261122T090000Z
DTSTART;VALUE=DATE:20000902
DTEND;VALUE=DATE:20000903
RRULE:FREQ=YEARLY
SUMMARY:Ada Lovelace: work anniversary
DESCRIPTION:Analytical Engines.
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:` + hashUUID("rapport-follow-up", "ada-uid", "4") + `@rapport
DTSTAMP:20261122T090000Z
DTSTART;VALUE=DATE:20261201
DTEND;VALUE=DATE:20261202
SUMMARY:Send the pricing\; v2\, final – Ada Lovelace
DESCRIPTION:Promised to Ada Lovelace (Analytical Engines) for 2026-11-28.
  Snoozed once.
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:` + hashUUID("rapport-follow-up", "ada-uid", "6") + `@rapport
DTSTAMP:20261122T090000Z
DTSTART;VALUE=DATE:20261203
DTEND;VALUE=DATE:20261204
SUMMARY:Ada Lovelace owes: Signed contract
DESCRIPTION:Waiting on Ada Lovelace (Analytical Engines) since they
  promised it for 2026-12-03.
TRANSP:TRANSPARENT
END:VEVENT
BEGIN:VEVENT
UID:` + mariaUID + `@rapport
DTSTAMP:20261122T090000Z
DTSTART;VALUE=DATE:20000229
DTEND;VALUE=DATE:20000301
RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1
SUMMARY:Maria Guadalupe Fernández de la Peña Ibáñez-Rodríguez:
  birthday
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
`
	if got := strings.ReplaceAll(out, "\r\n", "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	checkICSLines(t, out)
	var again bytes.Buffer
	WriteICS(&again, icsBook(), false, now)
	if again.String() != out {
		t.Error("two exports of the same book differ")
	}
}

func TestWriteICSTodo(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, icsBook(), true, now); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	checkICSLines(t, out)
	if n := strings.Count(out, "BEGIN:VTODO"); n != 2 {
		t.Errorf("%d VTODOs, want 2 (the open follow-ups)", n)
	}
	if n := strings.Count(out, "BEGIN:VEVENT"); n != 3 {
		t.Errorf("%d VEVENTs, want 3 (the moments)", n)
	}
	if !strings.Contains(out, "DUE;VALUE=DATE:20261201\r\nSTATUS:NEEDS-ACTION\r\n") {
		t.Errorf("no all-day DUE:\n%s", out)
	}
}

// checkICSLines: every line ends in CRLF and is at most 75 octets, and
// folding never splits a character.
func checkICSLines(t *testing.T, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\r\n") {
		t.Error("the file does not end in CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 || strings.ContainsAny(l, "\r\n") || !utf8.ValidString(l) {
			t.Errorf("line %d: %d octets: %q", i+1, len(l), l)
		}
	}
}

// TestICSWriterStreams: the writer holds no calendar: each contact's
// events are on the writer when Add returns, END:VCALENDAR only comes
// with Close (so a cut export is no calendar), and the pieces together
// are WriteICS's bytes.
func TestICSWriterStreams(t *testing.T) {
	var whole, buf bytes.Buffer
	if err := WriteICS(&whole, icsBook(), false, now); err != nil {
		t.Fatal(err)
	}
	iw, err := NewICSWriter(&buf, false, now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "X-WR-CALNAME:rapport\r\n") {
		t.Fatalf("header: %q", buf.String())
	}
	for i, b := range icsBook() {
		before := buf.Len()
		if err := iw.Add(b); err != nil {
			t.Fatal(err)
		}
		added := buf.String()[before:]
		if !strings.Contains(added, "SUMMARY:"+b.Contact.Name[:10]) || !strings.HasSuffix(added, "END:VEVENT\r\n") {
			t.Fatalf("contact %d's events were not written by Add: %q", i, added)
		}
	}
	if strings.Contains(buf.String(), "END:VCALENDAR") {
		t.Fatal("END:VCALENDAR before Close")
	}
	if err := iw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.String() != whole.String() {
		t.Fatalf("streamed:\n%s\nwhole:\n%s", buf.String(), whole.String())
	}
	if iw.Moments != 3 || iw.FollowUps != 2 {
		t.Fatalf("counted %d moments and %d follow-ups, want 3 and 2", iw.Moments, iw.FollowUps)
	}
}
