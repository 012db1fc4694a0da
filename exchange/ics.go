package exchange

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"

	"rapport/model"
)

// noYearStart is the year a yearly event starts in when the year of the
// date is unknown: a leap year, so a Feb 29 date exists in it.
const noYearStart = 2000

// WriteICS writes an iCalendar file: every birthday and other moment as a
// yearly all-day event, and every open follow-up as an all-day event, or
// as a VTODO with todo (Google Calendar, iOS Calendar and Fastmail do not
// show VTODOs, hence events by default). UIDs are derived from the
// contact's UID and the moment's label or the follow-up's id, so
// re-importing an updated export updates events instead of doubling them.
// now stamps DTSTAMP. Lines end in CRLF and fold at 75 octets.
func WriteICS(w io.Writer, book []model.Bundle, todo bool, now time.Time) error {
	cal := ical.NewCalendarFor("rapport")
	cal.SetProductId("-//rapport//rapport//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ical.MethodPublish)
	cal.SetXWRCalName("rapport")
	for _, b := range book {
		c := b.Contact
		name := cleanName(c.Name)
		for _, m := range c.AllMoments() {
			momentEvent(cal, c, name, m, now)
		}
		for _, f := range b.FollowUps {
			if !f.Open() || !f.Due.HasYear() {
				continue
			}
			uid := hashUUID("rapport-follow-up", ContactUID(c), strconv.FormatUint(f.ID, 10)) + "@rapport"
			summary, desc := followUpText(c, name, f)
			if todo {
				t := cal.AddTodo(uid)
				t.SetDtStampTime(now)
				t.SetAllDayDueAt(f.Due.Time())
				t.SetStatus(ical.ObjectStatusNeedsAction)
				t.SetSummary(summary)
				t.SetDescription(desc)
				continue
			}
			e := cal.AddEvent(uid)
			e.SetDtStampTime(now)
			e.SetAllDayStartAt(f.Due.Time())
			e.SetAllDayEndAt(f.Due.AddDays(1).Time())
			e.SetSummary(summary)
			e.SetDescription(desc)
			e.SetTimeTransparency(ical.TransparencyTransparent)
		}
	}
	return cal.SerializeTo(w, ical.WithNewLine("\r\n"))
}

// momentEvent adds a yearly all-day event. Feb 29 repeats on the last day
// of February: a plain yearly rule would fire only in leap years.
func momentEvent(cal *ical.Calendar, c model.Contact, name string, m model.Moment, now time.Time) {
	label := cleanName(m.Label)
	e := cal.AddEvent(hashUUID("rapport-moment", ContactUID(c), label) + "@rapport")
	e.SetDtStampTime(now)
	start := m.Date
	if !start.HasYear() {
		start.Year = noYearStart
	}
	e.SetAllDayStartAt(start.Time())
	e.SetAllDayEndAt(start.AddDays(1).Time())
	if m.Date.Month == time.February && m.Date.Day == 29 {
		e.AddRrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1")
	} else {
		e.AddRrule("FREQ=YEARLY")
	}
	e.SetSummary(name + ": " + label)
	var desc []string
	if m.Date.HasYear() {
		since := "Since "
		if m.Label == model.LabelBirthday {
			since = "Born in "
		}
		desc = append(desc, since+strconv.Itoa(m.Date.Year)+".")
	}
	if c.Company != "" {
		desc = append(desc, cleanField(c.Company)+".")
	}
	if len(desc) > 0 {
		e.SetDescription(strings.Join(desc, " "))
	}
	e.SetTimeTransparency(ical.TransparencyTransparent)
}

// followUpText says what is due and to or from whom.
func followUpText(c model.Contact, name string, f model.FollowUp) (summary, desc string) {
	text := cleanField(f.Text)
	who := name
	if c.Company != "" {
		who += " (" + cleanField(c.Company) + ")"
	}
	if f.TheyOwe {
		return fmt.Sprintf("%s owes: %s", name, text), fmt.Sprintf("Waiting on %s since they promised it for %s.", who, f.Promised)
	}
	desc = fmt.Sprintf("Promised to %s for %s.", who, f.Promised)
	switch {
	case f.Snoozes == 1:
		desc += " Snoozed once."
	case f.Snoozes > 1:
		desc += fmt.Sprintf(" Snoozed %d times.", f.Snoozes)
	}
	return text + " – " + name, desc
}

// ICSCount is how many events (or tasks) WriteICS writes for book: one per
// moment and one per open follow-up with a due date.
func ICSCount(book []model.Bundle) (moments, followUps int) {
	for _, b := range book {
		moments += len(b.Contact.AllMoments())
		for _, f := range b.FollowUps {
			if f.Open() && f.Due.HasYear() {
				followUps++
			}
		}
	}
	return moments, followUps
}
