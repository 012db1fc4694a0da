package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
	"rapport/ui/chart"
)

// detailScreen shows one contact: profile, moments, figures, open
// follow-ups, call-prep questions and the timeline of notes, which a topic
// filter narrows. It is one scrolling document; on wide terminals the
// profile and the timeline sit side by side.
type detailScreen struct {
	st     *Styles
	keys   *KeyMap
	today  model.Date
	id     uint64
	d      store.Detail
	loaded bool
	topic  model.Topic // "" shows every note
	focus  uint64      // a note to scroll to once loaded (see applyFocus)
	// conflicts are open sync conflicts: the server's value is shown, the
	// rep's kept until `rapport sync resolve`.
	conflicts []store.SyncConflict

	lines   []string // the rendered document, rebuilt when anything changes
	notesAt int      // the line the timeline starts on
	offset  int
	w, h    int

	sec     section // what tab has selected; see detailselect.go
	cur     int     // the selected item of sec
	selLine int     // the document line of the selected item, -1 if none
	ask     ask     // a question at the foot: snooze, edit, delete, merge
}

func newDetailScreen(st *Styles, keys *KeyMap, today model.Date, id uint64) detailScreen {
	return detailScreen{st: st, keys: keys, today: today, id: id, ask: newAsk(st)}
}

func (d *detailScreen) setStyles(st *Styles) {
	d.st = st
	d.ask.input.SetStyles(st.TextInput)
	d.relayout()
}

// capturing reports whether a typed letter belongs to a question.
func (d detailScreen) capturing() bool { return d.ask.active && !d.ask.yesNo }

func (d *detailScreen) SetSize(w, h int) {
	d.w, d.h = w, h
	d.relayout()
}

func (d *detailScreen) setToday(day model.Date) { d.today = day; d.relayout() }

// setDetail shows freshly loaded data, keeping the scroll position.
func (d *detailScreen) setDetail(det store.Detail) {
	d.d, d.loaded = det, true
	d.clampSelection()
	d.relayout()
}

func (d *detailScreen) relayout() {
	if !d.loaded || d.w <= 0 {
		d.lines = nil
		return
	}
	d.selLine = -1
	if leftW, rightW, split := d.columns(); split {
		d.lines = sideBySide(d.profile(leftW), d.timeline(rightW), leftW, detailGap)
		d.notesAt = 0
	} else {
		d.lines = append(d.profile(d.w), "")
		d.notesAt = len(d.lines)
		d.lines = append(d.lines, d.timeline(d.w)...)
		if d.sec == secNotes && d.selLine >= 0 {
			d.selLine += d.notesAt
		}
	}
	d.scroll(0)
}

// detailGap is the space between the profile and the timeline side by side.
const detailGap = 3

// columns are the widths of the profile and the timeline: side by side
// (split) from splitWidth, else both the whole width, one above the other.
func (d detailScreen) columns() (profileW, timelineW int, split bool) {
	if d.w < splitWidth {
		return d.w, d.w, false
	}
	leftW := min(max(d.w*2/5, 34), 56)
	return leftW, d.w - leftW - detailGap, true
}

// hanging wraps text to w cells under a four-cell mark: the mark starts
// the first line, the others are indented as far.
func hanging(mark, text string, w int) []string {
	lines := wrap(text, w-4)
	for i := range lines {
		prefix := "    "
		if i == 0 {
			prefix = mark
		}
		lines[i] = prefix + lines[i]
	}
	return lines
}

// sideBySide joins two columns line by line.
func sideBySide(left, right []string, leftW, gap int) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	pad := strings.Repeat(" ", gap)
	for i := range n {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = fit(l, leftW) + pad + r
	}
	return out
}

func (d *detailScreen) scroll(n int) {
	d.offset = max(min(d.offset+n, len(d.lines)-d.viewHeight()), 0)
}

// viewHeight is the rows the document gets: all but a question's two.
func (d detailScreen) viewHeight() int {
	if d.ask.active {
		return max(d.h-2, 1)
	}
	return d.h
}

