package ui_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	// The binary under test is built from these sources; importing them ties
	// go test's result cache to them, so an edit is never hidden by a cached pass.
	_ "rapport/cli"
)

// TestEndToEndInTmux runs the real binary in a real terminal: tmux at
// 120×35 on a seeded database. It filters the list, opens a contact,
// writes a note with a follow-up and saves it with ctrl+s; then a
// `rapport log` from outside, while the TUI stays open, must show up in
// the today pane. tmux runs on its own socket, so a user's sessions are
// never touched.
func TestEndToEndInTmux(t *testing.T) {
	dir, bin, cliAt := e2eBinary(t)
	db := filepath.Join(dir, "book.db")
	const today = "2026-11-23" // a Monday
	cli := func(args ...string) string { t.Helper(); return cliAt(today, args...) }
	cli("demo", "--contacts", "200")
	cli("add", "Zelda Quarterly", "--company", "Hyrule Ltd")

	tm := newTmux(t, dir)
	tm.start(120, 35, fmt.Sprintf("TERM=xterm-256color %s --db %s --today %s", bin, db, today))
	tm.waitFor("Contacts · 201", 10*time.Second)

	tm.keys("/")
	tm.text("zelda")
	tm.waitFor("1 of 201", 5*time.Second)
	tm.keys("Enter", "Enter")
	tm.waitFor("Hyrule Ltd", 5*time.Second)
	tm.waitFor("Timeline", 5*time.Second)
	tm.keys("n")
	tm.waitFor("Note · Zelda Quarterly", 5*time.Second)
	tm.text("Kickoff call went well")
	tm.keys("Tab")
	tm.text("tomorrow: send the proposal")
	tm.waitFor("→ Tue Nov 24", 5*time.Second)
	tm.keys("C-s")
	tm.waitFor("Saved the note for Zelda Quarterly", 5*time.Second)
	tm.waitFor("Kickoff call went well", 5*time.Second) // the detail's timeline
	tm.keys("Escape")
	tm.waitFor("Today · Mon Nov 23", 5*time.Second)

	if out := cli("show", "zelda"); !strings.Contains(out, "Kickoff call went well") || !strings.Contains(out, "send the proposal") {
		t.Errorf("the note typed in the TUI is not in the book:\n%s", out)
	}

	start := time.Now()
	cli("log", "zelda", "Called back from the shell", "--follow-up", "today: ship the contract")
	tm.waitForRow("Zelda Quarterly", "ship the contract", 5*time.Second)
	t.Logf("the outside write showed in the today pane after %s", time.Since(start).Round(10*time.Millisecond))

	tm.keys("q")
	tm.waitGone(5 * time.Second)
}

// TestMorningInTmux: at 80×24 the real binary opens on the agenda, and d
// three times closes the first three overdue promises, in order, without
// undo: the selection stays where the work is.
func TestMorningInTmux(t *testing.T) {
	dir, bin, cliOn := e2eBinary(t)
	db := filepath.Join(dir, "book.db")
	const today = "2026-11-23"
	cli := func(args ...string) string { t.Helper(); return cliOn(today, args...) }
	type agenda struct {
		Overdue []struct {
			ID          uint64 `json:"id"`
			ContactName string `json:"contact_name"`
		} `json:"overdue"`
	}
	overdue := func() []uint64 {
		var a agenda
		if err := json.Unmarshal([]byte(cli("today", "--json")), &a); err != nil {
			t.Fatal(err)
		}
		var ids []uint64
		for _, it := range a.Overdue {
			ids = append(ids, it.ID)
		}
		return ids
	}
	cli("demo", "--contacts", "200")
	// Four promises made last week, now overdue.
	for i, name := range []string{"Ann Overdue", "Bob Overdue", "Cid Overdue", "Dee Overdue"} {
		day := fmt.Sprintf("2026-11-%d", 16+i)
		cliOn(day, "add", name)
		cliOn(day, "log", name, "Met", "--kind", "call", "--follow-up", "today: promise of "+name)
	}
	before := overdue()
	if len(before) < 4 {
		t.Fatalf("the demo book has %d overdue promises; want at least 4", len(before))
	}

	tm := newTmux(t, dir)
	tm.start(80, 24, fmt.Sprintf("TERM=xterm-256color %s --db %s --today %s", bin, db, today))
	tm.waitFor("Overdue · "+fmt.Sprint(len(before)), 10*time.Second)
	for i := range 3 {
		tm.keys("d")
		tm.waitFor("Overdue · "+fmt.Sprint(len(before)-i-1), 5*time.Second)
	}
	tm.keys("q")
	tm.waitGone(5 * time.Second)

	if after := overdue(); !slices.Equal(after, before[3:]) {
		t.Errorf("overdue after d d d = %v, want %v (the first three closed)", after, before[3:])
	}
}

// tmux drives one tmux server of its own.
type tmux struct {
	t      *testing.T
	socket string
}

func newTmux(t *testing.T, dir string) *tmux {
	// A short socket path: unix socket paths are limited to ~100 bytes.
	tm := &tmux{t: t, socket: fmt.Sprintf("rapport-e2e-%d", os.Getpid())}
	t.Cleanup(func() { exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (tm *tmux) start(w, h int, command string) {
	tm.t.Helper()
	tm.run("new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), command)
}

// keys sends tmux key names (Enter, Escape, Tab, C-s, or plain letters).
func (tm *tmux) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.run("send-keys", "-t", "e2e", k)
		time.Sleep(50 * time.Millisecond)
	}
}

// text types literally.
func (tm *tmux) text(s string) {
	tm.t.Helper()
	tm.run("send-keys", "-t", "e2e", "-l", s)
	time.Sleep(50 * time.Millisecond)
}

func (tm *tmux) capture() string {
	tm.t.Helper()
	return tm.run("capture-pane", "-p", "-t", "e2e")
}

func (tm *tmux) waitFor(text string, d time.Duration) {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for {
		screen := tm.capture()
		if strings.Contains(screen, text) {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %q; the screen is:\n%s", d, text, screen)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitForRow waits for a line that names who and then says text.
func (tm *tmux) waitForRow(who, text string, d time.Duration) {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for {
		screen := tm.capture()
		for _, l := range strings.Split(screen, "\n") {
			if i := strings.Index(l, who); i >= 0 && strings.Contains(l[i+len(who):], text) {
				return
			}
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %s then %q; the screen is:\n%s", d, who, text, screen)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitGone waits for the program to exit, which ends the session.
func (tm *tmux) waitGone(d time.Duration) {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if exec.Command("tmux", "-L", tm.socket, "has-session", "-t", "e2e").Run() != nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tm.t.Fatalf("the program did not quit on q; the screen is:\n%s", tm.capture())
}

// e2eBinary builds the real binary for a tmux test and returns its folder,
// the binary, and a runner of `rapport --db DIR/book.db --today DAY ARGS`
// that returns standard output and fails the test on an error. Without
// tmux the test skips (under CI, which installs tmux, it fails instead).
func e2eBinary(t *testing.T) (dir, bin string, run func(day string, args ...string) string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but tmux is missing; .ci/run installs it")
		}
		t.Skip("tmux is not installed (CI=true runs this test; .ci/run installs tmux)")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "rapport")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".." // the module root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "book.db")
	run = func(day string, args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"--db", db, "--today", day}, args...)...).Output()
		if err != nil {
			var stderr []byte
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = ee.Stderr
			}
			t.Fatalf("rapport %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr)
		}
		return string(out)
	}
	return dir, bin, run
}
