package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the database to path while other
// processes keep reading; it runs inside one read transaction. The copy is
// written under a temporary name in the same folder, synced, and only then
// linked to path, so a backup that was killed or ran out of disk leaves no
// file at path: a backup file is either complete or absent.
func (s *Store) Backup(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the folder for the backup %s: %w", path, err)
	}
	ClearPartials(path)
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", path)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return fmt.Errorf("cannot create the backup %s: %w", path, Pathless(err))
	}
	defer os.Remove(tmp.Name())
	// Locked while written, so a later backup can tell a killed one's
	// leftover (unlocked) from one still being written.
	syscall.Flock(int(tmp.Fd()), syscall.LOCK_EX)
	// The copy's own write error is kept apart from the view's, so a full
	// disk is blamed on the backup and not on the database.
	var writeErr error
	err = s.view(func(tx *bolt.Tx) error {
		if _, writeErr = tx.WriteTo(tmp); writeErr == nil {
			writeErr = tmp.Sync()
		}
		return nil
	})
	if err == nil {
		err = writeErr
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	crashPoint("backup-written")
	if err == nil {
		// Link, not rename: it fails rather than replace a file that
		// appeared at path in the meantime.
		err = os.Link(tmp.Name(), path)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; choose a new file name", path)
		}
		if err != nil && !exists(path) {
			// A file system without hard links (a FAT USB stick): rename,
			// checked just before, as close to link's promise as it gets.
			err = os.Rename(tmp.Name(), path)
		}
	}
	if err == nil {
		crashPoint("backup-linked")
		syncDir(dir)
		return nil
	}
	if errors.Is(err, ErrDamaged) {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("the disk is full: the backup %s was not written; free some space and try again", path)
	}
	return fmt.Errorf("cannot write the backup %s: %w", path, Pathless(err))
}

// Pathless drops the file's name from an os error, so a sentence names
// only the file the user gave, never a temporary one.
func Pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// syncDir makes a new directory entry durable; where a folder cannot be
// synced the file itself already is, so the error is not worth a failure.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
