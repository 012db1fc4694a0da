package ui

import (
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// Every function here returns a tea.Cmd that captures the store handle and
// plain values, never the model: the I/O runs off the update loop and its
// result comes back as a message. Each store call opens the file, runs one
// transaction and closes it, so no lock is held between them.

// loadBook reads the entries and the agenda for day, with the first
// coldLimit contacts going cold (more load as the list scrolls to them).
func loadBook(s *store.Store, day model.Date, coldLimit int) tea.Cmd {
	return func() tea.Msg { return readBook(s, day, 0, coldLimit) }
}

// coldPage is how many contacts going cold a load brings: more than a
// screen shows; scrolling to the last one loads as many again.
const coldPage = 200

// firstPage is how many entries the first frame loads: more than any
// screen shows, a small fraction of a big book.
const firstPage = 200

// loadFirstPage reads the agenda and only the first entries by name, so
// the first frame of a big book appears at once; loadBook, started at the
// same time, brings the rest.
func loadFirstPage(s *store.Store, day model.Date) tea.Cmd {
	return func() tea.Msg { return readBook(s, day, firstPage, coldPage) }
}

// readBook reads the book for day in one transaction; limit > 0 reads only
// the first entries.
func readBook(s *store.Store, day model.Date, limit, coldLimit int) bookMsg {
	b, err := s.BookCold(day, limit, coldLimit)
	if err != nil {
		return bookMsg{err: err}
	}
	// The filter index is built here, off the update loop, so the list
	// never filters without it.
	return bookMsg{gen: b.Generation, day: day, entries: b.Entries, index: buildIndex(b.Entries), agenda: b.Agenda,
		kept: model.Percent(b.Kept, b.PromisesDue), partial: limit > 0 && len(b.Entries) == limit}
}

func loadDetail(s *store.Store, id uint64) tea.Cmd {
	return func() tea.Msg {
		d, err := s.Detail(id)
		var conflicts []store.SyncConflict
		if err == nil {
			conflicts, err = s.ContactConflicts(id)
		}
		return detailMsg{id: id, detail: d, conflicts: conflicts, err: err}
	}
}

func loadNoteContext(s *store.Store, id uint64) tea.Cmd {
	return func() tea.Msg {
		open, err := s.OpenQuestions(id)
		if err != nil {
			return noteContextMsg{id: id, err: err}
		}
		shares, err := s.OpenShares(id)
		return noteContextMsg{id: id, questions: open, shares: shares, err: err}
	}
}

func loadContact(s *store.Store, id uint64) tea.Cmd {
	return func() tea.Msg {
		c, err := s.Contact(id)
		return editContactMsg{contact: c, err: err}
	}
}

// tick wakes the poll once a second. tea.Tick fires once, so every
// pollMsg re-arms it.
func tick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}

// fileStamp is what a stat says of the database file: every write moves it.
type fileStamp struct {
	mod  time.Time
	size int64
}

// poll reads the day and, unless the file's stamp is the one seen last
// time (then nothing was written: an idle TUI never opens the file), the
// generation, in one short read transaction. Every tenth poll reads it
// anyway, for file systems whose clocks are coarse.
func poll(s *store.Store, now func() time.Time, seen fileStamp, full bool) tea.Cmd {
	return func() tea.Msg {
		day := model.DateOf(now())
		var stamp fileStamp
		if info, err := os.Stat(s.Path()); err == nil {
			stamp = fileStamp{info.ModTime(), info.Size()}
		}
		if !full && stamp != (fileStamp{}) && stamp == seen {
			return pollMsg{same: true, day: day, stamp: stamp}
		}
		gen, err := s.Generation()
		return pollMsg{gen: gen, day: day, stamp: stamp, err: err}
	}
}

// saveNote logs the note with its follow-ups and ticks off the questions
// asked, in one transaction.
func saveNote(s *store.Store, in model.Interaction, follows []model.FollowUp, d noteDraft) tea.Cmd {
	return func() tea.Msg {
		c := store.Capture{Note: &in, Asked: d.asked, Shared: d.shared, Close: d.close}
		for i := range follows {
			c.FollowUps = append(c.FollowUps, &follows[i])
		}
		for _, q := range d.ask {
			c.Ask = append(c.Ask, &model.Question{Text: q, Created: in.At})
		}
		closed, err := s.SaveCapture(c)
		return noteSavedMsg{id: in.ContactID, name: d.name, due: follows, closed: closed, asks: len(d.ask), err: err}
	}
}

