package ui

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

// todayKind says what a row of the today pane is.
type todayKind byte

const (
	rowHeading todayKind = iota
	rowOverdue
	rowDue
	rowComing
	rowMoment
	rowCold
	rowNote // a line of text that cannot be selected
)

// todayRow is one item of the agenda.
type todayRow struct {
	kind      todayKind
	text      string // heading or item text, already cleaned
	who       string // contact name, cleaned
	when      string // right-hand detail
	contactID uint64
	followUp  uint64 // follow-up id on follow-up rows
	theyOwe   bool   // a follow-up the contact owes the rep
	raw       string // contact name as stored, for intents
	rawText   string // follow-up text as stored, for intents
}

func (r todayRow) selectable() bool { return r.kind != rowHeading && r.kind != rowNote }

func (r todayRow) isFollowUp() bool {
	return r.kind == rowOverdue || r.kind == rowDue || r.kind == rowComing
}

// key identifies a row across reloads, to keep the selection.
func (r todayRow) key() string {
	return fmt.Sprintf("%d/%d/%d/%s", r.kind, r.contactID, r.followUp, r.text)
}

// todayScreen is the agenda, rapport's home: overdue follow-ups, those due
// today and in the week ahead, moments of the week and contacts going cold.
type todayScreen struct {
	st     *Styles
	keys   *KeyMap
	agenda model.Agenda
	kept   *int // follow-through of the last 90 days, nil when nothing fell due
	loaded bool
	rows   []todayRow
	hidden map[uint64]bool // follow-ups marked done, until the store says so

	cursor, offset int // cursor indexes rows; it always sits on a selectable one
	w, h           int
	nameW          int // the name column of follow-up rows

	// deleting is the follow-up x asked about; y deletes it.
	deleting *todayRow
	snoozing bool
	snoozeID uint64 // the follow-up, or 0 when putting off a contact
	coldID   uint64 // the contact being put off
	snoozeOf string // what is being snoozed, for the prompt
	who      string // whose it is, for the status line
	input    textinput.Model
}

func newTodayScreen(st *Styles, keys *KeyMap) todayScreen {
	in := newInput(st, "until ", "fri, next week, 3d, dec 3")
	return todayScreen{st: st, keys: keys, input: in, hidden: map[uint64]bool{}}
}

func (t *todayScreen) setStyles(st *Styles) {
	t.st = st
	t.input.SetStyles(st.TextInput)
}

func (t *todayScreen) SetSize(w, h int) {
	t.w, t.h = w, h
	// Leave room for the resolved date (" → Wed Dec 23") after the field.
	t.input.SetWidth(max(w-len("until ")-14, 1))
	t.measure()
	t.clamp()
}

func (t todayScreen) capturing() bool { return t.snoozing || t.deleting != nil }

// wrapped reports whether follow-up rows take two lines: below 50 columns
// the name and the text do not both fit on one, and the name must stay.
func (t todayScreen) wrapped() bool { return t.w < 50 }

// setAgenda replaces the agenda, keeping the selected row when it is still
// there and otherwise the position, so working down a list with d or s
// goes on with the next row.
func (t *todayScreen) setAgenda(a model.Agenda, kept *int) {
	var keep string
	if r, ok := t.selected(); ok {
		keep = r.key()
	}
	pos := t.cursor
	for id := range t.hidden {
		if !hasFollowUp(a, id) {
			delete(t.hidden, id)
		}
	}
	t.agenda, t.kept, t.loaded = a, kept, true
	t.rows = agendaRows(a, t.hidden)
	t.measure()
	t.cursor = -1
	for i, r := range t.rows {
		if keep != "" && r.key() == keep {
			t.cursor = i
			break
		}
	}
	if t.cursor < 0 {
		// The row is gone (done, snoozed, or its card logged): stay where
		// it was, on the row that took its place.
		t.cursor = min(max(pos, 0), max(len(t.rows)-1, 0))
		t.step(0)
	}
	t.clamp()
}