func (d detailScreen) Update(msg tea.Msg) (detailScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	if d.ask.active {
		var cmd tea.Cmd
		d.ask, cmd = d.ask.update(km, d.keys)
		d.scroll(0)
		return d, cmd
	}
	if !d.loaded {
		return d, nil
	}
	if next, cmd, ok := d.updateSelection(km); ok {
		return next, cmd
	}
	if n, ok := scrollKeys(km, d.keys, d.h, len(d.lines)); ok {
		d.scroll(n)
		return d, nil
	}
	k := d.keys
	switch {
	case key.Matches(km, k.Topic):
		// Filtering is about the timeline: bring it into view.
		d.topic = nextTopic(d.topic)
		d.relayout()
		d.offset = 0
		d.scroll(d.notesAt)
	case key.Matches(km, k.Back):
		return d, emit(closePageMsg{})
	case key.Matches(km, k.Note):
		return d, emit(newNoteMsg{id: d.id, name: d.d.Contact.Name})
	case key.Matches(km, k.Edit):
		return d, emit(editIntentMsg{d.id})
	case key.Matches(km, k.Brief):
		return d, emit(briefIntentMsg{d.id})
	}
	return d, nil
}

// nextTopic cycles all → problem → opportunity → strategy → all.
func nextTopic(t model.Topic) model.Topic {
	if t == "" {
		return model.Topics[0]
	}
	i := slices.Index(model.Topics, t)
	if i < 0 || i == len(model.Topics)-1 {
		return ""
	}
	return model.Topics[i+1]
}

func (d detailScreen) View() string {
	if !d.loaded {
		return d.st.Muted.Render("Loading…")
	}
	end := min(d.offset+d.viewHeight(), len(d.lines))
	lines := d.lines[d.offset:end]
	if d.ask.active {
		for len(lines) < d.viewHeight() {
			lines = append(lines, "")
		}
		lines = append(lines, d.ask.view(d.st, d.w)...)
	}
	return strings.Join(lines, "\n")
}

// position says how far down the document the view is, when it scrolls:
// "top", "42%" or "end"; "" when it all fits.
func (d detailScreen) position() string {
	if len(d.lines) <= d.h {
		return ""
	}
	switch end := min(d.offset+d.h, len(d.lines)); {
	case d.offset == 0:
		return "top"
	case end == len(d.lines):
		return "end"
	default:
		return fmt.Sprintf("%d%%", end*100/len(d.lines))
	}
}

