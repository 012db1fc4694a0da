package ui

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestFlowFilterNoteSave drives the real program: the book loads, "/"
// filters the list to Grace, n opens a note, the body and a follow-up are
// typed, ctrl+s saves, and the follow-up lands in today.
func TestFlowFilterNoteSave(t *testing.T) {
	s := fixtureStore(t)
	m := newApp(s, Options{Now: func() time.Time { return fixedNow }}, false, func(string) string { return "" })
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 35))
	var seen bytes.Buffer
	waitText := func(t *testing.T, tm *teatest.TestModel, text string) {
		t.Helper()
		waitOutput(t, tm, &seen, text)
	}

	waitText(t, tm, "Ada Lovelace")
	tm.Send(press("/"))
	tm.Type("hopper")
	tm.Send(press("enter"))
	tm.Send(press("n"))
	waitText(t, tm, "Note · Grace Hopper")
	tm.Type("Renewal agreed")
	tm.Send(press("tab"))
	tm.Type("today: send the paperwork")
	tm.Send(press("ctrl+s"))
	waitText(t, tm, "Saved the note for Grace Hopper")
	waitText(t, tm, "Grace Hopper send the paperwork") // the reload after saving
	tm.Send(press("q"))

	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(App)
	if fm.top() != pageHome || fm.list.raw != "hopper" || selectedName(fm) != "Grace Hopper" {
		t.Errorf("ended on page %v, query %q, selected %q", fm.top(), fm.list.raw, selectedName(fm))
	}
	grace, _ := s.Resolve("grace")
	d, _ := s.Detail(grace.ID)
	if d.Notes[0].Text != "Renewal agreed" {
		t.Errorf("newest note %q", d.Notes[0].Text)
	}
	out := screen(fm)
	if !hasRow(out, "Grace Hopper", "send the paperwork") {
		t.Errorf("the follow-up should be in today:\n%s", out)
	}
	golden.RequireEqual(t, []byte(out+"\n"))
}

// waitOutput waits until the program has drawn text. The renderer writes
// only the cells that change and may skip blanks with cursor moves, so the
// check is on all the output read so far (seen keeps it across calls, as
// reading consumes it), stripped of escape sequences and of spaces.
func waitOutput(t *testing.T, tm *teatest.TestModel, seen *bytes.Buffer, text string) {
	t.Helper()
	want := strings.ReplaceAll(text, " ", "")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		all := append(slices.Clone(seen.Bytes()), b...)
		if strings.Contains(strings.ReplaceAll(ansi.Strip(string(all)), " ", ""), want) {
			seen.Write(b)
			return true
		}
		return false
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

var _ tea.Model = App{}
