package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

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
	day     model.Date // the birthday this year, on the birthday list
}

// cardsScreen is the holiday-card list of this year: who gets a card
// (tag holiday-card), where it goes, and whether it is sent; c logs the
// card for the selected contact. tab turns it into this month's
// birthday-card list and back.
type cardsScreen struct {
	st        *Styles
	keys      *KeyMap
	year      int
	month     time.Month // 0: holiday cards; else the birthdays of this month
	thisMonth time.Month
	rows      []cardRow
	loaded    bool
	cursor    int
	offset    int
	w, h      int
}

func newCardsScreen(st *Styles, keys *KeyMap, today model.Date) cardsScreen {
	return cardsScreen{st: st, keys: keys, year: today.Year, thisMonth: today.Month}
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
		if c.month != 0 {
			r.day = cc.Contact.Birthday.InYear(c.year)
			r.sent = model.CardSent(cc.Cards, r.day.AddDays(-model.BirthdayCardWindow), r.day)
		}
		if a, ok := model.CardAddress(cc.Contact); ok {
			r.address = strings.Join(a.Lines(), ", ")
		}
		if r.id == keep {
			c.cursor = len(c.rows)
		}
		c.rows = append(c.rows, r)
	}
	if c.month != 0 {
		slices.SortStableFunc(c.rows, func(x, y cardRow) int { return x.day.Compare(y.day) })
	}
	c.loaded = true
	c.clamp()
}

func (c *cardsScreen) clamp() {
	page := max(c.h-1, 1)
	c.cursor = min(max(c.cursor, 0), max(len(c.rows)-1, 0))
	c.offset = keepInView(c.cursor, c.offset, page)
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
	case key.Matches(km, k.Tab):
		if c.month == 0 {
			c.month = c.thisMonth
		} else {
			c.month = 0
		}
		c.rows, c.loaded, c.cursor, c.offset = nil, false, 0, 0
		return c, emit(cardsModeMsg{})
	case len(c.rows) == 0:
	case key.Matches(km, k.Open):
		return c, emit(openContactMsg{c.rows[c.cursor].id})
	case key.Matches(km, k.Card):
		r := c.rows[c.cursor]
		text := "Holiday card"
		if c.month != 0 {
			text = "Birthday card"
		}
		return c, emit(cardIntentMsg{r.id, r.name, text})
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
	title, empty := fmt.Sprintf("Holiday cards %d", c.year), "  Nobody is tagged "+model.HolidayCardTag+" yet (e edits a contact's tags)."
	if c.month != 0 {
		title, empty = fmt.Sprintf("Birthday cards, %s", c.month), "  No birthday this month."
	}
	head := st.Section.Render(title) +
		st.Muted.Render(fmt.Sprintf(" · %d of %d sent · %d without an address · tab: ", sent, len(c.rows), none)+c.other())
	out := []string{trunc(head, c.w)}
	if len(c.rows) == 0 {
		return strings.Join(append(out, st.Muted.Render(trunc(empty, c.w))), "\n")
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
		if c.month != 0 {
			mark += fit(r.day.Short(), 7)
		}
		text := mark + style.Render(fit(status, 12)) + fit(line(r.name), nameW) + " " + where
		if i == c.cursor {
			text = st.Selected.Render(fit(ansi.Strip(text), c.w))
		}
		out = append(out, trunc(text, c.w))
	}
	return strings.Join(out, "\n")
}

// other names the list tab switches to.
func (c cardsScreen) other() string {
	if c.month != 0 {
		return "holiday cards"
	}
	return "birthdays"
}
