package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

// TestNoteGaveAndShares: the note form says what the touch gave, lists
// the things to share after the questions, and ticks them when brought.
func TestNoteGaveAndShares(t *testing.T) {
	s := fixtureStore(t)
	ada, err := s.Resolve("ada")
	if err != nil {
		t.Fatal(err)
	}
	share := model.Share{ContactID: ada.ID, Text: "The packaging-line case study", Created: fixedNow}
	if err := s.AddShare(&share); err != nil {
		t.Fatal(err)
	}
	a := testApp(t, s, 80, 24)
	a = keys(t, a, "n")
	if !strings.Contains(screen(a), "[ ] share: The packaging-line case study") {
		t.Fatalf("the share is not listed beside the questions:\n%s", screen(a))
	}
	a = typeText(t, a, "Sent the study.")
	a = keys(t, a, "tab", "tab")
	if a.note.zone != zoneGave {
		t.Fatal("the gave line comes after the follow-up")
	}
	a = typeText(t, a, "the case study")
	a = keys(t, a, "tab", "tab", "tab", "tab", "j", "j", "space") // options, when, ask next, then the list
	if len(a.note.shared) != 1 || !a.note.shared[0] {
		t.Fatalf("the share was not ticked: %v", a.note.shared)
	}
	a = keys(t, a, "ctrl+s")
	d, err := s.Detail(ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Notes[0].Gave != "the case study" {
		t.Errorf("gave = %q", d.Notes[0].Gave)
	}
	if d.Shares[0].Open() {
		t.Error("the share is still open after the note that brought it")
	}
}

// TestCardFromATodayThankYouRow: one key on the thank-you row logs the
// card, and the card pays the thank-you.
func TestCardFromATodayThankYouRow(t *testing.T) {
	s := fixtureStore(t)
	grace, err := s.Resolve("grace")
	if err != nil {
		t.Fatal(err)
	}
	met := model.Interaction{ContactID: grace.ID, Kind: model.Meeting, Text: "Renewal lunch", At: fixedNow.AddDate(0, 0, -1)}
	thanks, _ := model.ThankYou(met)
	if err := s.LogNote(&met, []*model.FollowUp{&thanks}); err != nil {
		t.Fatal(err)
	}
	a := testApp(t, s, 120, 35)
	a = keys(t, a, "t")
	a.agenda.cursor = -1
	for i, r := range a.agenda.rows {
		if r.text == model.ThankYouText() && r.contactID == grace.ID {
			a.agenda.cursor = i
		}
	}
	if a.agenda.cursor < 0 {
		t.Fatalf("no thank-you row for Grace:\n%s", screen(a))
	}
	a = keys(t, a, "c")
	if !strings.Contains(a.status, "Logged a card to Grace Hopper · done: Send a thank-you note") {
		t.Fatalf("status %q", a.status)
	}
	f, err := s.FollowUp(thanks.ID)
	if err != nil || f.Open() {
		t.Fatalf("the thank-you is still open: %+v, %v", f, err)
	}
	d, _ := s.Detail(grace.ID)
	if d.Notes[0].Kind != model.Card || d.Notes[0].Text != "Thank-you card" {
		t.Errorf("newest note = %+v", d.Notes[0])
	}
	// On a row that calls for no card, c says how it works instead.
	a.agenda.cursor = 0
	a.agenda.step(0)
	if r, _ := a.agenda.selected(); r.text == model.ThankYouText() || r.kind == rowMoment {
		t.Fatal("the first row should call for no card")
	}
	a = keys(t, a, "c")
	if !a.statusErr || !strings.Contains(a.status, "c logs a card") {
		t.Errorf("status %q", a.status)
	}
}

func TestCardListLogsAHolidayCard(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24)
	a = keys(t, a, "C")
	if a.top() != pageCards || !strings.Contains(screen(a), "0 of 1 sent") {
		t.Fatalf("C opens the card list:\n%s", screen(a))
	}
	a = keys(t, a, "c")
	if !strings.Contains(screen(a), "1 of 1 sent") || !strings.Contains(screen(a), "sent Nov 23") {
		t.Fatalf("after c the list shows the card sent:\n%s", screen(a))
	}
	a = keys(t, a, "b")
	if a.top() != pageBrief || !strings.Contains(screen(a), "Touches   Mon Nov 23    card     Holiday card") {
		t.Fatalf("b opens the brief with the card as the last touch:\n%s", screen(a))
	}
	a = keys(t, a, "esc", "esc")
	if a.top() != pageHome {
		t.Error("esc goes back through the brief and the list")
	}
}

