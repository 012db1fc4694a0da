package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

type followUpJSON struct {
	ID       uint64 `json:"id"`
	Due      string `json:"due"`
	Promised string `json:"promised"`
	Done     string `json:"done"`
	Snoozes  int    `json:"snoozes"`
}

// The first case: the wrong follow-up marked done, then undone,
// is open again with its original due and promised dates.
func TestUndoTheWrongDone(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("log", "ada", "pricing call", "--kind", "call", "--follow-up", "tomorrow: Send the pricing sheet")
	b.ok("snooze", "1", "in 3d")
	var before struct {
		FollowUps []followUpJSON `json:"follow_ups"`
	}
	b.json(&before, "show", "ada")
	mustContain(t, b.ok("done", "1"), "Done")
	out := b.ok("undo")
	if strings.TrimSpace(out) != "Undid: done 'Send the pricing sheet' for Ada Lovelace" {
		t.Fatalf("undo said %q", out)
	}
	var after struct {
		FollowUps []followUpJSON `json:"follow_ups"`
	}
	b.json(&after, "show", "ada")
	if fmt.Sprint(before.FollowUps) != fmt.Sprint(after.FollowUps) || after.FollowUps[0].Done != "" {
		t.Fatalf("after undo %+v, want %+v", after.FollowUps, before.FollowUps)
	}
	mustContain(t, b.ok("redo"), "Redid: done 'Send the pricing sheet'")
	mustContain(t, b.ok("history", "--limit", "3"), "redo done", "undo done")
	mustContain(t, b.ok("check"), "consistent")
}

func TestDeleteContactAndUndoIsByteIdentical(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--company", "Analytical Engines")
	b.ok("add", "Grace Hopper", "--referred-by", "ada")
	for i := range 20 {
		args := []string{"log", "ada lovelace", fmt.Sprintf("call number %d", i), "--kind", "call"}
		if i < 3 {
			args = append(args, "--follow-up", fmt.Sprintf("in %dd: promise %d", i+1, i))
		}
		b.ok(args...)
	}
	before := b.ok("show", "ada lovelace", "--json")
	beforeGrace := b.ok("show", "grace", "--json")
	file := b.fileBytes()
	r := b.run("delete", "ada lovelace")
	if r.code != 2 || !strings.Contains(r.err, "--yes") || !bytes.Equal(file, b.fileBytes()) {
		t.Fatalf("delete without --yes off a terminal: exit %d, %q", r.code, r.err)
	}
	mustContain(t, b.ok("delete", "ada lovelace", "--yes"), "Deleted Ada Lovelace", "20 notes", "3 follow-ups")
	if r := b.run("show", "ada lovelace"); r.code == 0 {
		t.Fatalf("the deleted contact still shows")
	}
	if strings.Contains(b.ok("show", "grace", "--json"), `"referred_by": {`) {
		t.Fatalf("the referral to a deleted contact was kept")
	}
	b.ok("undo")
	if got := b.ok("show", "ada lovelace", "--json"); got != before {
		t.Fatalf("after undo:\n%s\nwant:\n%s", got, before)
	}
	if got := b.ok("show", "grace", "--json"); got != beforeGrace {
		t.Fatalf("the referral did not come back:\n%s", got)
	}
	mustContain(t, b.ok("check"), "consistent")
}

func TestMergeAndUndo(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--email", "ada@example.com", "--birthday", "12-10")
	b.ok("add", "Ada King", "--company", "Analytical Engines", "--email", "countess@example.com", "--email", "ADA@example.com", "--birthday", "12-11", "--tag", "vip")
	b.ok("log", "ada king", "tea at the club", "--kind", "meeting")
	b.ok("ask", "ada king", "How is the engine?")
	keep, other := b.ok("show", "ada lovelace", "--json"), b.ok("show", "ada king", "--json")
	file := b.fileBytes()
	dry := b.ok("merge", "ada lovelace", "ada king", "--dry-run")
	mustContain(t, dry, "Would merge Ada King", "1 note", "birthday differs")
	if !bytes.Equal(file, b.fileBytes()) {
		t.Fatalf("a dry run wrote")
	}
	if r := b.run("merge", "ada lovelace", "ada king"); r.code != 2 {
		t.Fatalf("merge without --yes off a terminal: exit %d", r.code)
	}
	mustContain(t, b.ok("merge", "ada lovelace", "ada king", "--yes"), "Merged Ada King", "rapport undo")
	var merged struct {
		Contact struct {
			Company string   `json:"company"`
			Emails  []string `json:"emails"`
			Tags    []string `json:"tags"`
		} `json:"contact"`
		Notes     []json.RawMessage `json:"notes"`
		Questions []json.RawMessage `json:"questions"`
		FollowUps []json.RawMessage `json:"follow_ups"`
	}
	b.json(&merged, "show", "ada lovelace")
	if merged.Contact.Company != "Analytical Engines" || len(merged.Contact.Emails) != 2 || len(merged.Notes) != 1 ||
		len(merged.Questions) != 1 || len(merged.FollowUps) != 1 || len(merged.Contact.Tags) != 1 {
		t.Fatalf("merged %+v", merged)
	}
	if r := b.run("show", "ada king"); r.code == 0 {
		t.Fatalf("OTHER survived the merge")
	}
	b.ok("undo")
	if got := b.ok("show", "ada lovelace", "--json"); got != keep {
		t.Fatalf("KEEP after undo:\n%s\nwant\n%s", got, keep)
	}
	if got := b.ok("show", "ada king", "--json"); got != other {
		t.Fatalf("OTHER after undo:\n%s\nwant\n%s", got, other)
	}
	mustContain(t, b.ok("duplicates"), "Ada Lovelace", "Ada King", "same email ada@example.com")
}

