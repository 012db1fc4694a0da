package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
)

// todayKind says what a row of the today pane is.
type todayKind byte

const (
	rowHeading todayKind = iota
	rowOverdue
	rowDue
	rowMoment
	rowCold
	rowNote // a line of text that cannot be selected
)

// todayRow is one line of the agenda.
type todayRow struct {
	kind      todayKind
	text      string // heading or item text, already cleaned
	who       string // contact name, cleaned
	when      string // right-hand detail
	contactID uint64
	followUp  uint64 // follow-up id on follow-up rows
	raw       string // contact name as stored, for intents
}

func (r todayRow) selectable() bool { return r.kind != rowHeading && r.kind != rowNote }

// key identifies a row across reloads, to keep the selection.
func (r todayRow) key() string {
	return fmt.Sprintf("%d/%d/%d/%s", r.kind, r.contactID, r.followUp, r.text)
}

// todayScreen is the agenda: overdue follow-ups, those due today, moments
// of the next week and contacts going cold.
type todayScreen struct {
	st     *Styles
	keys   *KeyMap
	agenda model.Agenda
	loaded bool
	rows   []todayRow

	cursor, offset int // cursor indexes rows; it always sits on a selectable one
	w, h           int

	snoozing bool
	snoozeID uint64
	snoozeOf string // what is being snoozed, for the prompt
	input    textinput.Model
}

func newTodayScreen(st *Styles, keys *KeyMap) todayScreen {
	in := textinput.New()
	in.Prompt = "until "
	in.Placeholder = "fri, next tue, in 2w, dec 3"
	in.SetStyles(st.TextInput)
	return todayScreen{st: st, keys: keys, input: in}
}

func (t *todayScreen) setStyles(st *Styles) {
	t.st = st
	t.input.SetStyles(st.TextInput)
}

func (t *todayScreen) SetSize(w, h int) {
	t.w, t.h = w, h
	// Leave room for the resolved date (" → Wed Dec 23") after the field.
	t.input.SetWidth(max(w-len("until ")-14, 1))
	t.clamp()
}

func (t todayScreen) capturing() bool { return t.snoozing }

// setAgenda replaces the agenda, keeping the selected row when it is still
// there.
func (t *todayScreen) setAgenda(a model.Agenda) {
	var keep string
	if r, ok := t.selected(); ok {
		keep = r.key()
	}
	was := t.cursor
	t.agenda, t.loaded = a, true
	t.rows = agendaRows(a)
	t.cursor = -1
	for i, r := range t.rows {
		if keep != "" && r.key() == keep {
			t.cursor = i
			break
		}
	}
	if t.cursor < 0 {
		// The row is gone (done, or its card logged): stay where it
		// was, on the row that took its place.
		t.cursor = min(max(was, 0), max(len(t.rows)-1, 0))
		t.step(0)
	}
	t.clamp()
}

// agendaRows lays the agenda out as rows under headings.
func agendaRows(a model.Agenda) []todayRow {
	var rows []todayRow
	head := func(s string) { rows = append(rows, todayRow{kind: rowHeading, text: s}) }
	if len(a.Overdue) > 0 {
		head("Overdue · " + strconv.Itoa(len(a.Overdue)))
		for _, it := range a.Overdue {
			rows = append(rows, todayRow{kind: rowOverdue, text: line(it.Text), who: line(it.ContactName),
				when: strconv.Itoa(it.DaysOverdue) + "d late", contactID: it.ContactID, followUp: it.ID, raw: it.ContactName})
		}
	}
	if len(a.DueToday) > 0 {
		head("Due today · " + strconv.Itoa(len(a.DueToday)))
		for _, it := range a.DueToday {
			rows = append(rows, todayRow{kind: rowDue, text: line(it.Text), who: line(it.ContactName),
				contactID: it.ContactID, followUp: it.ID, raw: it.ContactName})
		}
	}
	if len(a.Overdue)+len(a.DueToday) == 0 {
		head("Follow-ups")
		rows = append(rows, todayRow{kind: rowNote, text: "Nothing due. Well kept."})
	}
	if len(a.Moments) > 0 {
		head("Moments · next 7 days")
		for _, m := range a.Moments {
			what := line(m.Label)
			if m.Years > 0 {
				what += " (" + strconv.Itoa(m.Years) + ")"
			}
			rows = append(rows, todayRow{kind: rowMoment, text: what, who: line(m.ContactName),
				when: relDay(m.On, a.Day), contactID: m.ContactID, raw: m.ContactName})
		}
	}
	if a.ColdTotal > 0 {
		head("Going cold · " + strconv.Itoa(a.ColdTotal))
		for _, c := range a.Cold {
			rows = append(rows, todayRow{kind: rowCold, who: line(c.ContactName),
				when: strconv.Itoa(c.DaysOverdue) + "d past", contactID: c.ContactID, raw: c.ContactName})
		}
		if more := a.ColdTotal - len(a.Cold); more > 0 {
			rows = append(rows, todayRow{kind: rowNote, text: fmt.Sprintf("and %s more (rapport today --all)", commas(more))})
		}
	}
	return rows
}

