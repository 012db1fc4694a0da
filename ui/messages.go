package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// Data messages: the results of commands that read or write the store.
type (
	// bookMsg carries what the home screen needs: the compact entries of
	// every contact and the day's agenda, with the generation read first,
	// so a write racing the load is seen again at the next poll.
	bookMsg struct {
		partial bool // only the first entries by name
		gen     uint64
		day     model.Date
		entries []store.Entry
		index   filterIndex
		agenda  model.Agenda
		kept    *int // follow-through of the last 90 days
		err     error
	}

	detailMsg struct {
		id        uint64
		detail    store.Detail
		conflicts []store.SyncConflict // open sync conflicts on the contact
		err       error
	}

	// noteContextMsg brings the open questions of the contact a note is
	// being written for.
	noteContextMsg struct {
		id        uint64
		questions []model.Question
		shares    []model.Share
		err       error
	}

	// editContactMsg brings the full contact for the edit form.
	editContactMsg struct {
		contact model.Contact
		err     error
	}

	// pollMsg is the result of the one-second look at the generation.
	pollMsg struct {
		same  bool // the file is as last seen: gen was not read
		gen   uint64
		day   model.Date
		stamp fileStamp
		err   error
	}

	tickMsg struct{}

	// noteSavedMsg: the note, its follow-ups and the questions asked were
	// written together, or (err) none of them.
	noteSavedMsg struct {
		id     uint64
		name   string
		due    []model.FollowUp
		closed []model.FollowUp // thank-yous the note paid, and the follow-up it kept
		asks   int              // questions added for next time
		err    error
	}

	followUpMsg struct {
		verb string // "done" or "snoozed"
		fu   model.FollowUp
		name string // whose it is, for the status line
		err  error
	}

	// laterMsg: a contact's next touch was put off.
	laterMsg struct {
		contact model.Contact
		err     error
	}

	contactSavedMsg struct {
		id    uint64
		name  string
		isNew bool
		err   error
	}

	// briefMsg brings the detail a brief is built from.
	briefMsg struct {
		id     uint64
		detail store.Detail
		err    error
	}

	// cardLoggedMsg: a card was logged, and closed these thank-yous.
	cardLoggedMsg struct {
		name   string
		closed []model.FollowUp
		err    error
	}

	// cardsMsg brings the holiday-card list of a year.
	cardsMsg struct {
		year  int
		month time.Month // 0: the holiday list; else that month's birthdays
		list  []store.CardContact
		err   error
	}

	// changedMsg is the outcome of an undo, redo, edit, delete or merge:
	// one line for the status bar. gone names a contact that no longer
	// exists, whose detail must close.
	changedMsg struct {
		text     string
		gone     uint64
		followUp uint64 // a follow-up Today hid at once, to show again on error
		err      error
	}

	// mergePlanMsg is what a merge would do, for the question before it.
	mergePlanMsg struct {
		query string // what was typed, to ask again when it names nobody
		plan  store.MergeResult
		err   error
	}

	// clearStatusMsg clears the status line unless a newer one replaced it.
	clearStatusMsg struct{ seq int }

	// editorReadyMsg: the note body is in a temp file, ready for $EDITOR.
	editorReadyMsg struct {
		path string
		err  error
	}
	// editorExitMsg: $EDITOR has exited.
	editorExitMsg struct {
		path string
		err  error
	}
	// editorTextMsg: the edited body, read back.
	editorTextMsg struct {
		text    string
		changed bool
		err     error
	}
)

// Intent messages: screens say what they want, the root does it.
type (
	openContactMsg struct{ id uint64 }
	newNoteMsg     struct {
		id   uint64
		name string
		// followUp, when the note is written from a follow-up's row, can
		// be closed in the same save.
		followUp   uint64
		followText string
	}
	addContactMsg struct{}
	editIntentMsg struct{ id uint64 }
	closePageMsg  struct{}
	quitMsg       struct{}
	doneIntentMsg struct {
		id   uint64
		name string
	}
	snoozeIntentMsg struct {
		id   uint64
		name string
		due  model.Date
	}
	laterIntentMsg struct {
		id  uint64
		due model.Date
	}
	saveNoteMsg    struct{ draft noteDraft }
	saveContactMsg struct {
		contact model.Contact
		isNew   bool
	}
	editBodyMsg struct{ text string }

	// deleteIntentMsg deletes a contact, note, follow-up or question;
	// contact is the contact the record belongs to.
	deleteIntentMsg struct {
		noun        string
		id, contact uint64
	}
	editFollowUpMsg struct {
		id   uint64
		text string
		due  model.Date
	}
	editQuestionMsg struct {
		id   uint64
		text string
	}
	editNoteIntentMsg struct {
		note model.Interaction
		name string
	}
	// mergeLookupMsg asks which contact a query names, to merge into keep.
	mergeLookupMsg struct {
		keep  uint64
		query string
	}
	mergeIntentMsg struct{ keep, other uint64 }
	undoIntentMsg  struct{ redo bool }
	// moreColdMsg: the agenda scrolled to the last contact going cold loaded.
	moreColdMsg struct{}
	// briefIntentMsg opens the pre-call brief of a contact.
	briefIntentMsg struct{ id uint64 }
	// cardIntentMsg logs a card to a contact (a thank-you, a birthday card,
	// a holiday card).
	cardIntentMsg struct {
		id         uint64
		name, text string
	}
	// cardsModeMsg: the card list switched between holidays and birthdays.
	cardsModeMsg struct{}
	statusMsg    struct {
		text string
		err  bool
	}
)

// emit wraps a message in a command.
func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// statusTTL is how long a status message stays.
const statusTTL = 4 * time.Second

// loadReviewMsg asks the root to load the review of the week from start.
type loadReviewMsg struct{ start model.Date }

// reviewMsg carries a loaded weekly review.
type reviewMsg struct {
	start  model.Date
	review model.Review
	err    error
}
