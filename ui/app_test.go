package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

func TestGlobalKeys(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	_, cmd := update(a, press("q"))
	if _, ok := msgOf(t, cmd).(tea.QuitMsg); !ok {
		t.Error("q quits")
	}
	_, cmd = update(a, press("ctrl+c"))
	if _, ok := msgOf(t, cmd).(tea.QuitMsg); !ok {
		t.Error("ctrl+c quits")
	}
	b := keys(t, a, "?")
	if b.top() != pageHelp || !strings.Contains(screen(b), "Today") || !strings.Contains(screen(b), "snooze / put off") {
		t.Fatalf("? opens the full help:\n%s", screen(b))
	}
	// Only the keys that work there: no note-form toggles on home.
	if strings.Contains(screen(b), "alt+k") {
		t.Errorf("home's help lists the note form's keys:\n%s", screen(b))
	}
	if d := keys(t, a, "enter", "?"); strings.Contains(screen(d), "d done") || !strings.Contains(screen(d), "This contact") {
		t.Errorf("the detail's help lists keys that do not work there:\n%s", screen(d))
	}
	for _, k := range []string{"?", "esc", "q"} {
		c := keys(t, b, k)
		if c.top() != pageHome {
			t.Errorf("%s closes the help", k)
		}
	}
	b = keys(t, a, "a")
	if b.top() != pageContact {
		t.Error("a adds a contact")
	}
}

func TestFullHelpScrollsAtSmallSizes(t *testing.T) {
	a := testApp(t, fixtureStore(t), 40, 10)
	a = keys(t, a, "?")
	first := screen(a)
	a = keys(t, a, "j", "j")
	if a.helpOffset != 2 || screen(a) == first {
		t.Errorf("j scrolls the help: offset %d", a.helpOffset)
	}
	a = keys(t, a, "G")
	if !strings.Contains(screen(a), "going cold") {
		t.Errorf("G shows the end of the help:\n%s", screen(a))
	}
	a = keys(t, a, "g")
	if a.helpOffset != 0 {
		t.Error("g goes back to the top")
	}
}

func TestHelpBarFollowsTheScreen(t *testing.T) {
	a := testApp(t, fixtureStore(t), 120, 35)
	last := func(a App) string {
		lines := strings.Split(screen(a), "\n")
		return lines[len(lines)-1]
	}
	checks := []struct {
		keys []string
		want string
	}{
		{nil, "d done"},
		{[]string{"/"}, "enter keep filter"},
		{[]string{"tab"}, "/ filter"},
		{[]string{"enter"}, "f topic filter"},
		{[]string{"n"}, "ctrl+s save"},
		{[]string{"n", "tab", "tab", "tab"}, "p problem"},
		{[]string{"a"}, "shift+tab previous field"},
	}
	for _, c := range checks {
		b := keys(t, a, c.keys...)
		if got := last(b); !strings.Contains(got, c.want) {
			t.Errorf("after %v: help bar %q lacks %q", c.keys, got, c.want)
		}
	}
}

