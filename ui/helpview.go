package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// relabel is a binding with a description for one context ("esc" is
// "back" in the detail and "cancel" in a form); the keys stay those of
// the keymap.
func relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// bare shows a note-form toggle by its bare letter (its last key), as it
// works in the options row.
func bare(b key.Binding, desc string) key.Binding {
	ks := b.Keys()
	b.SetHelp(ks[len(ks)-1], desc)
	return b
}

// helpBar is the one-line help of the active context, or the status
// message while there is one.
func (a App) helpBar() string {
	if a.status != "" {
		style := a.st.Status
		if a.statusErr {
			style = a.st.Error
		}
		return style.Render(trunc(a.status, a.width))
	}
	return a.help.ShortHelpView(a.contextKeys())
}

// contextKeys lists the bindings that matter on the active screen, most
// useful first: the help bar drops from the end when the line is short.
func (a App) contextKeys() bindings {
	k := a.keys
	switch a.top() {
	case pageHelp:
		return bindings{relabel(k.Down, "scroll"), relabel(k.Back, "close"), relabel(k.Quit, "close")}
	case pageDetail:
		return a.detailKeys()
	case pageNote:
		return a.noteKeys()
	case pageReview:
		return bindings{relabel(k.Left, "week before"), relabel(k.Right, "week after"), relabel(k.Down, "scroll"), k.Back, k.Today, k.Help, k.Quit}
	case pageBrief:
		return bindings{k.Note, relabel(k.Open, "contact"), relabel(k.Down, "scroll"), k.Back, k.Help, k.Quit}
	case pageCards:
		return bindings{k.Card, k.Open, k.Brief, relabel(k.Tab, "holidays/birthdays"), k.Back, k.Help, k.Quit}
	case pageContact:
		if a.form.confirm != confirmNone {
			return bindings{k.Yes, relabel(k.No, "keep editing")}
		}
		return bindings{k.Save, k.NextField, k.PrevField, relabel(k.Back, "cancel")}
	case pageSearch:
		return a.search.helpKeys()
	case pageBook:
		return a.book.helpKeys()
	}
	if a.focus == paneToday {
		if a.agenda.snoozing {
			verb := "snooze"
			if a.agenda.coldID != 0 {
				verb = "put off"
			}
			return bindings{relabel(k.Open, verb), relabel(k.Back, "cancel")}
		}
		return bindings{k.Done, k.Snooze, k.Note, k.Open, relabel(k.Tab, "contacts"), k.Card, k.Brief, k.Help, k.Quit}
	}
	if a.list.editing {
		return bindings{relabel(k.Open, "keep filter"), relabel(k.Back, "clear"), relabel(k.FieldDown, "move")}
	}
	return bindings{k.Filter, k.Open, k.Note, k.Add, relabel(k.Tab, "today"), k.Edit, k.Sort, k.Help, k.Quit}
}

// detailKeys follow the detail's selection: the keys that act on it.
func (a App) detailKeys() bindings {
	k, d := a.keys, a.detail
	switch {
	case d.ask.active && d.ask.yesNo:
		return bindings{k.Yes, relabel(k.No, "no")}
	case d.ask.active:
		return bindings{relabel(k.Enter, "ok"), relabel(k.Back, "cancel")}
	}
	next := relabel(k.Tab, "next section")
	back := relabel(k.Back, "whole contact")
	switch d.sec {
	case secFollowUps:
		return bindings{k.Done, k.Snooze, relabel(k.Edit, "edit"), k.Delete, relabel(k.Down, "move"), next, back, k.Undo}
	case secQuestions:
		return bindings{relabel(k.Edit, "edit"), k.Delete, relabel(k.Down, "move"), next, back, k.Undo}
	case secNotes:
		return bindings{relabel(k.Edit, "edit note"), k.Delete, relabel(k.Down, "move"), next, back, k.Undo}
	}
	return bindings{relabel(k.Down, "scroll"), k.Note, k.Edit, k.Brief, relabel(k.Tab, "select"), k.Topic,
		relabel(k.Delete, "delete contact"), k.Merge, k.Undo, k.Back, k.Help, k.Quit}
}

