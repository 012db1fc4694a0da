package ui

import (
	"strings"
	"testing"
)

// In the detail view tab selects the follow-ups, d closes the selected
// one, and u brings it back: the one-line message says what was undone.
func TestDetailFollowUpDoneAndUndo(t *testing.T) {
	s := fixtureStore(t)
	a := openDetail(t, testApp(t, s, 120, 35), "ada")
	a = keys(t, a, "tab")
	if a.detail.sec != secFollowUps || !strings.Contains(screen(a), "› Send pilot pricing") {
		t.Fatalf("tab does not select the first follow-up:\n%s", screen(a))
	}
	a = keys(t, a, "j")
	if !strings.Contains(screen(a), "› Book the Q1 review") {
		t.Fatalf("j does not move the selection:\n%s", screen(a))
	}
	a = keys(t, a, "d")
	if !strings.Contains(a.status, "Done: Book the Q1 review") {
		t.Fatalf("status after d: %q", a.status)
	}
	if n := len(a.detail.openFollowUps()); n != 1 || a.detail.cur != 0 {
		t.Fatalf("after d: %d open follow-ups, selection %d", n, a.detail.cur)
	}
	a = keys(t, a, "u")
	if a.status != "Undid: done 'Book the Q1 review' for Ada Lovelace" {
		t.Fatalf("status after u: %q", a.status)
	}
	if !strings.Contains(screen(a), "Book the Q1 review") {
		t.Fatalf("undo did not bring it back:\n%s", screen(a))
	}
	a = keys(t, a, "ctrl+r")
	if !strings.HasPrefix(a.status, "Redid: done 'Book the Q1 review'") {
		t.Fatalf("status after ctrl+r: %q", a.status)
	}
}

// x on a note asks first; n keeps it, y deletes it, u restores it.
func TestDetailDeleteNoteAsksAndUndoes(t *testing.T) {
	s := fixtureStore(t)
	a := openDetail(t, testApp(t, s, 80, 24), "ada")
	a = keys(t, a, "tab", "tab", "tab") // follow-ups, questions, timeline
	if a.detail.sec != secNotes {
		t.Fatalf("three tabs select %s, want the timeline", a.detail.sec.name())
	}
	a = keys(t, a, "x")
	if !strings.Contains(screen(a), "Delete the meeting note of Wed Nov 18?") {
		t.Fatalf("x does not ask:\n%s", screen(a))
	}
	a = keys(t, a, "n")
	if n := len(a.detail.d.Notes); n != 3 || a.detail.ask.active {
		t.Fatalf("n: %d notes, asking %v", n, a.detail.ask.active)
	}
	a = keys(t, a, "x", "y")
	if n := len(a.detail.d.Notes); n != 2 || !strings.Contains(a.status, "Deleted the meeting note") {
		t.Fatalf("y: %d notes, status %q", n, a.status)
	}
	a = keys(t, a, "u")
	if n := len(a.detail.d.Notes); n != 3 || !strings.Contains(screen(a), "Budget freeze") {
		t.Fatalf("after u: %d notes\n%s", n, screen(a))
	}
}

// e on a note opens the note form filled in; saving rewrites the note.
func TestDetailEditNote(t *testing.T) {
	s := fixtureStore(t)
	a := openDetail(t, testApp(t, s, 80, 24), "ada")
	a = keys(t, a, "tab", "tab", "tab", "e")
	if a.top() != pageNote || a.note.editID == 0 || !strings.Contains(screen(a), "Edit note") {
		t.Fatalf("e on a note does not open the filled form:\n%s", screen(a))
	}
	a = typeText(t, a, " Edited.")
	a = keys(t, a, "ctrl+s")
	if a.top() != pageDetail || !strings.Contains(a.detail.d.Notes[0].Text, "Edited.") || len(a.detail.d.Notes) != 3 {
		t.Fatalf("after saving the edit:\n%s", screen(a))
	}
}

// x on the contact itself deletes it with everything; u brings it back.
func TestDetailDeleteContactAndMerge(t *testing.T) {
	s := fixtureStore(t)
	a := openDetail(t, testApp(t, s, 120, 35), "ada")
	a = keys(t, a, "x")
	if !strings.Contains(screen(a), "Delete Ada Lovelace with 3 notes") {
		t.Fatalf("x asks:\n%s", screen(a))
	}
	a = keys(t, a, "y")
	if a.top() != pageHome || !strings.Contains(a.status, "Deleted Ada Lovelace") {
		t.Fatalf("after deleting: top %v, status %q", a.top(), a.status)
	}
	id := a.detail.id
	a = keys(t, a, "u")
	if _, err := s.Contact(id); err != nil {
		t.Fatalf("undo did not restore the contact: %v", err)
	}
	a = run(t, a, emit(openContactMsg{id}))
	a = keys(t, a, "M")
	a = typeText(t, a, "linus")
	a = keys(t, a, "enter")
	if !strings.Contains(screen(a), "Merge Linus Chen") {
		t.Fatalf("M asks which contact, then what the merge does:\n%s", screen(a))
	}
	a = keys(t, a, "y")
	if !strings.Contains(a.status, "Merged Linus Chen into Ada Lovelace") {
		t.Fatalf("status %q", a.status)
	}
	a = keys(t, a, "u")
	if !strings.Contains(a.status, "Undid: merge Linus Chen into Ada Lovelace") {
		t.Fatalf("status %q", a.status)
	}
}

// x on a follow-up in Today asks, y deletes it (the selection staying in
// place), and u brings it back.
func TestTodayDeleteFollowUpAndUndo(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 120, 35)
	a = keys(t, a, "t")
	r, ok := a.agenda.selected()
	if !ok || r.followUp == 0 {
		t.Fatalf("Today opens without a follow-up selected:\n%s", screen(a))
	}
	a = keys(t, a, "x")
	if !strings.Contains(screen(a), "Delete “"+r.rawText+"” for "+r.raw+"?") {
		t.Fatalf("x does not ask:\n%s", screen(a))
	}
	a = keys(t, a, "n")
	if _, err := s.FollowUp(r.followUp); err != nil || a.agenda.deleting != nil {
		t.Fatalf("n deleted or kept asking: %v", err)
	}
	a = keys(t, a, "x", "y")
	if _, err := s.FollowUp(r.followUp); err == nil || !strings.Contains(a.status, "Deleted: "+r.rawText) {
		t.Fatalf("y: follow-up still there (%v), status %q", err, a.status)
	}
	a = keys(t, a, "u")
	if _, err := s.FollowUp(r.followUp); err != nil || !strings.Contains(screen(a), r.rawText) {
		t.Fatalf("u: %v\n%s", err, screen(a))
	}
}

// A merge query that names several contacts asks again with what was
// typed, so a company word or an id can be added.
func TestDetailMergeAsksAgainWhenAmbiguous(t *testing.T) {
	a := openDetail(t, testApp(t, fixtureStore(t), 120, 35), "ada")
	a = keys(t, a, "M")
	a = typeText(t, a, "zzz-nobody")
	a = keys(t, a, "enter")
	if !a.detail.ask.active || a.detail.ask.input.Value() != "zzz-nobody" || !a.statusErr {
		t.Fatalf("after a query naming nobody: asking %v, typed %q, status %q", a.detail.ask.active, a.detail.ask.input.Value(), a.status)
	}
	a = keys(t, a, "esc")
	if a.detail.ask.active {
		t.Fatal("esc does not close the question")
	}
}
