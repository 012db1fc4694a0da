package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"rapport/model"
)

// The helper process: when the test binary is run with these variables
// set, TestHelperProcess becomes a small writer that logs notes on the
// given database and prints each acknowledged note id.
const (
	envHelperDB      = "RAPPORT_STORE_HELPER_DB"
	envHelperContact = "RAPPORT_STORE_HELPER_CONTACT"
	envHelperCount   = "RAPPORT_STORE_HELPER_COUNT"
	envHelperMode    = "RAPPORT_STORE_HELPER_MODE"
)

func TestHelperProcess(t *testing.T) {
	path := os.Getenv(envHelperDB)
	if path == "" {
		t.Skip("only runs as a helper process")
	}
	contact, _ := strconv.ParseUint(os.Getenv(envHelperContact), 10, 64)
	count, _ := strconv.Atoi(os.Getenv(envHelperCount)) // 0: until killed
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	if os.Getenv(envHelperMode) == "churn" {
		churn(s, count)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; count == 0 || i < count; i++ {
		in := model.Interaction{ContactID: contact, Kind: model.Call, Text: fmt.Sprintf("helper note %d", i), At: time.Now()}
		f := model.FollowUp{Text: "call back", Due: model.DateOf(in.At).AddDays(1 + i%5)}
		if err := s.LogNote(&in, []*model.FollowUp{&f}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
		fmt.Fprintln(out, in.ID) // acknowledged: the commit has returned
		out.Flush()
	}
	os.Exit(0)
}

func helperCommand(t *testing.T, path string, contact uint64, count int) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(),
		envHelperDB+"="+path,
		envHelperContact+"="+strconv.FormatUint(contact, 10),
		envHelperCount+"="+strconv.Itoa(count),
	)
	return cmd
}

// Two goroutines writing through their own handles never fail: each call
// waits for the other's lock instead.
func TestConcurrentWritersInOneProcess(t *testing.T) {
	s := newStore(t)
	const writers, each = 3, 40
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	ids := make([]uint64, writers)
	for w := range ids {
		ids[w] = mustAdd(t, s, model.Contact{Name: fmt.Sprintf("Writer %d", w)}).ID
	}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			own, err := Open(s.Path()) // as another command would
			if err != nil {
				errs <- err
				return
			}
			for i := 0; i < each; i++ {
				in := model.Interaction{ContactID: ids[w], Kind: model.Call, Text: "x", At: testNow.Add(time.Duration(i) * time.Minute)}
				if err := own.LogNote(&in, nil); err != nil {
					errs <- err
				}
				if _, err := own.Agenda(testToday, 10); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, id := range ids {
		if ns, _ := s.Notes(id, 0); len(ns) != each {
			t.Errorf("contact %d has %d notes, want %d", id, len(ns), each)
		}
	}
	mustCheck(t, s)
}

// Two processes writing at once never fail.
func TestConcurrentWritersInTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	grace := mustAdd(t, s, model.Contact{Name: "Grace"})
	const each = 40
	cmd := helperCommand(t, s.Path(), grace.ID, each)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < each; i++ {
		in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "x", At: testNow}
		if err := s.LogNote(&in, nil); err != nil {
			t.Errorf("parent write %d: %v", i, err)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the helper failed: %v: %s", err, stderr.String())
	}
	for _, c := range []model.Contact{ada, grace} {
		if ns, _ := s.Notes(c.ID, 0); len(ns) != each {
			t.Errorf("%s has %d notes, want %d", c.Name, len(ns), each)
		}
	}
	mustCheck(t, s)
}

// kill -9 in the middle of writing loses nothing that was acknowledged and
// leaves a file that checks clean.
func TestKilledWriterLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	cmd := helperCommand(t, s.Path(), ada.ID, 0)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const killAfter = 30
	var acked []uint64
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		id, err := strconv.ParseUint(lines.Text(), 10, 64)
		if err != nil {
			t.Fatalf("helper said %q", lines.Text())
		}
		acked = append(acked, id)
		if len(acked) == killAfter {
			// Mid-way: the helper is already inside its next write.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	for lines.Scan() { // an id printed before the kill landed is acknowledged too
		if id, err := strconv.ParseUint(lines.Text(), 10, 64); err == nil {
			acked = append(acked, id)
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the helper was not killed (%v): %s", err, stderr.String())
	}
	if len(acked) < killAfter {
		t.Fatalf("the helper acknowledged only %d notes: %s", len(acked), stderr.String())
	}

	s2, err := Open(s.Path())
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	mustCheck(t, s2)
	notes, err := s2.Notes(ada.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	have := map[uint64]bool{}
	for _, n := range notes {
		have[n.ID] = true
	}
	for _, id := range acked {
		if !have[id] {
			t.Errorf("acknowledged note %d is lost", id)
		}
	}
	d, _ := s2.Detail(ada.ID)
	if len(d.FollowUps) != len(notes) {
		t.Errorf("%d notes but %d follow-ups: a note was saved without its follow-up", len(notes), len(d.FollowUps))
	}
	// The file takes writes again.
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "after", At: time.Now()}
	if err := s2.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, s2)
}

// syncBuffer collects a child's stderr safely.
type syncBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
