package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rapport/model"
)

// globalKey handles the keys that work wherever no text is being typed.
// It reports false for keys the active screen should get.
func (a App) globalKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd, bool) {
	k := a.keys
	top := a.top()
	switch {
	case key.Matches(msg, k.ForceQuit):
		return a, tea.Quit, true
	case key.Matches(msg, k.Quit):
		if top == pageHelp {
			a.pop()
			return a, nil, true
		}
		return a, tea.Quit, true
	case key.Matches(msg, k.Help):
		if top == pageHelp {
			a.pop()
		} else {
			a.helpOffset = 0
			a.push(pageHelp)
		}
		return a, nil, true
	case top == pageHelp:
		return a, nil, false
	case key.Matches(msg, k.Add):
		return a.openContactForm()
	case key.Matches(msg, k.Search) && top != pageSearch:
		return a.openSearch("")
	case key.Matches(msg, k.Topics) && top != pageSearch:
		return a.openSearch(model.Opportunity)
	case key.Matches(msg, k.Tags) && top != pageBook:
		return a.openBook("Tags", loadTags(a.store))
	case key.Matches(msg, k.Referrals) && top != pageBook:
		return a.openBook("Referrals given to us", loadReferrers(a.store))
	case key.Matches(msg, k.Review) && top != pageReview:
		return a.openReview()
	case key.Matches(msg, k.Undo):
		return a, undo(a.store, false), true
	case key.Matches(msg, k.Redo):
		return a, undo(a.store, true), true
	case key.Matches(msg, k.Today):
		a.stack = a.stack[:0]
		a.focus = paneToday
		return a, nil, true
	case top == pageHome && key.Matches(msg, k.Cards):
		return a.openCards()
	case top == pageHome && key.Matches(msg, k.Tab):
		a.focus = 1 - a.focus
		return a, nil, true
	case top == pageHome && a.focus == paneToday && key.Matches(msg, k.Back):
		a.focus = paneList
		return a, nil, true
	case top == pageHome && a.focus == paneToday && key.Matches(msg, k.Filter):
		// Filtering is about contacts: go to the list and start.
		a.focus = paneList
		return a, nil, false
	}
	return a, nil, false
}

func (a App) openContactForm() (tea.Model, tea.Cmd, bool) {
	c := model.Contact{Stage: model.DefaultStage}
	a.form = newContactForm(a.st, a.keys, c, true, a.entries)
	a.push(pageContact)
	return a, nil, true
}

// hasEditor reports whether the user named an editor.
func (a App) hasEditor() bool {
	return strings.TrimSpace(a.env("VISUAL")) != "" || strings.TrimSpace(a.env("EDITOR")) != ""
}

// openReview opens the weekly review of this week over home.
func (a App) openReview() (tea.Model, tea.Cmd, bool) {
	a.stack = a.stack[:0]
	a.review = newReviewScreen(a.st, a.keys, a.today)
	a.push(pageReview)
	return a, loadReview(a.store, a.review.start, a.today), true
}

// push puts a page on top and gives it its size.
func (a *App) push(p page) {
	a.stack = append(a.stack, p)
	a.resize(a.width, a.height)
}

// pop returns to the page below.
func (a *App) pop() {
	if len(a.stack) > 0 {
		a.stack = a.stack[:len(a.stack)-1]
	}
}

// showContact opens a contact's detail in place of one on top, scrolled to
// note once loaded when note is not 0.
func (a App) showContact(id, note uint64) (tea.Model, tea.Cmd, bool) {
	if a.top() == pageDetail {
		a.pop()
	}
	a.detail = newDetailScreen(a.st, a.keys, a.today, id)
	a.detail.focus = note
	a.push(pageDetail)
	return a, loadDetail(a.store, id), true
}

// navigate carries out what screens ask for.
func (a App) navigate(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case openContactMsg:
		return a.showContact(msg.id, 0)
	case openNoteMsg:
		return a.showContact(msg.contact, msg.note)
	case newNoteMsg:
		a.note = newNoteForm(a.st, a.keys, a.now(), msg.id, msg.name, msg.followUp, msg.followText)
		a.push(pageNote)
		return a, loadNoteContext(a.store, msg.id), true
	case addContactMsg:
		return a.openContactForm()
	case editIntentMsg:
		return a, loadContact(a.store, msg.id), true
	case loadReviewMsg:
		return a, loadReview(a.store, msg.start, a.today), true
	case closePageMsg:
		a.pop()
		return a, nil, true
	case quitMsg:
		return a, tea.Quit, true
	case doneIntentMsg:
		return a, markDone(a.store, msg.id, msg.name, a.today), true
	case snoozeIntentMsg:
		return a, snooze(a.store, msg.id, msg.name, msg.due), true
	case laterIntentMsg:
		return a, later(a.store, msg.id, msg.due), true
	case saveNoteMsg:
		if msg.draft.editID != 0 {
			return a, saveNoteEdit(a.store, msg.draft.editID, msg.draft), true
		}
		in, follows, err := msg.draft.build(a.now())
		if err != nil {
			if a.top() == pageNote {
				a.note.saveFailed(err)
			}
			return a, nil, true
		}
		return a, saveNote(a.store, in, follows, msg.draft), true
	case saveContactMsg:
		c := msg.contact
		if msg.isNew {
			c.Created = a.now()
		}
		return a, saveContact(a.store, c, msg.isNew), true
	case editBodyMsg:
		a.editorWas = msg.text
		if !a.hasEditor() {
			return a, tea.Batch(a.setStatus("Neither $VISUAL nor $EDITOR is set: opening vi.", false), prepareEditor(msg.text)), true
		}
		return a, prepareEditor(msg.text), true
	case statusMsg:
		return a, a.setStatus(msg.text, msg.err), true
	case moreColdMsg:
		if a.coldLimit < a.agenda.agenda.ColdTotal {
			a.coldLimit += coldPage
			return a, a.reload(), true
		}
		return a, nil, true
	case undoIntentMsg:
		return a, undo(a.store, msg.redo), true
	case deleteIntentMsg:
		return a, deleteRecord(a.store, msg), true
	case editFollowUpMsg:
		return a, editFollowUp(a.store, msg), true
	case editQuestionMsg:
		return a, editQuestion(a.store, msg), true
	case editNoteIntentMsg:
		a.note = newNoteForm(a.st, a.keys, a.now(), msg.note.ContactID, msg.name, 0, "")
		a.note.fill(msg.note)
		a.push(pageNote)
		return a, nil, true
	case mergeLookupMsg:
		return a, planMerge(a.store, msg.keep, msg.query), true
	case mergeIntentMsg:
		return a, merge(a.store, msg.keep, msg.other), true
	case briefIntentMsg:
		if a.top() == pageBrief {
			a.pop()
		}
		a.brief = newBriefScreen(a.st, a.keys, a.today, msg.id)
		a.push(pageBrief)
		return a, loadBrief(a.store, msg.id), true
	case cardIntentMsg:
		return a, logCard(a.store, msg.id, msg.name, msg.text, a.now()), true
	case cardsModeMsg:
		return a, loadCards(a.store, a.cards.year, a.cards.month), true
	}
	return a, nil, false
}

// openCards pushes the holiday-card list of this year and reads it.
func (a App) openCards() (tea.Model, tea.Cmd, bool) {
	if a.top() != pageCards {
		a.cards = newCardsScreen(a.st, a.keys, a.today)
		a.push(pageCards)
	}
	return a, loadCards(a.store, a.cards.year, a.cards.month), true
}
