package ui

import (
	tea "charm.land/bubbletea/v2"

	"rapport/model"
)

// openSearch opens the search screen; with a topic, it is the book-wide
// view of that topic.
func (a App) openSearch(topic model.Topic) (tea.Model, tea.Cmd, bool) {
	a.search = newSearchScreen(a.st, a.keys, a.today, topic)
	a.push(pageSearch)
	cmd := a.search.run(a.store)
	return a, tea.Batch(cmd, a.search.input.Focus()), true
}

// updateSearch gives the search screen its message, and runs the query
// again when the screen says it changed. The query runs in a command, so
// no keystroke waits on the disk.
func (a App) updateSearch(msg tea.Msg) (App, tea.Cmd) {
	var cmd tea.Cmd
	var changed bool
	a.search, cmd, changed = a.search.Update(msg)
	if changed {
		cmd = tea.Batch(cmd, a.search.run(a.store))
	}
	return a, cmd
}

// openBook opens a book-wide list and starts loading its rows.
func (a App) openBook(title string, load tea.Cmd) (tea.Model, tea.Cmd, bool) {
	a.book = newBookScreen(a.st, a.keys, title)
	a.push(pageBook)
	return a, load, true
}