func markDone(s *store.Store, id uint64, name string, day model.Date) tea.Cmd {
	return func() tea.Msg {
		fu, err := s.Done(id, day)
		fu.ID = id // also on failure: the agenda shows the row again
		return followUpMsg{verb: "done", fu: fu, name: name, err: err}
	}
}

func snooze(s *store.Store, id uint64, name string, due model.Date) tea.Cmd {
	return func() tea.Msg {
		fu, err := s.Snooze(id, due)
		return followUpMsg{verb: "snoozed", fu: fu, name: name, err: err}
	}
}

func later(s *store.Store, id uint64, due model.Date) tea.Cmd {
	return func() tea.Msg {
		c, err := s.Later(id, due)
		return laterMsg{contact: c, err: err}
	}
}

func saveContact(s *store.Store, c model.Contact, isNew bool) tea.Cmd {
	return func() tea.Msg {
		var err error
		if isNew {
			err = s.AddContact(&c)
		} else {
			err = s.UpdateContact(c)
		}
		return contactSavedMsg{id: c.ID, name: c.Name, isNew: isNew, err: err}
	}
}

func clearStatusAfter(seq int) tea.Cmd {
	return tea.Tick(statusTTL, func(time.Time) tea.Msg { return clearStatusMsg{seq} })
}

// prepareEditor writes the body to a private temp file for $EDITOR.
func prepareEditor(text string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "rapport-note-*.md") // 0600
		if err != nil {
			return editorReadyMsg{err: err}
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return editorReadyMsg{err: err}
		}
		return editorReadyMsg{path: f.Name()}
	}
}

// runEditor suspends the program and runs the editor on path.
func runEditor(path string, env func(string) string) tea.Cmd {
	return tea.ExecProcess(editorCommand(path, env), func(err error) tea.Msg {
		return editorExitMsg{path: path, err: err}
	})
}

// editorCommand is $VISUAL, then $EDITOR, then vi. The variable may carry
// arguments ("code --wait"), so on Unix the shell splits it, as git does.
func editorCommand(path string, env func(string) string) *exec.Cmd {
	editor := strings.TrimSpace(env("VISUAL"))
	if editor == "" {
		editor = strings.TrimSpace(env("EDITOR"))
	}
	if editor == "" {
		editor = "vi"
	}
	if runtime.GOOS == "windows" {
		args := strings.Fields(editor)
		return exec.Command(args[0], append(args[1:], path)...)
	}
	return exec.Command("sh", "-c", editor+` "$1"`, "rapport-editor", path)
}

// readEditor reads the edited file back and removes it. An unchanged or
// empty result means "no change".
func readEditor(path, before string) tea.Cmd {
	return func() tea.Msg {
		defer os.Remove(path)
		b, err := os.ReadFile(path)
		if err != nil {
			return editorTextMsg{err: err}
		}
		text := strings.TrimRight(string(b), "\n")
		changed := text != strings.TrimRight(before, "\n") && strings.TrimSpace(text) != ""
		return editorTextMsg{text: text, changed: changed}
	}
}

func loadBrief(s *store.Store, id uint64) tea.Cmd {
	return func() tea.Msg {
		d, err := s.Detail(id)
		return briefMsg{id: id, detail: d, err: err}
	}
}

// logCard logs a card to a contact now; a card pays any thank-you owed.
func logCard(s *store.Store, id uint64, name, text string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		in := model.Interaction{ContactID: id, Kind: model.Card, Text: text, At: now}
		closed, err := s.LogTouch(&in, nil, nil, nil)
		return cardLoggedMsg{name: name, closed: closed, err: err}
	}
}

