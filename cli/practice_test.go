package cli_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestThankYouCardClosesTheFollowUp(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	out := b.ok("log", "ada", "Lunch with the team", "--kind", "meeting")
	mustContain(t, out, "Send a thank-you note")
	out = b.ok("log", "ada", "Thank-you card", "--kind", "card", "--gave", "a handwritten note")
	mustContain(t, out, "Logged card", `Done: follow-up #1 "Send a thank-you note" (on time).`)
	var show struct {
		FollowUps []struct {
			Done string `json:"done"`
		} `json:"follow_ups"`
		Figures struct {
			Interactions int  `json:"interactions_90d"`
			Valued       int  `json:"valued_90d"`
			ValueShare   *int `json:"value_share_pct"`
		} `json:"figures"`
		Notes []struct {
			Kind string `json:"kind"`
			Gave string `json:"gave"`
		} `json:"notes"`
	}
	b.json(&show, "show", "ada")
	if len(show.FollowUps) != 1 || show.FollowUps[0].Done != b.today {
		t.Fatalf("follow-ups after the card = %+v; want the thank-you done on %s", show.FollowUps, b.today)
	}
	if show.Figures.Interactions != 2 || show.Figures.Valued != 1 || show.Figures.ValueShare == nil || *show.Figures.ValueShare != 50 {
		t.Fatalf("figures = %+v; the card is a touch that gave something, the meeting gave nothing", show.Figures)
	}
	if show.Notes[0].Kind != "card" || show.Notes[0].Gave != "a handwritten note" {
		t.Fatalf("newest note = %+v", show.Notes[0])
	}
	// A second card finds nothing more to close, and says nothing about it.
	if out := b.ok("log", "ada", "Holiday card", "--kind", "card"); strings.Contains(out, "Done:") {
		t.Fatalf("a second card closed something:\n%s", out)
	}
}

func TestSharesShowAndTick(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	mustContain(t, b.ok("share", "ada", "the packaging-line case study"), "bring: the packaging-line case study (#1)")
	mustContain(t, b.ok("show", "ada"), "Next time share", "the packaging-line case study  (#1)")
	if r := b.run("share", "ada"); r.code != 2 {
		t.Fatalf("share without text: exit %d, want 2", r.code)
	}
	var brief struct {
		Shares []struct {
			Text string `json:"text"`
		} `json:"shares"`
	}
	b.json(&brief, "brief", "ada")
	if len(brief.Shares) != 1 || brief.Shares[0].Text != "the packaging-line case study" {
		t.Fatalf("brief shares = %+v", brief.Shares)
	}
	b.ok("add", "Grace Hopper")
	if r := b.run("log", "grace", "Call", "--kind", "call", "--shared", "1"); r.code == 0 {
		t.Fatal("Grace's note ticked Ada's share")
	}
	b.ok("log", "ada", "Sent it", "--kind", "email", "--shared", "1", "--gave", "the case study")
	if strings.Contains(b.ok("show", "ada"), "Next time share") {
		t.Error("the share brought is still listed")
	}
}

// TestCardsCSVOnTheDemoBook: one row per contact with an address; those
// without one are named on stderr, and the JSON list agrees.
func TestCardsCSVOnTheDemoBook(t *testing.T) {
	b := newBook(t)
	b.ok("demo", "--contacts", "300")
	var rows []struct {
		Name    string          `json:"name"`
		Address *map[string]any `json:"address"`
	}
	b.json(&rows, "cards", "--tag", "holiday-card")
	r := b.run("cards", "--tag", "holiday-card", "--csv")
	if r.code != 0 {
		t.Fatalf("cards --csv: exit %d, %s", r.code, r.err)
	}
	records, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	with, without := 0, []string{}
	for _, row := range rows {
		if row.Address == nil {
			without = append(without, row.Name)
		} else {
			with++
		}
	}
	if with == 0 || len(without) == 0 {
		t.Fatalf("the demo book should have holiday-card contacts with and without addresses: %d with, %d without", with, len(without))
	}
	if len(records) != with+1 || strings.Join(records[0][:3], ",") != "name,company,line1" {
		t.Fatalf("the CSV has %d records (header %v); want a header and %d rows", len(records), records[0], with)
	}
	for _, name := range without {
		if !strings.Contains(r.err, name) {
			t.Errorf("stderr does not name %q, who has no address: %s", name, r.err)
		}
	}
}

func TestCardsSentMarksTheList(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--tag", "holiday-card")
	b.ok("add", "Grace Hopper", "--tag", "holiday-card")
	before := b.fileBytes()
	if r := b.run("cards", "sent", "ada", "nobody-here"); r.code == 0 {
		t.Fatal("cards sent with an unknown name succeeded")
	}
	if string(before) != string(b.fileBytes()) {
		t.Fatal("a failed cards sent wrote to the database")
	}
	mustContain(t, b.ok("cards", "sent", "ada", "grace"), "Logged card to Ada Lovelace", "Logged card to Grace Hopper")
	mustContain(t, b.ok("undo"), "log 2 cards") // one change, one undo
	mustContain(t, b.ok("cards"), "0 sent")
	mustContain(t, b.ok("cards", "sent", "ada"), "Logged card to Ada Lovelace")
	out := b.ok("cards")
	mustContain(t, out, "2 contacts, 1 sent, 2 without an address", "sent Nov 20", "to send")
	// Last year's list knows nothing of this year's card.
	mustContain(t, b.ok("cards", "--year", "2025"), "0 sent")
}

