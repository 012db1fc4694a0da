package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// smallChunks makes Check read a few records per transaction, so every
// chunk boundary and every span filter is crossed on a small book.
func smallChunks(t *testing.T, records, pages int) {
	oldR, oldP := chunkRecords, structBudget
	chunkRecords, structBudget = records, pages
	t.Cleanup(func() { chunkRecords, structBudget = oldR, oldP })
}

func sampleBundles(t *testing.T, s *Store, seed uint64, n int) {
	t.Helper()
	sampler := model.NewSampler(seed, n, testNow)
	var book []model.Bundle
	for range n {
		book = append(book, sampler.Next().Bundle)
	}
	if _, err := s.AddBundles(book); err != nil {
		t.Fatal(err)
	}
	if err := s.RebuildTextIndex(nil); err != nil {
		t.Fatal(err)
	}
}

// TestCheckDigestsAgreeOnCleanBook: on a clean sample book, checked in
// chunks of 60 records, no chunk's digests differ; a damaged index is the
// only one named, once.
func TestCheckDigestsAgreeOnCleanBook(t *testing.T) {
	smallChunks(t, 60, 3)
	s := newStore(t)
	sampleBundles(t, s, 7, 300)
	if problems := mustCheckProblems(t, s); len(problems) > 0 {
		t.Fatalf("clean book: %v", problems)
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bNames).Cursor().Last()
		return tx.Bucket(bNames).Delete(k)
	})
	problems := mustCheckProblems(t, s)
	if len(problems) != 1 || !strings.HasPrefix(problems[0], "idx_names: entry ") || !strings.HasSuffix(problems[0], "is missing") {
		t.Fatalf("after deleting a name entry: %q", problems)
	}
}

// TestTextDigestsAgreeOnCleanBook: the full-text digests agree on a clean
// book checked in chunks, and a missing day of note times is found.
func TestTextDigestsAgreeOnCleanBook(t *testing.T) {
	smallChunks(t, 60, 3)
	s := newStore(t)
	sampleBundles(t, s, 11, 200)
	if problems := mustCheckProblems(t, s); len(problems) > 0 {
		t.Fatalf("clean book: %v", problems)
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bTextTimes).Cursor().First()
		return tx.Bucket(bTextTimes).Delete(k)
	})
	problems := mustCheckProblems(t, s)
	if len(problems) == 0 || !strings.Contains(strings.Join(problems, "\n"), "ftx_times: day ") {
		t.Fatalf("a missing day of note times went unnoticed: %q", problems)
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
