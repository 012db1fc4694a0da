package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"rapport/model"
)

// churn deletes, merges, undoes and redoes in a loop, printing a line after
// each committed step, until count steps (0: until killed).
func churn(s *Store, count int) {
	out := bufio.NewWriter(os.Stdout)
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(4)
	}
	entries, err := s.Entries()
	if err != nil || len(entries) < 3 {
		fail(fmt.Errorf("churn needs three contacts: %v", err))
	}
	a, b, c := entries[0].ID, entries[1].ID, entries[2].ID
	steps := []func() error{
		func() error { _, err := s.DeleteContact(a); return err },
		func() error { _, err := s.Undo(0); return err },
		func() error { _, err := s.Merge(b, c, false); return err },
		func() error { _, err := s.Undo(0); return err },
		func() error { _, err := s.Redo(); return err },
		func() error { _, err := s.Undo(0); return err },
	}
	for i := 0; count == 0 || i < count; i++ {
		if err := steps[i%len(steps)](); err != nil {
			fail(err)
		}
		fmt.Fprintln(out, i)
		out.Flush()
	}
	os.Exit(0)
}

// kill -9 in the middle of deletes, merges, undos and redos leaves a file
// that checks clean, in a state the journal can walk all the way back.
func TestKilledUndoDeleteMergeStaysConsistent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for round, killAfter := range []int{3, 7, 10, 17} {
		s := newStore(t)
		for _, name := range []string{"Ada Lovelace", "Grace Hopper", "Grace B. Hopper"} {
			c := mustAdd(t, s, model.Contact{Name: name})
			for i := range 5 {
				in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: fmt.Sprint("call ", i), At: testNow.Add(time.Duration(i) * time.Hour)}
				if err := s.LogNote(&in, []*model.FollowUp{{Text: "promise", Due: testToday.AddDays(i)}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		cmd := helperCommand(t, s.Path(), 0, 0)
		cmd.Env = append(cmd.Env, envHelperMode+"=churn")
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr syncBuffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		acked := 0
		for acked < killAfter && lines.Scan() {
			if _, err := strconv.Atoi(lines.Text()); err == nil {
				acked++
			}
		}
		time.Sleep(time.Duration(round) * time.Millisecond) // land the kill at different points
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if acked < killAfter {
			t.Fatalf("round %d: the helper stopped early: %s", round, stderr.String())
		}
		s2, err := Open(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		mustCheck(t, s2)
		for i := 0; ; i++ {
			if _, err := s2.Undo(0); errors.Is(err, ErrNothingToUndo) {
				break
			} else if err != nil {
				t.Fatalf("round %d, undo %d: %v", round, i, err)
			}
		}
		mustCheck(t, s2)
		for name, keys := range snapshot(t, s2) {
			if len(keys) != 0 {
				t.Fatalf("round %d: undoing everything leaves %d keys in %s", round, len(keys), name)
			}
		}
	}
}