func TestCorrectNotesFollowUpsAndQuestions(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("add", "Grace Hopper")
	b.ok("log", "ada", "filed under the wrong person", "--kind", "call", "--follow-up", "fri: send it")
	b.ok("ask", "grace", "How was the conference?")
	mustContain(t, b.ok("note", "edit", "1", "--contact", "grace", "--kind", "meeting", "--topic", "problem"), "meeting with Grace Hopper")
	var g struct {
		Notes []struct {
			Kind   string   `json:"kind"`
			Topics []string `json:"topics"`
		} `json:"notes"`
		FollowUps []struct {
			Text    string `json:"text"`
			TheyOwe bool   `json:"they_owe"`
		} `json:"follow_ups"`
		Contact struct {
			LastTouch string `json:"last_touch"`
		} `json:"contact"`
	}
	b.json(&g, "show", "grace")
	if len(g.Notes) != 1 || g.Notes[0].Kind != "meeting" || len(g.Notes[0].Topics) != 1 || len(g.FollowUps) != 1 || g.Contact.LastTouch == "" {
		t.Fatalf("grace after the move: %+v", g)
	}
	var a struct {
		Notes   []json.RawMessage `json:"notes"`
		Contact struct {
			LastTouch string `json:"last_touch"`
		} `json:"contact"`
	}
	b.json(&a, "show", "ada")
	if len(a.Notes) != 0 || a.Contact.LastTouch != "" {
		t.Fatalf("ada keeps the moved note or its touch: %+v", a)
	}
	mustContain(t, b.ok("followup", "edit", "1", "--text", "send the deck", "--they-owe"), "they owe", "send the deck")
	mustContain(t, b.ok("question", "edit", "1", "How was PyCon?"), "How was PyCon?")
	mustContain(t, b.ok("question", "delete", "1", "--yes"), "Deleted the question 'How was PyCon?'")
	mustContain(t, b.ok("note", "delete", "1", "--yes"), "Deleted the meeting note")
	b.json(&g, "show", "grace")
	if len(g.Notes) != 0 || len(g.FollowUps) != 1 || g.FollowUps[0].Text != "send the deck" {
		t.Fatalf("after deleting the note its follow-up should stay: %+v", g)
	}
	for range 3 {
		b.ok("undo")
	}
	b.json(&g, "show", "grace")
	if len(g.Notes) != 1 || g.FollowUps[0].Text != "send it" && g.FollowUps[0].Text != "send the deck" {
		t.Fatalf("after undos: %+v", g)
	}
	mustContain(t, b.ok("check"), "consistent")

	file := b.fileBytes()
	for _, args := range [][]string{
		{"note", "delete", "99", "--yes"}, {"note", "edit", "99", "--text", "x"}, {"followup", "edit", "99", "--text", "x"},
		{"question", "delete", "99", "--yes"}, {"reopen", "99"}, {"done", "99"}, {"note", "edit", "1"},
		{"followup", "edit", "1", "--due", "2020-01-01"}, {"note", "edit", "1", "--at", "yesterday-ish"}, {"undo", "abc"},
		{"merge", "ada", "ada", "--yes"}, {"reopen", "1"},
	} {
		r := b.run(args...)
		lines := strings.Split(strings.TrimSpace(r.err), "\n")
		if r.code == 0 || len(lines) != 1 || !strings.HasPrefix(lines[0], "rapport: ") {
			t.Errorf("rapport %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.err)
		}
	}
	if !bytes.Equal(file, b.fileBytes()) {
		t.Fatalf("a refused command wrote to the file")
	}
}
