package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"rapport/store"
)

// checkOutput refuses an -o target before anything is read or written:
// the live database itself (same device and inode, through any link), and
// an existing regular file unless force says to replace it.
func checkOutput(path, dbPath string, force bool) error {
	target, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w", path, store.Pathless(err))
	}
	if db, err := os.Stat(dbPath); err == nil && os.SameFile(target, db) {
		return fmt.Errorf("%s is the database itself; choose another file to export to", path)
	}
	if target.IsDir() {
		return fmt.Errorf("%s is a folder; name a file to export to", path)
	}
	if target.Mode().IsRegular() && !force {
		return fmt.Errorf("%s already exists; add --force to overwrite it", path)
	}
	return nil
}

// writeOutput puts data at path. A regular file (or none) is replaced
// atomically; anything else that exists there (a device, a FIFO, a link to
// one) is written through, as a shell redirection would, never renamed
// over.
func writeOutput(path string, write func(io.Writer) error) error {
	info, err := os.Lstat(path)
	if err == nil && !info.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return fmt.Errorf("cannot write to %s: %w", path, store.Pathless(err))
		}
		cw := &countingWriter{w: f}
		err = write(cw)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil && cw.n > 0 {
			return incomplete(cw.n, path, store.Pathless(err))
		}
		if err != nil {
			return fmt.Errorf("cannot write to %s: %w", path, store.Pathless(err))
		}
		return nil
	}
	if err := writeAtomic(path, write); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, store.Pathless(err))
	}
	return nil
}

// writeAtomic writes a 0600 file under a temporary name in the same
// folder, syncs it and renames it into place: a killed export leaves the
// old file or the new one, never half of either.
func writeAtomic(path string, write func(io.Writer) error) error {
	store.ClearPartials(path)
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	// Locked while written: a later export to the same name removes only
	// the leftovers of killed ones, whose locks died with them.
	syscall.Flock(int(tmp.Fd()), syscall.LOCK_EX)
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}