func TestEverySizeHoldsTogether(t *testing.T) {
	s := fixtureStore(t)
	sizes := [][2]int{{40, 10}, {41, 11}, {59, 17}, {80, 24}, {99, 30}, {100, 30}, {120, 35}, {200, 60}, {300, 100}}
	screens := map[string][]string{
		"home": nil, "today": {"t"}, "filter": {"/", "a"}, "detail": {"enter"}, "note": {"n"},
		"options": {"n", "tab", "tab"}, "add": {"a"}, "edit": {"e"}, "help": {"?"},
	}
	for _, sz := range sizes {
		a := testApp(t, s, sz[0], sz[1])
		for name, ks := range screens {
			b := keys(t, a, ks...)
			lines := strings.Split(b.View().Content, "\n")
			if len(lines) != sz[1] {
				t.Errorf("%s at %dx%d: %d lines", name, sz[0], sz[1], len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w != sz[0] {
					t.Errorf("%s at %dx%d: line %d is %d wide: %q", name, sz[0], sz[1], i, w, ansi.Strip(l))
					break
				}
			}
		}
	}
}

func TestTooSmall(t *testing.T) {
	a := testApp(t, fixtureStore(t), 39, 9)
	if out := screen(a); !strings.Contains(out, "at least 40×10") {
		t.Errorf("too small:\n%s", out)
	}
	a = send(t, a, tea.WindowSizeMsg{Width: 40, Height: 10})
	if out := screen(a); !strings.Contains(out, "Today") {
		t.Errorf("back to normal:\n%s", out)
	}
}

func TestLiveRefreshFromAnotherProcess(t *testing.T) {
	s := fixtureStore(t)
	a := listApp(t, s, 120, 35)
	a = keys(t, a, "j", "j", "j", "j", "j", "j") // Katherine Johnson
	if selectedName(a) != "Katherine Johnson" {
		t.Fatalf("selected %q", selectedName(a))
	}
	// Nothing changed: the poll reads the generation and stops there.
	b, cmd := update(a, tickMsg{})
	msg := msgOf(t, cmd).(pollMsg)
	if msg.gen != a.gen {
		t.Fatal("generation moved without a write")
	}
	if _, cmd = update(b, msg); cmd == nil {
		t.Fatal("the poll re-arms its tick")
	}

	// Another process logs a note with a promise due today, and adds a
	// contact that sorts first.
	grace, _ := s.Resolve("grace")
	in := model.Interaction{ContactID: grace.ID, Kind: model.Call, Text: "Rang from the shell", At: fixedNow}
	fu := model.FollowUp{Text: "external promise", Due: day(2026, 11, 23)}
	if err := s.LogNote(&in, []*model.FollowUp{&fu}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddContact(&model.Contact{Name: "Aaron Aardvark", Stage: model.Lead, Created: fixedNow}); err != nil {
		t.Fatal(err)
	}
	a = run(t, a, emit(tickMsg{}))
	out := screen(a)
	if !hasRow(out, "Grace Hopper", "external promise") || !strings.Contains(out, "Aaron Aardvark") {
		t.Errorf("outside writes should show:\n%s", out)
	}
	if selectedName(a) != "Katherine Johnson" {
		t.Errorf("the selection should stay, got %q", selectedName(a))
	}
}

func TestLiveRefreshKeepsTheNote(t *testing.T) {
	a, s := noteApp(t, 80, 24)
	a = typeText(t, a, "half written")
	grace, _ := s.Resolve("grace")
	in := model.Interaction{ContactID: grace.ID, Kind: model.Call, Text: "from outside", At: fixedNow}
	fu := model.FollowUp{Text: "outside promise", Due: day(2026, 11, 23)}
	if err := s.LogNote(&in, []*model.FollowUp{&fu}); err != nil {
		t.Fatal(err)
	}
	a = run(t, a, emit(tickMsg{}))
	if a.top() != pageNote || a.note.body.Value() != "half written" || a.note.zone != zoneBody {
		t.Fatal("a refresh must not touch the note being written")
	}
	a = keys(t, a, "esc", "y", "t")
	if !strings.Contains(screen(a), "outside promise") {
		t.Errorf("the refresh reached today:\n%s", screen(a))
	}
}

func TestDayTurnsOvernight(t *testing.T) {
	s := fixtureStore(t)
	now := fixedNow
	a := newApp(s, Options{Now: func() time.Time { return now }}, false, func(string) string { return "" })
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	a = run(t, a, loadBook(s, a.today, a.coldLimit))
	a = keys(t, a, "t")
	if !strings.Contains(screen(a), "Due today · 1") {
		t.Fatalf("before midnight:\n%s", screen(a))
	}
	now = now.Add(24 * time.Hour)
	a = run(t, a, emit(tickMsg{}))
	out := screen(a)
	if !strings.Contains(out, "Tue Nov 24") || !strings.Contains(out, "Overdue · 2") || !strings.Contains(out, "1d late") {
		t.Errorf("after midnight the agenda is tomorrow's:\n%s", out)
	}
}

func TestNoColorAndLightBackground(t *testing.T) {
	s := fixtureStore(t)
	a := newApp(s, Options{Now: func() time.Time { return fixedNow }}, true, func(string) string { return "" })
	a = send(t, a, tea.WindowSizeMsg{Width: 80, Height: 24})
	a = run(t, a, loadBook(s, a.today, a.coldLimit))
	out := a.View().Content
	if strings.Contains(out, "38;") || strings.Contains(out, "48;") {
		t.Error("NO_COLOR frames must carry no colour")
	}
	if !strings.Contains(out, "\x1b[7m") {
		t.Error("the selection stays visible in reverse video")
	}
	// A light terminal gets the light palette.
	a = testApp(t, s, 80, 24)
	dark := a.View().Content
	a = send(t, a, tea.BackgroundColorMsg{Color: lightGrey{}})
	if a.View().Content == dark {
		t.Error("a light background should change the colours")
	}
	if ansi.Strip(a.View().Content) != ansi.Strip(dark) {
		t.Error("but not the text")
	}
}

type lightGrey struct{}

func (lightGrey) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }

func TestFailedDetailReloadKeepsTheNote(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "enter", "n")
	if a.top() != pageNote || a.stack[0] != pageDetail {
		t.Fatalf("enter then n should put a note over the detail, got %v", a.stack)
	}
	a = typeText(t, a, "half written")
	// A reload of the detail underneath fails (say, the file is busy).
	a = send(t, a, detailMsg{id: a.detail.id, err: errors.New("busy")})
	if a.top() != pageNote || a.note.body.Value() != "half written" {
		t.Fatalf("a failed detail reload must not close the note above it (stack %v)", a.stack)
	}
}
