package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// msgOf runs a command that answers at once, such as an intent.
func msgOf(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	return cmd()
}

func selectedName(a App) string {
	e, _ := a.list.selected()
	return e.Name
}

func TestListMoves(t *testing.T) {
	a := listApp(t, fixtureStore(t), 80, 24)
	if got := selectedName(a); got != "Ada Lovelace" {
		t.Fatalf("first selected = %q", got)
	}
	steps := []struct {
		key, want string
	}{
		{"j", "Alan Turing"}, {"down", "Barbara Liskov"}, {"k", "Alan Turing"}, {"up", "Ada Lovelace"},
		{"up", "Ada Lovelace"}, {"G", "Margaret Hamilton"}, {"g", "Ada Lovelace"},
		{"pgdown", "Margaret Hamilton"}, {"pgup", "Ada Lovelace"},
	}
	for _, s := range steps {
		a = keys(t, a, s.key)
		if got := selectedName(a); got != s.want {
			t.Errorf("after %s: selected %q, want %q", s.key, got, s.want)
		}
	}
}

func TestListIntents(t *testing.T) {
	a := listApp(t, fixtureStore(t), 80, 24)
	ada, _ := a.list.selected()
	_, cmd := update(a, press("enter"))
	if got := msgOf(t, cmd); got != (openContactMsg{ada.ID}) {
		t.Errorf("enter: %#v", got)
	}
	_, cmd = update(a, press("n"))
	if got := msgOf(t, cmd); got != (newNoteMsg{id: ada.ID, name: "Ada Lovelace"}) {
		t.Errorf("n: %#v", got)
	}
	_, cmd = update(a, press("e"))
	if got := msgOf(t, cmd); got != (editIntentMsg{ada.ID}) {
		t.Errorf("e: %#v", got)
	}
}

func TestListFilter(t *testing.T) {
	a := listApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "/")
	if !a.list.editing || !a.capturing() {
		t.Fatal("/ should open the filter and take typed keys")
	}
	// q and t are letters of the query now, not quit and today.
	a = typeText(t, a, "hop")
	if a.list.raw != "hop" || len(a.list.rows) != 1 || selectedName(a) != "Grace Hopper" {
		t.Fatalf("query %q rows %d selected %q", a.list.raw, len(a.list.rows), selectedName(a))
	}
	a = keys(t, a, "backspace", "backspace", "backspace")
	if len(a.list.rows) != 10 {
		t.Errorf("cleared query shows %d rows", len(a.list.rows))
	}
	// Accents and case do not matter; companies match too.
	a = typeText(t, a, "NANDU")
	if selectedName(a) != "José Ñúñez" {
		t.Errorf("company filter selected %q", selectedName(a))
	}
	// enter keeps the filter and gives the keys back.
	a = keys(t, a, "enter")
	if a.list.editing || a.list.raw != "NANDU" || len(a.list.rows) != 1 {
		t.Errorf("enter: editing %v raw %q rows %d", a.list.editing, a.list.raw, len(a.list.rows))
	}
	if !strings.Contains(screen(a), "1 of 10") {
		t.Errorf("title should count matches:\n%s", screen(a))
	}
	// esc clears it, keeping the selection.
	a = keys(t, a, "esc")
	if a.list.raw != "" || len(a.list.rows) != 10 || selectedName(a) != "José Ñúñez" {
		t.Errorf("esc: raw %q rows %d selected %q", a.list.raw, len(a.list.rows), selectedName(a))
	}
	// esc while typing clears too.
	a = keys(t, a, "/")
	a = typeText(t, a, "zzz")
	if !strings.Contains(screen(a), "No contact matches") {
		t.Errorf("no match message missing:\n%s", screen(a))
	}
	a = keys(t, a, "esc")
	if a.list.editing || a.list.raw != "" {
		t.Error("esc should leave and clear the filter")
	}
}

func TestListFilterArrowsMove(t *testing.T) {
	a := listApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "/")
	a = typeText(t, a, "a")
	first := selectedName(a)
	a = keys(t, a, "down")
	if selectedName(a) == first || !a.list.editing {
		t.Errorf("down while filtering should move and keep typing: %q", selectedName(a))
	}
}

func TestListSort(t *testing.T) {
	a := listApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "o")
	if !a.list.byTouch {
		t.Fatal("o should sort by last touch")
	}
	// Ada stays selected; the most recently touched come first.
	if selectedName(a) != "Ada Lovelace" {
		t.Errorf("selection lost: %q", selectedName(a))
	}
	a = keys(t, a, "g")
	if got := selectedName(a); got != "Alan Turing" && got != "Mallory Evil" && !strings.HasPrefix(got, "Mallory") {
		t.Errorf("most recent first, got %q", got)
	}
	if !strings.Contains(screen(a), "by last touch") {
		t.Error("the title should say the order")
	}
	a = keys(t, a, "o")
	if a.list.byTouch || !strings.Contains(screen(a), "by name") {
		t.Error("o again sorts by name")
	}
}

func TestListMarkers(t *testing.T) {
	a := listApp(t, fixtureStore(t), 80, 24)
	rows := map[string]string{}
	for _, l := range strings.Split(screen(a), "\n") {
		if r := []rune(l); len(r) > 5 && strings.TrimSpace(string(r[4:])) != "" {
			rows[strings.Fields(string(r[4:]))[0]] = string(r[2])
		}
	}
	for name, mark := range map[string]string{"Ada": "!", "Grace": "•", "José": "~", "Linus": "~", "Alan": " "} {
		got, ok := rows[name]
		if !ok || got != mark {
			t.Errorf("%s: row starts %q, want marker %q", name, got, mark)
		}
	}
}

func TestWelcomeOnEmptyBook(t *testing.T) {
	a := testApp(t, emptyStore(t), 80, 24)
	out := screen(a)
	for _, want := range []string{"Welcome to rapport", "add a contact", "rapport import FILE", "rapport --demo"} {
		if !strings.Contains(out, want) {
			t.Errorf("welcome lacks %q:\n%s", want, out)
		}
	}
	// n with nobody to write about says why.
	_, cmd := update(a, press("n"))
	if m, ok := msgOf(t, cmd).(statusMsg); !ok || !m.err {
		t.Errorf("n on an empty book: %#v", m)
	}
}

// TestFilterHistory: backspace restores what the shorter query showed,
// and typing on from there gives what a fresh scan gives.
func TestFilterHistory(t *testing.T) {
	a := listApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "/")
	a = typeText(t, a, "l")
	wantL := slices.Clone(a.list.rows)
	a = typeText(t, a, "in")
	a = keys(t, a, "backspace", "backspace")
	if !slices.Equal(a.list.rows, wantL) || len(a.list.history) != 1 {
		t.Errorf("backspace to %q: rows %v, want %v (history %d)", a.list.raw, a.list.rows, wantL, len(a.list.history))
	}
	a = typeText(t, a, "ov")
	fresh := listApp(t, fixtureStore(t), 80, 24)
	fresh = typeText(t, keys(t, fresh, "/"), "lov")
	if !slices.Equal(a.list.rows, fresh.list.rows) || selectedName(a) != "Ada Lovelace" {
		t.Errorf("lov after backspace: %v, fresh %v", a.list.rows, fresh.list.rows)
	}
}
