package ui

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// flag marks a contact in the list.
type flag byte

const (
	flagNone    flag = iota
	flagCold         // past their cadence
	flagDue          // a follow-up due today
	flagOverdue      // a follow-up past due
)

// listScreen is the contact list. It is not the bubbles list: that one
// filters by scoring every item through an interface and measured 13–26 ms
// per key at 100,000 contacts; this one keeps the entries as loaded from
// the name index and draws only the visible rows.
type listScreen struct {
	st    *Styles
	keys  *KeyMap
	today model.Date

	entries []store.Entry   // name order, as the store lists them
	index   filterIndex     // companies and masks for the filter
	flags   map[uint64]flag // follow-up flags from the agenda
	loaded  bool
	partial bool // only the first page has arrived

	byTouch bool
	order   []int32 // every entry in display order
	matched []int32 // matches of the query, in display order
	rows    []int32 // what is shown: order, or the ranked matches
	raw     string  // the query as typed
	history []filterStep
	input   textinput.Model
	editing bool // the filter input has focus

	cursor, offset int
	w, h           int
}

func newListScreen(st *Styles, keys *KeyMap, today model.Date) listScreen {
	in := newInput(st, "/ ", "type to filter by name or company")
	return listScreen{st: st, keys: keys, today: today, input: in}
}

func (l *listScreen) setStyles(st *Styles) {
	l.st = st
	l.input.SetStyles(st.TextInput)
}

func (l *listScreen) SetSize(w, h int) {
	l.w, l.h = w, h
	l.input.SetWidth(max(w-4, 1))
	l.clamp()
}

// capturing reports whether typed letters belong to the filter input.
func (l listScreen) capturing() bool { return l.editing }

// setEntries replaces the book and its filter index, keeping the selected
// contact selected and the query applied.
func (l *listScreen) setEntries(entries []store.Entry, index filterIndex) {
	keep, hadSel := l.selected()
	l.entries, l.index, l.loaded = entries, index, true
	l.sort()
	l.refilter(false)
	if hadSel {
		l.selectID(keep.ID)
	}
}

// setAgenda marks contacts with overdue or due follow-ups.
func (l *listScreen) setAgenda(a model.Agenda) {
	l.today = a.Day
	l.flags = make(map[uint64]flag, len(a.Overdue)+len(a.DueToday))
	for _, it := range a.DueToday {
		l.flags[it.ContactID] = flagDue
	}
	for _, it := range a.Overdue {
		l.flags[it.ContactID] = flagOverdue
	}
}

func (l listScreen) flagOf(e store.Entry) flag {
	if f := l.flags[e.ID]; f != flagNone {
		return f
	}
	if !e.NextTouch.IsZero() && e.NextTouch.Before(l.today) {
		return flagCold
	}
	return flagNone
}

// sort builds the display order: name order as loaded, or most recently
// touched first.
func (l *listScreen) sort() {
	l.order = make([]int32, len(l.entries))
	for i := range l.order {
		l.order[i] = int32(i)
	}
	if l.byTouch {
		slices.SortStableFunc(l.order, func(a, b int32) int {
			return cmp.Compare(l.entries[b].LastTouch.Key(), l.entries[a].LastTouch.Key())
		})
	}
}

// refilter applies the query. narrow says the query only grew, so the
// previous matches are the only candidates.
func (l *listScreen) refilter(narrow bool) {
	words := queryWords(l.raw)
	if len(words) == 0 {
		l.matched, l.rows, l.history = nil, l.order, nil
		return
	}
	cands := l.order
	if narrow && l.matched != nil {
		cands = l.matched
	}
	l.matched, l.rows = filterRows(l.entries, l.index, cands, words)
	if !narrow {
		l.history = nil
	}
	// Clip: copies of the screen never share a backing array.
	l.history = append(slices.Clip(l.history), filterStep{l.raw, l.matched, l.rows})
}

// filterStep is the result of one query on the way to the current one.
type filterStep struct {
	raw           string
	matched, rows []int32
}