func TestCSVCellsCannotRunFormulas(t *testing.T) {
	b := newBook(t)
	b.ok("add", "=HYPERLINK(\"http://x\")", "--tag", "holiday-card", "--company", "@SUM(A1)")
	var rows []struct {
		ID uint64 `json:"contact_id"`
	}
	b.json(&rows, "cards")
	if len(rows) != 1 {
		t.Fatalf("cards lists %d contacts", len(rows))
	}
	// No address: nothing in the CSV but the header; the name goes to stderr.
	r := b.run("cards", "--csv")
	if strings.Count(r.out, "\n") != 1 || !strings.Contains(r.err, "HYPERLINK") {
		t.Fatalf("csv %q, stderr %q", r.out, r.err)
	}
}

func TestBriefFitsOneScreen(t *testing.T) {
	b := newBook(t)
	b.today = "2026-11-20"
	b.ok("add", "Grace Hopper", "--stage", "customer")
	b.ok("add", "Ada Lovelace", "--company", "Analytical Engines", "--title", "CTO", "--stage", "customer",
		"--birthday", "1985-12-10", "--referred-by", "grace")
	b.ok("add", "Charles Babbage", "--referred-by", "ada")
	b.ok("edit", "ada", "--matters", "Her daughter's football; the Q1 budget freeze")
	b.today = "2026-09-01"
	b.ok("log", "ada", "Budget freeze until Q1", "--kind", "call", "--topic", "problem")
	b.today = "2026-11-10"
	b.ok("log", "ada", "They plan a second plant", "--kind", "meeting", "--topic", "opportunity", "--topic", "strategy", "--no-thanks",
		"--follow-up", "nov 25: send the plant layout study", "--gave", "lunch")
	b.ok("log", "ada", "Will send the NDA", "--kind", "email", "--inbound", "--they-owe", "--follow-up", "nov 23: signed NDA")
	b.today = "2026-11-18"
	b.ok("log", "ada", "Demo of the line", "--kind", "meeting")
	b.today = "2026-11-20"
	b.ok("ask", "ada", "How did the board meeting go?")
	b.ok("share", "ada", "The packaging-line case study")
	out := b.ok("brief", "ada")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) > 22 {
		t.Errorf("the brief has %d lines; it must fit the 22 of an 80x24 TUI body", len(lines))
	}
	for i, l := range lines {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("line %d is %d wide: %q", i+1, n, l)
		}
	}
	golden := filepath.Join("testdata", "brief.golden")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 writes it; read it before committing)", err)
	}
	if out != string(want) {
		t.Errorf("brief differs from %s:\n%s\nwant:\n%s", golden, out, want)
	}
	for _, section := range []string{"Reach", "Matters", "You owe", "They owe", "Ask", "Share", "Touches", "Topics", "Face time", "Kept", "Moments", "Referrals"} {
		mustContain(t, out, "\n"+section)
	}
}

func TestReferralsReceivedAndWhomToAsk(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Grace Hopper", "--stage", "customer")
	b.ok("add", "Ada Lovelace", "--stage", "customer", "--referred-by", "grace")
	b.ok("add", "Alan Turing", "--stage", "customer", "--referred-by", "grace")
	b.ok("add", "Ken Thompson", "--stage", "customer")
	b.ok("add", "Linus Torvalds", "--stage", "prospect")
	b.ok("log", "ada", "Review", "--kind", "meeting", "--no-thanks")
	b.ok("log", "linus", "Demo", "--kind", "meeting", "--no-thanks") // a prospect: not asked
	b.ok("log", "alan", "Review", "--kind", "meeting", "--no-thanks")
	b.ok("log", "alan", "Missed", "--kind", "call", "--follow-up", "today: send the quote")
	b.today = "2026-11-25" // Alan's promise is now late: follow-through 0%
	var r struct {
		Received []struct {
			Referrer struct{ Name string }   `json:"referrer"`
			Referred []struct{ Name string } `json:"referred"`
		} `json:"received"`
		Candidates []struct {
			Name     string `json:"name"`
			Meetings int    `json:"meetings_90d"`
		} `json:"candidates"`
	}
	b.json(&r, "referrals")
	if len(r.Received) != 1 || r.Received[0].Referrer.Name != "Grace Hopper" || len(r.Received[0].Referred) != 2 {
		t.Fatalf("received = %+v; want Grace with two", r.Received)
	}
	// Grace referred already, Ken had no face time, Linus is a prospect,
	// Alan's follow-through is poor: only Ada is to ask.
	if len(r.Candidates) != 1 || r.Candidates[0].Name != "Ada Lovelace" || r.Candidates[0].Meetings != 1 {
		t.Fatalf("candidates = %+v; want only Ada", r.Candidates)
	}
	mustContain(t, b.ok("referrals"), "Referrals received", "Grace Hopper", "Ask for a referral", "Ada Lovelace")
}
