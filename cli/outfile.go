package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"rapport/exchange"
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
		return fmt.Errorf("cannot write to %s: %w", path, pathless(err))
	}
	if db, err := os.Stat(dbPath); err == nil && os.SameFile(target, db) {
		return fmt.Errorf("%s is the database itself; choose another file to export to", path)
	}
	if target.IsDir() {
		return fmt.Errorf("%s is a folder; name a file to export to", path)
	}
	if target.Mode().IsRegular() && !force {
		return fmt.Errorf("%s already exists; add --force to replace it", path)
	}
	return nil
}

// writeOutput puts data at path. A regular file (or none) is replaced
// atomically; anything else that exists there (a device, a FIFO, a link to
// one) is written through, as a shell redirection would, never renamed
// over.
func writeOutput(path string, data []byte) error {
	info, err := os.Lstat(path)
	if err == nil && !info.Mode().IsRegular() {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return fmt.Errorf("cannot write to %s: %w", path, pathless(err))
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("cannot write to %s: %w", path, pathless(err))
		}
		return nil
	}
	if err := exchange.WriteFileAtomic(path, data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, pathless(err))
	}
	return nil
}

// pathless drops the file name from an os error: the sentence names the
// file the user gave, never a temporary one.
func pathless(err error) error {
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
