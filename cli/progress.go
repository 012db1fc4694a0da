package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"rapport/store"
)

// Progress is drawn only on a terminal, after a job has run this long (a
// quick one shows nothing), and at most this often.
const (
	progressDelay = 200 * time.Millisecond
	progressEvery = 100 * time.Millisecond
)

// meter draws one line on stderr: "Importing ███████░░░░  62%  6,200/10,000  5,480/s".
// The bar is bubbles' progress component rendered with ViewAs, which gives
// a plain string, so it serves a command line without a Bubble Tea program.
type meter struct {
	w     io.Writer
	label string
	bar   progress.Model
	start time.Time
	drawn time.Time
	shown bool
	// cols is the terminal's width (0: unknown). A line wider than the
	// terminal wraps, and "\r" then rewrites only its last row, leaving a
	// trail of old rows; so the bar shrinks, then goes, to fit.
	cols int
}

// progress returns a callback for long work that reports how far it got.
// It does nothing at all unless stderr is a terminal, so scripts, pipes
// and --json output never see a progress byte.
func (a *app) progress(label string) func(done, total int) {
	f, ok := a.errOut.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return func(int, int) {}
	}
	w := colorprofile.NewWriter(f, os.Environ())
	opts := []progress.Option{progress.WithWidth(32)}
	if noColor() {
		w.Profile = colorprofile.ASCII
		opts = append(opts, progress.WithFillCharacters('█', '░'), progress.WithColors(lipgloss.NoColor{}))
	}
	m := &meter{w: w, label: label, bar: progress.New(opts...), start: time.Now()}
	if cols, _, err := term.GetSize(f.Fd()); err == nil {
		m.cols = cols
	}
	a.clearLine = m.clear
	return m.report
}

// stepProgress reports a long step of the store or of a sync, such as
// building the search index, with the progress bar of long commands: a
// bar per step, the last one cleared when the next begins.
func (a *app) stepProgress() store.Progress {
	var label string
	var report func(done, total int)
	return func(what string, done, total int) {
		if report == nil || what != label {
			a.clearProgress()
			label, report = what, a.progress(capitalise(what))
		}
		report(done, total)
	}
}

// clearProgress removes the bar of the last progress, if any was drawn.
func (a *app) clearProgress() {
	if a.clearLine != nil {
		a.clearLine()
	}
}

// noColor reports whether the user asked for no colour: NO_COLOR with any
// value (colorprofile reads it as a boolean), or TERM=dumb.
func noColor() bool {
	return os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb"
}

// clear removes the bar, so a message can take its line.
func (m *meter) clear() {
	if m.shown {
		fmt.Fprint(m.w, "\r\033[K")
		m.shown = false
	}
}

func (m *meter) report(done, total int) {
	now := time.Now()
	finished := done >= total
	if finished {
		m.clear()
		return
	}
	if now.Sub(m.start) < progressDelay || now.Sub(m.drawn) < progressEvery {
		return
	}
	m.drawn, m.shown = now, true
	counts := fmt.Sprintf("%s/%s", thousands(done), thousands(total))
	if total >= stagesOnly {
		counts += "  " + thousands(int(float64(done)/now.Sub(m.start).Seconds())) + "/s"
	}
	fmt.Fprint(m.w, "\r"+m.fit(counts, float64(done)/float64(max(total, 1)))+"\033[K")
}

// fit lays out label, bar and counts in the terminal's width: the bar
// gives way first, then the line is cut, one column short of the edge
// (writing the last column makes some terminals wrap).
func (m *meter) fit(counts string, share float64) string {
	text := m.label + " " + counts
	if m.cols == 0 {
		return m.label + " " + m.bar.ViewAs(share) + "  " + counts
	}
	room := m.cols - 1 - lipgloss.Width(text) - 2
	if room >= 10 {
		m.bar.SetWidth(min(room, 32))
		return m.label + " " + m.bar.ViewAs(share) + "  " + counts
	}
	if r := []rune(text); len(r) > m.cols-1 {
		return string(r[:max(m.cols-1, 0)])
	}
	return text
}

// stagesOnly: below this many, the counts are stages of a job (check,
// export), whose rate would mean nothing.
const stagesOnly = 100

// thousands writes 12345 as 12,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// interruptible returns a context that Ctrl+C cancels, so long work can
// stop between chunks, leaving whole records only. A second Ctrl+C quits
// at once, as usual.
func (a *app) interruptible() (context.Context, func()) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-ctx.Done()
		stop() // the next Ctrl+C has its default effect again
	}()
	return ctx, stop
}

// stopped is the error of a job that Ctrl+C stopped: how far it got and
// how to go on.
func stopped(done, total int, what, resume string) error {
	return fmt.Errorf("stopped by Ctrl+C after %s of %s %s; %s", thousands(done), thousands(total), what, resume)
}
