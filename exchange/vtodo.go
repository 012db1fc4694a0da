package exchange

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	ical "github.com/arran4/golang-ical"

	"rapport/model"
)

// Task is a follow-up as a CalDAV task (VTODO): the follow-up's own fields
// and the contact it belongs to, named by UID (the link) and name (for
// the phone's display).
type Task struct {
	UID         string
	FollowUp    model.FollowUp
	ContactUID  string
	ContactName string
}

// rapport's own VTODO properties: the day first promised (DUE moves with
// every snooze) and who owes whom.
const (
	xPromised = "X-RAPPORT-PROMISED"
	xTheyOwe  = "X-RAPPORT-THEY-OWE"
	icalDate  = "20060102"
)

// FollowUpUID is the task UID of a follow-up that never had one: derived
// from its contact and id, like the ics export's, so it is stable.
func FollowUpUID(contactUID string, id uint64) string {
	return hashUUID("rapport-follow-up", contactUID, fmt.Sprint(id)) + "@rapport"
}

// EncodeTask writes a task as an iCalendar object with one VTODO. When
// last (the object as the server last sent it) is given, its VTODO is
// updated in place, so properties and alarms another client added stay.
// STATUS, COMPLETED and PERCENT-COMPLETE are always written together:
// phones disagree on which one they read. now stamps DTSTAMP.
func EncodeTask(t Task, last []byte, now time.Time) ([]byte, error) {
	cal, todo := lastTodo(last)
	if todo == nil {
		cal = ical.NewCalendarFor("rapport")
		cal.SetProductId("-//rapport//rapport//EN")
		todo = cal.AddTodo(t.UID)
	}
	f := t.FollowUp
	todo.SetProperty(ical.ComponentPropertyUniqueId, t.UID)
	todo.SetDtStampTime(now)
	todo.SetSummary(taskSummary(t))
	todo.SetProperty(ical.ComponentPropertyDue, f.Due.Time().Format(icalDate), ical.WithValue(string(ical.ValueDataTypeDate)))
	todo.SetProperty(ical.ComponentProperty(xPromised), f.Promised.Time().Format(icalDate), ical.WithValue(string(ical.ValueDataTypeDate)))
	todo.RemoveProperty(ical.ComponentProperty(xTheyOwe))
	if f.TheyOwe {
		todo.SetProperty(ical.ComponentProperty(xTheyOwe), "TRUE")
	}
	todo.RemoveProperty(ical.ComponentPropertyContact)
	if t.ContactUID != "" {
		todo.SetProperty(ical.ComponentPropertyContact, model.CleanLine(t.ContactName), &ical.KeyValues{Key: string(ical.ParameterAltrep), Value: []string{uidURI(t.ContactUID)}})
	}
	if f.Open() {
		todo.SetStatus(ical.ObjectStatusNeedsAction)
		todo.RemoveProperty(ical.ComponentPropertyCompleted)
		todo.SetProperty(ical.ComponentPropertyPercentComplete, "0")
	} else {
		// Noon of the day, so the day reads back the same in any zone
		// within twelve hours of this one.
		done := time.Date(f.Done.Year, f.Done.Month, f.Done.Day, 12, 0, 0, 0, time.Local)
		todo.SetStatus(ical.ObjectStatusCompleted)
		todo.SetCompletedAt(done)
		todo.SetProperty(ical.ComponentPropertyPercentComplete, "100")
	}
	var b bytes.Buffer
	if err := cal.SerializeTo(&b, ical.WithNewLine("\r\n")); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// lastTodo parses a stored object and finds its VTODO.
func lastTodo(last []byte) (*ical.Calendar, *ical.VTodo) {
	if len(last) == 0 {
		return nil, nil
	}
	cal, err := ical.ParseCalendar(bytes.NewReader(last))
	if err != nil || len(cal.Todos()) == 0 {
		return nil, nil
	}
	return cal, cal.Todos()[0]
}

func taskSummary(t Task) string {
	text := model.CleanLine(t.FollowUp.Text)
	name := model.CleanLine(t.ContactName)
	switch {
	case name == "":
		return text
	case t.FollowUp.TheyOwe:
		return name + " owes: " + text
	}
	return text + " – " + name
}

// uidURI is a contact UID as the URI ALTREP wants.
func uidURI(uid string) string {
	if strings.Contains(uid, ":") {
		return uid
	}
	return "urn:uuid:" + uid
}

// ReadTask reads the VTODO of a CalDAV object. A task completed without a
// COMPLETED time (some clients send only STATUS) is done on today. Text is
// cleaned of control characters.
func ReadTask(data []byte, today model.Date) (Task, error) {
	cal, err := ical.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return Task{}, fmt.Errorf("it is not iCalendar: %v", err)
	}
	todos := cal.Todos()
	if len(todos) == 0 {
		return Task{}, fmt.Errorf("it holds no VTODO")
	}
	todo := todos[0]
	var t Task
	t.UID = propValue(todo.GetProperty(ical.ComponentPropertyUniqueId))
	if t.UID == "" {
		return Task{}, fmt.Errorf("the VTODO has no UID")
	}
	if p := todo.GetProperty(ical.ComponentPropertyContact); p != nil {
		t.ContactName = cleanName(p.Value)
		if alt := p.ICalParameters[string(ical.ParameterAltrep)]; len(alt) > 0 {
			t.ContactUID = bareUID(strings.Trim(alt[0], `"`))
		}
	}
	f := &t.FollowUp
	f.TheyOwe = strings.EqualFold(propValue(todo.GetProperty(ical.ComponentProperty(xTheyOwe))), "TRUE")
	f.Text = summaryText(cleanField(propValue(todo.GetProperty(ical.ComponentPropertySummary))), t.ContactName, f.TheyOwe)
	f.Due = taskDate(todo.GetProperty(ical.ComponentPropertyDue))
	f.Promised = taskDate(todo.GetProperty(ical.ComponentProperty(xPromised)))
	if f.Promised.IsZero() {
		f.Promised = f.Due
	}
	status := strings.ToUpper(propValue(todo.GetProperty(ical.ComponentPropertyStatus)))
	completed := todo.GetProperty(ical.ComponentPropertyCompleted)
	switch {
	case completed != nil:
		f.Done = taskDate(completed)
		if f.Done.IsZero() {
			f.Done = today
		}
	case status == string(ical.ObjectStatusCompleted) || propValue(todo.GetProperty(ical.ComponentPropertyPercentComplete)) == "100":
		f.Done = today
	}
	return t, nil
}

