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
	iw, err := NewICSWriter(w, todo, now)
	if err != nil {
		return err
	}
	for _, b := range book {
		if err := iw.Add(b); err != nil {
			return err
		}
	}
	return iw.Close()
}

// ICSWriter writes the file WriteICS writes a contact at a time, so an
// export never holds the calendar: the header when it is made, each
// contact's events as Add sees them, END:VCALENDAR at Close. A file cut
// short by an error before Close has no END:VCALENDAR, so no calendar
// program takes it for a whole one.
type ICSWriter struct {
	w    io.Writer
	todo bool
	now  time.Time
	// Moments and FollowUps count the events (or tasks) written so far.
	Moments, FollowUps int
}

// icsLayout is what golang-ical's SerializeTo does with WithNewLine("\r\n"):
// fold at 75 octets, CRLF line ends.
var icsLayout = &ical.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}

const icsEnd = "END:VCALENDAR\r\n"

// NewICSWriter writes the calendar's header to w.
func NewICSWriter(w io.Writer, todo bool, now time.Time) (*ICSWriter, error) {
	cal := ical.NewCalendarFor("rapport")
	cal.SetProductId("-//rapport//rapport//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ical.MethodPublish)
	cal.SetXWRCalName("rapport")
	var head strings.Builder
	if err := cal.SerializeTo(&head, icsLayout); err != nil {
		return nil, err
	}
	_, err := io.WriteString(w, strings.TrimSuffix(head.String(), icsEnd))
	return &ICSWriter{w: w, todo: todo, now: now}, err
}

// Add writes the events of one contact: its moments, then its open
// follow-ups with a due date.
func (iw *ICSWriter) Add(b model.Bundle) error {
	c := b.Contact
	name := cleanName(c.Name)
	for _, m := range c.AllMoments() {
		if err := momentEvent(c, name, m, iw.now).SerializeTo(iw.w, icsLayout); err != nil {
			return err
		}
		iw.Moments++
	}
	for _, f := range b.FollowUps {
		if !f.Open() || !f.Due.HasYear() {
			continue
		}
		if err := iw.followUp(c, name, f).SerializeTo(iw.w, icsLayout); err != nil {
			return err
		}
		iw.FollowUps++
	}
	return nil
}

// Close ends the calendar.
func (iw *ICSWriter) Close() error {
	_, err := io.WriteString(iw.w, icsEnd)
	return err
}

// followUp is an open follow-up as an all-day event, or a task with todo.
func (iw *ICSWriter) followUp(c model.Contact, name string, f model.FollowUp) ical.Component {
	uid := FollowUpUID(ContactUID(c), f.ID)
	summary, desc := followUpText(c, name, f)
	if iw.todo {
		t := ical.NewTodo(uid)
		t.SetDtStampTime(iw.now)
		t.SetAllDayDueAt(f.Due.Time())
		t.SetStatus(ical.ObjectStatusNeedsAction)
		t.SetSummary(summary)
		t.SetDescription(desc)
		return t
	}
	e := ical.NewEvent(uid)
	e.SetDtStampTime(iw.now)
	e.SetAllDayStartAt(f.Due.Time())
	e.SetAllDayEndAt(f.Due.AddDays(1).Time())
	e.SetSummary(summary)
	e.SetDescription(desc)
	e.SetTimeTransparency(ical.TransparencyTransparent)
	return e
}

// momentEvent is a yearly all-day event. Feb 29 repeats on the last day
// of February: a plain yearly rule would fire only in leap years.
func momentEvent(c model.Contact, name string, m model.Moment, now time.Time) *ical.VEvent {
	label := cleanName(m.Label)
	e := ical.NewEvent(hashUUID("rapport-moment", ContactUID(c), label) + "@rapport")
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
	return e
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