func hasFollowUp(a model.Agenda, id uint64) bool {
	for _, list := range [][]model.DueItem{a.Overdue, a.DueToday, a.ComingUp} {
		for _, it := range list {
			if it.ID == id {
				return true
			}
		}
	}
	return false
}

// hide takes a follow-up off the pane at once, the selection moving to the
// next row, while the store marks it done; unhide brings it back if that
// failed.
func (t *todayScreen) hide(id uint64) {
	t.hidden[id] = true
	pos := t.cursor
	t.rows = agendaRows(t.agenda, t.hidden)
	t.measure()
	t.cursor = pos
	t.step(0)
	t.clamp()
}

func (t *todayScreen) unhide(id uint64) {
	if t.hidden[id] {
		delete(t.hidden, id)
		t.setAgenda(t.agenda, t.kept)
	}
}

// measure sets the name column: as wide as the longest name of a
// follow-up row, but never more than two fifths of the row.
func (t *todayScreen) measure() {
	t.nameW = min(t.longest(), max((t.w-2)*2/5, 10))
}

// want is the width the rows need to show whole, within reason.
func (t todayScreen) want() int {
	w, name := 0, t.longest()
	for _, r := range t.rows {
		n := 2 + ansi.StringWidth(r.who) + 3 + ansi.StringWidth(r.text) + 1 + ansi.StringWidth(r.when)
		if r.isFollowUp() {
			n = 2 + name + 2 + ansi.StringWidth(r.text) + 3 + ansi.StringWidth(r.when)
		}
		w = max(w, n)
	}
	return min(w, 110)
}

// longest is the widest contact name of a follow-up row.
func (t todayScreen) longest() int {
	n := 0
	for _, r := range t.rows {
		if r.isFollowUp() {
			n = max(n, ansi.StringWidth(r.who))
		}
	}
	return n
}

// agendaRows lays the agenda out as rows under headings.
func agendaRows(a model.Agenda, hidden map[uint64]bool) []todayRow {
	var rows []todayRow
	head := func(s string) { rows = append(rows, todayRow{kind: rowHeading, text: s}) }
	section := func(title string, kind todayKind, items []model.DueItem, when func(model.DueItem) string) {
		var shown []model.DueItem
		for _, it := range items {
			if !hidden[it.ID] {
				shown = append(shown, it)
			}
		}
		if len(shown) == 0 {
			return
		}
		head(title + " · " + strconv.Itoa(len(shown)))
		for _, it := range shown {
			rows = append(rows, todayRow{kind: kind, text: line(it.Text), who: line(it.ContactName), when: when(it),
				contactID: it.ContactID, followUp: it.ID, theyOwe: it.TheyOwe, raw: it.ContactName, rawText: it.Text})
		}
	}
	start := len(rows)
	section("Overdue", rowOverdue, a.Overdue, func(it model.DueItem) string { return strconv.Itoa(it.DaysOverdue) + "d late" })
	section("Due today", rowDue, a.DueToday, func(it model.DueItem) string { return cmp.Or(it.DueTime, "today") })
	section("Coming up", rowComing, a.ComingUp, func(it model.DueItem) string {
		return strings.TrimSpace(comingDay(it.Due, a.Day) + " " + it.DueTime)
	})
	if len(rows) == start {
		head("Follow-ups")
		rows = append(rows, todayRow{kind: rowNote, text: "Nothing due this week. Well kept."})
	}
	if len(a.Moments) > 0 {
		head("Moments · next 7 days")
		for _, m := range a.Moments {
			rows = append(rows, todayRow{kind: rowMoment, text: momentWords(m), who: line(m.ContactName),
				when: relDay(m.On, a.Day), contactID: m.ContactID, raw: m.ContactName, rawText: line(m.Label)})
		}
	}
	if a.ColdTotal > 0 {
		head("Going cold · " + commas(a.ColdTotal))
		for _, c := range a.Cold {
			rows = append(rows, todayRow{kind: rowCold, who: line(c.ContactName), text: string(c.Stage),
				when: fmt.Sprintf("%dd over · every %dd", c.DaysOverdue, c.Cadence), contactID: c.ContactID, raw: c.ContactName})
		}
		if more := a.ColdTotal - len(a.Cold); more > 0 {
			rows = append(rows, todayRow{kind: rowNote, text: fmt.Sprintf("%s more below…", commas(more))})
		}
	}
	return rows
}