func TestCardListSwitchesToBirthdays(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24)
	a = keys(t, a, "C", "tab")
	out := screen(a)
	// Ada's birthday is Nov 25; the fixture's today is Nov 23.
	if !strings.Contains(out, "Birthday cards, November") || !strings.Contains(out, "Nov 25") || !strings.Contains(out, "Ada Lovelace") {
		t.Fatalf("tab shows this month's birthdays:\n%s", out)
	}
	first := a.cards.rows[0].name // the soonest birthday first
	a = keys(t, a, "c")
	if !strings.Contains(a.status, "Logged a card to "+first) || !strings.Contains(screen(a), "sent Nov 23") {
		t.Fatalf("c logs the birthday card: status %q\n%s", a.status, screen(a))
	}
	d, _ := s.Detail(a.cards.rows[0].id)
	if d.Notes[0].Text != "Birthday card" {
		t.Errorf("logged %q", d.Notes[0].Text)
	}
	a = keys(t, a, "tab")
	if !strings.Contains(screen(a), "Holiday cards 2026") {
		t.Errorf("tab goes back to the holiday list:\n%s", screen(a))
	}
}

// TestBriefTextFitsWhateverTheBook: long lists end in "… and N more", the
// whole brief stays within 23 lines, and no line passes the width.
func TestBriefTextFitsWhateverTheBook(t *testing.T) {
	today := day(2026, 11, 23)
	var b model.Brief
	b.Contact = model.Contact{Name: strings.Repeat("Very Long Name ", 10), Stage: model.Customer}
	for i := range 9 {
		b.YouOwe = append(b.YouOwe, model.FollowUp{Text: "promise " + strings.Repeat("x", 100), Due: today.AddDays(i)})
		b.TheyOwe = append(b.TheyOwe, model.FollowUp{Text: "theirs", Due: today, TheyOwe: true})
		b.Questions = append(b.Questions, model.Question{Text: "q"})
		b.Shares = append(b.Shares, model.Share{Text: "s"})
		b.Topics = append(b.Topics, model.Interaction{Kind: model.Call, Text: "t\nwith\x1b]0;title\x07 a second line", Topics: []model.Topic{model.Problem}, At: fixedNow})
	}
	b.LastTouches = b.Topics[:3]
	for _, w := range []int{40, 80, 200} {
		out := BriefText(b, today, w)
		lines := strings.Split(out, "\n")
		if len(lines) > 22 {
			t.Errorf("width %d: %d lines", w, len(lines))
		}
		for i, l := range lines {
			if n := ansi.StringWidth(l); n > w {
				t.Errorf("width %d: line %d is %d wide", w, i, n)
			}
		}
		if !strings.Contains(out, "… and 7 more") || !strings.Contains(out, "… and 8 more") {
			t.Errorf("width %d: the cut lists do not say how many are left:\n%s", w, out)
		}
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("width %d: an escape sequence reached the brief", w)
		}
	}
}

func TestBriefReachUsesTheCardAddress(t *testing.T) {
	c := model.Contact{Phones: []string{"+44 20 7946 0018"}, Addresses: []model.Address{
		{Label: "work", Street: "1 Office Park", Locality: "Leeds"},
		{Label: "home", Street: "12 Babbage Row", Locality: "London", PostalCode: "EC1A 1BB", Country: "United Kingdom"},
	}}
	if got, want := briefReach(c), "+44 20 7946 0018 · 12 Babbage Row, EC1A 1BB London, United Kingdom"; got != want {
		t.Errorf("briefReach = %q, want %q", got, want)
	}
}