func propValue(p *ical.IANAProperty) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(p.Value)
}

// summaryText takes the person back out of a SUMMARY taskSummary wrote.
func summaryText(summary, name string, theyOwe bool) string {
	if name == "" {
		return summary
	}
	if theyOwe {
		if rest, ok := strings.CutPrefix(summary, name+" owes: "); ok {
			return rest
		}
		return summary
	}
	for _, sep := range []string{" – ", " - "} {
		if rest, ok := strings.CutSuffix(summary, sep+name); ok {
			return rest
		}
	}
	return summary
}

// taskDate reads a DATE or DATE-TIME value as the local day it falls on.
func taskDate(p *ical.IANAProperty) model.Date {
	v := propValue(p)
	if len(v) < 8 {
		return model.Date{}
	}
	if len(v) == 8 {
		if t, err := time.ParseInLocation(icalDate, v, time.Local); err == nil {
			return model.DateOf(t)
		}
		return model.Date{}
	}
	for _, layout := range []string{"20060102T150405Z", "20060102T150405"} {
		loc := time.Local
		if tz := p.ICalParameters["TZID"]; len(tz) > 0 {
			if l, err := time.LoadLocation(tz[0]); err == nil {
				loc = l
			}
		}
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return model.DateOf(t.In(time.Local))
		}
	}
	return model.Date{}
}
