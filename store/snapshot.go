package store

import (
	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// Book is what a screen of the TUI shows: the contact entries and the
// day's agenda, with the generation they were read at.
type Book struct {
	Generation uint64
	Entries    []Entry
	Agenda     model.Agenda
	// Kept and PromisesDue are the book's follow-through of the last 90 days.
	Kept, PromisesDue int
}

// Book reads the entries (the first limit, or all for 0) and the agenda for
// day in one read transaction: one open of the file, and a generation that
// matches exactly what was read.
func (s *Store) Book(day model.Date, limit int) (Book, error) {
	return s.BookCold(day, limit, 0)
}

// BookCold is Book with the first coldLimit contacts going cold (0: all),
// so a screen can load them a page at a time as it scrolls.
func (s *Store) BookCold(day model.Date, limit, coldLimit int) (Book, error) {
	var b Book
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		b.Generation = readU64(tx.Bucket(bMeta).Get(kGeneration))
		if b.Entries, err = readEntries(tx, limit); err != nil {
			return err
		}
		if b.Agenda, err = agenda(tx, day, coldLimit); err != nil {
			return err
		}
		b.Kept, b.PromisesDue = followThrough(tx, day)
		return nil
	})
	return b, err
}