func (a App) noteKeys() bindings {
	k := a.keys
	f := a.note
	if f.confirm != confirmNone {
		return bindings{k.Yes, relabel(k.No, "keep writing")}
	}
	switch f.zone {
	case zoneOptions:
		return bindings{
			k.Save, bare(k.Kind, "kind"), bare(k.Inbound, "inbound"),
			bare(k.Problem, "problem"), bare(k.Opportunity, "opportunity"), bare(k.Strategy, "strategy"),
			bare(k.Thanks, "thank-you"), k.NextField, relabel(k.Back, "cancel"),
			relabel(k.Tick, "toggle"), relabel(k.Right, "move"),
		}
	case zoneAsk:
		tick := "asked"
		if f.qCursor >= len(f.questions) {
			tick = "shared"
		}
		return bindings{k.Save, relabel(k.Tick, tick), relabel(k.Down, "move"), k.NextField, relabel(k.Back, "cancel")}
	}
	return bindings{k.Save, k.NextField, k.Editor, k.Kind, k.Inbound, relabel(k.Back, "cancel")}
}

// helpLines is the full help: every binding of the keymap, by group,
// flowed into as many columns as the width allows.
func (a App) helpLines() []string {
	st := a.st
	var items []string
	below := pageHome
	if len(a.stack) > 1 {
		below = a.stack[len(a.stack)-2]
	}
	for gi, g := range a.keys.helpFor(below) {
		if gi > 0 {
			items = append(items, "")
		}
		items = append(items, st.Section.Render(g.Title))
		for _, b := range g.Keys {
			h := b.Help()
			items = append(items, "  "+st.Accent.Render(fit(h.Key, 10))+" "+st.Muted.Render(h.Desc))
		}
	}
	items = append(items, "", st.Section.Render("List markers"),
		"  "+st.Warn.Render("!")+"  overdue follow-up",
		"  "+st.Amber.Render("•")+"  follow-up due today",
		"  "+st.Accent.Render("~")+"  going cold (past cadence)",
		"", st.Section.Render("Today markers"),
		"  "+st.Accent.Render(strings.TrimSpace(theyOweMark))+"  waiting: they owe you this")

	const colW = 38
	cols := max(a.lay.Body.W/colW, 1)
	per := (len(items) + cols - 1) / cols
	per = max(per, a.lay.Body.H)
	if cols == 1 || per*1 >= len(items) {
		return items
	}
	var out []string
	for r := 0; r < per; r++ {
		var b strings.Builder
		for c := 0; c < cols; c++ {
			i := c*per + r
			if i < len(items) {
				b.WriteString(fit(items[i], colW))
			}
		}
		out = append(out, b.String())
	}
	return out
}

func (a App) fullHelp() string {
	lines := a.helpLines()
	off := min(a.helpOffset, max(len(lines)-a.lay.Body.H, 0))
	return strings.Join(lines[off:], "\n")
}

func (a App) updateHelp(msg tea.Msg) App {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return a
	}
	k := a.keys
	maxOff := max(len(a.helpLines())-a.lay.Body.H, 0)
	switch {
	case key.Matches(km, k.Back):
		a.pop()
	case key.Matches(km, k.Up):
		a.helpOffset--
	case key.Matches(km, k.Down):
		a.helpOffset++
	case key.Matches(km, k.PageUp):
		a.helpOffset -= a.lay.Body.H
	case key.Matches(km, k.PageDown):
		a.helpOffset += a.lay.Body.H
	case key.Matches(km, k.Top):
		a.helpOffset = 0
	case key.Matches(km, k.Bottom):
		a.helpOffset = maxOff
	}
	a.helpOffset = min(max(a.helpOffset, 0), maxOff)
	return a
}
