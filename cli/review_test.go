package cli_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// TestReviewCountsADemoBook recomputes, straight from the notes and
// follow-ups of a backup, what `rapport review --json` says about this
// week and a week before it.
func TestReviewCountsADemoBook(t *testing.T) {
	b := newBook(t)
	b.ok("demo", "--contacts", "300")
	var backup struct {
		Contacts []model.Bundle `json:"contacts"`
	}
	if err := json.Unmarshal([]byte(b.ok("export", "--format", "json")), &backup); err != nil {
		t.Fatal(err)
	}
	today, _ := model.ParseDate(b.today)
	for _, week := range []string{"", "2026-11-04"} {
		args := []string{"review", "--json"}
		day := today
		if week != "" {
			args = append(args, "--week", week)
			day, _ = model.ParseDate(week)
		}
		var got model.Review
		if err := json.Unmarshal([]byte(b.ok(args...)), &got); err != nil {
			t.Fatal(err)
		}
		start := model.WeekStart(day)
		span := min(start.DaysUntil(today)+1, 7) // a running week: Monday to today, in every week
		want := recount(backup.Contacts, start, span, today)
		if got.Week != want {
			t.Errorf("week of %s:\n got %+v\nwant %+v", day, got.Week, want)
		}
		for i, prev := range got.Previous {
			if w := recount(backup.Contacts, start.AddDays(-7*(i+1)), span, today); prev != w {
				t.Errorf("%d weeks before the week of %s:\n got %+v\nwant %+v", i+1, day, prev, w)
			}
		}
		if want.Meetings == 0 || want.ThankYous == 0 || want.PromisesMade == 0 || want.PromisesKept == 0 {
			t.Errorf("week of %s: the demo book's week is too quiet to test: %+v", day, want)
		}
	}
}

// recount adds up the first span days of one week the long way: every
// note and follow-up of the book, one at a time.
func recount(book []model.Bundle, start model.Date, span int, today model.Date) model.WeekCounts {
	end := start.AddDays(span - 1)
	in := func(d model.Date) bool { return !d.Before(start) && !d.After(end) }
	w := model.WeekCounts{Start: start, Days: span}
	for _, bd := range book {
		if in(model.DateOf(bd.Contact.Created)) {
			w.NewContacts++
		}
		if coldOn(bd, end) {
			w.GoingCold++
		}
		notes := map[uint64]model.Interaction{}
		for _, n := range bd.Notes {
			notes[n.ID] = n
		}
		for _, n := range bd.Notes {
			day := model.DateOf(n.At)
			if n.Kind == model.Note || !in(day) {
				continue
			}
			w.Touches++
			if n.Inbound {
				w.Inbound++
			}
			switch n.Kind {
			case model.Call:
				w.Calls++
			case model.Card:
				w.Cards++
			case model.Meeting:
				w.Meetings++
				if thanked(bd, n) {
					w.ThankYous++
				}
			}
		}
		for _, f := range bd.FollowUps {
			if f.TheyOwe {
				continue
			}
			if n, ok := notes[f.NoteID]; ok && in(model.DateOf(n.At)) {
				w.PromisesMade++
			}
			if !in(f.Promised) || (f.Open() && f.Promised == today) {
				continue
			}
			if !f.Open() && !f.Done.After(f.Promised) {
				w.PromisesKept++
			} else {
				w.PromisesLate++
			}
		}
	}
	return w
}

func thanked(bd model.Bundle, meeting model.Interaction) bool {
	day := model.DateOf(meeting.At)
	for _, f := range bd.FollowUps {
		if f.NoteID == meeting.ID && strings.Contains(f.Text, "thank-you") && !f.Open() && !f.Done.After(day.AddDays(1)) {
			return true
		}
	}
	for _, n := range bd.Notes {
		if gap := day.DaysUntil(model.DateOf(n.At)); n.Kind == model.Card && gap >= 0 && gap <= 1 {
			return true
		}
	}
	return false
}

// coldOn: in the book on day and past the cadence, counted from the last
// note on or before it (or from when the contact was added).
func coldOn(bd model.Bundle, day model.Date) bool {
	c := bd.Contact
	if model.DateOf(c.Created).After(day) {
		return false
	}
	c.LastTouch = time.Time{}
	for _, n := range bd.Notes {
		if n.Kind.IsTouch() && !model.DateOf(n.At).After(day) && n.At.After(c.LastTouch) {
			c.LastTouch = n.At
		}
	}
	return c.NextTouch().Before(day)
}

func TestReviewRefusesBadWeeks(t *testing.T) {
	b := newBook(t)
	for _, week := range []string{"2026-13-01", "friday", "--12-01", "2026-11-30"} {
		r := b.run("review", "--week", week)
		if r.code != 2 || !strings.Contains(r.err, "--week") && !strings.Contains(r.err, "has not begun") || r.out != "" {
			t.Errorf("--week %s: exit %d, stderr %q, stdout %q; want a usage error", week, r.code, r.err, r.out)
		}
	}
	if _, err := os.Stat(b.path); err == nil {
		t.Error("a refused review created the database")
	}
}

func TestShowJSONTrends(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("log", "ada", "Walked through pricing", "--kind", "meeting", "--inbound", "--no-thanks")
	b.ok("log", "ada", "Called about the pilot", "--kind", "call")
	b.ok("log", "ada", "Thought about her team", "--kind", "note")
	var out struct {
		Trends model.Trends `json:"trends"`
	}
	if err := json.Unmarshal([]byte(b.ok("show", "ada", "--json")), &out); err != nil {
		t.Fatal(err)
	}
	m := out.Trends.Months
	if len(m) != 12 || m[11].Month != "2026-11" || m[0].Month != "2025-12" {
		t.Fatalf("months = %+v, want 2025-12 to 2026-11", m)
	}
	if m[11].Meetings != 1 || m[11].Other != 1 || m[11].Inbound != 1 || m[11].InboundShare == nil || *m[11].InboundShare != 50 {
		t.Errorf("November = %+v, want a meeting and a call, one inbound (the note is no touch)", m[11])
	}
	if len(out.Trends.Quarters) != 4 || out.Trends.Quarters[3].Quarter != "2026-Q4" {
		t.Errorf("quarters = %+v", out.Trends.Quarters)
	}
	if text := b.ok("show", "ada"); !strings.Contains(text, "Last 12 months") || !strings.Contains(text, "meetings") {
		t.Errorf("show prints no trends:\n%s", text)
	}
}
