package store

import (
	"os"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestZZChunks(t *testing.T) {
	path := os.Getenv("RAPPORT_PARTS")
	if path == "" {
		t.Skip()
	}
	s := &Store{path: path, timeout: DefaultTimeout}
	tl := newTallies()
	for _, o := range ownedIndexes[:3] {
		sp := span{}
		for i := 0; i < 2; i++ {
			s.view(func(tx *bolt.Tx) error {
				t0 := time.Now()
				var p []string
				sp, p = checkChunk(tx, o.records, o.indexes, o.pointed, sp.from, tl)
				t.Logf("%s %+v %v problems %d", o.records, sp, time.Since(t0).Round(time.Millisecond), len(p))
				return nil
			})
			sp = span{from: sp.to}
		}
	}
	for _, name := range []string{"notes", "idx_contact_text"} {
		var from []byte
		for i := 0; i < 3; i++ {
			s.view(func(tx *bolt.Tx) error {
				t0 := time.Now()
				var p []string
				var done bool
				from, done, p = checkUnits(tx, path, []byte(name), from)
				t.Logf("units %s %v %v %d", name, done, time.Since(t0).Round(time.Millisecond), len(p))
				return nil
			})
		}
	}
	s.view(func(tx *bolt.Tx) error {
		t0 := time.Now()
		p := countPages(tx, path)
		t.Logf("count %v %v", time.Since(t0).Round(time.Millisecond), p)
		t0 = time.Now()
		_, _, p = checkTextDays(tx, []byte{0, 0, 0, 0})
		t.Logf("textdays %v %v", time.Since(t0).Round(time.Millisecond), p)
		t0 = time.Now()
		tx.Bucket(bContactNote).Stats()
		tx.Bucket(bNotes).Stats()
		t.Logf("pointed count %v", time.Since(t0).Round(time.Millisecond))
		return nil
	})
}
