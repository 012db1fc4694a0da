package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// progressBook makes a file of n vCards from a demo book.
func progressBook(t *testing.T, n int) (b *book, cards string) {
	b = newBook(t)
	b.ok("demo", "--contacts", fmt.Sprint(n))
	cards = filepath.Join(t.TempDir(), "cards.vcf")
	b.ok("export", "--format", "vcard", "-o", cards)
	return b, cards
}

// TestImportPipedPrintsNoProgress: with stderr a pipe, as in scripts, an
// import prints its summary and not one progress byte.
func TestImportPipedPrintsNoProgress(t *testing.T) {
	_, cards := progressBook(t, 1500)
	fresh := newBook(t)
	r := fresh.run("import", cards)
	if r.code != 0 || r.err != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
	if strings.ContainsAny(r.out, "\r\x1b") || !strings.Contains(r.out, "1500 added") {
		t.Errorf("stdout %q has progress bytes or no summary", r.out)
	}
}

// TestImportBarInTmux imports 10,000 cards on a real terminal and records
// every byte the terminal got: the bar with its count and rate was drawn,
// then cleared for the summary. It takes several seconds, so it runs when
// RAPPORT_LONG_TESTS is set (.ci/run sets it).
func TestImportBarInTmux(t *testing.T) {
	if os.Getenv("RAPPORT_LONG_TESTS") == "" {
		t.Skip("set RAPPORT_LONG_TESTS=1 to import 10,000 cards in tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI is set but tmux is missing; .ci/run installs it")
		}
		t.Skip("tmux is not installed")
	}
	_, cards := progressBook(t, 10000)
	dir := t.TempDir()
	socket := fmt.Sprintf("rapport-progress-%d", os.Getpid())
	tmux := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("tmux", append([]string{"-L", socket, "-f", "/dev/null"}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", socket, "kill-server").Run() })
	bytesSeen, start, done := filepath.Join(dir, "terminal.out"), filepath.Join(dir, "start"), filepath.Join(dir, "done")
	// The import waits for the pipe that records the terminal to be open.
	cmd := fmt.Sprintf("while [ ! -e %s ]; do sleep 0.05; done; %s --db %s import %s; touch %s; exec sleep 60",
		start, binary, filepath.Join(dir, "x.db"), cards, done)
	tmux("new-session", "-d", "-s", "p", "-x", "100", "-y", "10", "sh -c '"+cmd+"'")
	tmux("pipe-pane", "-t", "p", "cat >> "+bytesSeen)
	if err := os.WriteFile(start, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(done); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the import did not finish in a minute")
		}
	}
	time.Sleep(300 * time.Millisecond) // let pipe-pane write the last bytes
	data, err := os.ReadFile(bytesSeen)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	for _, want := range []string{"Importing ", "/10,000", "/s", "\r\x1b[K", "10000 added"} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal never showed %q; it got:\n%q", want, out)
		}
	}
}
