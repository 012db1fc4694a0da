package ui

import (
	"strings"
	"testing"
)

func todayApp(t *testing.T) App {
	t.Helper()
	a := testApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "t")
	if a.focus != paneToday {
		t.Fatal("t should show the today pane")
	}
	return a
}

func selectedRow(a App) todayRow {
	r, _ := a.agenda.selected()
	return r
}

func TestTodayShowsTheAgenda(t *testing.T) {
	a := todayApp(t)
	out := screen(a)
	for _, want := range []string{
		"Today · Mon Nov 23", "Overdue · 1", "Send pilot pricing — Ada Lovelace", "3d late",
		"Due today · 1", "Call about the renewal — Grace Hopper",
		"Moments · next 7 days", "Margaret Hamilton · birthday", "Ada Lovelace · birthday (41)", "in 2 days (Wed)",
		"Going cold · 2", "José Ñúñez", "100d past",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("today lacks %q:\n%s", want, out)
		}
	}
}

func TestTodayMovesOverHeadings(t *testing.T) {
	a := todayApp(t)
	if r := selectedRow(a); r.kind != rowOverdue {
		t.Fatalf("starts on %+v", r)
	}
	want := []todayKind{rowDue, rowMoment, rowMoment, rowMoment, rowCold, rowCold, rowCold}
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
	a = keys(t, a, "j", "j")
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
	if strings.Contains(out, "Send pilot pricing —") || strings.Contains(out, "Overdue") {
		t.Errorf("the done follow-up should leave the agenda:\n%s", out)
	}
	if !strings.Contains(out, "Done: Send pilot pricing") {
		t.Errorf("no confirmation:\n%s", out)
	}
}

func TestTodaySnooze(t *testing.T) {
	a := todayApp(t)
	a = keys(t, a, "s")
	if !a.agenda.snoozing || !a.capturing() {
		t.Fatal("s should ask until when")
	}
	a = typeText(t, a, "someday")
	if !strings.Contains(screen(a), "?") {
		t.Errorf("an unreadable date should show a question mark:\n%s", screen(a))
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
	if a.agenda.snoozing || strings.Contains(out, "Send pilot pricing —") {
		t.Errorf("snoozed follow-up should leave today:\n%s", out)
	}
	if !strings.Contains(out, "Snoozed to Fri Nov 27") {
		t.Errorf("no confirmation:\n%s", out)
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

func TestTodayFocus(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "tab")
	if a.focus != paneToday || !strings.Contains(screen(a), "Overdue") {
		t.Error("tab should switch to today")
	}
	a = keys(t, a, "esc")
	if a.focus != paneList || !strings.Contains(screen(a), "Contacts") {
		t.Error("esc on today goes back to the list")
	}
	// Side by side, tab moves the keyboard between the two.
	a = testApp(t, fixtureStore(t), 120, 35)
	out := screen(a)
	if !strings.Contains(out, "Contacts") || !strings.Contains(out, "Today") {
		t.Fatalf("wide screens show both:\n%s", out)
	}
	a = keys(t, a, "tab", "j")
	if a.focus != paneToday || selectedRow(a).kind != rowDue || selectedName(a) != "Ada Lovelace" {
		t.Error("after tab, j moves in today, not in the list")
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
	if !strings.Contains(screen(a), "past?") {
		t.Errorf("a day already past should be flagged:\n%s", screen(a))
	}
	a = keys(t, a, "enter")
	if !a.agenda.snoozing {
		t.Fatal("enter on a day already past keeps asking, as rapport snooze refuses it")
	}
}
