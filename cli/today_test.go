package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A promise for Friday shows under "coming up" right after it is logged,
// in the text and in the JSON, with its contact's name; a promise they
// owe says so.
func TestTodayShowsComingUp(t *testing.T) {
	b := newBook(t) // Friday 20 November 2026
	b.ok("add", "Ada Lovelace", "--company", "Analytical Engines")
	b.ok("log", "ada", "Walked through pricing", "--kind", "call", "--follow-up", "fri: send the pricing sheet")
	b.ok("log", "ada", "They will check the budget", "--kind", "call", "--follow-up", "tue: budget answer", "--they-owe")
	mustContain(t, b.ok("log", "ada", "Booked a demo", "--follow-up", "mon 3pm: run the demo"), "Mon 23 Nov 2026 15:00")
	out := b.ok("today")
	i := strings.Index(out, "Coming up")
	if i < 0 {
		t.Fatalf("no coming up section:\n%s", out)
	}
	coming := out[i:]
	fri, tue := strings.Index(coming, "send the pricing sheet"), strings.Index(coming, "budget answer")
	if fri < 0 || tue < 0 || tue > fri {
		t.Fatalf("coming up should list Tuesday's answer before Friday's sheet:\n%s", coming)
	}
	mustContain(t, coming, "Fri 27 Nov", "Tue 24 Nov", "Ada Lovelace", "(waiting on them) budget answer", "15:00  run the demo")
	if strings.Contains(out, "Nothing due") {
		t.Errorf("today says nothing is due:\n%s", out)
	}

	var got struct {
		ComingUp []struct {
			ID          uint64 `json:"id"`
			Text        string `json:"text"`
			Due         string `json:"due"`
			TheyOwe     bool   `json:"they_owe"`
			ContactName string `json:"contact_name"`
		} `json:"coming_up"`
		DueToday []json.RawMessage `json:"due_today"`
	}
	if err := json.Unmarshal([]byte(b.ok("today", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.ComingUp) != 3 || got.ComingUp[0].Due != "2026-11-23" || got.ComingUp[1].Due != "2026-11-24" || !got.ComingUp[1].TheyOwe ||
		got.ComingUp[2].Due != "2026-11-27" || got.ComingUp[2].ContactName != "Ada Lovelace" || got.ComingUp[2].Text != "send the pricing sheet" {
		t.Errorf("coming_up = %+v", got.ComingUp)
	}
	if got.DueToday == nil {
		t.Error("due_today should stay an empty list")
	}
}

// A plain note leaves a cold contact cold; a call warms it; later puts one
// off without logging anything. A contact never contacted says "never".
func TestCadenceFromTheCommandLine(t *testing.T) {
	b := newBook(t)
	b.today = "2026-10-01"
	b.ok("add", "Ada Lovelace", "--stage", "prospect")
	b.today = "2026-11-20" // 50 days later: cold, never touched
	mustContain(t, b.ok("today"), "Going cold", "Ada Lovelace", "never touched")
	b.ok("log", "ada", "Read that they raised a round", "--kind", "note")
	mustContain(t, b.ok("today"), "Going cold", "Ada Lovelace")
	b.ok("later", "ada", "next month")
	if out := b.ok("today"); strings.Contains(out, "Going cold") {
		t.Errorf("put off, still cold:\n%s", out)
	}
	b.today = "2026-12-05"
	mustContain(t, b.ok("today"), "Going cold", "Ada Lovelace")
	b.ok("log", "ada", "Caught up on the phone", "--kind", "call")
	if out := b.ok("today"); strings.Contains(out, "Going cold") {
		t.Errorf("a call did not warm the contact:\n%s", out)
	}
}

// A freshly imported book of 2,000 contacts: nobody is touched by the
// import, and their first touches spread over the first cadence instead
// of all falling due on one day.
func TestImportSpreadsFirstTouches(t *testing.T) {
	b := newBook(t)
	var vcf strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %04d\r\nN:%04d;Person;;;\r\nEND:VCARD\r\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "book.vcf")
	if err := os.WriteFile(path, []byte(vcf.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	b.ok("import", path, "--stage", "customer") // a 30-day cadence
	var rows []struct {
		LastTouch string `json:"last_touch"`
		NextTouch string `json:"next_touch"`
	}
	if err := json.Unmarshal([]byte(b.ok("list", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	perDay := map[string]int{}
	for _, r := range rows {
		if r.LastTouch != "" {
			t.Fatalf("an import touched a contact: %+v", r)
		}
		if r.NextTouch <= b.today || r.NextTouch > "2026-12-20" {
			t.Fatalf("first touch %s outside the first cadence", r.NextTouch)
		}
		perDay[r.NextTouch]++
	}
	for day, n := range perDay {
		if n > len(rows)*5/100 {
			t.Errorf("%d of %d first touches fall on %s", n, len(rows), day)
		}
	}
	if out := b.ok("today"); strings.Contains(out, "Going cold") {
		t.Errorf("nobody is cold right after an import:\n%s", out)
	}
}

// later and a note saved with everything at once go through the change
// journal like any write: undo takes them back.
func TestLaterIsUndoable(t *testing.T) {
	b := newBook(t)
	b.today = "2026-10-01"
	b.ok("add", "Ada Lovelace", "--stage", "prospect")
	b.today = "2026-11-20"
	b.ok("later", "ada", "next month")
	if out := b.ok("today"); strings.Contains(out, "Going cold") {
		t.Fatalf("put off, still cold:\n%s", out)
	}
	mustContain(t, b.ok("history"), "put off Ada Lovelace")
	b.ok("undo")
	mustContain(t, b.ok("today"), "Going cold", "Ada Lovelace")
}
