package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap holds every binding once; the help bar and the full help are
// built from these same values, so they cannot drift from what works.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding

	// While a text field has focus, only keys that type nothing move.
	FieldUp, FieldDown, FieldPgUp, FieldPgDown, Enter key.Binding

	Filter, Open, Back, Tab, Today, Sort key.Binding
	Search, Topics, Tags, Referrals      key.Binding
	Review                               key.Binding
	Note, Add, Edit, Done, Snooze, Topic key.Binding
	Brief, Card, Cards                   key.Binding

	Save, Editor, NextField, PrevField  key.Binding
	Kind, Inbound, Problem, Opportunity key.Binding
	Strategy, Thanks, Tick              key.Binding
	Left, Right                         key.Binding

	Yes, No key.Binding

	Undo, Redo, Delete, Merge key.Binding

	Help, Quit, ForceQuit key.Binding
}

// DefaultKeys is the keymap of DESIGN.md "TUI".
func DefaultKeys() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := func(keys ...string) []string { return keys }
	return KeyMap{
		Up:       b(k("up", "k"), "↑/k", "up"),
		Down:     b(k("down", "j"), "↓/j", "down"),
		PageUp:   b(k("pgup", "ctrl+b"), "pgup", "page up"),
		PageDown: b(k("pgdown", "ctrl+f", "space"), "pgdn", "page down"),
		Top:      b(k("home", "g"), "g", "top"),
		Bottom:   b(k("end", "G"), "G", "bottom"),

		FieldUp:     b(k("up", "ctrl+p"), "↑", "up"),
		FieldDown:   b(k("down", "ctrl+n"), "↓", "down"),
		FieldPgUp:   b(k("pgup"), "pgup", "page up"),
		FieldPgDown: b(k("pgdown"), "pgdn", "page down"),
		Enter:       b(k("enter"), "enter", "confirm"),

		Filter:    b(k("/"), "/", "filter"),
		Open:      b(k("enter"), "enter", "open"),
		Back:      b(k("esc"), "esc", "back"),
		Tab:       b(k("tab"), "tab", "switch pane"),
		Today:     b(k("t"), "t", "today"),
		Sort:      b(k("o"), "o", "sort name/last touch"),
		Search:    b(k("S"), "S", "search notes"),
		Topics:    b(k("P"), "P", "topics, book-wide"),
		Tags:      b(k("L"), "L", "lists by tag"),
		Referrals: b(k("R"), "R", "referrals"),
		Review:    b(k("w"), "w", "weekly review"),

		Note:   b(k("n"), "n", "new note"),
		Add:    b(k("a"), "a", "add contact"),
		Edit:   b(k("e"), "e", "edit contact"),
		Done:   b(k("d"), "d", "done"),
		Snooze: b(k("s"), "s", "snooze"),
		Topic:  b(k("f"), "f", "topic filter"),
		Brief:  b(k("b"), "b", "brief"),
		Card:   b(k("c"), "c", "log a card"),
		Cards:  b(k("C"), "C", "card list"),

		Save:      b(k("ctrl+s"), "ctrl+s", "save"),
		Editor:    b(k("ctrl+e"), "ctrl+e", "$EDITOR"),
		NextField: b(k("tab"), "tab", "next field"),
		PrevField: b(k("shift+tab"), "shift+tab", "previous field"),
		// The toggles work as alt+letter from anywhere in the note form,
		// and as the bare letter once tab has moved focus to the options
		// row (macOS terminals often send a symbol for alt+letter).
		Kind:        b(k("alt+k", "k"), "alt+k", "kind"),
		Inbound:     b(k("alt+i", "i"), "alt+i", "inbound"),
		Problem:     b(k("alt+p", "p"), "alt+p", "problem"),
		Opportunity: b(k("alt+o", "o"), "alt+o", "opportunity"),
		Strategy:    b(k("alt+s", "s"), "alt+s", "strategy"),
		Thanks:      b(k("alt+t", "t"), "alt+t", "thank-you"),
		Tick:        b(k("space", "x"), "space", "tick"),
		Left:        b(k("left", "h"), "←/h", "previous"),
		Right:       b(k("right", "l"), "→/l", "next"),

		Undo:   b(k("u"), "u", "undo"),
		Redo:   b(k("ctrl+r"), "ctrl+r", "redo"),
		Delete: b(k("x"), "x", "delete"),
		Merge:  b(k("M"), "M", "merge another into this"),

		Yes: b(k("y", "Y"), "y", "yes"),
		No:  b(k("n", "N", "esc"), "n", "no"),

		Help:      b(k("?"), "?", "help"),
		Quit:      b(k("q"), "q", "quit"),
		ForceQuit: b(k("ctrl+c"), "ctrl+c", "quit"),
	}
}

