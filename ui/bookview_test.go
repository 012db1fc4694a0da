package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

func TestBookViewsGolden(t *testing.T) {
	s := fixtureStore(t)
	screens := []struct {
		name  string
		steps func(t *testing.T, a App) App
	}{
		{"tags", func(t *testing.T, a App) App { return keys(t, a, "L") }},
		{"tagged", func(t *testing.T, a App) App { return keys(t, a, "L", "j", "enter") }},
		{"referrals", func(t *testing.T, a App) App { return keys(t, a, "R") }},
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

// TestHolidayCardList: from home, L lists the tags; a tag lists its
// contacts; enter opens one; esc walks back to the tags, then home.
func TestHolidayCardList(t *testing.T) {
	a := keys(t, testApp(t, fixtureStore(t), 80, 24), "L")
	if !strings.Contains(screen(a), "holiday-card") {
		t.Fatalf("the tags do not list holiday-card:\n%s", screen(a))
	}
	for a.book.cursor < len(a.book.rows) && a.book.rows[a.book.cursor].tag != "holiday-card" {
		a = keys(t, a, "j")
	}
	a = keys(t, a, "enter")
	if !strings.Contains(screen(a), "Tagged holiday-card") || !strings.Contains(screen(a), "Ada Lovelace") {
		t.Fatalf("the holiday-card list:\n%s", screen(a))
	}
	a = keys(t, a, "enter")
	if a.top() != pageDetail {
		t.Fatalf("enter on a contact opened page %v", a.top())
	}
	a = keys(t, a, "esc", "esc")
	if a.top() != pageBook || !strings.Contains(screen(a), "Tags ·") {
		t.Fatalf("esc goes back to the tags:\n%s", screen(a))
	}
	if a = keys(t, a, "esc"); a.top() != pageHome {
		t.Fatalf("esc from the tags goes home, not page %v", a.top())
	}
}

// TestBookListRestyles: a background answer restyles a book-wide list and
// the tag list under a tag's contacts, like every other pushed screen.
func TestBookListRestyles(t *testing.T) {
	a := keys(t, testApp(t, fixtureStore(t), 80, 24), "L", "j", "enter")
	if a.top() != pageBook || a.book.back == nil {
		t.Fatalf("L, j, enter should list a tag's contacts over the tags, got page %v", a.top())
	}
	a = send(t, a, tea.BackgroundColorMsg{Color: lightGrey{}})
	if a.book.st != a.st || a.book.back.st != a.st {
		t.Error("the book list keeps the styles of the old background")
	}
}

// A resize reaches the tag list under a tag's contacts too: esc shows it
// at the new size, not the one it had when it was left.
func TestBookListResizesTheTagsUnder(t *testing.T) {
	a := keys(t, testApp(t, fixtureStore(t), 80, 24), "L", "j", "enter")
	if a.top() != pageBook || a.book.back == nil {
		t.Fatalf("L, j, enter should list a tag's contacts over the tags, got page %v", a.top())
	}
	a = send(t, a, tea.WindowSizeMsg{Width: 120, Height: 35})
	if a.book.back.w != a.book.w || a.book.back.h != a.book.h {
		t.Errorf("the tags under are %dx%d, the list %dx%d", a.book.back.w, a.book.back.h, a.book.w, a.book.h)
	}
}
