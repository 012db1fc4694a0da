package store

import (
	"os"
	"path/filepath"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// snapshot copies the database, under a read lock held only for the copy,
// to a temporary file beside it, so the long part of Check runs on the
// copy while writers go on. It returns "" (and no error) where no copy can
// be made, a read-only folder say: Check then runs in place. The header
// warnings come from the original, read under the same lock.
func (s *Store) snapshot() (path string, warnings []string, done func(), err error) {
	dir, base := filepath.Dir(s.path), filepath.Base(s.path)
	clearLeftovers(filepath.Join(dir, "."+base+".check.*.partial"))
	tmp, err := os.CreateTemp(dir, "."+base+".check.*.partial")
	if err != nil {
		return "", nil, nil, nil
	}
	// Locked (shared, as bbolt's read-only open locks it too) while the
	// check runs: a later check removes only the copies of killed ones.
	syscall.Flock(int(tmp.Fd()), syscall.LOCK_SH)
	err = s.view(func(tx *bolt.Tx) error {
		h, err := readHeader(s.path)
		if err != nil {
			return err
		}
		warnings = h.warnings()
		if _, err := tx.WriteTo(tmp); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", nil, nil, err
	}
	return tmp.Name(), warnings, func() { os.Remove(tmp.Name()); tmp.Close() }, nil
}

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
