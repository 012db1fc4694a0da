package cli

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"
)

func TestMeterDrawsCountAndRate(t *testing.T) {
	var buf bytes.Buffer
	m := &meter{w: &buf, label: "Importing", bar: progress.New(progress.WithWidth(20)), start: time.Now().Add(-2 * time.Second)}
	m.report(5000, 10000)
	line := buf.String()
	for _, want := range []string{"\rImporting ", "50%", "5,000/10,000", "/s"} {
		if !strings.Contains(line, want) {
			t.Errorf("the progress line %q lacks %q", line, want)
		}
	}
	if rate := line[strings.LastIndex(line, "  ")+2:]; !strings.HasPrefix(rate, "2,") && !strings.HasPrefix(rate, "1,") {
		t.Errorf("5,000 in about two seconds should read about 2,500/s, not %q", rate)
	}
	buf.Reset()
	m.report(6000, 10000) // too soon after the last: not drawn
	if buf.Len() != 0 {
		t.Errorf("redrawn within %s: %q", progressEvery, buf.String())
	}
	m.report(10000, 10000)
	if buf.String() != "\r\033[K" {
		t.Errorf("the finished bar is not cleared: %q", buf.String())
	}
}

func TestMeterWaitsBeforeDrawing(t *testing.T) {
	var buf bytes.Buffer
	m := &meter{w: &buf, label: "Importing", bar: progress.New(), start: time.Now()}
	m.report(10, 100)
	m.report(100, 100)
	if buf.Len() != 0 {
		t.Errorf("a quick job drew %q", buf.String())
	}
}

func TestProgressSilentOffTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, out := range []any{&bytes.Buffer{}, w} {
		a := &app{}
		switch o := out.(type) {
		case *bytes.Buffer:
			a.errOut = o
		case *os.File:
			a.errOut = o
		}
		report := a.progress("Importing")
		if a.clearLine != nil {
			t.Errorf("%T: a meter was set up off a terminal", out)
		}
		report(1, 2)
	}
	w.Close()
	if data, _ := io.ReadAll(r); len(data) != 0 {
		t.Errorf("a pipe got progress bytes: %q", data)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// A progress line wider than the terminal wraps, and each redraw then
// leaves a row behind: the line must fit whatever the width.
func TestMeterFitsTheTerminal(t *testing.T) {
	for _, cols := range []int{200, 80, 40, 24, 10} {
		var buf bytes.Buffer
		m := &meter{w: &buf, label: "Importing", bar: progress.New(progress.WithWidth(32)), start: time.Now().Add(-2 * time.Second), cols: cols}
		m.report(5000, 100000)
		line := strings.TrimSuffix(strings.TrimPrefix(buf.String(), "\r"), "\033[K")
		if w := lipgloss.Width(line); w > cols-1 || w == 0 {
			t.Errorf("at %d columns the line is %d wide: %q", cols, w, line)
		}
		if cols >= 80 && !strings.Contains(line, "5,000/100,000") {
			t.Errorf("at %d columns the counts are gone: %q", cols, line)
		}
	}
}
