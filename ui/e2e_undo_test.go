package ui_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUndoInTmux is the TUI flow on the real binary: d on an
// overdue follow-up in Today, u, and it is open again; then a note deleted
// from the detail view comes back with u.
func TestUndoInTmux(t *testing.T) {
	dir, bin, cliAt := e2eBinary(t)
	db := filepath.Join(dir, "book.db")
	const today = "2026-11-23"
	cli := func(args ...string) string { t.Helper(); return cliAt(today, args...) }
	cliAt("2026-11-18", "add", "Zelda Quarterly", "--company", "Hyrule Ltd")
	cliAt("2026-11-18", "log", "zelda", "Kickoff call", "--kind", "call", "--follow-up", "tomorrow: send the deck")
	cliAt("2026-11-19", "log", "zelda", "Second call about the pilot", "--kind", "call", "--follow-up", "tomorrow: book the pilot")
	type agenda struct {
		Overdue []struct {
			Text string `json:"text"`
		} `json:"overdue"`
	}
	overdue := func() string {
		t.Helper()
		var ag agenda
		if err := json.Unmarshal([]byte(cli("today", "--json")), &ag); err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, f := range ag.Overdue {
			texts = append(texts, f.Text)
		}
		return strings.Join(texts, ",")
	}
	if got := overdue(); got != "send the deck,book the pilot" {
		t.Fatalf("overdue before: %q", got)
	}

	tm := newTmux(t, dir)
	tm.start(120, 35, fmt.Sprintf("TERM=xterm-256color %s --db %s --today %s", bin, db, today))
	tm.waitFor("Zelda Quarterly", 10*time.Second)
	tm.keys("t") // the agenda, whichever pane had the keyboard
	tm.keys("d")
	tm.waitFor("Done: send the deck", 5*time.Second)
	if got := overdue(); got != "book the pilot" {
		t.Fatalf("overdue after d: %q", got)
	}
	tm.keys("u")
	tm.waitFor("Undid: done 'send the deck' for Zelda Quarterly", 5*time.Second)
	if got := overdue(); got != "send the deck,book the pilot" {
		t.Fatalf("overdue after u: %q", got)
	}

	// A note deleted from the detail view, then undone.
	tm.keys("enter")
	tm.waitFor("Timeline", 5*time.Second)
	tm.keys("Tab", "Tab", "x")
	tm.waitFor("Delete the call note", 5*time.Second)
	tm.keys("y")
	tm.waitFor("Deleted the call note", 5*time.Second)
	if out := cli("show", "zelda"); strings.Contains(out, "Second call about the pilot") {
		t.Fatalf("the note is still there:\n%s", out)
	}
	tm.keys("u")
	tm.waitFor("Undid: delete the call note", 5*time.Second)
	if out := cli("show", "zelda"); !strings.Contains(out, "Second call about the pilot") {
		t.Fatalf("undo did not bring the note back:\n%s", out)
	}
	tm.keys("q")
	tm.waitGone(5 * time.Second)
}
