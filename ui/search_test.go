package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"rapport/model"
	"rapport/store"
)

// TestSearchGolden keeps the search screen and the book-wide topic view
// at the smallest size and a large one (go test ./ui -run TestSearchGolden
// -update rewrites them; read the diff).
func TestSearchGolden(t *testing.T) {
	s := fixtureStore(t)
	screens := []struct {
		name  string
		steps func(t *testing.T, a App) App
	}{
		{"search", func(t *testing.T, a App) App { return typeText(t, keys(t, a, "S"), "pilot pri") }},
		{"search-results", func(t *testing.T, a App) App { return keys(t, typeText(t, keys(t, a, "S"), "q1"), "tab", "j") }},
		{"search-none", func(t *testing.T, a App) App { return typeText(t, keys(t, a, "S"), "zebra") }},
		{"topics", func(t *testing.T, a App) App { return keys(t, a, "P") }},
	}
	for _, sc := range screens {
		for _, sz := range [][2]int{{40, 10}, {120, 35}} {
			t.Run(fmt.Sprintf("%s/%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				a := sc.steps(t, testApp(t, s, sz[0], sz[1]))
				golden.RequireEqual(t, []byte(screen(a)+"\n"))
			})
		}
	}
}

func TestSearchDropsStaleResults(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	a = keys(t, a, "S")
	// Two keystrokes: the first query's answer arrives after the second
	// was sent, and must not be shown.
	a, first := update(a, press("p"))
	a, second := update(a, press("i"))
	for _, msg := range collect(second) {
		a, _ = update(a, msg)
	}
	want := screen(a)
	for _, msg := range collect(first) {
		a, _ = update(a, msg)
	}
	if got := screen(a); got != want {
		t.Fatalf("a stale answer changed the screen:\n%s\nwas\n%s", got, want)
	}
	if len(a.search.hits) == 0 || !strings.Contains(want, "pilot") {
		t.Fatalf("the search for \"pi\" found nothing:\n%s", want)
	}
}

func TestSearchOpensTheContactAtTheNote(t *testing.T) {
	a := testApp(t, fixtureStore(t), 80, 24)
	a = typeText(t, keys(t, a, "S"), "on-prem")
	if len(a.search.hits) != 1 {
		t.Fatalf("hits %v", a.search.hits)
	}
	hit := a.search.hits[0]
	a = keys(t, a, "enter")
	if a.top() != pageDetail || a.detail.id != hit.ContactID {
		t.Fatalf("enter opened page %v, contact %d", a.top(), a.detail.id)
	}
	if a.detail.offset == 0 || !strings.Contains(screen(a), "on-prem") {
		t.Fatalf("the detail is not scrolled to the note:\n%s", screen(a))
	}
	a = keys(t, a, "esc", "tab", "n")
	if a.top() != pageNote || a.note.id != hit.ContactID {
		t.Fatalf("n on a hit opened page %v for contact %d", a.top(), a.note.id)
	}
}

// TestSearchSeesOutsideWrites: a note logged from another process is
// found by the next keystroke.
func TestSearchSeesOutsideWrites(t *testing.T) {
	s := fixtureStore(t)
	a := typeText(t, keys(t, testApp(t, s, 80, 24), "S"), "zeppeli")
	if len(a.search.hits) != 0 {
		t.Fatal("found a note before it was written")
	}
	other, err := store.Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	in := model.Interaction{ContactID: a.entries[0].ID, Kind: model.Call, Text: "Zeppelin tour next spring", At: fixedNow}
	if err := other.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	a = typeText(t, a, "n")
	if len(a.search.hits) != 1 {
		t.Fatalf("the new note was not found:\n%s", screen(a))
	}
}
