package model

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseStage(t *testing.T) {
	tests := []struct {
		in   string
		want Stage
	}{
		{"lead", Lead}, {"LEAD", Lead}, {" prospect ", Prospect}, {"Customer", Customer},
		{"past-customer", PastCustomer}, {"past customer", PastCustomer}, {"Past_Customer", PastCustomer},
		{"partner", Partner}, {"personal", Personal},
	}
	for _, tc := range tests {
		if got, err := ParseStage(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseStage(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "client", "past", "leads"} {
		if _, err := ParseStage(bad); err == nil || !strings.Contains(err.Error(), "past-customer") {
			t.Errorf("ParseStage(%q) error = %v, want one listing the stages", bad, err)
		}
	}
}

func TestDefaultCadence(t *testing.T) {
	want := map[Stage]int{Lead: 14, Prospect: 14, Customer: 30, PastCustomer: 180, Partner: 60, Personal: 90, "": 30}
	for st, days := range want {
		if got := st.DefaultCadence(); got != days {
			t.Errorf("%q.DefaultCadence() = %d, want %d", st, got, days)
		}
		c := Contact{Stage: st}
		if c.CadenceDays() != days {
			t.Errorf("CadenceDays of a %q without a cadence = %d", st, c.CadenceDays())
		}
		c.Cadence = 3
		if c.CadenceDays() != 3 {
			t.Errorf("an own cadence should win, got %d", c.CadenceDays())
		}
	}
}

func TestParseCadence(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"30", 30}, {"30d", 30}, {" 30D ", 30}, {"1d", 1}, {"2w", 14}, {"3m", 90}, {"1y", 365}, {"2y", 730},
	}
	for _, tc := range tests {
		if got, err := ParseCadence(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseCadence(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "0", "0d", "-5", "d", "30x", "30 days", "2.5w", "monthly", "1234567d"} {
		if got, err := ParseCadence(bad); err == nil || !strings.Contains(err.Error(), "cadence") {
			t.Errorf("ParseCadence(%q) = %d, %v; want an error", bad, got, err)
		}
	}
}

func TestTouchedAndNextTouch(t *testing.T) {
	created := time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC)
	c := Contact{Stage: Lead, Created: created}
	// Never touched: "never", and due one cadence after it was added.
	if !c.Touched().IsZero() || c.NextTouch() != d(2026, 3, 15) {
		t.Errorf("untouched: %v %v", c.Touched(), c.NextTouch())
	}
	c.LastTouch = time.Date(2026, 12, 20, 8, 0, 0, 0, time.UTC)
	c.Cadence = 14
	if c.Touched() != d(2026, 12, 20) || c.NextTouch() != d(2027, 1, 3) {
		t.Errorf("touched: %v %v", c.Touched(), c.NextTouch())
	}
	// The day is the one in the time's own zone, as the rep lived it.
	tokyo := time.FixedZone("JST", 9*3600)
	c.LastTouch = time.Date(2026, 12, 21, 1, 0, 0, 0, tokyo) // Dec 20 in UTC
	if c.Touched() != d(2026, 12, 21) {
		t.Errorf("zone: %v", c.Touched())
	}
	// Put off: the day given wins over the cadence until the next touch.
	c.NextTouchAfter = d(2027, 2, 1)
	if c.NextTouch() != d(2027, 2, 1) {
		t.Errorf("put off: %v", c.NextTouch())
	}
}

// TestSpreadFirstTouch: 2,000 contacts imported on one day fall due for a
// first touch across their first cadence, no day with more than a few
// percent of them, and never before the day after the import.
func TestSpreadFirstTouch(t *testing.T) {
	created := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	perDay := map[Date]int{}
	for i := range 2000 {
		c := SpreadFirstTouch(Contact{Stage: Customer, Created: created}, fmt.Sprintf("Person %d", i))
		due := c.NextTouch()
		if !due.After(d(2026, 3, 1)) || due.After(d(2026, 3, 31)) {
			t.Fatalf("contact %d due %v, outside the first cadence", i, due)
		}
		perDay[due]++
	}
	for day, n := range perDay {
		if n > 2000*5/100 {
			t.Errorf("%v has %d first touches, more than 5%%", day, n)
		}
	}
	if len(perDay) < 25 {
		t.Errorf("only %d distinct days", len(perDay))
	}
	touched := Contact{Stage: Customer, Created: created, LastTouch: created}
	if SpreadFirstTouch(touched, "x").NextTouchAfter != (Date{}) {
		t.Error("a touched contact was spread")
	}
}

func TestAllMomentsAndTags(t *testing.T) {
	c := Contact{Tags: []string{"Holiday-Card", "vip"}, Moments: []Moment{{LabelWorkAnniversary, d(2020, 5, 1)}}}
	if got := c.AllMoments(); len(got) != 1 || got[0].Label != LabelWorkAnniversary {
		t.Errorf("without a birthday: %v", got)
	}
	c.Birthday = d(0, 2, 29)
	got := c.AllMoments()
	if len(got) != 2 || got[0] != (Moment{LabelBirthday, d(0, 2, 29)}) || got[1].Label != LabelWorkAnniversary {
		t.Errorf("with a birthday: %v", got)
	}
	if !c.HasTag("holiday-card") || !c.HasTag("VIP") || c.HasTag("golf") || c.HasTag("") {
		t.Error("HasTag should compare case-insensitively")
	}
}

func TestContactValidate(t *testing.T) {
	ok := Contact{Name: "Ada", Stage: Customer, Emails: []string{"ada@example.com"}, Birthday: d(1815, 12, 10),
		Moments: []Moment{{LabelWorkAnniversary, d(0, 2, 29)}}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("a good contact: %v", err)
	}
	tests := []struct {
		name    string
		change  func(*Contact)
		mention string
	}{
		{"no name", func(c *Contact) { c.Name = "  " }, "name"},
		{"no stage", func(c *Contact) { c.Stage = "" }, "stage"},
		{"unknown stage", func(c *Contact) { c.Stage = "client" }, "stage"},
		{"negative cadence", func(c *Contact) { c.Cadence = -1 }, "cadence"},
		{"email without @", func(c *Contact) { c.Emails = []string{"ada.example.com"} }, "email"},
		{"email with a space", func(c *Contact) { c.Emails = []string{"ada @example.com"} }, "email"},
		{"moment without a label", func(c *Contact) { c.Moments[0].Label = " " }, "label"},
		{"moment without a date", func(c *Contact) { c.Moments[0].Date = Date{} }, "date"},
		// Impossible dates would be written and then fail to load.
		{"impossible birthday", func(c *Contact) { c.Birthday = d(2026, 2, 30) }, "birthday"},
		{"birthday on Feb 29 of a common year", func(c *Contact) { c.Birthday = d(1987, 2, 29) }, "birthday"},
		{"impossible moment", func(c *Contact) { c.Moments[0].Date = d(0, 4, 31) }, "work anniversary"},
		{"month 13", func(c *Contact) { c.Moments[0].Date = d(2020, 13, 1) }, "work anniversary"},
		{"a year too large to write", func(c *Contact) { c.Birthday = d(12026, 1, 1) }, "birthday"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			c.Moments = append([]Moment(nil), ok.Moments...)
			tc.change(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.mention) {
				t.Fatalf("Validate() = %v, want an error mentioning %q", err, tc.mention)
			}
		})
	}
}

