package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/ui/chart"
)

// reviewScreen is the weekly review: the week against the four before it,
// a bar chart by day, and who warmed and cooled. ←/→ step through weeks.
type reviewScreen struct {
	st     *Styles
	keys   *KeyMap
	today  model.Date
	start  model.Date // the Monday reviewed
	r      model.Review
	loaded bool
	err    error

	lines  []string
	offset int
	w, h   int
}

// From reviewSplit columns the figures and the activity sit side by side.
const (
	reviewSplit = 80
	reviewLeft  = 42
)

func newReviewScreen(st *Styles, keys *KeyMap, today model.Date) reviewScreen {
	return reviewScreen{st: st, keys: keys, today: today, start: model.WeekStart(today)}
}

func (v *reviewScreen) setStyles(st *Styles) { v.st = st; v.relayout() }

func (v *reviewScreen) SetSize(w, h int) {
	v.w, v.h = w, h
	v.relayout()
}

// setReview shows a loaded review, unless the user has moved on to
// another week meanwhile.
func (v *reviewScreen) setReview(msg reviewMsg) {
	if msg.start != v.start {
		return
	}
	v.r, v.err, v.loaded = msg.review, msg.err, true
	v.relayout()
}

func (v *reviewScreen) relayout() {
	if v.w <= 0 {
		return
	}
	v.lines = []string{v.st.Section.Render(trunc(chart.WeekTitle(v.start), v.w))}
	if note := chart.WeekSoFar(v.start, v.today); note != "" {
		v.lines = append(v.lines, v.st.Muted.Render(trunc(note, v.w)))
	}
	v.lines = append(v.lines, "")
	switch {
	case v.err != nil:
		for _, l := range wrap("Cannot read the week: "+line(v.err.Error()), v.w) {
			v.lines = append(v.lines, v.st.Error.Render(l))
		}
	case !v.loaded:
		v.lines = append(v.lines, v.st.Muted.Render("Adding up the week…"))
	case v.w >= reviewSplit:
		p := v.st.chartPaint()
		v.lines = append(v.lines, sideBySide(chart.ReviewTable(v.r, reviewLeft, p), chart.ReviewActivity(v.r, v.w-reviewLeft-4, p), reviewLeft, 4)...)
	default:
		v.lines = append(v.lines, chart.ReviewLines(v.r, v.w, v.st.chartPaint())...)
	}
	v.scroll(0)
}

func (v *reviewScreen) scroll(n int) {
	v.offset = max(min(v.offset+n, len(v.lines)-v.h), 0)
}

// Update scrolls, and steps a week back or forward (never past this one),
// asking the root to load it.
func (v reviewScreen) Update(msg tea.Msg) (reviewScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return v, nil
	}
	if n, ok := scrollKeys(km, v.keys, v.h, len(v.lines)); ok {
		v.scroll(n)
		return v, nil
	}
	k := v.keys
	switch {
	case key.Matches(km, k.Left):
		return v.moveTo(v.start.AddDays(-7))
	case key.Matches(km, k.Right):
		if next := v.start.AddDays(7); !next.After(v.today) {
			return v.moveTo(next)
		}
	case key.Matches(km, k.Back):
		return v, emit(closePageMsg{})
	}
	return v, nil
}

func (v reviewScreen) moveTo(start model.Date) (reviewScreen, tea.Cmd) {
	v.start, v.loaded, v.err, v.offset = start, false, nil, 0
	v.relayout()
	return v, emit(loadReviewMsg{start: start})
}

func (v reviewScreen) View() string {
	end := min(v.offset+v.h, len(v.lines))
	return strings.Join(v.lines[v.offset:end], "\n")
}
