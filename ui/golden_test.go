package ui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden keeps the text of every screen at three sizes in
// testdata/TestGolden (go test ./ui -run TestGolden -update rewrites
// them; read the diff: these files are the product's face).
func TestGolden(t *testing.T) {
	s := fixtureStore(t)
	empty := emptyStore(t)
	screens := []struct {
		name  string
		empty bool
		steps func(t *testing.T, a App) App
	}{
		{"home", false, nil},
		{"welcome", true, nil},
		{"today", false, func(t *testing.T, a App) App { return keys(t, a, "t", "j") }},
		{"snooze", false, func(t *testing.T, a App) App { return typeText(t, keys(t, a, "t", "s"), "next tue") }},
		{"filter", false, func(t *testing.T, a App) App { return typeText(t, keys(t, a, "/"), "an") }},
		{"detail", false, func(t *testing.T, a App) App { return keys(t, a, "enter") }},
		{"detail-problem", false, func(t *testing.T, a App) App { return keys(t, a, "enter", "f") }},
		{"note", false, func(t *testing.T, a App) App {
			a = keys(t, a, "n")
			a = typeText(t, a, "Budget talk; they want pricing for two teams.")
			a = keys(t, a, "alt+k", "tab")
			return typeText(t, a, "fri: send pricing")
		}},
		{"note-options", false, func(t *testing.T, a App) App { return keys(t, a, "n", "tab", "tab", "tab", "i", "p") }},
		{"brief", false, func(t *testing.T, a App) App { return keys(t, a, "b") }},
		{"cards", false, func(t *testing.T, a App) App { return keys(t, a, "C") }},
		{"note-discard", false, func(t *testing.T, a App) App { return keys(t, typeText(t, keys(t, a, "n"), "draft"), "esc") }},
		{"add", false, func(t *testing.T, a App) App { return typeText(t, keys(t, a, "a"), "Hedy") }},
		{"edit", false, func(t *testing.T, a App) App { return keys(t, a, "e") }},
		{"help", false, func(t *testing.T, a App) App { return keys(t, a, "?") }},
		{"review", false, func(t *testing.T, a App) App { return keys(t, a, "w") }},
		{"review-before", false, func(t *testing.T, a App) App { return keys(t, a, "w", "h") }},
	}
	for _, sc := range screens {
		sizes := [][2]int{{40, 10}, {80, 24}, {120, 35}}
		if sc.name == "home" {
			sizes = append(sizes, [2]int{200, 60})
		}
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", sc.name, sz[0], sz[1]), func(t *testing.T) {
				book := s
				if sc.empty {
					book = empty
				}
				a := testApp(t, book, sz[0], sz[1])
				if sc.steps != nil {
					a = sc.steps(t, a)
				}
				golden.RequireEqual(t, []byte(screen(a)+"\n"))
			})
		}
	}
}
