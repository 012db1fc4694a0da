//go:build !crashpoints

package store

// crashPoint marks a place where the crash suite kills the process (see
// crashpoints_on.go, built with -tags crashpoints). It does nothing here.
func crashPoint(string) {}