func (t todayScreen) selected() (todayRow, bool) {
	if t.cursor < 0 || t.cursor >= len(t.rows) || !t.rows[t.cursor].selectable() {
		return todayRow{}, false
	}
	return t.rows[t.cursor], true
}

// step moves the cursor by dir (±1) to the next selectable row, staying
// put at the ends; dir 0 finds the nearest one at or after the cursor.
func (t *todayScreen) step(dir int) {
	if dir == 0 {
		for i := max(t.cursor, 0); i < len(t.rows); i++ {
			if t.rows[i].selectable() {
				t.cursor = i
				return
			}
		}
		dir = -1
	}
	for i := t.cursor + dir; i >= 0 && i < len(t.rows); i += dir {
		if t.rows[i].selectable() {
			t.cursor = i
			return
		}
	}
}

// listHeight is the rows available under the title (and above the snooze
// prompt when it is open).
func (t todayScreen) listHeight() int {
	h := t.h - 1
	if t.snoozing {
		h -= 2
	}
	return max(h, 1)
}

func (t *todayScreen) clamp() {
	t.cursor = min(max(t.cursor, 0), max(len(t.rows)-1, 0))
	page := t.listHeight()
	// Show the heading above the first item of a section when scrolling up.
	top := t.cursor
	if top > 0 && t.rows[top-1].kind == rowHeading {
		top--
	}
	if top < t.offset {
		t.offset = top
	}
	if t.cursor >= t.offset+page {
		t.offset = t.cursor - page + 1
	}
	t.offset = max(min(t.offset, len(t.rows)-page), 0)
}

func (t todayScreen) Update(msg tea.Msg) (todayScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if t.snoozing {
		if !ok {
			var cmd tea.Cmd
			t.input, cmd = t.input.Update(msg)
			return t, cmd
		}
		return t.updateSnooze(km)
	}
	if !ok {
		return t, nil
	}
	k := t.keys
	switch {
	case key.Matches(km, k.Up):
		t.step(-1)
	case key.Matches(km, k.Down):
		t.step(1)
	case key.Matches(km, k.PageUp):
		for range t.listHeight() {
			t.step(-1)
		}
	case key.Matches(km, k.PageDown):
		for range t.listHeight() {
			t.step(1)
		}
	case key.Matches(km, k.Top):
		t.cursor = 0
		t.step(0)
	case key.Matches(km, k.Bottom):
		t.cursor = len(t.rows) - 1
		if r, ok := t.selected(); !ok || !r.selectable() {
			t.step(-1)
		}
	case key.Matches(km, k.Open):
		if r, ok := t.selected(); ok {
			return t, emit(openContactMsg{r.contactID})
		}
	case key.Matches(km, k.Note):
		if r, ok := t.selected(); ok {
			return t, emit(newNoteMsg{r.contactID, r.raw})
		}
	case key.Matches(km, k.Edit):
		if r, ok := t.selected(); ok {
			return t, emit(editIntentMsg{r.contactID})
		}
	case key.Matches(km, k.Done):
		if r, ok := t.selected(); ok && r.followUp != 0 {
			return t, emit(doneIntentMsg{r.followUp})
		}
		return t, emit(statusMsg{"d marks a follow-up done: select one first.", true})
	case key.Matches(km, k.Brief):
		if r, ok := t.selected(); ok {
			return t, emit(briefIntentMsg{r.contactID})
		}
	case key.Matches(km, k.Card):
		if r, ok := t.selected(); ok {
			if text, ok := cardFor(r); ok {
				return t, emit(cardIntentMsg{r.contactID, r.raw, text})
			}
		}
		return t, emit(statusMsg{"c logs a card from a thank-you or a moment: select one first.", true})
	case key.Matches(km, k.Snooze):
		if r, ok := t.selected(); ok && r.followUp != 0 {
			t.snoozing, t.snoozeID, t.snoozeOf = true, r.followUp, r.text
			t.input.SetValue("")
			t.clamp()
			return t, t.input.Focus()
		}
		return t, emit(statusMsg{"s snoozes a follow-up: select one first.", true})
	}
	t.clamp()
	return t, nil
}