// profile is the left column: who they are and where things stand, in
// the order a rep reads before a call: identity and how to reach them,
// what is open, what to ask, the figures, then moments and background.
func (d *detailScreen) profile(w int) []string {
	st, c, today := d.st, d.d.Contact, d.today
	var out []string
	add := func(s string) { out = append(out, trunc(s, w)) }
	addWrapped := func(label, text string) {
		if text == "" {
			return
		}
		for i, l := range wrap(label+text, w-2) {
			if i == 0 && label != "" {
				l = st.Label.Render(label) + strings.TrimPrefix(l, label)
			}
			out = append(out, "  "+l)
		}
	}
	section := func(title string, n int) {
		head := st.Section.Render(title)
		if n >= 0 {
			head += st.Muted.Render(" · " + strconv.Itoa(n))
		}
		out = append(out, "", head)
	}

	add(st.Section.Render(line(c.Name)))
	var role []string
	if c.Title != "" {
		role = append(role, line(c.Title))
	}
	if c.Company != "" {
		role = append(role, line(c.Company))
	}
	if len(role) > 0 {
		add(strings.Join(role, " · "))
	}
	add(st.Muted.Render(string(c.Stage) + " · every " + strconv.Itoa(c.CadenceDays()) + " days"))
	for _, l := range flow(append(slices.Clone(c.Emails), c.Phones...), " · ", w) {
		out = append(out, st.Accent.Render(l))
	}
	for _, sc := range d.conflicts {
		add(st.Warn.Render("! sync conflict, " + sc.Field + ": yours was " + line(strings.Join(sc.Mine, ", "))))
	}

	open := d.openFollowUps()
	section("Open follow-ups", len(open))
	if len(open) == 0 {
		add(st.Muted.Render("  none"))
	}
	for i, fu := range open {
		due := relDay(fu.Due, today)
		style := st.Muted
		switch late := fu.Due.DaysUntil(today); {
		case late > 0:
			due, style = strconv.Itoa(late)+"d late", st.Warn
		case late == 0:
			style = st.Amber
		}
		if fu.DueTime != "" {
			due += " " + fu.DueTime
		}
		text := line(fu.Text)
		if fu.TheyOwe {
			text = st.Accent.Render(theyOweMark + text) // theirs to keep: waiting on them
		}
		add(d.mark(secFollowUps, i, len(out)) + spread(text, style.Render(" "+due), w-2))
	}

	if qs := d.openQuestions(); len(qs) > 0 {
		section("Next time ask", len(qs))
		for qi, q := range qs {
			mark := st.Accent.Render("  ? ")
			if d.selected(secQuestions, qi) {
				mark = d.mark(secQuestions, qi, len(out)) + st.Accent.Render("? ")
			}
			out = append(out, hanging(mark, line(q.Text), w)...)
		}
	}

	var shares []model.Share
	for _, sh := range d.d.Shares {
		if sh.Open() {
			shares = append(shares, sh)
		}
	}
	if len(shares) > 0 {
		section("Next time share", len(shares))
		for _, sh := range shares {
			out = append(out, hanging(st.Good.Render("  + "), line(sh.Text), w)...)
		}
	}

	f := d.d.Figures(today)
	section("Last 90 days", -1)
	figure := func(label, value string) { add("  " + fit(st.Label.Render(label), 16) + value) }
	figure("meetings", strconv.Itoa(f.Meetings))
	share := pct(f.InboundShare)
	if f.InboundShare != nil {
		share += st.Muted.Render(fmt.Sprintf(" of %d", f.Interactions))
	}
	figure("inbound share", share)
	figure("last touch", model.DaysAgo(f.LastTouch, today))
	through := pct(f.FollowThrough)
	if f.FollowThrough != nil {
		through += st.Muted.Render(fmt.Sprintf(" (%d of %d kept)", f.PromisesKept, f.PromisesDue))
	}
	figure("follow-through", through)
	value := pct(f.ValueShare)
	if f.ValueShare != nil {
		value += st.Muted.Render(fmt.Sprintf(" of %d gave something", f.Interactions))
	}
	figure("value", value)

	section("Last 12 months", -1)
	for _, l := range chart.Trends(d.d.Trends(today), w-2, d.st.chartPaint()) {
		out = append(out, "  "+l)
	}

	if ms := c.AllMoments(); len(ms) > 0 {
		section("Moments", -1)
		for _, m := range ms {
			on := m.Date.NextOccurrence(today)
			item := model.MomentItem{Label: m.Label}
			if m.Date.HasYear() && m.Date.Year < on.Year {
				item.Years = on.Year - m.Date.Year
			}
			what := m.Date.Short() + " · " + momentWords(item)
			add("  " + spread(what, st.Muted.Render(" "+relDay(on, today)), w-2))
		}
	}

	about := len(out)
	out = append(out, "", st.Section.Render("About"))
	if len(c.Tags) > 0 {
		addWrapped("tags ", cleanJoin(c.Tags, ", "))
	}
	if r := d.d.ReferredBy; r != nil {
		addWrapped("referred by ", line(r.Name))
	}
	if len(d.d.Referrals) > 0 {
		names := make([]string, len(d.d.Referrals))
		for i, r := range d.d.Referrals {
			names[i] = r.Name
		}
		addWrapped("referrals ", cleanJoin(names, ", "))
	}
	addWrapped("how we met ", line(c.HowWeMet))
	addWrapped("what matters ", line(c.Matters))
	if len(c.Nicknames) > 0 {
		addWrapped("nickname ", cleanJoin(c.Nicknames, ", "))
	}
	for _, u := range c.URLs {
		addWrapped("web ", line(u))
	}
	for _, a := range c.Addresses {
		label := "address "
		if a.Label != "" {
			label = line(a.Label) + " "
		}
		addWrapped(label, cleanJoin(a.Lines(), ", "))
	}
	label := "background "
	for _, l := range strings.Split(c.Background, "\n") {
		if l = line(l); l != "" {
			addWrapped(label, l)
			label = ""
		}
	}
	for _, k := range c.Kept {
		addWrapped("on the card ", model.KeptText(k))
	}
	if len(out) == about+2 {
		out = out[:about] // nothing to say
	}
	return out
}

