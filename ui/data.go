package ui

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"

	"rapport/model"
)

// handleData applies the results of commands: loaded data, the poll, and
// the outcome of writes.
func (a App) handleData(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	if next, cmd, ok := a.handlePractice(msg); ok {
		return next, cmd, true
	}
	switch msg := msg.(type) {
	case bookMsg:
		return a.applyBook(msg)
	case bookRowsMsg:
		if a.top() == pageBook {
			a.book.apply(msg)
		}
		return a, nil, true
	case searchMsg:
		if a.onStack(pageSearch) {
			a.search.apply(msg)
		}
		return a, nil, true
	case detailMsg:
		if a.onStack(pageDetail) && a.detail.id == msg.id {
			if msg.err != nil {
				// Close the detail only when it is on top: a note being
				// written over it must stay.
				if a.top() == pageDetail {
					a.pop()
				}
				return a, a.setStatus("Cannot open the contact: "+msg.err.Error(), true), true
			}
			a.detail.conflicts = msg.conflicts
			a.detail.setDetail(msg.detail)
			a.detail.applyFocus()
		}
		return a, nil, true
	case reviewMsg:
		if a.onStack(pageReview) {
			a.review.setReview(msg)
		}
		return a, nil, true
	case noteContextMsg:
		if a.onStack(pageNote) && a.note.id == msg.id && msg.err == nil {
			a.note.setQuestions(msg.questions)
			a.note.setShares(msg.shares)
		}
		return a, nil, true
	case editContactMsg:
		if msg.err != nil {
			return a, a.setStatus("Cannot edit the contact: "+msg.err.Error(), true), true
		}
		a.form = newContactForm(a.st, a.keys, msg.contact, false, a.entries)
		a.push(pageContact)
		return a, nil, true
	case tickMsg:
		a.polls++
		return a, poll(a.store, a.now, a.stamp, a.polls%10 == 0), true
	case pollMsg:
		return a.applyPoll(msg)
	case noteSavedMsg:
		return a.applyNoteSaved(msg)
	case followUpMsg:
		if msg.err != nil {
			a.agenda.unhide(msg.fu.ID)
			return a, tea.Batch(a.setStatus(msg.err.Error(), true), a.reload()), true
		}
		text := "Done: " + line(msg.fu.Text) + ", " + line(msg.name)
		if msg.verb == "snoozed" {
			text = "Snoozed to " + dayName(msg.fu.Due) + ": " + line(msg.fu.Text) + ", " + line(msg.name)
		}
		return a, tea.Batch(a.setStatus(text, false), a.reload()), true
	case laterMsg:
		if msg.err != nil {
			return a, a.setStatus(msg.err.Error(), true), true
		}
		text := "Put off " + line(msg.contact.Name) + " to " + dayName(msg.contact.NextTouch())
		return a, tea.Batch(a.setStatus(text, false), a.reload()), true
	case contactSavedMsg:
		if msg.err != nil {
			if a.top() == pageContact {
				a.form.saveFailed(msg.err)
				return a, nil, true
			}
			return a, a.setStatus(msg.err.Error(), true), true
		}
		if a.top() == pageContact {
			a.pop()
		}
		verb := "Saved "
		if msg.isNew {
			verb = "Added "
			a.selectID = msg.id
			a.focus = paneList
		}
		return a, tea.Batch(a.setStatus(verb+line(msg.name), false), a.reload()), true
	case changedMsg:
		return a.applyChanged(msg)
	case mergePlanMsg:
		if msg.err != nil {
			var cmd tea.Cmd
			if a.top() == pageDetail {
				cmd = a.detail.askMerge(msg.query) // no match or several: type more
			}
			return a, tea.Batch(cmd, a.setStatus(msg.err.Error(), true)), true
		}
		if a.top() == pageDetail {
			a.detail.confirmMerge(msg)
		}
		return a, nil, true
	case clearStatusMsg:
		if msg.seq == a.statusSeq {
			a.status = ""
		}
		return a, nil, true
	case editorReadyMsg:
		if msg.err != nil {
			return a, a.setStatus("Cannot start the editor: "+msg.err.Error(), true), true
		}
		return a, runEditor(msg.path, a.env), true
	case editorExitMsg:
		if msg.err != nil {
			path := msg.path
			text := "The editor failed (" + msg.err.Error() + "); the note is as it was."
			if !a.hasEditor() {
				text = "vi did not start (" + msg.err.Error() + "): set $VISUAL or $EDITOR to write notes in your editor; the note is as it was."
			}
			return a, tea.Batch(func() tea.Msg { os.Remove(path); return nil }, a.setStatus(text, true)), true
		}
		return a, readEditor(msg.path, a.editorWas), true
	case editorTextMsg:
		if msg.err != nil {
			return a, a.setStatus("Cannot read the edited note: "+msg.err.Error(), true), true
		}
		if msg.changed && a.onStack(pageNote) {
			a.note.setBody(msg.text)
		}
		return a, nil, true
	}
	return a, nil, false
}

