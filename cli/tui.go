package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/charmbracelet/x/term"

	"rapport/ui"
)

// needTerminal refuses to start the TUI where it cannot draw: without a
// terminal on both ends (a pipe, cron) or on TERM=dumb.
func needTerminal() error {
	if !term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd()) {
		return errors.New("rapport's TUI needs a terminal; try rapport today, or rapport --help for the commands")
	}
	if os.Getenv("TERM") == "dumb" {
		return errors.New("rapport's TUI cannot draw on TERM=dumb; try rapport today, or rapport --help for the commands")
	}
	return nil
}

// runTUI opens the terminal UI on the rep's database.
func (a *app) runTUI() error {
	if _, err := a.now(); err != nil {
		return err
	}
	if err := needTerminal(); err != nil {
		return err
	}
	s, err := a.store()
	if err != nil {
		return err
	}
	return ui.Run(s, ui.Options{Now: a.clock()})
}

// runDemoTUI opens the terminal UI on fresh sample data, for a first look.
func (a *app) runDemoTUI(keep bool) error {
	if err := needTerminal(); err != nil {
		return err
	}
	temporary := a.dbPath == ""
	if temporary {
		path, err := demoPath()
		if err != nil {
			return err
		}
		a.dbPath = path
	}
	s, now, err := a.open()
	if err != nil {
		return err
	}
	if empty, err := s.Empty(); err != nil {
		return err
	} else if empty {
		if err := fillDemo(context.Background(), s, 300, 1, now, func(int, int) {}); err != nil {
			return err
		}
		if err := s.RebuildTextIndex(nil); err != nil {
			return err
		}
	}
	err = ui.Run(s, ui.Options{Now: a.clock()})
	if temporary && !keep {
		// A first look leaves nothing behind unless asked to.
		os.RemoveAll(filepath.Dir(s.Path()))
		printf(a.errOut, "The sample database was removed (rapport --demo --keep keeps it).")
		return err
	}
	printf(a.errOut, "The sample database stays at %s (try: rapport --db %s today).", s.Path(), s.Path())
	return err
}

// clock gives the UI its "now": the real time, or the --today day with the
// real time of day, so a TUI left open overnight still moves to the next day.
func (a *app) clock() func() time.Time {
	if a.today == "" {
		return time.Now
	}
	day, _ := a.now()
	offset := time.Until(day)
	return func() time.Time { return time.Now().Add(offset) }
}
