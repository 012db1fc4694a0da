package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"syscall"

	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrDamaged marks an error about a damaged file, so callers can tell it
// from a busy or missing one.
var ErrDamaged = errors.New("damaged")

type damagedError struct{ msg string }

func (e damagedError) Error() string        { return e.msg }
func (e damagedError) Is(target error) bool { return target == ErrDamaged }

// guard turns a fault in the mapped file, or one of bbolt's assertion
// panics on a page that is not what it should be, into an error naming the
// file. Use it as the first line of every function that opens the file:
//
//	defer s.guard(&err)()
//
// The fault switch is per goroutine, so it is set here, in the goroutine
// that runs the transaction, and put back on the way out.
func (s *Store) guard(err *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			*err = damagedError{fmt.Sprintf("%s is damaged: %s; run rapport check to list the problems, then restore a backup", s.path, panicReason(r))}
			return
		}
		*err = s.explain(*err)
	}
}

// explain replaces bbolt's terse errors with sentences a rep can act on.
func (s *Store) explain(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, bolterrors.ErrKeyTooLarge), errors.Is(err, bolterrors.ErrValueTooLarge):
		return fmt.Errorf("a value is too large to store (a name, company or word over 32 KB); shorten it")
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("the disk holding %s is full; nothing was saved: free some space and try again", s.path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch):
		return damagedError{fmt.Sprintf("%s is damaged or not a rapport database (%v); check the --db path or restore a backup", s.path, err)}
	}
	return err
}

// panicReason is the first line of a panic value, without Go's jargon.
func panicReason(r any) string {
	msg := fmt.Sprint(r)
	if e, ok := r.(error); ok {
		msg = e.Error()
	}
	msg, _, _ = strings.Cut(msg, "\n")
	if strings.Contains(msg, "fault") || strings.Contains(msg, "memory address") {
		return "a page of the file cannot be read"
	}
	return "a page of the file is not what it should be (" + msg + ")"
}

// checkFile refuses, before bbolt sees it, a path that is not a regular
// file or a file whose header pages say it is damaged or not a database.
// A missing file is fine: it is about to be created.
func checkFile(path string) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read the database %s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("%s is a folder, not a database file; name a file with --db", path)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file, so it cannot be a rapport database; check the --db path", path)
	}
	h, err := readHeader(path)
	if err != nil {
		return fmt.Errorf("cannot read the database %s: %w", path, err)
	}
	return h.fatal(path)
}

// damagedRecord is the error for a record that no longer decodes.
func damagedRecord(bucket []byte, id uint64) error {
	return damagedError{fmt.Sprintf("%s record %d is damaged and cannot be read; run rapport check to list the problems, then restore a backup", bucket, id)}
}
