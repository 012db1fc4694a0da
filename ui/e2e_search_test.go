package ui_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSearchInTmux runs the real binary: a note logged from another shell
// while the TUI is open is found by typing one of its words on the search
// screen, and appears there by itself when logged while searching.
func TestSearchInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but tmux is missing; .ci/run installs it")
		}
		t.Skip("tmux is not installed (CI=true runs this test; .ci/run installs tmux)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "rapport")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "book.db")
	const today = "2026-11-23"
	cli := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--db", db, "--today", today}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("rapport %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
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
