package store

import (
	"os"
	"syscall"
	"time"
)

// A read-only open takes a shared lock on the file and a write needs it
// exclusively; bbolt polls for its lock every 50 ms, so readers that follow
// each other without a gap (looping scripts, long exports) can keep a
// writer out for good. The intent lock on a small file beside the
// database (NAME.lock) lets a waiting writer go first: the writer holds it
// exclusively while it waits for the database, and every new reader passes
// through it (shared, for an instant) before opening the database, so no
// new reader starts while a writer waits. The lock dies with its process.

const intentPoll = 2 * time.Millisecond

func (s *Store) intentPath() string { return s.path + ".lock" }

// announceWrite takes the intent lock for a writer until release is
// called, which is once the writer holds the database itself. A folder
// where the lock file cannot be created gets no intent lock: bbolt's own
// lock still keeps writes safe there.
func (s *Store) announceWrite(deadline time.Time) (release func(), ok bool) {
	f, err := os.OpenFile(s.intentPath(), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return func() {}, true
	}
	if !pollFlock(f, syscall.LOCK_EX, deadline) {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}

// waitForWriters lets a reader in only when no writer is waiting.
func (s *Store) waitForWriters(deadline time.Time) bool {
	f, err := os.Open(s.intentPath())
	if err != nil {
		return true // no writer ever waited here
	}
	defer f.Close()
	return pollFlock(f, syscall.LOCK_SH, deadline)
}

func pollFlock(f *os.File, how int, deadline time.Time) bool {
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return true
		}
		if err != syscall.EWOULDBLOCK && err != syscall.EINTR {
			return true // a file system without flock: fall back to bbolt's lock
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(intentPoll)
	}
}