func (t todayScreen) updateSnooze(km tea.KeyPressMsg) (todayScreen, tea.Cmd) {
	switch {
	case key.Matches(km, t.keys.Back):
		t.snoozing = false
		t.input.Blur()
		t.clamp()
		return t, nil
	case key.Matches(km, t.keys.Enter):
		due, err := t.snoozeDue()
		if err != nil {
			return t, nil // the prompt already shows why
		}
		t.snoozing = false
		t.input.Blur()
		t.clamp()
		return t, emit(snoozeIntentMsg{t.snoozeID, due})
	}
	var cmd tea.Cmd
	t.input, cmd = t.input.Update(km)
	return t, cmd
}

// View draws the pane; focused says whether it has the keyboard.
func (t todayScreen) View(focused bool) string {
	st := t.st
	var b strings.Builder
	title := st.Section.Render("Today")
	if t.loaded {
		title += st.Muted.Render(" · " + dayName(t.agenda.Day))
	}
	b.WriteString(title)
	if !t.loaded {
		return b.String()
	}
	end := min(t.offset+t.listHeight(), len(t.rows))
	for i := t.offset; i < end; i++ {
		b.WriteString("\n" + t.row(t.rows[i], i == t.cursor, focused))
	}
	if t.snoozing {
		for i := end - t.offset; i < t.listHeight(); i++ {
			b.WriteString("\n")
		}
		b.WriteString("\n" + st.Focus.Render("Snooze ") + trunc(st.Text.Render("“"+t.snoozeOf+"”"), t.w-7))
		b.WriteString("\n" + spread(t.input.View(), t.snoozeHint(), t.w))
	}
	return b.String()
}

// errSnoozeBack refuses a snooze to a day already past, as the command
// line does: snoozing moves a follow-up to a later day.
var errSnoozeBack = errors.New("a snooze moves a follow-up to a later day")

// snoozeDue reads the snooze prompt.
func (t todayScreen) snoozeDue() (model.Date, error) {
	due, err := model.ParseDue(t.input.Value(), t.agenda.Day)
	if err == nil && due.Before(t.agenda.Day) {
		return due, errSnoozeBack
	}
	return due, err
}

// snoozeHint resolves what is typed as it is typed.
func (t todayScreen) snoozeHint() string {
	v := strings.TrimSpace(t.input.Value())
	if v == "" {
		return ""
	}
	due, err := t.snoozeDue()
	if errors.Is(err, errSnoozeBack) {
		return t.st.Warn.Render(" past?")
	}
	if err != nil {
		return t.st.Warn.Render(" ?")
	}
	return t.st.Good.Render(" → " + dayName(due))
}

func (t todayScreen) row(r todayRow, selected, focused bool) string {
	st, w := t.st, t.w
	switch r.kind {
	case rowHeading:
		return st.Section.Render(trunc(r.text, w))
	case rowNote:
		return st.Muted.Render(trunc("  "+r.text, w))
	}
	mark := " "
	if selected {
		mark = "›"
	}
	var left string
	var style = st.Text
	switch r.kind {
	case rowOverdue:
		left, style = r.text+" — "+r.who, st.Warn
	case rowDue:
		left, style = r.text+" — "+r.who, st.Amber
	case rowMoment:
		left = r.who + " · " + r.text
	case rowCold:
		left = r.who
	}
	right := ""
	if r.when != "" {
		right = " " + r.when
	}
	body := spread(left, right, w-2)
	if selected && focused {
		return st.Selected.Render(mark + " " + body)
	}
	markStyle := st.Muted
	if selected {
		markStyle = st.Accent
	}
	if r.kind == rowOverdue || r.kind == rowDue {
		lw := w - 2 - len([]rune(right))
		return markStyle.Render(mark) + " " + fit(left, max(lw, 0)) + style.Render(right)
	}
	return markStyle.Render(mark) + " " + spread(left, st.Muted.Render(right), w-2)
}

// cardFor says what card a today row calls for: the thank-you a meeting
// earned, or a card for a moment ("Birthday card").
func cardFor(r todayRow) (string, bool) {
	switch {
	case (r.kind == rowOverdue || r.kind == rowDue) && r.text == model.ThankYouText():
		return "Thank-you card", true
	case r.kind == rowMoment:
		label := []rune(strings.TrimSpace(strings.Split(r.text, " (")[0]))
		if len(label) == 0 {
			return "Card", true
		}
		return string(unicode.ToUpper(label[0])) + string(label[1:]) + " card", true
	}
	return "", false
}
