package store

import (
	"io"
	"os"
	"path/filepath"
	"slices"
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
	// The two saves alternate, so that a busy disk or CPU weighs on both
	// alike; each is timed alone and the medians are reported.
	var with, without []time.Duration
	for i := 0; b.Loop(); i++ {
		in := note()
		start := time.Now()
		if i%2 == 0 {
			if err := s.LogNote(&in, nil); err != nil {
				b.Fatal(err)
			}
			with = append(with, time.Since(start))
			continue
		}
		if err := saveWithoutIndex(s, &in); err != nil {
			b.Fatal(err)
		}
		without = append(without, time.Since(start))
	}
	if len(with) > 0 && len(without) > 0 {
		w, wo := median(with), median(without)
		b.ReportMetric(w.Seconds()*1000, "with-index-ms")
		b.ReportMetric(wo.Seconds()*1000, "without-ms")
		b.ReportMetric(float64(w)/float64(wo), "ratio")
	}
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// saveWithoutIndex is logNote as it was before the index: the note, its
// keys and the contact's last touch, in one transaction.
func saveWithoutIndex(s *Store, in *model.Interaction) error {
	return s.update(func(tx *bolt.Tx) error {
		var c model.Contact
		if err := getJSON(tx, bContacts, in.ContactID, &c); err != nil {
			return err
		}
		if err := addNoteDeferred(tx, in, nil, true); err != nil {
			return err
		}
		old := c
		c.LastTouch = in.At
		return putContact(tx, &old, c)
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
