package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

// cardRow is one contact of the holiday-card list.
type cardRow struct {
	id      uint64
	name    string
	address string // one line; "" when there is none
	sent    model.Date
}

// cardsScreen is the holiday-card list of this year: who gets a card
// (tag holiday-card), where it goes, and whether it is sent; c logs the
// card for the selected contact.
type cardsScreen struct {
	st     *Styles
	keys   *KeyMap
	year   int
	rows   []cardRow
	loaded bool
	cursor int
	offset int
	w, h   int
}

func newCardsScreen(st *Styles, keys *KeyMap, year int) cardsScreen {
	return cardsScreen{st: st, keys: keys, year: year}
}

func (c *cardsScreen) setStyles(st *Styles) { c.st = st }

func (c *cardsScreen) SetSize(w, h int) { c.w, c.h = w, h; c.clamp() }

// setList shows a freshly read list, keeping the cursor on its contact.
func (c *cardsScreen) setList(list []store.CardContact) {
	var keep uint64
	if c.cursor < len(c.rows) {
		keep = c.rows[c.cursor].id
	}
	from := model.Date{Year: c.year, Month: 1, Day: 1}
	to := model.Date{Year: c.year, Month: 12, Day: 31}
	c.rows = c.rows[:0]
	for _, cc := range list {
		r := cardRow{id: cc.Contact.ID, name: cc.Contact.Name, sent: model.CardSent(cc.Cards, from, to)}
		if a, ok := model.CardAddress(cc.Contact); ok {
			r.address = strings.Join(a.Lines(), ", ")
		}
		if r.id == keep {
			c.cursor = len(c.rows)
		}
		c.rows = append(c.rows, r)
	}
	c.loaded = true
	c.clamp()
}

func (c *cardsScreen) clamp() {
	page := max(c.h-1, 1)
	c.cursor = min(max(c.cursor, 0), max(len(c.rows)-1, 0))
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+page {
		c.offset = c.cursor - page + 1
	}
}

func (c cardsScreen) Update(msg tea.Msg) (cardsScreen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, nil
	}
	k := c.keys
	switch {
	case key.Matches(km, k.Up):
		c.cursor--
	case key.Matches(km, k.Down):
		c.cursor++
	case key.Matches(km, k.Back):
		return c, emit(closePageMsg{})
	case len(c.rows) == 0:
	case key.Matches(km, k.Open):
		return c, emit(openContactMsg{c.rows[c.cursor].id})
	case key.Matches(km, k.Card):
		r := c.rows[c.cursor]
		return c, emit(cardIntentMsg{r.id, r.name, "Holiday card"})
	case key.Matches(km, k.Brief):
		return c, emit(briefIntentMsg{c.rows[c.cursor].id})
	}
	c.clamp()
	return c, nil
}

func (c cardsScreen) View() string {
	st := c.st
	if !c.loaded {
		return st.Muted.Render("Loading…")
	}
	sent, none := 0, 0
	for _, r := range c.rows {
		if !r.sent.IsZero() {
			sent++
		}
		if r.address == "" {
			none++
		}
	}
	head := st.Section.Render(fmt.Sprintf("Holiday cards %d", c.year)) +
		st.Muted.Render(fmt.Sprintf(" · %d of %d sent · %d without an address", sent, len(c.rows), none))
	out := []string{trunc(head, c.w)}
	if len(c.rows) == 0 {
		return strings.Join(append(out, st.Muted.Render(trunc("  Nobody is tagged "+model.HolidayCardTag+" yet (e edits a contact's tags).", c.w))), "\n")
	}
	nameW := min(max(c.w/3, 12), 28)
	end := min(c.offset+max(c.h-1, 1), len(c.rows))
	for i := c.offset; i < end; i++ {
		r := c.rows[i]
		status, style := "to send ", st.Amber
		if !r.sent.IsZero() {
			status, style = "sent "+fit(r.sent.Short(), 6), st.Good
		}
		where := st.Muted.Render("no address")
		if r.address != "" {
			where = line(r.address)
		}
		mark := "  "
		if i == c.cursor {
			mark = "› "
		}
		text := mark + style.Render(fit(status, 12)) + fit(line(r.name), nameW) + " " + where
		if i == c.cursor {
			text = st.Selected.Render(fit(ansi.Strip(text), c.w))
		}
		out = append(out, trunc(text, c.w))
	}
	return strings.Join(out, "\n")
}