// setQuery changes the query as typed and moves to the best match. The
// results of the shorter queries typed on the way are kept, so backspace
// costs nothing and typing on from any of them only rescans its matches.
func (l *listScreen) setQuery(raw string) {
	if raw == l.raw {
		return
	}
	l.raw = raw
	l.cursor, l.offset = 0, 0
	// The longest earlier query that this one extends (or repeats).
	base := -1
	for i, st := range l.history {
		if strings.HasPrefix(raw, st.raw) {
			base = i
		}
	}
	if base < 0 {
		l.refilter(false)
		return
	}
	l.history = l.history[:base+1]
	st := l.history[base]
	l.matched, l.rows = st.matched, st.rows
	if st.raw != raw {
		l.refilter(true)
	}
}

func (l listScreen) selected() (store.Entry, bool) {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return store.Entry{}, false
	}
	return l.entries[l.rows[l.cursor]], true
}

func (l *listScreen) selectID(id uint64) {
	for i, r := range l.rows {
		if l.entries[r].ID == id {
			l.cursor = i
			l.clamp()
			return
		}
	}
	l.clamp()
}

// pageRows is how many rows fit under the list's title lines.
func (l listScreen) pageRows() int {
	head := 1
	if l.editing || l.raw != "" {
		head = 2
	}
	return max(l.h-head, 1)
}

func (l *listScreen) clamp() {
	l.cursor = min(max(l.cursor, 0), max(len(l.rows)-1, 0))
	page := l.pageRows()
	l.offset = max(min(keepInView(l.cursor, l.offset, page), len(l.rows)-page), 0)
}

// keepInView returns the first row to draw so that cursor shows on a page of
// page rows, moving offset no further than it must.
func keepInView(cursor, offset, page int) int {
	return min(max(offset, cursor-page+1), cursor)
}

func (l listScreen) Update(msg tea.Msg) (listScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if l.editing {
			var cmd tea.Cmd
			l.input, cmd = l.input.Update(msg)
			l.setQuery(l.input.Value())
			return l, cmd
		}
		return l, nil
	}
	if l.editing {
		return l.updateFilter(km)
	}
	k := l.keys
	switch {
	case key.Matches(km, k.Up):
		l.cursor--
	case key.Matches(km, k.Down):
		l.cursor++
	case key.Matches(km, k.PageUp):
		l.cursor -= l.pageRows()
	case key.Matches(km, k.PageDown):
		l.cursor += l.pageRows()
	case key.Matches(km, k.Top):
		l.cursor = 0
	case key.Matches(km, k.Bottom):
		l.cursor = len(l.rows) - 1
	case key.Matches(km, k.Filter):
		l.editing = true
		l.input.SetValue(l.raw)
		l.input.CursorEnd()
		l.clamp()
		return l, l.input.Focus()
	case key.Matches(km, k.Back):
		if l.raw != "" {
			keep, ok := l.selected()
			l.setQuery("")
			if ok {
				l.selectID(keep.ID)
			}
		}
	case key.Matches(km, k.Sort):
		keep, ok := l.selected()
		l.byTouch = !l.byTouch
		l.sort()
		l.refilter(false)
		if ok {
			l.selectID(keep.ID)
		}
	case key.Matches(km, k.Open):
		if e, ok := l.selected(); ok {
			return l, emit(openContactMsg{e.ID})
		}
	case key.Matches(km, k.Note):
		if e, ok := l.selected(); ok {
			return l, emit(newNoteMsg{id: e.ID, name: e.Name})
		}
		return l, emit(statusMsg{"Add a contact first (a).", true})
	case key.Matches(km, k.Edit):
		if e, ok := l.selected(); ok {
			return l, emit(editIntentMsg{e.ID})
		}
	case key.Matches(km, k.Brief):
		if e, ok := l.selected(); ok {
			return l, emit(briefIntentMsg{e.ID})
		}
	}
	l.clamp()
	return l, nil
}