// Whatever Validate lets through must survive a JSON round trip, which is
// how the store keeps it.
func TestValidContactsRoundTrip(t *testing.T) {
	s := NewSampler(3, 200, time.Date(2027, 2, 25, 9, 0, 0, 0, time.UTC))
	for i := 0; i < 200; i++ {
		b := s.Next()
		if err := b.Contact.Validate(); err != nil {
			t.Fatalf("sample contact %q: %v", b.Contact.Name, err)
		}
		data, err := json.Marshal(b.Bundle)
		if err != nil {
			t.Fatal(err)
		}
		var back Bundle
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		for _, f := range b.FollowUps {
			if err := f.Validate(); err != nil {
				t.Fatalf("sample follow-up %+v: %v", f, err)
			}
		}
		for _, n := range b.Notes {
			if err := n.Validate(); err != nil {
				t.Fatalf("sample note %+v: %v", n, err)
			}
		}
	}
}

func TestFollowUpValidate(t *testing.T) {
	good := FollowUp{Text: "send the pricing", Due: d(2026, 12, 1), Promised: d(2026, 12, 1)}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*FollowUp)
	}{
		{"no text", func(f *FollowUp) { f.Text = " " }},
		{"no due date", func(f *FollowUp) { f.Due = Date{} }},
		{"a yearless due date", func(f *FollowUp) { f.Due = d(0, 12, 1) }},
		{"an impossible due date", func(f *FollowUp) { f.Due = d(2026, 2, 30) }},
		{"an impossible promised date", func(f *FollowUp) { f.Promised = d(2026, 2, 30) }},
		{"an impossible done date", func(f *FollowUp) { f.Done = d(2026, 4, 31) }},
	}
	for _, tc := range tests {
		f := good
		tc.change(&f)
		if err := f.Validate(); err == nil {
			t.Errorf("%s: Validate() = nil", tc.name)
		}
	}
}