// comingDay names a day of the week ahead: "tomorrow", then "Fri 27".
func comingDay(d, today model.Date) string {
	if today.DaysUntil(d) == 1 {
		return "tomorrow"
	}
	return d.Weekday().String()[:3] + " " + strconv.Itoa(d.Day)
}

// momentWords reads a moment as the CLI does: "birthday, turns 63",
// "2 years as a customer", "work anniversary, 7 years".
func momentWords(m model.MomentItem) string {
	label := line(m.Label)
	switch {
	case m.Years == 0:
		return label
	case m.Label == model.LabelBirthday:
		return label + ", turns " + strconv.Itoa(m.Years)
	case m.Label == model.LabelCustomerSince:
		return plural(m.Years, "year", "years") + " as a customer"
	}
	return label + ", " + plural(m.Years, "year", "years")
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
		t.cursor = min(t.cursor, len(t.rows))
		dir = -1
	}
	for i := t.cursor + dir; i >= 0 && i < len(t.rows); i += dir {
		if t.rows[i].selectable() {
			t.cursor = i
			return
		}
	}
}

// listHeight is the lines available under the title (and above the
// snooze prompt when it is open).
func (t todayScreen) listHeight() int {
	h := t.h - 1
	if t.snoozing {
		h -= 3
	}
	if t.deleting != nil {
		h -= 2
	}
	return max(h, 1)
}

// height is how many lines a row takes.
func (t todayScreen) height(r todayRow) int {
	if t.wrapped() && r.isFollowUp() {
		return 2
	}
	return 1
}

// lines counts the lines of rows[from:to].
func (t todayScreen) lines(from, to int) int {
	n := 0
	for i := max(from, 0); i < min(to, len(t.rows)); i++ {
		n += t.height(t.rows[i])
	}
	return n
}

func (t *todayScreen) clamp() {
	t.cursor = min(max(t.cursor, 0), max(len(t.rows)-1, 0))
	page := t.listHeight()
	// Show the heading above the first item of a section when scrolling up.
	top := t.cursor
	if top > 0 && top < len(t.rows) && t.rows[top-1].kind == rowHeading {
		top--
	}
	if top < t.offset {
		t.offset = top
	}
	for t.offset < t.cursor && t.lines(t.offset, t.cursor+1) > page {
		t.offset++
	}
	// No blank space below the last row while rows are hidden above.
	for t.offset > 0 && t.lines(t.offset-1, len(t.rows)) <= page {
		t.offset--
	}
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
	if t.deleting != nil {
		return t.answerDelete(km)
	}
	k := t.keys
	switch {
	case key.Matches(km, k.Delete):
		if r, ok := t.selected(); ok && r.followUp != 0 {
			t.deleting = &r
			t.clamp()
			return t, nil
		}
		return t, emit(statusMsg{"x deletes a follow-up: select one first.", true})
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
			return t, emit(newNoteMsg{id: r.contactID, name: r.raw, followUp: r.followUp, followText: r.rawText})
		}
	case key.Matches(km, k.Edit):
		if r, ok := t.selected(); ok {
			return t, emit(editIntentMsg{r.contactID})
		}
	case key.Matches(km, k.Done):
		if r, ok := t.selected(); ok && r.followUp != 0 {
			t.hide(r.followUp)
			return t, emit(doneIntentMsg{id: r.followUp, name: r.raw})
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
		return t.startSnooze()
	}
	t.clamp()
	return t, t.moreCold()
}