// reload reads the book again unless a read is already on its way.
func (a *App) reload() tea.Cmd {
	if a.loading {
		a.pendingReload = true
		return nil
	}
	a.loading = true
	return loadBook(a.store, a.today, a.coldLimit)
}

func (a App) applyBook(msg bookMsg) (tea.Model, tea.Cmd, bool) {
	if msg.partial {
		// The first page, for the first frame. It never replaces a whole
		// book, should the whole book have come first.
		if !a.loaded && msg.err == nil {
			a.list.setAgenda(msg.agenda)
			a.list.setEntries(msg.entries, msg.index)
			a.list.partial = true
			a.agenda.setAgenda(msg.agenda, msg.kept)
			a.fitAgenda()
		}
		return a, nil, true
	}
	a.loading = false
	a.list.partial = false
	var cmds []tea.Cmd
	if a.pendingReload {
		// A write finished while this read was under way: read again.
		a.pendingReload = false
		cmds = append(cmds, a.reload())
	}
	if msg.err != nil {
		a.loadErr = msg.err
		cmds = append(cmds, a.setStatus(msg.err.Error(), true))
		return a, tea.Batch(cmds...), true
	}
	a.loadErr = nil
	if !a.loaded && len(msg.entries) == 0 {
		a.focus = paneList // an empty book opens on the welcome
	}
	a.loaded = true
	a.gen = msg.gen
	a.entries = msg.entries
	a.list.setAgenda(msg.agenda)
	a.list.setEntries(msg.entries, msg.index)
	a.agenda.setAgenda(msg.agenda, msg.kept)
	a.fitAgenda()
	if a.selectID != 0 {
		a.list.selectID(a.selectID)
		a.selectID = 0
	}
	if a.onStack(pageDetail) {
		cmds = append(cmds, loadDetail(a.store, a.detail.id))
	}
	if a.onStack(pageReview) {
		cmds = append(cmds, loadReview(a.store, a.review.start, a.today))
	}
	if a.onStack(pageBrief) {
		cmds = append(cmds, loadBrief(a.store, a.brief.id))
	}
	if a.onStack(pageCards) {
		cmds = append(cmds, loadCards(a.store, a.cards.year, a.cards.month))
	}
	return a, tea.Batch(cmds...), true
}

// applyPoll reloads when another process (or this one) wrote, or when the
// day has turned while the program stayed open; it always re-arms the tick.
func (a App) applyPoll(msg pollMsg) (tea.Model, tea.Cmd, bool) {
	cmds := []tea.Cmd{tick()}
	if msg.err != nil {
		return a, tick(), true // busy or gone for a moment: try again next second
	}
	if !msg.same {
		a.stamp = msg.stamp
	}
	if msg.day != a.today {
		a.setToday(msg.day)
		cmds = append(cmds, a.reload())
	} else if !msg.same && msg.gen != a.gen && a.loaded {
		cmds = append(cmds, a.reload())
		if a.onStack(pageSearch) { // an outside note may match: ask again
			cmds = append(cmds, a.search.run(a.store))
		}
	}
	return a, tea.Batch(cmds...), true
}

func (a *App) setToday(day model.Date) {
	a.today = day
	a.list.today = day
	if a.onStack(pageDetail) {
		a.detail.setToday(day)
	}
	if a.onStack(pageNote) {
		a.note.today = day
	}
	if a.onStack(pageReview) {
		a.review.today = day
	}
}

func (a App) applyNoteSaved(msg noteSavedMsg) (tea.Model, tea.Cmd, bool) {
	// The form on top is the one saved only while it is saving: it may
	// have been discarded meanwhile and another note begun.
	mine := a.top() == pageNote && a.note.saving
	if msg.err != nil {
		if mine {
			a.note.saveFailed(msg.err)
			return a, nil, true
		}
		return a, a.setStatus("The note was not saved: "+msg.err.Error(), true), true
	}
	if mine {
		a.pop()
	}
	text := "Saved the note for " + line(msg.name)
	for _, f := range msg.closed { // first: what the note settled
		text += " · done: " + line(f.Text)
	}
	for _, f := range msg.due {
		text += fmt.Sprintf(" · %s %s", line(f.Text), relDay(f.Due, a.today))
	}
	if msg.asks > 0 {
		text += " · " + plural(msg.asks, "question", "questions") + " for next time"
	}
	return a, tea.Batch(a.setStatus(text, false), a.reload()), true
}

// applyChanged reports an undo, redo, edit, delete or merge and reads the
// book again; a detail whose contact is gone closes.
func (a App) applyChanged(msg changedMsg) (tea.Model, tea.Cmd, bool) {
	if msg.err != nil {
		if msg.followUp != 0 {
			a.agenda.unhide(msg.followUp)
		}
		return a, a.setStatus(msg.err.Error(), true), true
	}
	if msg.gone != 0 && a.onStack(pageDetail) && a.detail.id == msg.gone {
		for a.top() != pageDetail {
			a.pop()
		}
		a.pop()
	}
	return a, tea.Batch(a.setStatus(line(msg.text), false), a.reload()), true
}
