package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

var (
	crashOnce sync.Once
	crashBin  string
	crashErr  error
)

// crashBinary is rapport built with -tags crashpoints: RAPPORT_CRASH_AT
// kills it at a named point inside a commit or a backup.
func crashBinary(t *testing.T) string {
	t.Helper()
	crashOnce.Do(func() {
		crashBin = filepath.Join(filepath.Dir(binary), "rapport-crashpoints")
		out, err := exec.Command("go", "build", "-tags", "crashpoints", "-o", crashBin, "..").CombinedOutput()
		if err != nil {
			crashErr = err
			crashBin = string(out)
		}
	})
	if crashErr != nil {
		t.Fatalf("cannot build with crashpoints: %v\n%s", crashErr, crashBin)
	}
	return crashBin
}

// killedAt runs rapport on db until RAPPORT_CRASH_AT kills it.
func killedAt(t *testing.T, db, today, at string, args ...string) {
	t.Helper()
	cmd := exec.Command(crashBinary(t), append([]string{"--db", db, "--today", today}, args...)...)
	cmd.Env = append(os.Environ(), "RAPPORT_CRASH_AT="+at)
	out, _ := cmd.CombinedOutput()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("%s at %s was not killed: %s", strings.Join(args, " "), at, out)
	}
}

// Kills at points inside commits and backups: the book stays consistent,
// a write killed before its commit is absent, one killed after it is
// there, a backup is complete or absent, and an import or demo resumes.
func TestKillsAtInjectedPoints(t *testing.T) {
	if os.Getenv("RAPPORT_CRASH_LONG") == "" {
		t.Skip("builds a second binary: set RAPPORT_CRASH_LONG=1 (.ci/run does)")
	}
	b := newBook(t)
	b.ok("demo", "--contacts", "120")
	dir := t.TempDir()
	full := filepath.Join(dir, "full.json")
	b.ok("export", "--format", "json", "-o", full)

	killedAt(t, b.path, b.today, "before-commit:1", "log", "#1", "killed before commit")
	killedAt(t, b.path, b.today, "after-commit:1", "log", "#1", "killed after commit")
	killedAt(t, b.path, b.today, "before-commit:1", "add", "Before Commit")
	killedAt(t, b.path, b.today, "after-commit:1", "add", "After Commit")
	killedAt(t, b.path, b.today, "before-commit:1", "edit", "#2", "--title", "Never Saved")
	mustContain(t, b.ok("check"), "consistent")
	shown := b.ok("show", "#1")
	if strings.Contains(shown, "killed before commit") || !strings.Contains(shown, "killed after commit") {
		t.Errorf("after the kills #1 shows:\n%s", shown)
	}
	list := b.ok("list")
	if strings.Contains(list, "Before Commit") || !strings.Contains(list, "After Commit") {
		t.Errorf("after the kills the list is wrong:\n%s", list)
	}
	if strings.Contains(b.ok("show", "#2"), "Never Saved") {
		t.Error("an edit killed before its commit was saved")
	}

	for _, at := range []string{"backup-written:1", "backup-linked:1"} {
		path := filepath.Join(dir, strings.SplitN(at, ":", 2)[0]+".db")
		killedAt(t, b.path, b.today, at, "backup", path)
		if _, err := os.Stat(path); err == nil {
			bk := &book{t: t, path: path, today: b.today}
			mustContain(t, bk.ok("check"), "consistent")
		} else if at == "backup-linked:1" {
			t.Error("a backup killed after its link is missing")
		}
	}

	restored := &book{t: t, path: filepath.Join(dir, "restored.db"), today: b.today}
	killedAt(t, restored.path, b.today, "before-commit:2", "import", full)
	mustContain(t, restored.ok("check"), "consistent")
	restored.ok("import", full)
	if got, want := strings.Count(restored.ok("list"), "\n"), strings.Count(b.ok("list"), "\n")-2; got < want {
		t.Errorf("the resumed restore has %d contacts, want at least %d", got, want)
	}

	// Killed while the search index is built after the records (commit 3
	// starts the build, 4 indexes the notes): check is clean, search finds
	// what the source finds, and the next import finishes.
	found := b.ok("search", "budget", "--json")
	for _, at := range []string{"before-commit:4", "after-commit:4"} {
		r := &book{t: t, path: filepath.Join(dir, strings.Replace(at, ":", "-", 1)+".db"), today: b.today}
		killedAt(t, r.path, b.today, at, "import", full)
		mustContain(t, r.ok("check"), "consistent")
		if got := r.ok("search", "budget", "--json"); got != found {
			t.Errorf("killed at %s, search finds %.200s, want %.200s", at, got, found)
		}
		r.ok("import", full)
		mustContain(t, r.ok("check"), "consistent")
	}

	demo := &book{t: t, path: filepath.Join(dir, "demo.db"), today: b.today}
	killedAt(t, demo.path, b.today, "before-commit:2", "demo", "--contacts", "50")
	demo.ok("demo", "--contacts", "50")
	mustContain(t, demo.ok("check"), "consistent")
}
