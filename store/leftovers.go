package store

import (
	"os"
	"path/filepath"
	"syscall"
)

// clearLeftovers removes temporary files matching pattern that no running
// rapport holds locked: what killed backups, exports or checks left.
func clearLeftovers(pattern string) {
	leftovers, _ := filepath.Glob(pattern)
	for _, name := range leftovers {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
			os.Remove(name)
		}
		f.Close()
	}
}

// ClearPartials removes the temporary files ".NAME.*.partial" that killed
// writes to path (a backup, an export) left beside it.
func ClearPartials(path string) {
	clearLeftovers(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".*.partial"))
}
