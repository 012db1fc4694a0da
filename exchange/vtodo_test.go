package exchange

import (
	"strings"
	"testing"
	"time"

	"rapport/model"
)

func TestTaskRoundTrip(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, f := range []model.FollowUp{
		{Text: "Send pricing; v2, with the discount\\", Due: d(2026, 12, 4), Promised: d(2026, 12, 2)},
		{Text: "Signed order", TheyOwe: true, Due: d(2026, 12, 4), Promised: d(2026, 12, 4)},
		{Text: "Call back", Due: d(2026, 12, 4), Promised: d(2026, 12, 4), Done: d(2026, 12, 3)},
	} {
		in := Task{UID: "t1@rapport", FollowUp: f, ContactUID: "abc-123", ContactName: "Ada Lovelace"}
		data, err := EncodeTask(in, nil, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"DUE;VALUE=DATE:20261204", `CONTACT;ALTREP="urn:uuid:abc-123":Ada Lovelace`, "PERCENT-COMPLETE:"} {
			if !strings.Contains(string(data), want) {
				t.Errorf("%s lacks %q", data, want)
			}
		}
		got, err := ReadTask(data, d(2026, 12, 1))
		if err != nil {
			t.Fatal(err)
		}
		if got.FollowUp != f || got.ContactUID != in.ContactUID || got.UID != in.UID || got.ContactName != in.ContactName {
			t.Errorf("read back %+v, want %+v", got, in)
		}
	}
}

// A phone marks the task done by rewriting it: STATUS and COMPLETED,
// keeping what it added (an alarm); rapport's next write keeps the alarm.
func TestTaskCompletedOnPhone(t *testing.T) {
	phone := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//DAVx5//EN\r\nBEGIN:VTODO\r\nUID:t1@rapport\r\nDTSTAMP:20261201T080000Z\r\n" +
		"SUMMARY:Send pricing – Ada Lovelace\r\nDUE;VALUE=DATE:20261204\r\nSTATUS:COMPLETED\r\nCOMPLETED:20261202T150000Z\r\n" +
		"CONTACT;ALTREP=\"urn:uuid:abc-123\":Ada Lovelace\r\nX-PHONE-THING:keep me\r\n" +
		"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:x\r\nEND:VALARM\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
	got, err := ReadTask([]byte(phone), d(2026, 12, 9))
	if err != nil {
		t.Fatal(err)
	}
	f := got.FollowUp
	if f.Text != "Send pricing" || f.Done != model.DateOf(time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC).In(time.Local)) || f.Promised != f.Due {
		t.Errorf("read %+v", f)
	}
	f.Done = model.Date{}
	data, err := EncodeTask(Task{UID: got.UID, FollowUp: f, ContactUID: "abc-123", ContactName: "Ada Lovelace"}, []byte(phone), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{"X-PHONE-THING:keep me", "BEGIN:VALARM", "STATUS:NEEDS-ACTION", "PERCENT-COMPLETE:0"} {
		if !strings.Contains(s, want) {
			t.Errorf("rewritten task lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "COMPLETED:") {
		t.Errorf("a reopened task still says COMPLETED:\n%s", s)
	}
	if _, err := ReadTask([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), d(2026, 1, 1)); err == nil {
		t.Error("a calendar without a VTODO was read")
	}
}

func d(y int, m time.Month, day int) model.Date { return model.Date{Year: y, Month: m, Day: day} }
