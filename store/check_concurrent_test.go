package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// TestCheckLetsWritersInBetween: between two of check's read
// transactions no lock is held, so a writer with a short timeout gets in
// every time, and what it writes mid-check is no problem.
func TestCheckLetsWritersInBetween(t *testing.T) {
	smallChunks(t, 10, 2)
	s := sampleBook(t, 5, 60, testNow)
	w := &Store{path: s.path, timeout: 200 * time.Millisecond}
	writes, failed := 0, 0
	checkPause = func() {
		if writes == 30 {
			return
		}
		writes++
		c := model.Contact{Name: fmt.Sprintf("Mid Check %d", writes), Stage: model.Lead, Created: testNow}
		if err := w.AddContact(&c); err != nil {
			failed++
			return
		}
		in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "called mid check", At: testNow}
		f := model.FollowUp{Text: "send the deck", Due: testToday.AddDays(3)}
		if err := w.LogNote(&in, []*model.FollowUp{&f}); err != nil {
			failed++
		}
	}
	t.Cleanup(func() { checkPause = nil })
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if writes < 10 || failed > 0 {
		t.Fatalf("%d writes between check's transactions, %d failed", writes, failed)
	}
	if p := problems; len(p) > 0 {
		t.Fatalf("writes between transactions made problems: %q", p)
	}
}

// TestCheckWhileAnotherGoroutineWrites: check run while another handle
// adds, edits and deletes reports no false problem.
func TestCheckWhileAnotherGoroutineWrites(t *testing.T) {
	smallChunks(t, 20, 2)
	s := sampleBook(t, 6, 60, testNow)
	w := &Store{path: s.path, timeout: 5 * time.Second}
	done := make(chan error, 1)
	go func() {
		for i := range 120 {
			if err := churnOnce(w, i); err != nil {
				done <- err
				return
			}
			// A writer that never pauses keeps new readers out for good
			// (bbolt polls a waiting reader's lock every 50 ms); people
			// and scripts pause.
			time.Sleep(5 * time.Millisecond)
		}
		done <- nil
	}()
	for round, writing := 0, true; writing || round < 2; round++ {
		problems, err := s.Check()
		if err != nil {
			t.Fatal(err)
		}
		if p := problems; len(p) > 0 {
			t.Errorf("round %d: check while writing found %q", round, p)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			writing = false
		default:
		}
	}
	if problems := mustCheckProblems(t, s); len(problems) > 0 {
		t.Fatalf("after the writes: %q", problems)
	}
}

// churnOnce makes one of several kinds of write.
func churnOnce(w *Store, i int) error {
	c := model.Contact{Name: fmt.Sprintf("Churn %d Person", i), Company: "Churn Works", Stage: model.Lead, Created: testNow}
	if err := w.AddContact(&c); err != nil {
		return err
	}
	in := model.Interaction{ContactID: c.ID, Kind: model.Meeting, Text: fmt.Sprintf("talked pricing %d", i), Gave: "an intro", At: testNow.Add(time.Duration(i) * time.Hour)}
	f := model.FollowUp{Text: "send pricing", Due: testToday.AddDays(i % 9)}
	if err := w.LogNote(&in, []*model.FollowUp{&f}); err != nil {
		return err
	}
	switch i % 3 {
	case 1:
		c.Name, c.Company = fmt.Sprintf("Renamed %d", i), "Other Co"
		return w.UpdateContact(c)
	case 2:
		_, _, err := w.DeleteNote(in.ID)
		return err
	}
	return nil
}

// TestCheckNotesWhatKeptChanging: when writes land between every pair of
// check's transactions, the counters cannot be summed on one view of the
// book. That is said as unverified, not as a problem with the file.
func TestCheckNotesWhatKeptChanging(t *testing.T) {
	smallChunks(t, 10, 2)
	s := sampleBook(t, 7, 40, testNow)
	w := &Store{path: s.path, timeout: 200 * time.Millisecond}
	c := model.Contact{Name: "Busy Writer", Stage: model.Lead, Created: testNow}
	if err := w.AddContact(&c); err != nil {
		t.Fatal(err)
	}
	checkPause = func() {
		in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "called again", At: testNow}
		f := model.FollowUp{Text: "send the deck", Due: testToday.AddDays(3)}
		if err := w.LogNote(&in, []*model.FollowUp{&f}); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(func() { checkPause = nil })
	r, err := s.CheckProgress(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) > 0 {
		t.Fatalf("writes between transactions made problems: %q", r.Problems)
	}
	if len(r.Unverified) != 1 || !strings.Contains(r.Unverified[0], string(bPromiseDays)) {
		t.Fatalf("unverified: %q, want the promise and value counters", r.Unverified)
	}
}
