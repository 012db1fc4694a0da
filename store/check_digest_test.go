package store

import (
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// TestCheckDigestsAgreeOnCleanBook: on a clean sample book no index's
// digest differs, so Check never builds the entries in memory; a damaged
// index is the only one named.
func TestCheckDigestsAgreeOnCleanBook(t *testing.T) {
	s := newStore(t)
	sampler := model.NewSampler(7, 300, testNow)
	var book []model.Bundle
	for range 300 {
		book = append(book, sampler.Next().Bundle)
	}
	if _, err := s.AddBundles(book); err != nil {
		t.Fatal(err)
	}
	differ := func() map[string]bool {
		var d map[string]bool
		err := s.view(func(tx *bolt.Tx) error {
			var bad []string
			d = differingIndexes(tx, &bad)
			if len(bad) > 0 {
				t.Fatalf("unreadable records: %v", bad)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := differ(); len(d) > 0 {
		t.Fatalf("a clean book's digests differ: %v", d)
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bNames).Cursor().First()
		return tx.Bucket(bNames).Delete(k)
	})
	if d := differ(); len(d) != 1 || !d[string(bNames)] {
		t.Fatalf("after deleting a name entry: %v", d)
	}
}

// TestTextDigestsAgreeOnCleanBook: the full-text digests agree on a clean
// book (so checkTextEntries is not run) and disagree once a posting goes.
func TestTextDigestsAgreeOnCleanBook(t *testing.T) {
	s := newStore(t)
	sampler := model.NewSampler(11, 200, testNow)
	var book []model.Bundle
	for range 200 {
		book = append(book, sampler.Next().Bundle)
	}
	if _, err := s.AddBundles(book); err != nil {
		t.Fatal(err)
	}
	if err := s.RebuildTextIndex(nil); err != nil {
		t.Fatal(err)
	}
	agree := func() (ok bool) {
		s.view(func(tx *bolt.Tx) error {
			ok, _ = textDigestsAgree(tx)
			return nil
		})
		return ok
	}
	if !agree() {
		t.Fatal("the text digests of a clean book disagree")
	}
	if problems := mustCheckProblems(t, s); len(problems) > 0 {
		t.Fatalf("clean book: %v", problems)
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bTextTimes).Cursor().First()
		return tx.Bucket(bTextTimes).Delete(k)
	})
	if agree() {
		t.Fatal("the text digests agree without a day of note times")
	}
	if problems := mustCheckProblems(t, s); len(problems) == 0 {
		t.Fatal("a missing day of note times went unnoticed")
	}
}

func mustCheckProblems(t *testing.T, s *Store) []string {
	t.Helper()
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	return problems
}