// answerDelete takes the y/n answer to "Delete the follow-up …?".
func (t todayScreen) answerDelete(km tea.KeyPressMsg) (todayScreen, tea.Cmd) {
	r := *t.deleting
	switch {
	case key.Matches(km, t.keys.Yes):
		t.deleting = nil
		t.hide(r.followUp)
		return t, emit(deleteIntentMsg{noun: "follow-up", id: r.followUp, contact: r.contactID})
	case key.Matches(km, t.keys.No):
		t.deleting = nil
		t.clamp()
	}
	return t, nil
}

// moreCold asks for the next page of contacts going cold once the cursor
// reaches the last one loaded, so the list scrolls to its end.
func (t todayScreen) moreCold() tea.Cmd {
	a := t.agenda
	if len(a.Cold) == 0 || len(a.Cold) >= a.ColdTotal {
		return nil
	}
	if r, ok := t.selected(); ok && r.kind == rowCold && r.contactID == a.Cold[len(a.Cold)-1].ContactID {
		return emit(moreColdMsg{})
	}
	return nil
}

// startSnooze opens the prompt: for a follow-up, its new due day; for a
// contact going cold, the day its next touch is put off to.
func (t todayScreen) startSnooze() (todayScreen, tea.Cmd) {
	r, ok := t.selected()
	if !ok || (r.followUp == 0 && r.kind != rowCold) {
		return t, emit(statusMsg{"s snoozes a follow-up or puts off a contact going cold: select one first.", true})
	}
	t.snoozing, t.snoozeID, t.coldID, t.who = true, r.followUp, 0, r.raw
	t.snoozeOf = r.text
	if r.kind == rowCold {
		t.coldID, t.snoozeOf = r.contactID, r.who
	}
	t.input.SetValue("")
	t.clamp()
	return t, t.input.Focus()
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
		if t.coldID != 0 {
			return t, emit(laterIntentMsg{id: t.coldID, due: due})
		}
		return t, emit(snoozeIntentMsg{id: t.snoozeID, name: t.who, due: due})
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
	right := ""
	if t.kept != nil {
		right = st.Muted.Render(" kept " + strconv.Itoa(*t.kept) + "% · 90d")
	}
	b.WriteString(spread(title, right, t.w))
	if !t.loaded {
		return b.String()
	}
	page := t.listHeight()
	used := 0
	for i := t.offset; i < len(t.rows) && used < page; i++ {
		for _, l := range t.row(t.rows[i], i == t.cursor, focused) {
			if used < page {
				b.WriteString("\n" + l)
				used++
			}
		}
	}
	if r := t.deleting; r != nil {
		for ; used < page; used++ {
			b.WriteString("\n")
		}
		b.WriteString("\n" + trunc(st.Focus.Render("Delete “"+line(r.rawText)+"” for "+line(r.raw)+"?")+st.Muted.Render(" (u undoes)"), t.w))
		b.WriteString("\n" + st.Muted.Render("y yes · n no"))
	}
	if t.snoozing {
		for ; used < page; used++ {
			b.WriteString("\n")
		}
		verb := "Snooze "
		if t.coldID != 0 {
			verb = "Put off "
		}
		b.WriteString("\n" + st.Focus.Render(verb) + trunc(st.Text.Render("“"+t.snoozeOf+"”"), t.w-len(verb)))
		b.WriteString("\n" + spread(t.input.View(), t.snoozeHint(), t.w))
		b.WriteString("\n" + t.snoozeError())
	}
	return b.String()
}

// errSnoozeBack refuses a snooze to a day already past, as the command
// line does: snoozing moves a follow-up to a later day.
var errSnoozeBack = errors.New("that day is past; snooze moves to today or later")

// errLaterBack: putting a contact off moves its next touch after today.
var errLaterBack = errors.New("put off to a day after today")

// snoozeDue reads the snooze prompt.
func (t todayScreen) snoozeDue() (model.Date, error) {
	due, err := model.ParseDue(t.input.Value(), t.agenda.Day)
	switch {
	case err != nil:
		return due, err
	case t.coldID != 0 && !due.After(t.agenda.Day):
		return due, errLaterBack
	case due.Before(t.agenda.Day):
		return due, errSnoozeBack
	}
	return due, nil
}