func TestKindsAndTopics(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(" " + strings.ToUpper(string(k)) + " "); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
	}
	if _, err := ParseKind("visit"); err == nil || !strings.Contains(err.Error(), "meeting") {
		t.Errorf("ParseKind(visit) = %v", err)
	}
	for _, tp := range Topics {
		if got, err := ParseTopic(strings.ToUpper(string(tp)[:1]) + string(tp)[1:]); err != nil || got != tp {
			t.Errorf("ParseTopic(%q) = %q, %v", tp, got, err)
		}
	}
	if _, err := ParseTopic("gossip"); err == nil || !strings.Contains(err.Error(), "opportunity") {
		t.Errorf("ParseTopic(gossip) = %v", err)
	}
	in := Interaction{Kind: Call, Text: "hi", Topics: []Topic{Problem, Strategy}}
	if !in.HasTopic(Problem) || in.HasTopic(Opportunity) || !in.HasTopic(Strategy) {
		t.Error("HasTopic")
	}
	if err := in.Validate(); err != nil {
		t.Error(err)
	}
	if err := (Interaction{Kind: Call, Text: " \n "}).Validate(); err == nil {
		t.Error("a blank note should not validate")
	}
	if err := (Interaction{Kind: "visit", Text: "x"}).Validate(); err == nil {
		t.Error("an unknown kind should not validate")
	}
}

func TestThankYou(t *testing.T) {
	m := Interaction{ContactID: 4, Kind: Meeting, Text: "x", At: time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)}
	f, ok := ThankYou(m)
	want := FollowUp{ContactID: 4, Text: "Send a thank-you note", Due: d(2027, 1, 1), Promised: d(2027, 1, 1)}
	if !ok || f != want {
		t.Fatalf("ThankYou(meeting) = %+v, %v; want %+v", f, ok, want)
	}
	for _, k := range []Kind{Call, Email, Message, Note} {
		if _, ok := ThankYou(Interaction{Kind: k, At: m.At}); ok {
			t.Errorf("a %s earns no thank-you note", k)
		}
	}
}

func TestQuestionOpen(t *testing.T) {
	q := Question{Text: "kids' names?"}
	if !q.Open() {
		t.Error("a new question is open")
	}
	q.Asked = d(2026, 11, 22)
	if q.Open() {
		t.Error("an asked question is closed")
	}
}