// updateFilter handles keys while the filter input has focus: arrows
// still move the selection, enter keeps the filter and leaves the input,
// esc clears it.
func (l listScreen) updateFilter(km tea.KeyPressMsg) (listScreen, tea.Cmd) {
	k := l.keys
	switch {
	case key.Matches(km, k.FieldUp):
		l.cursor--
	case key.Matches(km, k.FieldDown):
		l.cursor++
	case key.Matches(km, k.FieldPgUp):
		l.cursor -= l.pageRows()
	case key.Matches(km, k.FieldPgDown):
		l.cursor += l.pageRows()
	case key.Matches(km, k.Enter):
		l.editing = false
		l.input.Blur()
	case key.Matches(km, k.Back):
		l.editing = false
		l.input.Blur()
		keep, ok := l.selected()
		l.setQuery("")
		if ok {
			l.selectID(keep.ID)
		}
	default:
		var cmd tea.Cmd
		l.input, cmd = l.input.Update(km)
		l.setQuery(l.input.Value())
		l.clamp()
		return l, cmd
	}
	l.clamp()
	return l, nil
}

// View draws the list; focused says whether it has the keyboard (when the
// today pane sits beside it, only one of them does).
func (l listScreen) View(focused bool) string {
	st := l.st
	if !l.loaded {
		return st.Muted.Render("Loading your book…")
	}
	if len(l.entries) == 0 {
		return l.welcome()
	}
	var b strings.Builder
	title := st.Section.Render("Contacts") + st.Muted.Render(" · "+commas(len(l.entries)))
	switch {
	case l.partial:
		title = st.Section.Render("Contacts") + st.Muted.Render(" · loading…")
	case l.raw != "":
		title = st.Section.Render("Contacts") + st.Muted.Render(" · "+commas(len(l.rows))+" of "+commas(len(l.entries)))
	}
	sortName := "by name"
	if l.byTouch {
		sortName = "by last touch"
	}
	b.WriteString(spread(title, st.Muted.Render(sortName), l.w))
	if l.editing {
		b.WriteString("\n" + l.input.View())
	} else if l.raw != "" {
		b.WriteString("\n" + st.Accent.Render("/ ") + line(l.raw) + st.Muted.Render("  esc clears"))
	}
	if len(l.rows) == 0 {
		b.WriteString("\n" + st.Muted.Render("No contact matches."))
		return b.String()
	}
	end := min(l.offset+l.pageRows(), len(l.rows))
	for i := l.offset; i < end; i++ {
		b.WriteString("\n" + l.row(l.entries[l.rows[i]], i == l.cursor, focused))
	}
	return b.String()
}

func (l listScreen) row(e store.Entry, selected, focused bool) string {
	st := l.st
	w := l.w
	mark := " "
	if selected {
		mark = "›"
	}
	fl := l.flagOf(e)
	flagText, flagStyle := " ", st.Muted
	switch fl {
	case flagOverdue:
		flagText, flagStyle = "!", st.Warn
	case flagDue:
		flagText, flagStyle = "•", st.Amber
	case flagCold:
		flagText, flagStyle = "~", st.Accent
	}
	name, company := line(e.Name), line(e.Company)
	touch := ""
	touchW := 0
	if w >= 70 {
		touchW = 13
		touch = model.DaysAgo(e.LastTouch, l.today)
	}
	rest := w - 4 - touchW
	var nameCol, compCol string
	if w >= 56 {
		nameW := rest * 11 / 20
		nameCol = fit(name, nameW)
		compCol = " " + fit(company, rest-nameW-1)
	} else {
		nameCol = name
		if company != "" {
			nameCol += " · " + company
		}
		nameCol = fit(nameCol, rest)
	}
	touchCol := ""
	if touchW > 0 {
		touchCol = fitRight(touch, touchW)
	}
	if selected && focused {
		return st.Selected.Render(fit(mark+" "+flagText+" "+nameCol+compCol+touchCol, w))
	}
	markStyle := st.Muted
	if selected {
		markStyle = st.Accent
	}
	return markStyle.Render(mark) + " " + flagStyle.Render(flagText) + " " + nameCol + st.Muted.Render(compCol+touchCol)
}

func (l listScreen) welcome() string {
	st := l.st
	lines := []string{
		st.Section.Render("Welcome to rapport."),
		"Your book is empty. To begin:",
		"  " + st.Accent.Render("a") + "  add a contact",
		"  " + st.Accent.Render("rapport import FILE") + st.Muted.Render("  vCard, CSV, JSON"),
		"  " + st.Accent.Render("rapport --demo") + st.Muted.Render("  try it on sample data"),
	}
	return strings.Join(lines, "\n")
}
