package cli

import "errors"

// Replaced by cli/tui.go once package ui lands.
func (a *app) runTUI() error     { return errors.New("the terminal UI is not in this build yet") }
func (a *app) runDemoTUI() error { return a.runTUI() }
