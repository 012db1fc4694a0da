package cli_test

import (
	"strings"
	"testing"
)

type agendaJSON struct {
	Day     string `json:"day"`
	Overdue []struct {
		ID          uint64 `json:"id"`
		ContactName string `json:"contact_name"`
		Text        string `json:"text"`
		DaysOverdue int    `json:"days_overdue"`
	} `json:"overdue"`
	DueToday []struct {
		ID          uint64 `json:"id"`
		ContactName string `json:"contact_name"`
		Text        string `json:"text"`
		Due         string `json:"due"`
	} `json:"due_today"`
	Moments []struct {
		ContactName string `json:"contact_name"`
		Label       string `json:"label"`
		On          string `json:"on"`
		InDays      int    `json:"in_days"`
		Years       int    `json:"years"`
	} `json:"moments"`
	Cold []struct {
		ContactName string `json:"contact_name"`
		DaysOverdue int    `json:"days_overdue"`
	} `json:"going_cold"`
	ColdTotal     int `json:"going_cold_total"`
	FollowThrough struct {
		Kept    int  `json:"kept"`
		Due     int  `json:"due"`
		Percent *int `json:"percent"`
	} `json:"follow_through"`
}

// The new user's first morning: add people, log a meeting with a promise,
// see it and the thank-you note in today on their days, mark them done.
func TestMeetingFlow(t *testing.T) {
	b := newBook(t) // Friday 2026-11-20
	b.ok("add", "Ada Lovelace", "--company", "Analytical Engines", "--email", "ada@example.com",
		"--birthday", "1815-11-24", "--tag", "holiday-card", "--stage", "customer")
	b.ok("add", "Grace Hopper", "--birthday", "12-09", "--referred-by", "ada")
	out := b.ok("log", "ada", "Walked through pricing", "--kind", "meeting", "--inbound",
		"--topic", "opportunity", "--follow-up", "tue: send the pricing sheet")
	mustContain(t, out, "Logged meeting with Ada Lovelace", "Tue 24 Nov 2026", "send the pricing sheet", "Sat 21 Nov 2026", "thank-you")

	b.today = "2026-11-21"
	var a agendaJSON
	b.json(&a, "today")
	if len(a.DueToday) != 1 || !strings.Contains(a.DueToday[0].Text, "thank-you") || a.DueToday[0].ContactName != "Ada Lovelace" {
		t.Fatalf("on the day after the meeting, due today should be the thank-you note: %+v", a.DueToday)
	}
	if len(a.Moments) != 1 || a.Moments[0].Label != "birthday" || a.Moments[0].InDays != 3 || a.Moments[0].Years != 211 {
		t.Errorf("Ada's birthday in 3 days, turning 211: %+v", a.Moments)
	}
	thanks := a.DueToday[0].ID
	b.ok("done", itoa(thanks))

	b.today = "2026-11-25"
	b.json(&a, "today")
	if len(a.Overdue) != 1 || a.Overdue[0].Text != "send the pricing sheet" || a.Overdue[0].DaysOverdue != 1 {
		t.Fatalf("the pricing promise is one day overdue on Wednesday: %+v", a.Overdue)
	}
	if a.FollowThrough.Kept != 1 || a.FollowThrough.Due != 2 {
		t.Errorf("follow-through: thank-you kept, pricing late: %+v", a.FollowThrough)
	}
	show := b.ok("show", "ada")
	mustContain(t, show, "Ada Lovelace", "1 meeting", "inbound share 100%", "Walked through pricing", "Referred", "Grace Hopper")
	if hits := b.ok("search", "PRICING"); !strings.Contains(hits, "Walked through pricing") {
		t.Errorf("search is case-insensitive: %q", hits)
	}
	if hits := b.ok("search", "pricing", "--topic", "problem"); strings.Contains(hits, "Walked") {
		t.Errorf("topic filter: %q", hits)
	}
	mustContain(t, b.ok("check"), "consistent")
}

func TestNoThanksAndKinds(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	out := b.ok("log", "ada", "Coffee", "--kind", "meeting", "--no-thanks")
	if strings.Contains(out, "thank-you") {
		t.Errorf("--no-thanks still added a thank-you: %s", out)
	}
	out = b.ok("log", "ada", "Phoned", "--kind", "call")
	if strings.Contains(out, "Follow-up") {
		t.Errorf("a call adds no follow-up: %s", out)
	}
}

func TestSnoozeKeepsThePromise(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("log", "ada", "Call", "--follow-up", "today: send deck")
	var a agendaJSON
	b.json(&a, "today")
	id := a.DueToday[0].ID
	// Friday 20 Nov: "next tue" is the Tuesday of next week.
	mustContain(t, b.ok("snooze", itoa(id), "next", "tue"), "Tue 24 Nov 2026")
	b.json(&a, "today")
	if len(a.DueToday) != 0 {
		t.Fatalf("snoozed follow-up still due today: %+v", a.DueToday)
	}
	b.today = "2026-11-24"
	b.json(&a, "today")
	if len(a.DueToday) != 1 || a.DueToday[0].ID != id {
		t.Fatalf("snoozed follow-up due on its new day: %+v", a.DueToday)
	}
	mustContain(t, b.ok("done", itoa(id)), "late")
}

func TestListShowJSON(t *testing.T) {
	b := newBook(t)
	b.ok("add", "José Núñez", "--company", "Café Olé", "--tag", "vip")
	b.ok("add", "Joseph Smith", "--company", "Acme")
	var rows []struct {
		ID      uint64 `json:"id"`
		Name    string `json:"name"`
		Company string `json:"company"`
	}
	b.json(&rows, "list")
	if len(rows) != 2 || rows[0].Name != "José Núñez" || rows[1].Name != "Joseph Smith" {
		t.Fatalf("list is every contact by name: %+v", rows)
	}
	b.json(&rows, "list", "cafe")
	if len(rows) != 1 || rows[0].Company != "Café Olé" {
		t.Errorf("list filters on company, accents folded: %+v", rows)
	}
	b.json(&rows, "list", "--tag", "VIP")
	if len(rows) != 1 || rows[0].Name != "José Núñez" {
		t.Errorf("list --tag: %+v", rows)
	}
	var shown struct {
		Contact struct {
			Name string   `json:"name"`
			Tags []string `json:"tags"`
		} `json:"contact"`
		Notes []any `json:"notes"`
	}
	b.json(&shown, "show", "jose nunez")
	if shown.Contact.Name != "José Núñez" || shown.Notes == nil {
		t.Errorf("show --json: %+v", shown)
	}
	b.ok("edit", "jose nunez", "--name", "José Núñez García", "--tag", "golf")
	b.json(&shown, "show", "garcia")
	if shown.Contact.Name != "José Núñez García" || len(shown.Contact.Tags) != 1 || shown.Contact.Tags[0] != "golf" {
		t.Errorf("edit renames and replaces tags: %+v", shown)
	}
	mustContain(t, b.ok("check"), "consistent")
}

func TestAskShowsQuestions(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("ask", "ada", "How did the board meeting go?")
	mustContain(t, b.ok("show", "ada"), "Next time ask", "How did the board meeting go?")
}
