package cli_test

import (
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Two shells logging at once never fail: every command opens the file,
// runs one transaction and closes it, waiting its turn for the lock.
func TestTwoShellsWritingAtOnce(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("add", "Grace Hopper")
	const each = 15
	var wg sync.WaitGroup
	failures := make(chan string, 2*each)
	for _, who := range []string{"ada", "grace"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if r := b.run("log", who, fmt.Sprintf("note %d", i)); r.code != 0 {
					failures <- r.err
				}
			}
		}()
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	for _, who := range []string{"ada", "grace"} {
		var shown struct{ Notes []any }
		b.json(&shown, "show", who)
		if len(shown.Notes) != each {
			t.Errorf("%s has %d notes, want %d", who, len(shown.Notes), each)
		}
	}
	mustContain(t, b.ok("check"), "consistent")
}

// kill -9 in the middle of writes loses nothing that was acknowledged, and
// the file stays consistent.
func TestKillNineLosesNothingAcknowledged(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	var acked []string
	for i := range 30 {
		text := fmt.Sprintf("crash-note-%d", i)
		cmd := exec.Command(binary, "--db", b.path, "log", "ada", text)
		var out strings.Builder
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kills land from before the open to after the commit.
		timer := time.AfterFunc(time.Duration(i)*time.Millisecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
		if cmd.Wait() == nil && strings.Contains(out.String(), "Logged") {
			acked = append(acked, text)
		}
		timer.Stop()
	}
	mustContain(t, b.ok("check"), "consistent")
	var hits []struct{ Text string }
	b.json(&hits, "search", "crash", "--limit", "0")
	found := map[string]bool{}
	for _, h := range hits {
		found[h.Text] = true
	}
	for _, text := range acked {
		if !found[text] {
			t.Errorf("acknowledged %q is gone", text)
		}
	}
	t.Logf("%d of 30 writes acknowledged before the kill, %d notes stored", len(acked), len(hits))
}
