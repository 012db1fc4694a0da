package ui

import (
	tea "charm.land/bubbletea/v2"
)

// handlePractice applies the results of the brief, card and card-list
// commands.
func (a App) handlePractice(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case briefMsg:
		if a.onStack(pageBrief) && a.brief.id == msg.id {
			if msg.err != nil {
				if a.top() == pageBrief {
					a.pop()
				}
				return a, a.setStatus("Cannot open the brief: "+msg.err.Error(), true), true
			}
			a.brief.setDetail(msg.detail)
		}
		return a, nil, true
	case cardLoggedMsg:
		if msg.err != nil {
			return a, a.setStatus("The card was not logged: "+msg.err.Error(), true), true
		}
		text := "Logged a card to " + line(msg.name)
		for _, f := range msg.closed {
			text += " · done: " + line(f.Text)
		}
		cmds := []tea.Cmd{a.setStatus(text, false), a.reload()}
		if a.onStack(pageCards) {
			cmds = append(cmds, loadCards(a.store, a.cards.year, a.cards.month))
		}
		return a, tea.Batch(cmds...), true
	case cardsMsg:
		if a.onStack(pageCards) && a.cards.year == msg.year && a.cards.month == msg.month {
			if msg.err != nil {
				return a, a.setStatus("Cannot read the card list: "+msg.err.Error(), true), true
			}
			a.cards.setList(msg.list)
		}
		return a, nil, true
	}
	return a, nil, false
}
