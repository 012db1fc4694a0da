package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
	"rapport/store"
)

// Benchmarks run on sample books of 1k, 10k and 100k contacts (about 20
// notes each), made by the generator behind `rapport demo`:
//
//	go test -run '^$' -bench . -benchtime 200x ./store
//
// A book is built once and kept in $TMPDIR/rapport-bench-* for later runs.

var benchNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.Local)

var benchSizes = benchSizesFromEnv()

func benchBook(b *testing.B, n int) *store.Store {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("rapport-bench-%d-s%d", n, store.SchemaVersion()))
	path := filepath.Join(dir, "book.db")
	done := filepath.Join(dir, "complete")
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(dir)
		b.Logf("building a sample book of %d contacts in %s", n, dir)
		s, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		fillBook(b, s, n)
		if err := os.WriteFile(done, nil, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	s, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func fillBook(b *testing.B, s *store.Store, n int) {
	sm := model.NewSampler(1, n, benchNow)
	for done := 0; done < n; {
		chunk := make([]model.Bundle, 0, 1000)
		for ; done < n && len(chunk) < 1000; done++ {
			chunk = append(chunk, sm.Next().Bundle)
		}
		if _, err := s.AddBundles(chunk); err != nil {
			b.Fatal(err)
		}
	}
}

func forSizes(b *testing.B, fn func(b *testing.B, s *store.Store)) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("contacts=%d", n), func(b *testing.B) {
			s := benchBook(b, n)
			b.ResetTimer()
			fn(b, s)
		})
	}
}

// BenchmarkOpenAgenda: open the file and compute the morning agenda.
func BenchmarkOpenAgenda(b *testing.B) {
	today := model.DateOf(benchNow)
	forSizes(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			st, err := store.Open(s.Path())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := st.Agenda(today, model.ColdLimit); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkOpenFirst50: open the file and read the first 50 contacts by name.
func BenchmarkOpenFirst50(b *testing.B) {
	forSizes(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			st, err := store.Open(s.Path())
			if err != nil {
				b.Fatal(err)
			}
			if e, err := st.FirstEntries(50); err != nil || len(e) != 50 {
				b.Fatal(err, len(e))
			}
		}
	})
}

// BenchmarkResolve: match a name query to one contact (word index path).
func BenchmarkResolve(b *testing.B) {
	forSizes(b, func(b *testing.B, s *store.Store) {
		first, err := s.FirstEntries(1)
		if err != nil {
			b.Fatal(err)
		}
		query := "#" + fmt.Sprint(first[0].ID)
		if matches, _ := s.Matches(first[0].Name); len(matches) > 0 {
			query = first[0].Name
		}
		for b.Loop() {
			if _, err := s.Matches(query); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDurableSave compares one note save (note, index entries and the
// contact's new last touch, one transaction, fsynced) with the floor: a bare
// one-key bbolt commit on the same disk. Both open and close the file, as
// every rapport command does. Compare their medians from one run.
func BenchmarkDurableSave(b *testing.B) {
	dir := b.TempDir()
	s, err := store.Open(filepath.Join(dir, "save.db"))
	if err != nil {
		b.Fatal(err)
	}
	c := model.Contact{Name: "Ada Lovelace", Stage: model.Customer, Created: benchNow}
	if err := s.AddContact(&c); err != nil {
		b.Fatal(err)
	}
	b.Run("note", func(b *testing.B) {
		at := benchNow
		for b.Loop() {
			at = at.Add(time.Minute)
			in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "Talked about the renewal.", At: at}
			if err := s.LogNote(&in, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bare-bbolt", func(b *testing.B) {
		path := filepath.Join(dir, "bare.db")
		i := uint64(0)
		for b.Loop() {
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				b.Fatal(err)
			}
			i++
			err = db.Update(func(tx *bolt.Tx) error {
				bk, err := tx.CreateBucketIfNotExists([]byte("k"))
				if err != nil {
					return err
				}
				return bk.Put([]byte(fmt.Sprint(i)), []byte("Talked about the renewal."))
			})
			db.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchSizesFromEnv lets RAPPORT_BENCH_SIZES=100000 pick one size.
func benchSizesFromEnv() []int {
	if env := os.Getenv("RAPPORT_BENCH_SIZES"); env != "" {
		var out []int
		for _, f := range strings.Split(env, ",") {
			var n int
			fmt.Sscan(f, &n)
			out = append(out, n)
		}
		return out
	}
	return []int{1_000, 10_000, 100_000}
}

// BenchmarkExportWalk: the chunked walks behind the exports. A vCard or
// CSV export needs only ContactsEach; ScheduleEach also decodes every
// contact's follow-ups, questions and shares (the calendar needs them).
func BenchmarkExportWalk(b *testing.B) {
	walks := map[string]func(s *store.Store) error{
		"contacts": func(s *store.Store) error { return s.ContactsEach(func(model.Contact) error { return nil }) },
		"schedule": func(s *store.Store) error { return s.ScheduleEach(func(model.Bundle) error { return nil }) },
	}
	for _, name := range []string{"contacts", "schedule"} {
		b.Run(name, func(b *testing.B) {
			forSizes(b, func(b *testing.B, s *store.Store) {
				for b.Loop() {
					if err := walks[name](s); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
