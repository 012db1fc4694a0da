package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rapport/model"
)

func todayApp(t *testing.T) App {
	t.Helper()
	a := testApp(t, fixtureStore(t), 80, 24)
	if a.focus != paneToday {
		t.Fatal("the app should open on the today pane")
	}
	return a
}

func selectedRow(a App) todayRow {
	r, _ := a.agenda.selected()
	return r
}

// hasRow reports whether a line of out names who and then says text.
func hasRow(out, who, text string) bool {
	for _, l := range strings.Split(out, "\n") {
		i := strings.Index(l, who)
		if i >= 0 && strings.Contains(l[i+len(who):], text) {
			return true
		}
	}
	return false
}

func TestTodayShowsTheAgenda(t *testing.T) {
	a := todayApp(t)
	out := screen(a)
	for _, want := range []string{
		"Today · Mon Nov 23", "Overdue · 1", "3d late", "Due today · 1", "Coming up · 2", "tomorrow 15:00", "Wed 25",
		"← Send the signed renewal", "Moments · next 7 days", "Margaret Hamilton · birthday", "Ada Lovelace · birthday, turns 41",
		"in 2 days (Wed)", "Linus Chen · work anniversary, 7 years", "Going cold · 2", "José Ñúñez · prospect", "100d over",
		"kept 50% · 90d", "1 overdue · 1 due today · 3 moments this week",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("today lacks %q:\n%s", want, out)
		}
	}
	// Every follow-up row leads with its contact's name.
	for who, text := range map[string]string{"Ada Lovelace": "Send pilot pricing", "Grace Hopper": "Call about the renewal",
		"Katherine Johnson": "Share the orbit deck"} {
		if !hasRow(out, who, text) {
			t.Errorf("no row with %s before %q:\n%s", who, text, out)
		}
	}
}

// At 40 columns a follow-up takes two lines rather than lose the name.
func TestTodayNarrowKeepsNames(t *testing.T) {
	a := testApp(t, fixtureStore(t), 40, 24)
	out := screen(a)
	for _, who := range []string{"Ada Lovelace", "Grace Hopper", "Katherine Johnson"} {
		if !strings.Contains(out, who) {
			t.Errorf("at 40 columns %s is lost:\n%s", who, out)
		}
	}
	if !strings.Contains(out, "    Send pilot pricing") {
		t.Errorf("the text should wrap under the name:\n%s", out)
	}
}

func TestTodayMovesOverHeadings(t *testing.T) {
	a := todayApp(t)
	if r := selectedRow(a); r.kind != rowOverdue {
		t.Fatalf("starts on %+v", r)
	}
	want := []todayKind{rowDue, rowComing, rowComing, rowMoment, rowMoment, rowMoment, rowCold, rowCold, rowCold}
	for i, k := range want {
		a = keys(t, a, "j")
		if r := selectedRow(a); r.kind != k {
			t.Errorf("step %d: on %v, want %v", i, r.kind, k)
		}
	}
	a = keys(t, a, "g")
	if selectedRow(a).kind != rowOverdue {
		t.Error("g goes to the first item")
	}
	a = keys(t, a, "G")
	if r := selectedRow(a); r.kind != rowCold || r.who != "Linus Chen" {
		t.Errorf("G goes to the last item, got %+v", r)
	}
	a = keys(t, a, "k")
	if r := selectedRow(a); r.who != "José Ñúñez" {
		t.Errorf("k: %+v", r)
	}
}

func TestTodayIntents(t *testing.T) {
	a := todayApp(t)
	r := selectedRow(a)
	_, cmd := update(a, press("enter"))
	if got := msgOf(t, cmd); got != (openContactMsg{r.contactID}) {
		t.Errorf("enter: %#v", got)
	}
	_, cmd = update(a, press("n"))
	if got := msgOf(t, cmd); got != (newNoteMsg{id: r.contactID, name: "Ada Lovelace", followUp: r.followUp, followText: "Send pilot pricing"}) {
		t.Errorf("n: %#v", got)
	}
	_, cmd = update(a, press("e"))
	if got := msgOf(t, cmd); got != (editIntentMsg{r.contactID}) {
		t.Errorf("e: %#v", got)
	}
	_, cmd = update(a, press("d"))
	if got := msgOf(t, cmd); got != (doneIntentMsg{id: r.followUp, name: "Ada Lovelace"}) {
		t.Errorf("d: %#v", got)
	}
	// On a moment, d and s explain themselves instead.
	a = keys(t, a, "j", "j", "j", "j")
	if selectedRow(a).kind != rowMoment {
		t.Fatalf("setup: on %+v", selectedRow(a))
	}
	for _, k := range []string{"d", "s"} {
		_, cmd = update(a, press(k))
		if m, ok := msgOf(t, cmd).(statusMsg); !ok || !m.err {
			t.Errorf("%s on a moment: %#v", k, m)
		}
	}
}

