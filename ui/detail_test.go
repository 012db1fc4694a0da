package ui

import (
	"slices"
	"strings"
	"testing"
)

// openDetail opens the contact named name from the list.
func openDetail(t *testing.T, a App, name string) App {
	t.Helper()
	a = keys(t, a, "/")
	a = typeText(t, a, name)
	a = keys(t, a, "enter", "enter")
	if a.top() != pageDetail || !a.detail.loaded {
		t.Fatalf("detail of %q not open", name)
	}
	return a
}

func TestDetailShowsEverything(t *testing.T) {
	a := openDetail(t, testApp(t, fixtureStore(t), 120, 35), "ada")
	out := screen(a)
	for _, want := range []string{
		"Ada Lovelace", "CTO · Analytical Engines Ltd", "customer · every 30 days", "tags vip, holiday-card",
		"ada@engines.example", "+44 20 7946 0018", "referrals Linus Chen",
		"Nov 25 · birthday, turns 41", "meetings        1", "inbound share   67% of 3", "last touch      5 days ago",
		"follow-through  50% (1 of 2 kept)", "Open follow-ups · 2", "Send pilot pricing", "3d late", "Book the Q1 review",
		"Next time ask · 2", "Who else signs off on the pilot?",
		"Timeline · 3 notes", "Wed Nov 18 · meeting · inbound · problem, strategy", "Budget freeze until Q1.",
		"Fri Oct 30 · call", "Sat Sep 12 · email · inbound · opportunity",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("detail lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Kids' names?") {
		t.Error("asked questions are not shown as open")
	}
	// The profile scrolls when it is longer than the screen.
	if out := screen(keys(t, a, "G")); !strings.Contains(out, "how we met Met at the Babbage dinner") || !strings.Contains(out, "value           0% of 3 gave something") {
		t.Errorf("the end of the profile lacks how we met and the value share:\n%s", out)
	}
}

func TestDetailTopicFilter(t *testing.T) {
	a := openDetail(t, testApp(t, fixtureStore(t), 80, 24), "ada")
	cases := []struct{ shows, hides, head string }{
		{"Budget freeze", "Intro call", "1 of 3"}, // problem
		{"on-prem", "Budget freeze", "1 of 3"},    // opportunity
		{"Budget freeze", "on-prem", "1 of 3"},    // strategy
		{"Intro call", "", "Timeline · 3 notes"},  // all again
	}
	for i, c := range cases {
		a = keys(t, a, "f", "G")
		out := screen(a)
		if !strings.Contains(out, c.shows) || (c.hides != "" && strings.Contains(out, c.hides)) || !strings.Contains(out, c.head) {
			t.Errorf("f #%d (topic %q): want %q, not %q, head %q:\n%s", i+1, a.detail.topic, c.shows, c.hides, c.head, out)
		}
	}
}

func TestDetailScrolls(t *testing.T) {
	a := openDetail(t, testApp(t, fixtureStore(t), 40, 10), "ada")
	if a.detail.offset != 0 || !strings.Contains(screen(a), "top") {
		t.Fatalf("starts at the top:\n%s", screen(a))
	}
	a = keys(t, a, "j", "j")
	if a.detail.offset != 2 {
		t.Errorf("j j: offset %d", a.detail.offset)
	}
	a = keys(t, a, "k")
	if a.detail.offset != 1 {
		t.Errorf("k: offset %d", a.detail.offset)
	}
	a = keys(t, a, "G")
	if !strings.Contains(screen(a), "end") || !strings.Contains(screen(a), "on-prem") {
		t.Errorf("G shows the end:\n%s", screen(a))
	}
	a = keys(t, a, "pgup", "g")
	if a.detail.offset != 0 {
		t.Errorf("g: offset %d", a.detail.offset)
	}
	a = keys(t, a, "pgdown")
	if a.detail.offset != a.detail.h-1 {
		t.Errorf("pgdown: offset %d", a.detail.offset)
	}
}

func TestDetailKeys(t *testing.T) {
	a := openDetail(t, testApp(t, fixtureStore(t), 80, 24), "ada")
	id := a.detail.id
	_, cmd := update(a, press("n"))
	if got := msgOf(t, cmd); got != (newNoteMsg{id: id, name: "Ada Lovelace"}) {
		t.Errorf("n: %#v", got)
	}
	b := keys(t, a, "e")
	if b.top() != pageContact || b.form.isNew || b.form.value(fName) != "Ada Lovelace" {
		t.Errorf("e should open the edit form for Ada")
	}
	b = keys(t, a, "esc")
	if b.top() != pageHome {
		t.Error("esc goes back")
	}
	b = keys(t, a, "t")
	if b.top() != pageHome || b.focus != paneToday {
		t.Error("t goes to today")
	}
}

func TestUntrustedTextIsNeutralised(t *testing.T) {
	a := testApp(t, fixtureStore(t), 120, 35)
	frames := []string{a.View().Content}
	a = openDetail(t, a, "mallory")
	frames = append(frames, a.View().Content)
	for _, f := range frames {
		for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\x1b[31m", "\r"} {
			if strings.Contains(f, bad) {
				t.Errorf("frame holds %q", bad)
			}
		}
	}
	out := screen(a)
	for _, want := range []string{"Mallory Evil", "Evil Corp", "Click here now"} {
		if !strings.Contains(out, want) {
			t.Errorf("cleaned text %q missing:\n%s", want, out)
		}
	}
}

// A follow-up they owe is marked in the detail as in the agenda.
func TestDetailMarksTheyOwe(t *testing.T) {
	s := fixtureStore(t)
	grace, _ := s.Resolve("grace")
	a := testApp(t, s, 120, 35)
	a = run(t, a, emit(openContactMsg{grace.ID}))
	if out := screen(a); !strings.Contains(out, "← Send the signed renewal") || strings.Contains(out, "← Call about the renewal") {
		t.Errorf("the detail should mark what they owe, and only that:\n%s", out)
	}
}

// TestHanging: a wrapped item keeps its mark on the first line and the
// rest indented under it.
func TestHanging(t *testing.T) {
	got := hanging("  + ", "one two three", 12)
	want := []string{"  + one two", "    three"}
	if !slices.Equal(got, want) {
		t.Errorf("hanging = %q, want %q", got, want)
	}
}
