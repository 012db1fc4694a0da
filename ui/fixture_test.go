package ui

import (
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

// fixedNow is "now" in every test: Monday 23 November 2026, 09:30.
var fixedNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func day(y int, m time.Month, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }

func at(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

// fixtureBundles is a small hand-made book that exercises every part of
// the screens: an overdue and a due follow-up, moments in the week (with
// and without a year), contacts going cold, questions, topics, a referral,
// accented names, and a contact whose imported fields carry terminal
// escape sequences.
func fixtureBundles() []model.Bundle {
	created := at(2025, 1, 10, 9)
	return []model.Bundle{
		{
			Contact: model.Contact{
				Name: "Ada Lovelace", Company: "Analytical Engines Ltd", Title: "CTO",
				Emails: []string{"ada@engines.example"}, Phones: []string{"+44 20 7946 0018"},
				Tags: []string{"vip", "holiday-card"}, Stage: model.Customer,
				Birthday: day(1985, 11, 25), HowWeMet: "Met at the Babbage dinner, London",
				Matters: "Her team's time; hates long decks", Created: created,
				Nicknames: []string{"Ada"}, URLs: []string{"https://engines.example/ada"},
				Background: "Countess of Lovelace.\nTwo kids, loves poetry.",
				Kept:       []string{"X-MS-SPOUSE:William King"},
			},
			Notes: []model.Interaction{
				{ID: 1, Kind: model.Meeting, Inbound: true, Topics: []model.Topic{model.Problem, model.Strategy},
					Text: "Budget freeze until Q1.\nWants a pilot price for two teams; the board meets in January.", At: at(2026, 11, 18, 14)},
				{ID: 2, Kind: model.Call, Text: "Intro call: they run nightly batch jobs on old hardware.", At: at(2026, 10, 30, 10)},
				{ID: 3, Kind: model.Email, Inbound: true, Topics: []model.Topic{model.Opportunity}, Text: "Asked whether we support on-prem.", At: at(2026, 9, 12, 16)},
			},
			FollowUps: []model.FollowUp{
				{NoteID: 1, Text: "Send pilot pricing", Due: day(2026, 11, 20), Promised: day(2026, 11, 20)},
				{NoteID: 1, Text: "Send a thank-you note", Due: day(2026, 11, 19), Promised: day(2026, 11, 19), Done: day(2026, 11, 19)},
				{Text: "Book the Q1 review", Due: day(2026, 12, 2), Promised: day(2026, 12, 2)},
			},
			Questions: []model.Question{
				{Text: "Who else signs off on the pilot?", Created: created},
				{Text: "What does success look like in Q1?", Created: created},
				{Text: "Kids' names?", Created: created, Asked: day(2026, 10, 30)},
			},
		},
		{
			Contact: model.Contact{Name: "Grace Hopper", Company: "Navy Compilers", Title: "Rear Admiral",
				Stage: model.Customer, Created: created, LastTouch: at(2026, 11, 9, 11)},
			Notes: []model.Interaction{{Kind: model.Call, Text: "Renewal in December; happy so far.", At: at(2026, 11, 9, 11)}},
			FollowUps: []model.FollowUp{
				{Text: "Call about the renewal", Due: day(2026, 11, 23), Promised: day(2026, 11, 23)},
				{Text: "Send the signed renewal", TheyOwe: true, Due: day(2026, 11, 25), Promised: day(2026, 11, 25)},
			},
		},
		{
			Contact: model.Contact{Name: "José Ñúñez", Company: "Ñandú SA", Stage: model.Prospect,
				Created: created, LastTouch: at(2026, 8, 1, 10)},
		},
		{
			Contact: model.Contact{Name: "Linus Chen", Company: "Kernel Partners", Stage: model.Partner,
				Created: created, LastTouch: at(2026, 9, 1, 10), Moments: []model.Moment{{Label: model.LabelWorkAnniversary, Date: day(2019, 11, 26)}}},
		},
		{
			Contact: model.Contact{Name: "Mallory \x1b]0;pwned\x07Evil", Company: "Ev\x1b[31mil Corp\r", Stage: model.Lead,
				Created: created, LastTouch: at(2026, 11, 20, 10)},
			Notes: []model.Interaction{{Kind: model.Email, Inbound: true, Text: "Click \x1b]8;;http://evil.example\x07here\x1b]8;;\x07\x1b[2J now", At: at(2026, 11, 20, 10)}},
		},
		{
			Contact: model.Contact{Name: "Margaret Hamilton", Company: "Apollo Guidance", Stage: model.Customer,
				Created: created, LastTouch: at(2026, 11, 16, 10), Birthday: day(0, 11, 23)},
		},
		{
			Contact: model.Contact{Name: "Alan Turing", Company: "Bletchley Analytics", Stage: model.Lead, Created: at(2026, 11, 20, 9)},
		},
		{
			Contact: model.Contact{Name: "Katherine Johnson", Company: "Langley Orbits", Stage: model.Customer,
				Created: created, LastTouch: at(2026, 11, 2, 10)},
			FollowUps: []model.FollowUp{{Text: "Share the orbit deck", Due: day(2026, 11, 24), DueTime: "15:00", Promised: day(2026, 11, 24)}},
		},
		{
			Contact: model.Contact{Name: "Barbara Liskov", Company: "Substitution Systems", Stage: model.Personal,
				Created: created, LastTouch: at(2026, 10, 1, 10)},
		},
		{
			Contact: model.Contact{Name: "Donald Knuth", Stage: model.PastCustomer, Created: created, LastTouch: at(2026, 7, 14, 10)},
		},
	}
}

// fixtureStore writes the fixture book into a fresh database.
func fixtureStore(t testing.TB) *store.Store {
	t.Helper()
	s := emptyStore(t)
	ids, err := s.AddBundles(fixtureBundles())
	if err != nil {
		t.Fatal(err)
	}
	// Linus was referred by Ada.
	c, err := s.Contact(ids[3])
	if err != nil {
		t.Fatal(err)
	}
	c.ReferredBy = ids[0]
	if err := s.UpdateContact(c); err != nil {
		t.Fatal(err)
	}
	return s
}

func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testApp is the app over s at a fixed now and size, with the book loaded.
func testApp(t testing.TB, s *store.Store, w, h int) App {
	t.Helper()
	a := newApp(s, Options{Now: func() time.Time { return fixedNow }}, false, func(string) string { return "" })
	a = send(t, a, tea.WindowSizeMsg{Width: w, Height: h})
	return run(t, a, loadBook(s, a.today, a.coldLimit))
}

// listApp is testApp with the contact list focused (the app opens on
// the agenda; tab is one key away).
func listApp(t testing.TB, s *store.Store, w, h int) App {
	t.Helper()
	a := testApp(t, s, w, h)
	return send(t, a, press("tab"))
}

// send gives the app one message and returns the new app, without
// running the command it returns.
func send(t testing.TB, a App, msg tea.Msg) App {
	t.Helper()
	a2, _ := a.Update(msg)
	return a2.(App)
}

// update gives the app one message and returns the new app and command.
func update(a App, msg tea.Msg) (App, tea.Cmd) {
	a2, cmd := a.Update(msg)
	return a2.(App), cmd
}

// run executes cmd and feeds what it produces back into the app, until
// nothing is left. Commands that do not answer quickly (the poll tick,
// the status timer) are left behind, so tests stay fast and no timer
// drives them.
func run(t testing.TB, a App, cmd tea.Cmd) App {
	t.Helper()
	for round := 0; cmd != nil && round < 20; round++ {
		var next []tea.Cmd
		for _, msg := range collect(cmd) {
			var c tea.Cmd
			a, c = update(a, msg)
			if c != nil {
				next = append(next, c)
			}
		}
		cmd = tea.Batch(next...)
	}
	return a
}

// collect runs a command (and the commands of a batch) in parallel and
// returns the messages that arrive within a short time.
func collect(cmd tea.Cmd) []tea.Msg {
	var cmds []tea.Cmd
	var flatten func(tea.Cmd)
	flatten = func(c tea.Cmd) {
		if c == nil {
			return
		}
		cmds = append(cmds, c)
	}
	flatten(cmd)
	var out []tea.Msg
	for len(cmds) > 0 {
		results := make(chan tea.Msg, len(cmds))
		for _, c := range cmds {
			go func() { results <- c() }()
		}
		n := len(cmds)
		cmds = nil
		deadline := time.After(400 * time.Millisecond)
	wait:
		for i := 0; i < n; i++ {
			select {
			case msg := <-results:
				switch m := msg.(type) {
				case tea.BatchMsg:
					for _, c := range m {
						flatten(c)
					}
				case nil:
				default:
					out = append(out, m)
				}
			case <-deadline:
				break wait
			}
		}
	}
	return out
}

// screen is the frame as text, without styling.
func screen(a App) string { return ansi.Strip(a.View().Content) }

// Key presses, as the terminal would report them.
func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if len(s) > 5 && s[:5] == "ctrl+" {
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	if len(s) > 4 && s[:4] == "alt+" {
		return tea.KeyPressMsg{Code: rune(s[4]), Mod: tea.ModAlt}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// keys presses each key in turn, running the commands each one returns.
func keys(t testing.TB, a App, ks ...string) App {
	t.Helper()
	for _, k := range ks {
		var cmd tea.Cmd
		a, cmd = update(a, press(k))
		a = run(t, a, cmd)
	}
	return a
}

// typeText types s one rune at a time.
func typeText(t testing.TB, a App, s string) App {
	t.Helper()
	for _, r := range s {
		var cmd tea.Cmd
		if r == ' ' {
			a, cmd = update(a, press("space"))
		} else {
			a, cmd = update(a, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		a = run(t, a, cmd)
	}
	return a
}
