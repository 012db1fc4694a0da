//go:build crashpoints

package store

import (
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
)

// With -tags crashpoints, RAPPORT_CRASH_AT=POINT:N kills the process with
// SIGKILL the Nth time it reaches POINT: before-commit (the transaction
// written, not committed), after-commit (committed, not yet acknowledged),
// backup-written (the copy synced, not yet linked), backup-linked.
var crashSeen atomic.Int64

func crashPoint(where string) {
	point, nth, ok := strings.Cut(os.Getenv("RAPPORT_CRASH_AT"), ":")
	if !ok || point != where {
		return
	}
	if n, _ := strconv.ParseInt(nth, 10, 64); crashSeen.Add(1) == n {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
	}
}