// loadCards reads a card list: the contacts tagged for a holiday card with
// the cards logged to them in year, or those whose birthday falls in
// month with the cards of the weeks before.
func loadCards(s *store.Store, year int, month time.Month) tea.Cmd {
	return func() tea.Msg {
		from := time.Date(year, 1, 1, 0, 0, 0, 0, time.Local)
		to := from.AddDate(1, 0, 0)
		pick := func(c model.Contact) bool { return c.HasTag(model.HolidayCardTag) }
		mention := model.HolidayCardTag
		if month != 0 {
			mention = ""
			first := time.Date(year, month, 1, 0, 0, 0, 0, time.Local)
			from, to = first.AddDate(0, 0, -model.BirthdayCardWindow), first.AddDate(0, 1, 0)
			pick = func(c model.Contact) bool { return !c.Birthday.IsZero() && c.Birthday.Month == month }
		}
		list, err := s.CardContacts(pick, mention, from, to)
		return cardsMsg{year: year, month: month, list: list, err: err}
	}
}

// undo reverts the latest change made from anywhere, or redoes.
func undo(s *store.Store, redo bool) tea.Cmd {
	return func() tea.Msg {
		if redo {
			e, err := s.Redo()
			return changedMsg{text: "Redid: " + e.Summary, err: err}
		}
		e, err := s.Undo(0)
		return changedMsg{text: "Undid: " + e.Summary, err: err}
	}
}

// deleteRecord deletes what msg names; undo brings it back.
func deleteRecord(s *store.Store, msg deleteIntentMsg) tea.Cmd {
	return func() tea.Msg {
		switch msg.noun {
		case "contact":
			r, err := s.DeleteContact(msg.id)
			return changedMsg{text: "Deleted " + r.Contact.Name + " · u undoes", gone: msg.id, err: err}
		case "note":
			in, name, err := s.DeleteNote(msg.id)
			return changedMsg{text: "Deleted the " + string(in.Kind) + " note, " + name + " · u undoes", err: err}
		case "follow-up":
			f, name, err := s.DeleteFollowUp(msg.id)
			return changedMsg{text: "Deleted: " + f.Text + ", " + name + " · u undoes", followUp: msg.id, err: err}
		}
		q, name, err := s.DeleteQuestion(msg.id)
		return changedMsg{text: "Deleted the question: " + q.Text + ", " + name + " · u undoes", err: err}
	}
}

func editFollowUp(s *store.Store, msg editFollowUpMsg) tea.Cmd {
	return func() tea.Msg {
		f, err := s.EditFollowUp(msg.id, func(f *model.FollowUp) { f.Text, f.Due = msg.text, msg.due })
		return changedMsg{text: "Follow-up now: " + f.Text + ", due " + f.Due.String(), err: err}
	}
}

func editQuestion(s *store.Store, msg editQuestionMsg) tea.Cmd {
	return func() tea.Msg {
		q, err := s.EditQuestion(msg.id, msg.text)
		return changedMsg{text: "Question now: " + q.Text, err: err}
	}
}

// saveNoteEdit writes an edited note over the stored one, with the
// follow-ups promised in the form, in one transaction (one undo).
func saveNoteEdit(s *store.Store, id uint64, d noteDraft) tea.Cmd {
	return func() tea.Msg {
		due := slices.Clone(d.follows)
		ptrs := make([]*model.FollowUp, len(due))
		for i := range due {
			ptrs[i] = &due[i]
		}
		_, err := s.EditNote(id, func(in *model.Interaction) {
			in.Kind, in.Inbound, in.Topics, in.Text, in.Gave = d.kind, d.inbound, d.topics, d.text, d.gave
		}, ptrs...)
		return noteSavedMsg{id: d.contactID, name: d.name, due: due, err: err}
	}
}

// planMerge resolves the other contact and works out the merge, writing
// nothing.
func planMerge(s *store.Store, keep uint64, query string) tea.Cmd {
	return func() tea.Msg {
		other, err := s.Resolve(query)
		if err != nil {
			return mergePlanMsg{query: query, err: err}
		}
		r, err := s.Merge(keep, other.ID, true)
		return mergePlanMsg{query: query, plan: r, err: err}
	}
}

func merge(s *store.Store, keep, other uint64) tea.Cmd {
	return func() tea.Msg {
		r, err := s.Merge(keep, other, false)
		return changedMsg{text: "Merged " + r.Other.Name + " into " + r.Keep.Name + " · u splits them again", gone: other, err: err}
	}
}

// loadReview reads the weekly review of the week from start, on today.
func loadReview(s *store.Store, start, today model.Date) tea.Cmd {
	return func() tea.Msg {
		r, err := s.Review(start, today)
		return reviewMsg{start: start, review: r, err: err}
	}
}
