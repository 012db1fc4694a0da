package ui_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// TestSearchInTmux runs the real binary: a note logged from another shell
// while the TUI is open is found by typing one of its words on the search
// screen, and appears there by itself when logged while searching.
func TestSearchInTmux(t *testing.T) {
	dir, bin, cliAt := e2eBinary(t)
	db := filepath.Join(dir, "book.db")
	const today = "2026-11-23"
	cli := func(args ...string) string { t.Helper(); return cliAt(today, args...) }
	cli("demo", "--contacts", "200")
	cli("add", "Zelda Quarterly", "--company", "Hyrule Ltd")

	tm := newTmux(t, dir)
	tm.start(120, 35, fmt.Sprintf("TERM=xterm-256color %s --db %s --today %s", bin, db, today))
	tm.waitFor("Contacts · 201", 10*time.Second)

	cli("log", "zelda", "Zeppelin factory tour booked for March")
	tm.keys("S")
	tm.waitFor("Search notes", 5*time.Second)
	tm.text("zeppel")
	tm.waitFor("Zelda Quarterly · Hyrule Ltd", 5*time.Second)
	tm.waitFor("Zeppelin factory tour", 5*time.Second)

	// Logged while the search screen is open: the poll asks again.
	tm.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
	tm.text("quokka")
	tm.waitFor("No note matches", 5*time.Second)
	cli("log", "zelda", "Sent the quokka photos")
	tm.waitFor("Sent the quokka photos", 5*time.Second)

	tm.keys("Enter")
	tm.waitFor("Timeline", 5*time.Second)
	tm.keys("q")
	tm.waitGone(5 * time.Second)
}