func TestTodayDone(t *testing.T) {
	a := todayApp(t)
	a = keys(t, a, "d")
	out := screen(a)
	if hasRow(out, "Ada Lovelace", "Send pilot pricing") || strings.Contains(out, "Overdue") {
		t.Errorf("the done follow-up should leave the agenda:\n%s", out)
	}
	if !strings.Contains(out, "Done: Send pilot pricing, Ada Lovelace") {
		t.Errorf("the confirmation should name the person:\n%s", out)
	}
}

// d, d, d works down the list: after each, the selection is on the row
// that followed, never back at the top.
func TestTodayDoneKeepsThePosition(t *testing.T) {
	s := emptyStore(t)
	var bundles []model.Bundle
	for i, name := range []string{"Ann First", "Bob Second", "Cid Third", "Dee Fourth"} {
		due := day(2026, 11, 10+i)
		bundles = append(bundles, model.Bundle{
			Contact:   model.Contact{Name: name, Stage: model.Customer, Created: at(2026, 1, 1, 9)},
			FollowUps: []model.FollowUp{{Text: "Promise " + name, Due: due, Promised: due}},
		})
	}
	if _, err := s.AddBundles(bundles); err != nil {
		t.Fatal(err)
	}
	a := testApp(t, s, 80, 24)
	for i, want := range []string{"Bob Second", "Cid Third", "Dee Fourth"} {
		// Press d, then let the write and the reload land.
		var cmd tea.Cmd
		a, cmd = update(a, press("d"))
		if r := selectedRow(a); r.raw != want {
			t.Errorf("d #%d: selected %q at once, want %q", i+1, r.raw, want)
		}
		a = run(t, a, cmd)
		if r := selectedRow(a); r.raw != want {
			t.Errorf("d #%d: selected %q after the reload, want %q", i+1, r.raw, want)
		}
	}
	open, _ := s.Agenda(day(2026, 11, 23), 0)
	if len(open.Overdue) != 1 || open.Overdue[0].ContactName != "Dee Fourth" {
		t.Errorf("the first three should be done: %+v", open.Overdue)
	}
}

func TestTodaySnooze(t *testing.T) {
	a := todayApp(t)
	a = keys(t, a, "s")
	if !a.agenda.snoozing || !a.capturing() {
		t.Fatal("s should ask until when")
	}
	a = typeText(t, a, "someday")
	if !strings.Contains(screen(a), `cannot read "someday"`) {
		t.Errorf("an unreadable date should say why:\n%s", screen(a))
	}
	a = keys(t, a, "enter")
	if !a.agenda.snoozing {
		t.Fatal("enter on an unreadable date keeps asking")
	}
	for range "someday" {
		a = keys(t, a, "backspace")
	}
	a = typeText(t, a, "fri")
	if !strings.Contains(screen(a), "→ Fri Nov 27") {
		t.Errorf("the date should resolve as typed:\n%s", screen(a))
	}
	a = keys(t, a, "enter")
	out := screen(a)
	if a.agenda.snoozing || strings.Contains(out, "Overdue") {
		t.Errorf("snoozed follow-up should leave the overdue:\n%s", out)
	}
	if !strings.Contains(out, "Snoozed to Fri Nov 27: Send pilot pricing, Ada Lovelace") {
		t.Errorf("no confirmation:\n%s", out)
	}
	if r := selectedRow(a); r.raw != "Grace Hopper" || r.kind != rowDue {
		t.Errorf("after s the selection should be on the next row, got %+v", r)
	}
}

func TestTodaySnoozeEscCancels(t *testing.T) {
	a := todayApp(t)
	a = keys(t, a, "s")
	a = typeText(t, a, "tomorrow")
	a = keys(t, a, "esc")
	if a.agenda.snoozing || selectedRow(a).kind != rowOverdue {
		t.Error("esc should cancel the snooze and leave the follow-up")
	}
}

// s on a contact going cold puts it off without logging a touch.
func TestTodayPutOffCold(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24)
	a = keys(t, a, "G", "k") // José, going cold
	if r := selectedRow(a); r.kind != rowCold || r.raw != "José Ñúñez" {
		t.Fatalf("setup: on %+v", r)
	}
	a = keys(t, a, "s")
	a = typeText(t, a, "next month")
	a = keys(t, a, "enter")
	out := screen(a)
	if !strings.Contains(out, "Put off José Ñúñez to Tue Dec 1") || strings.Contains(out, "José Ñúñez · prospect") {
		t.Errorf("José should be put off:\n%s", out)
	}
	jose, _ := s.Resolve("jose")
	if notes, _ := s.Notes(jose.ID, 0); len(notes) != 0 {
		t.Errorf("putting off logged %d notes", len(notes))
	}
}

