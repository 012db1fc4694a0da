package store

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// BenchmarkNoteSave compares a durable note save with its full-text
// entries against the same save without them, in one run, on a copy of a
// sample book (RAPPORT_SAVE_BOOK, e.g. one made by `rapport demo
// --contacts 100000`; else a fresh 2,000-contact book):
//
//	RAPPORT_SAVE_BOOK=$TMPDIR/b100k.db go test -run '^$' -bench NoteSave -count 5 ./store
func BenchmarkNoteSave(b *testing.B) {
	path := filepath.Join(b.TempDir(), "book.db")
	if src := os.Getenv("RAPPORT_SAVE_BOOK"); src != "" {
		copyFile(b, src, path)
	} else {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		sm := model.NewSampler(1, 2000, time.Now())
		var bundles []model.Bundle
		for range 2000 {
			bundles = append(bundles, sm.Next().Bundle)
		}
		if _, err := s.AddBundles(bundles); err != nil {
			b.Fatal(err)
		}
		if err := s.RebuildTextIndex(nil); err != nil {
			b.Fatal(err)
		}
	}
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Now()
	note := func() model.Interaction {
		at = at.Add(time.Second)
		return model.Interaction{ContactID: 42, Kind: model.Call, Text: "Walked through the renewal terms and pricing for the second site.", At: at}
	}
	b.Run("with-index", func(b *testing.B) {
		for b.Loop() {
			in := note()
			if err := s.LogNote(&in, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("without-index", func(b *testing.B) {
		for b.Loop() {
			in := note()
			// logNote as it was before the index: note, its keys and the
			// contact's last touch, one transaction.
			err := s.update(func(tx *bolt.Tx) error {
				var c model.Contact
				if err := getJSON(tx, bContacts, in.ContactID, &c); err != nil {
					return err
				}
				if err := addNoteDeferred(tx, &in, nil, true); err != nil {
					return err
				}
				old := c
				c.LastTouch = in.At
				return putContact(tx, &old, c)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

func copyFile(b *testing.B, src, dst string) {
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
