package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// View is the only place that builds a tea.View: alt screen and title
// are decided here, for every screen.
func (a App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = "rapport"
	return v
}

// render draws the frame as a string, exactly width×height.
func (a App) render() string {
	if a.width == 0 || a.height == 0 {
		return ""
	}
	if a.lay.TooSmall {
		msg := fmt.Sprintf("rapport needs at least %d×%d; this terminal is %d×%d.", minWidth, minHeight, a.width, a.height)
		return block(strings.Join(wrap(msg, a.width), "\n"), a.width, a.height)
	}
	l := a.lay
	return block(a.header(), l.Header.W, 1) + "\n" +
		block(a.body(), l.Body.W, l.Body.H) + "\n" +
		block(a.helpBar(), l.Help.W, 1)
}

func (a App) header() string {
	left := a.st.Title.Render("rapport") + a.st.Header.Render(" · "+dayName(a.today))
	right := "? help"
	switch a.top() {
	case pageHelp:
		right = "? close"
	case pageDetail:
		if pos := a.detail.position(); pos != "" {
			right = pos + " · " + right
		}
	}
	right = a.st.Muted.Render(right)
	// The day's counts, live, when they fit whole.
	if counts := a.counts(); counts != "" && ansi.StringWidth(left)+ansi.StringWidth(counts)+ansi.StringWidth(right)+4 <= a.width {
		left += "  " + counts
	}
	return spread(left, " "+right, a.width)
}

// counts sums up the agenda for the header: "2 overdue · 1 due today ·
// 3 moments"; the parts that are zero are left out.
func (a App) counts() string {
	ag := a.agenda.agenda
	if !a.agenda.loaded {
		return ""
	}
	st := a.st
	var parts []string
	if n := len(ag.Overdue); n > 0 {
		parts = append(parts, st.Warn.Render(strconv.Itoa(n)+" overdue"))
	}
	if n := len(ag.DueToday); n > 0 {
		parts = append(parts, st.Amber.Render(strconv.Itoa(n)+" due today"))
	}
	if n := len(ag.Moments); n > 0 {
		parts = append(parts, st.Muted.Render(plural(n, "moment", "moments")+" this week"))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

func (a App) body() string {
	l := a.lay
	if a.loadErr != nil && !a.loaded {
		msg := "Cannot read the book: " + a.loadErr.Error() + "\nrapport keeps trying every second."
		return a.st.Error.Render(strings.Join(wrap(msg, l.Body.W), "\n"))
	}
	switch a.top() {
	case pageDetail:
		return a.detail.View()
	case pageNote:
		return a.note.View()
	case pageContact:
		return a.form.View()
	case pageHelp:
		return a.fullHelp()
	case pageSearch:
		return a.search.View()
	case pageBook:
		return a.book.View()
	case pageReview:
		return a.review.View()
	case pageBrief:
		return a.brief.View()
	case pageCards:
		return a.cards.View()
	}
	if !l.Split {
		if a.focus == paneToday {
			return a.agenda.View(true)
		}
		return a.list.View(true)
	}
	left := strings.Split(block(a.list.View(a.focus == paneList), l.List.W, l.List.H), "\n")
	right := strings.Split(block(a.agenda.View(a.focus == paneToday), l.Today.W, l.Today.H), "\n")
	rule := a.st.Rule.Render("│")
	var b strings.Builder
	for i := range left {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(left[i] + rule + right[i])
	}
	return b.String()
}