// timeline is the notes, newest first, narrowed by the topic filter.
func (d *detailScreen) timeline(w int) []string {
	st := d.st
	notes := d.visibleNotes()
	head := st.Section.Render("Timeline") + st.Muted.Render(" · "+plural(len(d.d.Notes), "note", "notes"))
	filter := "f: all topics"
	if d.topic != "" {
		head = st.Section.Render("Timeline") + st.Muted.Render(fmt.Sprintf(" · %d of %d", len(notes), len(d.d.Notes)))
		filter = "f: " + string(d.topic)
	}
	out := []string{spread(head, st.Accent.Render(" "+filter), w)}
	if len(notes) == 0 {
		msg := "  No notes yet. n writes one."
		if d.topic != "" {
			msg = "  No notes marked " + string(d.topic) + "."
		}
		return append(out, st.Muted.Render(msg))
	}
	for i, n := range notes {
		if i > 0 {
			out = append(out, "")
		}
		day := model.DateOf(n.At)
		parts := []string{yearDay(day, d.today), string(n.Kind)}
		if n.Inbound {
			parts = append(parts, "inbound")
		}
		meta := st.Accent.Render(strings.Join(parts, " · "))
		if len(n.Topics) > 0 {
			ts := make([]string, len(n.Topics))
			for j, t := range n.Topics {
				ts[j] = string(t)
			}
			meta += st.Amber.Render(" · " + strings.Join(ts, ", "))
		}
		meta = d.mark(secNotes, i, len(out)) + meta
		out = append(out, trunc(meta+st.Muted.Render(" · "+model.DaysAgo(day, d.today)), w-2))
		for _, p := range strings.Split(para(n.Text), "\n") {
			for _, l := range wrap(strings.ReplaceAll(p, "\t", "    "), w-4) {
				out = append(out, "    "+l)
			}
		}
		if n.Gave != "" {
			for i, l := range wrap("gave: "+line(n.Gave), w-4) {
				if i == 0 {
					l = st.Good.Render("gave:") + strings.TrimPrefix(l, "gave:")
				}
				out = append(out, "    "+l)
			}
		}
	}
	return out
}

// flow lays cleaned items out on lines of width w, separated by sep,
// moving whole items to the next line rather than breaking one (a phone
// number cut in two reads as two numbers).
func flow(items []string, sep string, w int) []string {
	var lines []string
	cur := ""
	for _, it := range items {
		it = line(it)
		switch {
		case cur == "":
			cur = it
		case ansi.StringWidth(cur+sep+it) <= w:
			cur += sep + it
		default:
			lines = append(lines, trunc(cur, w))
			cur = it
		}
	}
	if cur != "" {
		lines = append(lines, trunc(cur, w))
	}
	return lines
}

// cleanJoin cleans each part and joins them.
func cleanJoin(parts []string, sep string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = line(p)
	}
	return strings.Join(out, sep)
}

// mark is the two-cell gutter of a list item: a pointer on the selected
// one, whose document line (at) it remembers for scrolling.
func (d *detailScreen) mark(s section, i, at int) string {
	if !d.selected(s, i) {
		return "  "
	}
	d.selLine = at
	return d.st.Focus.Render("› ")
}
