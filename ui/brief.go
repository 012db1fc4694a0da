package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// briefScreen is the pre-call brief: everything for the next call with one
// contact on one screen, the same text `rapport brief` prints. n starts
// the note for the call; it scrolls when the terminal is shorter.
type briefScreen struct {
	st     *Styles
	keys   *KeyMap
	today  model.Date
	id     uint64
	name   string
	brief  model.Brief
	loaded bool
	lines  []string // the brief's text at width w, split once per load or resize
	offset int
	w, h   int
}

func newBriefScreen(st *Styles, keys *KeyMap, today model.Date, id uint64) briefScreen {
	return briefScreen{st: st, keys: keys, today: today, id: id}
}

func (b *briefScreen) setStyles(st *Styles) { b.st = st }

func (b *briefScreen) SetSize(w, h int) { b.w, b.h = w, h; b.relayout() }

func (b *briefScreen) setDetail(d store.Detail) {
	b.brief, b.name, b.loaded = d.Brief(b.today), d.Contact.Name, true
	b.relayout()
}

func (b *briefScreen) relayout() {
	b.lines = nil
	if b.loaded {
		b.lines = strings.Split(BriefText(b.brief, b.today, b.w), "\n")
	}
	b.scroll(0)
}

func (b *briefScreen) scroll(n int) {
	b.offset = max(min(b.offset+n, len(b.lines)-b.h), 0)
}

func (b briefScreen) Update(msg tea.Msg) (briefScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return b, nil
	}
	k := b.keys
	switch {
	case key.Matches(km, k.Up):
		b.scroll(-1)
	case key.Matches(km, k.Down):
		b.scroll(1)
	case key.Matches(km, k.Back):
		return b, emit(closePageMsg{})
	case key.Matches(km, k.Open):
		return b, emit(openContactMsg{b.id})
	case key.Matches(km, k.Note):
		if b.loaded {
			return b, emit(newNoteMsg{id: b.id, name: b.name})
		}
	}
	return b, nil
}

func (b briefScreen) View() string {
	if !b.loaded {
		return b.st.Muted.Render("Loading…")
	}
	lines := b.lines
	end := min(b.offset+b.h, len(lines))
	out := make([]string, 0, end-b.offset)
	for i := b.offset; i < end; i++ {
		l := lines[i]
		switch {
		case i == 0:
			l = b.st.Section.Render(l)
		case len(l) > briefLabel && strings.TrimSpace(l[:briefLabel]) != "":
			l = b.st.Label.Render(l[:briefLabel]) + l[briefLabel:]
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