// snoozeHint resolves what is typed as it is typed.
func (t todayScreen) snoozeHint() string {
	if strings.TrimSpace(t.input.Value()) == "" {
		return ""
	}
	due, err := t.snoozeDue()
	if err != nil {
		return t.st.Warn.Render(" ?")
	}
	return t.st.Good.Render(" → " + dayName(due))
}

// snoozeError is the parser's own sentence about what is typed, so the
// prompt says why, not just "?".
func (t todayScreen) snoozeError() string {
	if strings.TrimSpace(t.input.Value()) == "" {
		return t.st.Muted.Render(trunc("enter to confirm · esc to cancel", t.w))
	}
	if _, err := t.snoozeDue(); err != nil {
		return t.st.Warn.Render(trunc(err.Error(), t.w))
	}
	return ""
}

// row draws one row as one line, or two for a follow-up on a narrow pane.
func (t todayScreen) row(r todayRow, selected, focused bool) []string {
	st, w := t.st, t.w
	switch r.kind {
	case rowHeading:
		return []string{st.Section.Render(trunc(r.text, w))}
	case rowNote:
		return []string{st.Muted.Render(trunc("  "+r.text, w))}
	}
	mark := " "
	if selected {
		mark = "›"
	}
	markStyle := st.Muted
	if selected {
		markStyle = st.Accent
	}
	hot := selected && focused
	paint := func(s lipgloss.Style, text string) string {
		if hot {
			return text
		}
		return s.Render(text)
	}
	whenStyle := st.Muted
	switch r.kind {
	case rowOverdue:
		whenStyle = st.Warn
	case rowDue:
		whenStyle = st.Amber
	}
	right := ""
	if r.when != "" {
		right = " " + r.when
	}
	var out []string
	switch {
	case r.isFollowUp() && t.wrapped():
		out = []string{
			markStyle.Render(mark) + " " + spread(r.who, paint(whenStyle, right), w-2),
			"    " + t.followText(r, w-4, hot),
		}
	case r.isFollowUp():
		textW := w - 2 - t.nameW - 2 - ansi.StringWidth(right)
		out = []string{markStyle.Render(mark) + " " + fit(r.who, t.nameW) + "  " + t.followText(r, max(textW, 0), hot) + paint(whenStyle, right)}
	case r.kind == rowMoment:
		out = []string{markStyle.Render(mark) + " " + spread(r.who+paint(st.Amber, " · "+r.text), paint(st.Muted, right), w-2)}
	default: // going cold: the name, then the stage
		out = []string{markStyle.Render(mark) + " " + spread(r.who+paint(st.Muted, " · "+r.text), paint(st.Muted, right), w-2)}
	}
	if hot {
		for i := range out {
			out[i] = st.Selected.Render(fit(ansi.Strip(out[i]), w))
		}
	}
	return out
}

// theyOweMark starts a follow-up the contact owes: rapport waits on them.
const theyOweMark = "← "

// followText is a follow-up's text in exactly w cells, marked when they owe it.
func (t todayScreen) followText(r todayRow, w int, hot bool) string {
	if !r.theyOwe {
		return fit(r.text, w)
	}
	text := fit(theyOweMark+r.text, w)
	if hot {
		return text
	}
	return t.st.Accent.Render(text)
}

// cardFor says what card a today row calls for: the thank-you a meeting
// earned, or a card for a moment ("Birthday card").
func cardFor(r todayRow) (string, bool) {
	switch {
	case r.isFollowUp() && r.text == model.ThankYouText():
		return "Thank-you card", true
	case r.kind == rowMoment:
		label := []rune(strings.TrimSpace(r.rawText))
		if len(label) == 0 {
			return "Card", true
		}
		return string(unicode.ToUpper(label[0])) + string(label[1:]) + " card", true
	}
	return "", false
}