// Going cold scrolls to its end: no "see the CLI" line.
func TestTodayColdScrollsToTheEnd(t *testing.T) {
	s := emptyStore(t)
	var bundles []model.Bundle
	for i := range 40 {
		bundles = append(bundles, model.Bundle{Contact: model.Contact{Name: "Cold " + string(rune('A'+i%26)) + string(rune('a'+i/26)),
			Stage: model.Customer, Created: at(2026, 1, 1, 9), LastTouch: at(2026, 6, 1+i%28, 9)}})
	}
	if _, err := s.AddBundles(bundles); err != nil {
		t.Fatal(err)
	}
	a := testApp(t, s, 80, 24)
	if !strings.Contains(screen(a), "Going cold · 40") {
		t.Fatalf("setup:\n%s", screen(a))
	}
	a = keys(t, a, "G")
	out := screen(a)
	if r := selectedRow(a); r.kind != rowCold || !strings.Contains(out, "› "+r.who) {
		t.Errorf("G should reach the last cold contact and show it:\n%s", out)
	}
	if strings.Contains(out, "more") || strings.Contains(out, "rapport today") {
		t.Errorf("no line sends the user elsewhere:\n%s", out)
	}
}

func TestTodayFocus(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	if a.focus != paneToday || !strings.Contains(screen(a), "Overdue") {
		t.Error("the app opens on today")
	}
	a = keys(t, a, "tab")
	if a.focus != paneList || !strings.Contains(screen(a), "Contacts") {
		t.Error("tab goes to the list, one key away")
	}
	a = keys(t, a, "t")
	if a.focus != paneToday {
		t.Error("t comes back to today")
	}
	// Side by side, tab moves the keyboard between the two.
	a = testApp(t, fixtureStore(t), 120, 35)
	out := screen(a)
	if !strings.Contains(out, "Contacts") || !strings.Contains(out, "Today") {
		t.Fatalf("wide screens show both:\n%s", out)
	}
	a = keys(t, a, "j")
	if a.focus != paneToday || selectedRow(a).kind != rowDue || selectedName(a) != "Ada Lovelace" {
		t.Error("j moves in today, not in the list")
	}
	a = keys(t, a, "tab", "j")
	if a.focus != paneList || selectedName(a) != "Alan Turing" {
		t.Error("after tab, j moves in the list")
	}
}

func TestSlashFromTodayFilters(t *testing.T) {
	a := todayApp(t)
	a = keys(t, a, "/")
	if a.focus != paneList || !a.list.editing {
		t.Error("/ in today should go to the list and start filtering")
	}
}

func TestTodaySnoozeRefusesThePast(t *testing.T) {
	a := todayApp(t)
	a = keys(t, a, "s")
	past := a.agenda.agenda.Day.AddDays(-3).String()
	a = typeText(t, a, past)
	if !strings.Contains(screen(a), "that day is past") {
		t.Errorf("a day already past should be flagged:\n%s", screen(a))
	}
	a = keys(t, a, "enter")
	if !a.agenda.snoozing {
		t.Fatal("enter on a day already past keeps asking, as rapport snooze refuses it")
	}
}

// With more contacts going cold than a load brings, scrolling to the last
// one loaded brings the next page, to the very end.
func TestTodayColdLoadsMoreAsItScrolls(t *testing.T) {
	s := emptyStore(t)
	n := coldPage + 30
	var bundles []model.Bundle
	for i := range n {
		bundles = append(bundles, model.Bundle{Contact: model.Contact{Name: fmt.Sprintf("Cold %03d", i),
			Stage: model.Customer, Created: at(2026, 1, 1, 9), LastTouch: at(2026, 6, 1, 9).AddDate(0, 0, i%100)}})
	}
	if _, err := s.AddBundles(bundles); err != nil {
		t.Fatal(err)
	}
	a := testApp(t, s, 80, 24)
	if len(a.agenda.agenda.Cold) != coldPage || !strings.Contains(screen(a), fmt.Sprintf("Going cold · %d", n)) {
		t.Fatalf("first load: %d of %d", len(a.agenda.agenda.Cold), a.agenda.agenda.ColdTotal)
	}
	for range 3 {
		var cmd tea.Cmd
		a, cmd = update(a, press("G"))
		a = run(t, a, cmd)
	}
	if len(a.agenda.agenda.Cold) != n {
		t.Fatalf("after scrolling to the end: %d of %d loaded", len(a.agenda.agenda.Cold), n)
	}
	if r := selectedRow(a); r.contactID != a.agenda.agenda.Cold[n-1].ContactID {
		t.Errorf("G should reach the last of all %d, on %+v", n, r)
	}
}