// bindings is a fixed list of bindings that satisfies help.KeyMap, for the
// one-line help bar.
type bindings []key.Binding

func (b bindings) ShortHelp() []key.Binding  { return b }
func (b bindings) FullHelp() [][]key.Binding { return [][]key.Binding{b} }

// helpGroup is one titled column of the full help.
type helpGroup struct {
	Title string
	Keys  []key.Binding
}

// helpFor is the full help of one screen: only the keys that work there.
// Help opens over home, a contact's detail or the review (elsewhere "?" is
// typed).
func (k KeyMap) helpFor(below page) []helpGroup {
	general := helpGroup{"General", []key.Binding{k.Help, k.Quit, k.ForceQuit}}
	move := helpGroup{"Move", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open, k.Back, k.Tab, k.Today, k.Review}}
	book := helpGroup{"Whole book", []key.Binding{k.Search, k.Topics, k.Tags, k.Referrals}}
	switch below {
	case pageHome:
		return []helpGroup{
			move,
			{"Today", []key.Binding{k.Done, relabel(k.Snooze, "snooze / put off"), k.Note, k.Edit, k.Card, k.Brief}},
			{"Contacts", []key.Binding{k.Filter, k.Sort, k.Note, k.Add, k.Edit, k.Brief, k.Cards}},
			{"Changes", []key.Binding{k.Undo, k.Redo}},
			general,
			book,
		}
	case pageDetail:
		return []helpGroup{
			{"Move", []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Tab, k.Back, k.Today, k.Review}},
			{"This contact", []key.Binding{k.Note, k.Edit, k.Topic, k.Done, k.Snooze, k.Brief, k.Add}},
			{"Changes", []key.Binding{k.Undo, k.Redo, k.Delete, k.Merge}},
			general,
			book,
		}
	}
	return []helpGroup{
		move,
		{"Contacts", []key.Binding{k.Filter, k.Sort, k.Note, k.Add, k.Edit, k.Topic, k.Brief, k.Card, k.Cards}},
		{"Follow-ups", []key.Binding{k.Done, k.Snooze}},
		{"Changes", []key.Binding{k.Undo, k.Redo, k.Delete, k.Merge}},
		general,
		book,
	}
}

// isAlt reports whether a key press carries the alt modifier, which is how
// the note form tells a toggle chord from a letter typed into the body.
func isAlt(msg tea.KeyPressMsg) bool { return msg.Mod&tea.ModAlt != 0 }

// scrollKeys turns the movement keys into how far a document of total lines
// shown h at a time should scroll; ok is false for any other key.
func scrollKeys(km tea.KeyPressMsg, k *KeyMap, h, total int) (n int, ok bool) {
	page := max(h-1, 1)
	switch {
	case key.Matches(km, k.Up):
		return -1, true
	case key.Matches(km, k.Down):
		return 1, true
	case key.Matches(km, k.PageUp):
		return -page, true
	case key.Matches(km, k.PageDown):
		return page, true
	case key.Matches(km, k.Top):
		return -total, true
	case key.Matches(km, k.Bottom):
		return total, true
	}
	return 0, false
}
