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

// TestEveryIndexEntryHasItsOwner: every entry a record calls for lies in
// an index its kind of record is checked against, under the record's own
// id (ownerOf), so no index or entry escapes the chunks.
func TestEveryIndexEntryHasItsOwner(t *testing.T) {
	s := sampleBook(t, 8, 80, testNow)
	c, err := s.Contact(2)
	if err != nil {
		t.Fatal(err)
	}
	c.ReferredBy = 1
	if err := s.UpdateContact(c); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	err = s.view(func(tx *bolt.Tx) error {
		for _, o := range ownedIndexes {
			owned := map[string]bool{string(o.pointed): o.pointed != nil}
			for _, b := range o.indexes {
				owned[string(b)] = true
			}
			tx.Bucket(o.records).ForEach(func(k, v []byte) error {
				keys, problems := recordKeys(tx, o.records, k, v, nil)
				if len(problems) > 0 {
					t.Fatalf("%s %d: %v", o.records, lastID(k), problems)
				}
				for _, ik := range keys {
					seen[string(ik.bucket)] = true
					if !owned[string(ik.bucket)] || ownerOf(ik.bucket, ik.key) != lastID(k) {
						t.Fatalf("%s %d calls for %s entry %x, which check would not compare", o.records, lastID(k), ik.bucket, ik.key)
					}
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range allBuckets {
		name := string(b)
		counter := name == string(bTouchDays) || name == string(bPromiseDays) || name == string(bValueDays)
		if strings.HasPrefix(name, "idx_") && !counter && !seen[name] {
			t.Errorf("the sample book has no %s entry, so the test proves nothing for it", name)
		}
	}
}
