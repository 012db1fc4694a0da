package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// noteApp opens a note for Ada Lovelace from the list.
func noteApp(t *testing.T, w, h int) (App, *store.Store) {
	t.Helper()
	s := fixtureStore(t)
	a := listApp(t, s, w, h)
	a = keys(t, a, "n")
	if a.top() != pageNote || a.note.name != "Ada Lovelace" {
		t.Fatal("n should open a note for the selected contact")
	}
	return a, s
}

func adaDetail(t *testing.T, s *store.Store, a App) store.Detail {
	t.Helper()
	d, err := s.Detail(a.note.id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNoteStartsInTheBody(t *testing.T) {
	a, _ := noteApp(t, 80, 24)
	if a.note.zone != zoneBody || !a.note.body.Focused() || !a.capturing() {
		t.Fatal("the cursor starts in the body")
	}
	if len(a.note.questions) != 2 {
		t.Errorf("open questions loaded: %d", len(a.note.questions))
	}
	out := screen(a)
	for _, want := range []string{"Note · Ada Lovelace", "follow-up", "options call", "next time ask · 2 open", "Who else signs off"} {
		if !strings.Contains(out, want) {
			t.Errorf("form lacks %q:\n%s", want, out)
		}
	}
	// Letters that are global keys elsewhere are text here.
	a = typeText(t, a, "quick talk, then ?")
	if got := a.note.body.Value(); got != "quick talk, then ?" || a.top() != pageNote {
		t.Errorf("body %q, page %v", got, a.top())
	}
}

func TestNoteEscAsksBeforeDiscarding(t *testing.T) {
	a, _ := noteApp(t, 80, 24)
	a = typeText(t, a, "something worth keeping")
	a = keys(t, a, "esc")
	if a.top() != pageNote || a.note.confirm != confirmDiscard || !strings.Contains(screen(a), "Discard this note? y/n") {
		t.Fatalf("esc with text should ask:\n%s", screen(a))
	}
	a = keys(t, a, "n")
	if a.note.confirm != confirmNone || a.note.body.Value() != "something worth keeping" {
		t.Fatal("n keeps writing, text intact")
	}
	// q in the options row asks too.
	a = keys(t, a, "tab", "tab", "tab", "q")
	if a.note.confirm != confirmDiscard {
		t.Fatal("q in the options row should ask")
	}
	a = keys(t, a, "esc")
	if a.note.confirm != confirmNone || a.top() != pageNote {
		t.Fatal("esc answers no")
	}
	a = keys(t, a, "esc", "y")
	if a.top() != pageHome {
		t.Fatal("y discards and goes back")
	}
	// With nothing typed, esc just closes.
	a = keys(t, a, "n", "esc")
	if a.top() != pageHome {
		t.Fatal("an empty note closes without asking")
	}
}

func TestNoteCtrlCAsksBeforeQuitting(t *testing.T) {
	a, _ := noteApp(t, 80, 24)
	a = typeText(t, a, "half a thought")
	a, cmd := update(a, press("ctrl+c"))
	if cmd != nil || a.note.confirm != confirmQuit {
		t.Fatal("ctrl+c with text should ask first")
	}
	a, cmd = update(a, press("y"))
	if _, ok := msgOf(t, cmd).(quitMsg); !ok {
		t.Fatal("y quits")
	}
	_, cmd = update(a, quitMsg{})
	if _, ok := msgOf(t, cmd).(tea.QuitMsg); !ok {
		t.Fatal("quitMsg quits the program")
	}
}

func TestNoteSaveWithFollowUp(t *testing.T) {
	a, s := noteApp(t, 80, 24)
	a = typeText(t, a, "Talked budgets.")
	a = keys(t, a, "tab")
	if a.note.zone != zoneFollow {
		t.Fatal("tab moves to the follow-up line")
	}
	a = typeText(t, a, "today: call back with numbers")
	if !strings.Contains(screen(a), "→ Mon Nov 23") {
		t.Errorf("the follow-up date should resolve as typed:\n%s", screen(a))
	}
	a = keys(t, a, "ctrl+s")
	if a.top() != pageHome {
		t.Fatalf("ctrl+s saves and closes:\n%s", screen(a))
	}
	d := adaDetail(t, s, a)
	n := d.Notes[0]
	if n.Text != "Talked budgets." || n.Kind != model.Call || n.Inbound || !n.At.Equal(fixedNow) {
		t.Errorf("saved note %+v", n)
	}
	found := false
	for _, f := range d.FollowUps {
		if f.Text == "call back with numbers" && f.Due == day(2026, 11, 23) && f.NoteID == n.ID {
			found = true
		}
	}
	if !found {
		t.Errorf("follow-up missing: %+v", d.FollowUps)
	}
	// It lands in today, and the list says so.
	a = keys(t, a, "t")
	if !hasRow(screen(a), "Ada Lovelace", "call back with numbers") {
		t.Errorf("the follow-up should be due today:\n%s", screen(a))
	}
}

func TestNoteValidation(t *testing.T) {
	a, s := noteApp(t, 80, 24)
	a = keys(t, a, "ctrl+s")
	if a.top() != pageNote || !strings.Contains(screen(a), "write the note first") {
		t.Fatalf("an empty note is not saved:\n%s", screen(a))
	}
	a = typeText(t, a, "Body")
	a = keys(t, a, "tab")
	a = typeText(t, a, "someday: later")
	if !strings.Contains(screen(a), "date?") {
		t.Errorf("an unreadable date is flagged as typed:\n%s", screen(a))
	}
	a = keys(t, a, "ctrl+s")
	if a.top() != pageNote || a.note.zone != zoneFollow || !strings.Contains(screen(a), "cannot read") {
		t.Fatalf("a bad follow-up blocks saving:\n%s", screen(a))
	}
	if d := adaDetail(t, s, a); len(d.Notes) != 3 {
		t.Errorf("nothing may be written: %d notes", len(d.Notes))
	}
}

func TestNoteTogglesAndThankYou(t *testing.T) {
	a, s := noteApp(t, 120, 35)
	a = typeText(t, a, "Lunch with the board.")
	// alt+letters toggle from the body without typing.
	a = keys(t, a, "alt+k", "alt+i", "alt+p", "alt+s")
	if a.note.body.Value() != "Lunch with the board." {
		t.Fatalf("alt keys typed into the body: %q", a.note.body.Value())
	}
	if a.note.kindValue() != model.Meeting || !a.note.inbound || !a.note.topics[0] || a.note.topics[1] || !a.note.topics[2] {
		t.Fatalf("toggles: kind %v inbound %v topics %v", a.note.kindValue(), a.note.inbound, a.note.topics)
	}
	if !strings.Contains(screen(a), "[x] thank-you note tomorrow") {
		t.Errorf("a meeting shows the thank-you toggle on:\n%s", screen(a))
	}
	a = keys(t, a, "ctrl+s")
	d := adaDetail(t, s, a)
	n := d.Notes[0]
	if n.Kind != model.Meeting || !n.Inbound || !n.HasTopic(model.Problem) || !n.HasTopic(model.Strategy) || n.HasTopic(model.Opportunity) {
		t.Errorf("saved %+v", n)
	}
	thanks := 0
	for _, f := range d.FollowUps {
		if f.NoteID == n.ID && f.Text == "Send a thank-you note" && f.Due == day(2026, 11, 24) {
			thanks++
		}
	}
	if thanks != 1 {
		t.Errorf("a meeting adds one thank-you follow-up: %+v", d.FollowUps)
	}
}

func TestNoteThankYouOff(t *testing.T) {
	a, s := noteApp(t, 80, 24)
	a = typeText(t, a, "Quick coffee.")
	// In the options row the bare letters toggle.
	a = keys(t, a, "tab", "tab", "tab", "k", "t", "o")
	if a.note.kindValue() != model.Meeting || a.note.thanks || !a.note.topics[1] {
		t.Fatalf("options row letters: kind %v thanks %v topics %v", a.note.kindValue(), a.note.thanks, a.note.topics)
	}
	// ←/→ move (from the last toggled) and space toggles.
	a = keys(t, a, "left", "space")
	if a.note.opt != optProblem || !a.note.topics[0] {
		t.Fatalf("→ space: opt %d topics %v", a.note.opt, a.note.topics)
	}
	a = keys(t, a, "left", "left", "left", "space")
	if a.note.opt != optThanks || !a.note.thanks {
		t.Fatalf("← wraps to thank-you: opt %d thanks %v", a.note.opt, a.note.thanks)
	}
	a = keys(t, a, "space", "ctrl+s")
	d := adaDetail(t, s, a)
	for _, f := range d.FollowUps {
		if f.NoteID == d.Notes[0].ID {
			t.Errorf("thank-you was turned off, got %+v", f)
		}
	}
}

func TestNoteTicksQuestions(t *testing.T) {
	a, s := noteApp(t, 80, 24)
	a = typeText(t, a, "Asked about sign-off.")
	a = keys(t, a, "tab", "tab", "tab", "tab", "tab", "tab")
	if a.note.zone != zoneAsk {
		t.Fatal("the questions come after the options")
	}
	a = keys(t, a, "j", "space", "k", "space", "space")
	if a.note.asked[0] || !a.note.asked[1] {
		t.Fatalf("ticks: %v", a.note.asked)
	}
	if !strings.Contains(screen(a), "[x] What does success look like in Q1?") {
		t.Errorf("the tick shows:\n%s", screen(a))
	}
	a = keys(t, a, "tab")
	if a.note.zone != zoneBody {
		t.Error("tab wraps to the body")
	}
	a = keys(t, a, "shift+tab")
	if a.note.zone != zoneAsk {
		t.Error("shift+tab goes back")
	}
	a = keys(t, a, "ctrl+s")
	d := adaDetail(t, s, a)
	open := 0
	for _, q := range d.Questions {
		if q.Open() {
			open++
			if q.Text != "Who else signs off on the pilot?" {
				t.Errorf("wrong question ticked: %q still open", q.Text)
			}
		}
	}
	if open != 1 {
		t.Errorf("%d open questions, want 1", open)
	}
}

func TestNoteEditor(t *testing.T) {
	a, _ := noteApp(t, 80, 24)
	a = typeText(t, a, "draft")
	_, cmd := update(a, press("ctrl+e"))
	edit, ok := msgOf(t, cmd).(editBodyMsg)
	if !ok || edit.text != "draft" {
		t.Fatalf("ctrl+e: %#v", edit)
	}
	a, cmd = update(a, edit)
	ready, ok := readyOf(cmd)
	if !ok || ready.err != nil {
		t.Fatalf("prepare: %#v", ready)
	}
	// No $VISUAL or $EDITOR here: the status line says vi is used.
	if out := screen(run(t, a, cmd)); !strings.Contains(out, "Neither $VISUAL nor $EDITOR is set") {
		t.Errorf("ctrl+e without an editor should say so:\n%s", out)
	}
	info, err := os.Stat(ready.path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("temp file %v %v", info, err)
	}
	if b, _ := os.ReadFile(ready.path); string(b) != "draft" {
		t.Fatalf("temp file holds %q", b)
	}
	// The editor (here: us) writes the file; the body takes it.
	os.WriteFile(ready.path, []byte("draft, finished in the editor\n"), 0o600)
	a = run(t, a, emit(editorExitMsg{path: ready.path}))
	if got := a.note.body.Value(); got != "draft, finished in the editor" {
		t.Errorf("body after editor: %q", got)
	}
	if _, err := os.Stat(ready.path); !os.IsNotExist(err) {
		t.Error("the temp file should be removed")
	}
	// An editor left empty changes nothing.
	a, cmd = update(a, editBodyMsg{a.note.body.Value()})
	ready, _ = readyOf(cmd)
	os.WriteFile(ready.path, nil, 0o600)
	a = run(t, a, emit(editorExitMsg{path: ready.path}))
	if got := a.note.body.Value(); got != "draft, finished in the editor" {
		t.Errorf("an emptied file must not wipe the body: %q", got)
	}
}

func TestEditorCommand(t *testing.T) {
	env := map[string]string{"VISUAL": "code --wait", "EDITOR": "nano"}
	cmd := editorCommand("/tmp/x.md", func(k string) string { return env[k] })
	if got := strings.Join(cmd.Args, " "); got != `sh -c code --wait "$1" rapport-editor /tmp/x.md` {
		t.Errorf("VISUAL first: %s", got)
	}
	delete(env, "VISUAL")
	if got := strings.Join(editorCommand("/tmp/x.md", func(k string) string { return env[k] }).Args, " "); !strings.Contains(got, "nano") {
		t.Errorf("then EDITOR: %s", got)
	}
	if got := strings.Join(editorCommand("/tmp/x.md", func(string) string { return "" }).Args, " "); !strings.Contains(got, "vi \"$1\"") {
		t.Errorf("then vi: %s", got)
	}
}

func TestNoteEditorRunsForReal(t *testing.T) {
	// A real editor process: a script that appends a line.
	dir := t.TempDir()
	script := filepath.Join(dir, "ed.sh")
	os.WriteFile(script, []byte("#!/bin/sh\necho 'typed in ed' >> \"$1\"\n"), 0o700)
	ed := editorCommand(filepath.Join(dir, "n.md"), func(k string) string {
		if k == "EDITOR" {
			return script
		}
		return ""
	})
	os.WriteFile(filepath.Join(dir, "n.md"), []byte("first\n"), 0o600)
	if err := ed.Run(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "n.md"))
	if string(b) != "first\ntyped in ed\n" {
		t.Errorf("editor result %q", b)
	}
}

func TestNoteTakesLongPastes(t *testing.T) {
	a, s := noteApp(t, 40, 10)
	var long []string
	for i := range 150 {
		long = append(long, fmt.Sprintf("line %d of a long meeting write-up", i+1))
	}
	a = send(t, a, tea.PasteMsg{Content: strings.Join(long, "\n")})
	if got := strings.Count(a.note.body.Value(), "\n"); got != 149 {
		t.Fatalf("pasted %d lines, kept %d", 150, got+1)
	}
	a = keys(t, a, "ctrl+s")
	if d := adaDetail(t, s, a); d.Notes[0].Text != strings.Join(long, "\n") {
		t.Error("the long note was not saved whole")
	}
}

func TestLateSaveLeavesTheNextNoteAlone(t *testing.T) {
	a, _ := noteApp(t, 80, 24)
	a = typeText(t, a, "first")
	a, cmd := update(a, press("ctrl+s"))
	a, save := update(a, msgOf(t, cmd)) // the write is under way, not finished
	if save == nil || !a.note.saving {
		t.Fatal("ctrl+s should start saving")
	}
	// The user gives up waiting, discards and starts another note.
	a = keys(t, a, "esc", "y", "n")
	a = typeText(t, a, "second")
	a = run(t, a, save)
	if a.top() != pageNote || a.note.body.Value() != "second" {
		t.Fatalf("the first note's save must not close the second note:\n%s", screen(a))
	}
}

func TestPasteIsCleaned(t *testing.T) {
	a, s := noteApp(t, 80, 24)
	a = send(t, a, tea.PasteMsg{Content: "one\r\ntwo\u202eevil\u200bX\x1b]8;;http://x\x07link"})
	if got := a.note.body.Value(); got != "one\ntwoevilXlink" {
		t.Fatalf("pasted as %q", got)
	}
	a = keys(t, a, "ctrl+s")
	if d := adaDetail(t, s, a); d.Notes[0].Text != "one\ntwoevilXlink" {
		t.Errorf("saved as %q", d.Notes[0].Text)
	}
}

// The note form does what rapport log does: several follow-ups, each mine
// or theirs; a time in the past; new questions for next time; and, written
// from a follow-up's row, the follow-up closed in the same save.
func TestNoteCapturesEverything(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24) // on the agenda, Ada's overdue "Send pilot pricing"
	a = keys(t, a, "n")
	if a.top() != pageNote || a.note.closeID == 0 || !a.note.closeIt {
		t.Fatal("n on a follow-up row opens a note that offers to close it")
	}
	a = typeText(t, a, "Sent the pilot pricing; they will check the budget.")
	a = keys(t, a, "tab")
	a = typeText(t, a, "fri 3pm: call about the pilot; they mon: budget answer")
	if out := screen(a); !strings.Contains(out, "→ Fri Nov 27, Mon Nov 30") {
		t.Errorf("both follow-ups resolve as typed:\n%s", out)
	}
	a = keys(t, a, "tab", "tab", "tab") // gave, options, then when
	a = typeText(t, a, "yesterday 4pm")
	if out := screen(a); !strings.Contains(out, "→ Sun Nov 22 16:00") {
		t.Errorf("the time resolves as typed:\n%s", out)
	}
	a = keys(t, a, "tab")
	a = typeText(t, a, "Who owns the budget?; When is the board?")
	a = keys(t, a, "ctrl+s")
	if a.top() == pageNote {
		t.Fatalf("not saved:\n%s", screen(a))
	}
	out := screen(a)
	if !strings.Contains(out, "done: Send pilot pricing") {
		t.Errorf("the status names what was closed:\n%s", out)
	}
	ada, _ := s.Resolve("ada lovelace")
	d, _ := s.Detail(ada.ID)
	n := d.Notes[0]
	if !n.At.Equal(time.Date(2026, 11, 22, 16, 0, 0, 0, fixedNow.Location())) || n.Kind != model.Call {
		t.Errorf("note %+v", n)
	}
	var mine, theirs, closed bool
	for _, f := range d.FollowUps {
		switch {
		case f.Text == "call about the pilot" && f.Due == day(2026, 11, 27) && f.DueTime == "15:00" && !f.TheyOwe && f.NoteID == n.ID:
			mine = true
		case f.Text == "budget answer" && f.Due == day(2026, 11, 30) && f.TheyOwe:
			theirs = true
		case f.Text == "Send pilot pricing" && f.Done == day(2026, 11, 22):
			closed = true
		}
	}
	if !mine || !theirs || !closed {
		t.Errorf("follow-ups mine %v theirs %v closed %v: %+v", mine, theirs, closed, d.FollowUps)
	}
	asks := 0
	for _, q := range d.Questions {
		if q.Open() && (q.Text == "Who owns the budget?" || q.Text == "When is the board?") {
			asks++
		}
	}
	if asks != 2 {
		t.Errorf("new questions: %+v", d.Questions)
	}
}

// A time in the future is refused with the parser's sentence, and nothing
// is written.
func TestNoteRefusesAFutureTime(t *testing.T) {
	a, s := noteApp(t, 80, 24)
	a = typeText(t, a, "Will call")
	a = keys(t, a, "tab", "tab", "tab", "tab")
	a = typeText(t, a, "tomorrow")
	a = keys(t, a, "ctrl+s")
	if a.top() != pageNote || !strings.Contains(screen(a), "in the future") {
		t.Fatalf("a future time should be refused:\n%s", screen(a))
	}
	if d := adaDetail(t, s, a); len(d.Notes) != 3 {
		t.Errorf("nothing may be written: %d notes", len(d.Notes))
	}
}

// readyOf finds the editorReadyMsg among what cmd produces.
func readyOf(cmd tea.Cmd) (editorReadyMsg, bool) {
	for _, m := range collect(cmd) {
		if r, ok := m.(editorReadyMsg); ok {
			return r, true
		}
	}
	return editorReadyMsg{}, false
}
