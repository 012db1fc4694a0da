package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// vocabulary mixes prefixes of one another, accents, a ß, and CJK.
var vocabulary = []string{
	"price", "pricing", "prices", "pilot", "pil", "budget", "Budget", "BUDGETS", "café", "Cafe",
	"weiß", "strasse", "renewal", "renew", "Q3", "2026", "東京", "会議", "e-mail", "don't",
	"José", "jose", "frozen", "fair", "the", "a", "at",
}

func randomText(r *rand.Rand) string {
	n := 1 + r.IntN(8)
	words := make([]string, n)
	for i := range words {
		words[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	return strings.Join(words, []string{" ", ", ", "; ", "\n"}[r.IntN(4)])
}

func randomOptions(r *rand.Rand, contacts []model.Contact) SearchOptions {
	var o SearchOptions
	switch r.IntN(4) {
	case 0: // one word, maybe cut to a prefix
		w := vocabulary[r.IntN(len(vocabulary))]
		o.Query = model.ParseQuery(w[:1+r.IntN(len(w))])
	case 1: // two words
		o.Query = model.ParseQuery(vocabulary[r.IntN(len(vocabulary))] + " " + vocabulary[r.IntN(len(vocabulary))])
	case 2: // a phrase
		o.Query = model.ParseQuery(`"` + vocabulary[r.IntN(len(vocabulary))] + " " + vocabulary[r.IntN(len(vocabulary))] + `"`)
	}
	if r.IntN(3) == 0 || o.Query.IsZero() {
		o.Topic = model.Topics[r.IntN(len(model.Topics))]
	}
	if r.IntN(4) == 0 {
		o.Kind = model.Kinds[r.IntN(len(model.Kinds))]
	}
	if r.IntN(4) == 0 {
		o.Since = testNow.Add(-time.Duration(r.IntN(40*24)) * time.Hour)
	}
	if r.IntN(4) == 0 {
		o.Until = testNow.Add(-time.Duration(r.IntN(40*24)) * time.Hour)
	}
	if r.IntN(2) == 0 {
		o.Limit = 1 + r.IntN(8)
	}
	return o
}

// TestIndexSearchIsScan: for random books and queries, the index finds
// exactly what reading every note finds, in the same order, also after
// notes were taken out of the index again.
func TestIndexSearchIsScan(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 7))
			s := newStore(t)
			var contacts []model.Contact
			for i := range 5 {
				contacts = append(contacts, mustAdd(t, s, model.Contact{Name: fmt.Sprintf("C%d", i)}))
			}
			var notes []model.Interaction
			for range 150 {
				in := model.Interaction{
					ContactID: contacts[r.IntN(len(contacts))].ID,
					Kind:      model.Kinds[r.IntN(len(model.Kinds))],
					Text:      randomText(r),
					// hours over 40 days, so many notes share a day and some a time
					At: testNow.Add(-time.Duration(r.IntN(40*24)) * time.Hour),
				}
				if r.IntN(3) == 0 {
					in.Topics = []model.Topic{model.Topics[r.IntN(len(model.Topics))]}
				}
				if err := s.LogNote(&in, nil); err != nil {
					t.Fatal(err)
				}
				notes = append(notes, in)
			}
			compareSearches(t, s, r, contacts, 150)
			dropNotes(t, s, notes[:40])
			compareSearches(t, s, r, contacts, 100)
			if problems, err := s.Check(); err != nil || len(problems) > 0 {
				t.Fatalf("check after taking notes out: %v %v", problems, err)
			}
		})
	}
}

func compareSearches(t *testing.T, s *Store, r *rand.Rand, contacts []model.Contact, n int) {
	t.Helper()
	nonEmpty := 0
	for range n {
		o := randomOptions(r, contacts)
		var byIndex, byScan []model.Interaction
		err := s.view(func(tx *bolt.Tx) error {
			var err error
			if byIndex, err = indexNotes(tx, o); err != nil {
				return err
			}
			byScan, err = scanNotes(tx, o)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(byIndex), ids(byScan)) {
			t.Fatalf("%+v: index found %v, a scan %v", o, ids(byIndex), ids(byScan))
		}
		if len(byScan) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < n/4 {
		t.Fatalf("only %d of %d random searches found anything: the test proves little", nonEmpty, n)
	}
}

func ids(notes []model.Interaction) []uint64 {
	out := []uint64{}
	for _, in := range notes {
		out = append(out, in.ID)
	}
	return out
}

// dropNotes deletes notes the way a delete must: record, index keys and
// full-text entries in one transaction.
func dropNotes(t *testing.T, s *Store, notes []model.Interaction) {
	t.Helper()
	err := s.update(func(tx *bolt.Tx) error {
		for _, in := range notes {
			if err := tx.Bucket(bNotes).Delete(u64(in.ID)); err != nil {
				return err
			}
			if err := unindexNote(tx, in); err != nil {
				return err
			}
			if err := unindexNoteText(tx, in); err != nil {
				return err
			}
			// taking a note out twice changes nothing
			if err := unindexNoteText(tx, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
