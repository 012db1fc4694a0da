package cli_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash-and-damage suite. Quick in go test ./...; RAPPORT_CRASH_LONG=1
// (set by .ci/run) runs many more offsets and kills.
func crashRounds(quick, long int) int {
	if os.Getenv("RAPPORT_CRASH_LONG") != "" {
		return long
	}
	return quick
}

// answersWithASentence fails unless the command's stderr is at most one
// line with no trace of a Go crash, and its exit code is 0 or 1.
func answersWithASentence(t *testing.T, what string, r result) {
	t.Helper()
	msg := strings.TrimSpace(r.err)
	crashed := strings.Contains(msg, "goroutine") || strings.Contains(msg, "panic") ||
		strings.Contains(msg, "fatal error") || strings.Contains(msg, "SIGSEGV")
	if crashed || strings.Count(msg, "\n") > 0 || (r.code != 0 && r.code != 1) {
		t.Errorf("%s: exit %d, stderr:\n%.600s", what, r.code, msg)
	}
}

// commandsOnABook is every kind of command, reading and writing.
func commandsOnABook(dir string) [][]string {
	return [][]string{
		{"today"}, {"list"}, {"list", "--json"}, {"show", "#1"}, {"show", "#2", "--json"},
		{"search", "budget"}, {"log", "#1", "a call"}, {"add", "New Person"},
		{"edit", "#3", "--title", "CFO"}, {"done", "1"}, {"ask", "#1", "kids?"},
		{"backup", filepath.Join(dir, "b.db")}, {"export", "--format", "json"},
		{"export", "--format", "ics"}, {"check"},
	}
}

func TestEveryCommandOnADamagedFileAnswersWithASentence(t *testing.T) {
	base := newBook(t)
	base.ok("demo", "--contacts", "150")
	good := base.fileBytes()
	used := highWater(t, good)
	rng := rand.New(rand.NewPCG(7, uint64(len(good))))
	type damage struct {
		name string
		data []byte
	}
	var files []damage
	cuts := []int{0, 100, 4096, 8192, 12288, 16384, used / 2, used - 1}
	for i := len(cuts); i < crashRounds(len(cuts), 60); i++ {
		cuts = append(cuts, rng.IntN(used))
	}
	for _, cut := range cuts {
		files = append(files, damage{fmt.Sprintf("cut at %d", cut), append([]byte(nil), good[:cut]...)})
	}
	for i := 0; i < crashRounds(6, 60); i++ {
		data := append([]byte(nil), good...)
		at, n := rng.IntN(len(data)), 1+rng.IntN(8192)
		for j := at; j < min(at+n, len(data)); j++ {
			data[j] = byte(rng.Uint32())
		}
		files = append(files, damage{fmt.Sprintf("%d random bytes at %d", n, at), data})
	}
	for _, f := range files {
		dir := t.TempDir()
		b := &book{t: t, path: filepath.Join(dir, "rapport.db"), today: base.today}
		for _, args := range commandsOnABook(dir) {
			if err := os.WriteFile(b.path, f.data, 0o600); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "b.db"))
			answersWithASentence(t, f.name+": "+strings.Join(args, " "), b.run(args...))
		}
	}
}

// highWater is the size a healthy file must have, from its header page.
func highWater(t *testing.T, data []byte) int {
	t.Helper()
	if len(data) < 4096 {
		t.Fatal("the book is too small")
	}
	le := func(b []byte) uint64 {
		var v uint64
		for i := 7; i >= 0; i-- {
			v = v<<8 | uint64(b[i])
		}
		return v
	}
	pageSize := int(data[16+8]) | int(data[16+9])<<8 | int(data[16+10])<<16
	return int(le(data[16+40:])) * pageSize
}

// Kill -9 at random moments in every command that writes: afterwards the
// book checks clean, every write that answered is there, a backup or an
// export file is complete or absent, and a killed demo can be run again.
func TestKilledWritersLeaveAConsistentBook(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	b := newBook(t)
	b.ok("demo", "--contacts", "300")
	backup := filepath.Join(t.TempDir(), "full.json")
	b.ok("export", "--format", "json", "-o", backup)
	rng := rand.New(rand.NewPCG(11, 3))
	rounds := crashRounds(3, 25)
	var acked []string
	for round := 0; round < rounds; round++ {
		out := t.TempDir()
		restoreInto := filepath.Join(out, "restored.db")
		demoInto := filepath.Join(out, "demo.db")
		note := fmt.Sprintf("crash note %d", round)
		writers := []struct {
			db   string
			args []string
		}{
			{b.path, []string{"log", "#1", note}},
			{b.path, []string{"add", fmt.Sprintf("Crash Person %d", round)}},
			{b.path, []string{"backup", filepath.Join(out, "b.db")}},
			{b.path, []string{"export", "--format", "json", "-o", filepath.Join(out, "e.json")}},
			{restoreInto, []string{"import", backup}},
			{demoInto, []string{"demo", "--contacts", "2000"}},
		}
		for _, w := range writers {
			cmd := exec.Command(binary, append([]string{"--db", w.db, "--today", b.today}, w.args...)...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Duration(rng.IntN(40_000)) * time.Microsecond)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			if cmd.ProcessState.ExitCode() == 0 && w.args[0] == "log" {
				acked = append(acked, note)
			}
		}
		mustContain(t, b.ok("check"), "consistent")
		if _, err := os.Stat(filepath.Join(out, "b.db")); err == nil {
			bk := &book{t: t, path: filepath.Join(out, "b.db"), today: b.today}
			mustContain(t, bk.ok("check"), "consistent")
		}
		b.run("backup", filepath.Join(out, "b.db")) // clears a killed one's leftovers
		if data, err := os.ReadFile(filepath.Join(out, "e.json")); err == nil && !json.Valid(data) {
			t.Errorf("round %d: a killed export left a partial file", round)
		}
		b.ok("export", "--format", "json", "-o", filepath.Join(out, "e.json"), "--force") // clears a killed one's leftovers
		if _, err := os.Stat(restoreInto); err == nil {
			r := &book{t: t, path: restoreInto, today: b.today}
			mustContain(t, r.ok("check"), "consistent")
			r.ok("import", backup) // resumable: finishes without duplicates
			mustContain(t, r.ok("check"), "consistent")
		}
		d := &book{t: t, path: demoInto, today: b.today}
		d.ok("demo", "--contacts", "50") // a killed demo never blocks the next
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			if strings.Contains(e.Name(), "partial") || strings.Contains(e.Name(), ".tmp") {
				t.Errorf("round %d: %s left behind", round, e.Name())
			}
		}
	}
	var d struct {
		Notes []struct{ Text string } `json:"notes"`
	}
	b.json(&d, "show", "#1")
	have := map[string]bool{}
	for _, n := range d.Notes {
		have[n.Text] = true
	}
	for _, n := range acked {
		if !have[n] {
			t.Errorf("acknowledged note %q is lost", n)
		}
	}
}
