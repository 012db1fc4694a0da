package cli

import (
	"context"
	"time"

	"rapport/ui"
)

// runTUI opens the terminal UI on the rep's database.
func (a *app) runTUI() error {
	if _, err := a.now(); err != nil {
		return err
	}
	s, err := a.store()
	if err != nil {
		return err
	}
	return ui.Run(s, ui.Options{Now: a.clock()})
}

// runDemoTUI opens the terminal UI on fresh sample data, for a first look.
func (a *app) runDemoTUI() error {
	if a.dbPath == "" {
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
