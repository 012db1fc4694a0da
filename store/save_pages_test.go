package store

import (
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// bucketRoots maps every top-level bucket to its root page. bbolt writes
// a bucket's changed pages to new places, so a root that moved is a bucket
// the last commit rewrote.
func bucketRoots(t *testing.T, s *Store) map[string]uint64 {
	t.Helper()
	roots := map[string]uint64{}
	err := s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			roots[string(name)] = uint64(b.Root())
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return roots
}

// A note moves its contact's last touch; it must not rewrite the indexes
// of what did not change, which bbolt would write to disk on every save.
// The name and word indexes carry the last touch (the list shows it), so
// only a second note the same day leaves them alone.
func TestNoteSaveLeavesUnchangedIndexesAlone(t *testing.T) {
	s := sampleBook(t, 5, 400, testNow)
	c := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", Company: "Analytical Engines", Stage: model.Customer,
		Birthday: model.Date{Month: 12, Day: 10}, Created: testNow.AddDate(0, -2, 0)})
	unchanged := [][]byte{bMoments, bContactText}
	for i, text := range []string{"Talked about the renewal", "Sent the pricing sheet"} {
		before := bucketRoots(t, s)
		note := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: text, At: testNow.Add(time.Duration(i) * time.Hour)}
		if err := s.LogNote(&note, nil); err != nil {
			t.Fatal(err)
		}
		after := bucketRoots(t, s)
		if after[string(bContacts)] == before[string(bContacts)] {
			t.Fatal("setup: the contacts bucket was not rewritten, so roots say nothing")
		}
		for _, b := range unchanged {
			if before[string(b)] == 0 {
				t.Fatalf("setup: %s is inline in its parent; the book is too small to tell", b)
			}
			if after[string(b)] != before[string(b)] {
				t.Errorf("note %d rewrote %s, whose entries did not change", i+1, b)
			}
		}
		unchanged = append(unchanged, bNames, bWords, bCompanyWords) // the same day's last touch
	}
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}
