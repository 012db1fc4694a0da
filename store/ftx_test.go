package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

func hitIDs(t *testing.T, s *Store, o SearchOptions) []uint64 {
	t.Helper()
	hits, err := s.SearchNotes(o)
	if err != nil {
		t.Fatal(err)
	}
	out := []uint64{}
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

// textSnapshot copies the full-text buckets, to compare before and after.
func textSnapshot(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	s.view(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bTextDays, bTextNotes, bTextTimes} {
			tx.Bucket(b).ForEach(func(k, v []byte) error {
				out[string(b)+"/"+string(k)] = string(v)
				return nil
			})
		}
		return nil
	})
	return out
}

func TestUnindexIsTheExactInverse(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	old := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "pricing talk", At: testNow}
	if err := s.LogNote(&old, nil); err != nil {
		t.Fatal(err)
	}
	before := textSnapshot(t, s)
	in := model.Interaction{ID: 99, ContactID: ada.ID, Kind: model.Call, Text: "Pricing for 東京; a new word", Topics: []model.Topic{model.Problem}, At: testNow.Add(-48 * time.Hour)}
	err := s.update(func(tx *bolt.Tx) error {
		for range 2 { // twice: indexing is idempotent
			if err := indexNoteText(tx, in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(textSnapshot(t, s)) <= len(before) {
		t.Fatal("indexing a note with new words added no entries")
	}
	if err := s.update(func(tx *bolt.Tx) error { return unindexNoteText(tx, in) }); err != nil {
		t.Fatal(err)
	}
	after := textSnapshot(t, s)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("index and unindex left\n%v\nnot\n%v", after, before)
	}
}

func TestCheckFindsTextIndexProblems(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "pricing talk", At: testNow}
	if err := s.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	// a missing posting, and one for a note that does not exist
	err := s.update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bTextDays).Delete([]byte("talk")); err != nil {
			return err
		}
		return indexNoteText(tx, model.Interaction{ID: 42, Text: "ghost", At: testNow})
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	var missing, extra bool
	for _, p := range problems {
		missing = missing || bytes.Contains([]byte(p), []byte(`"talk" is missing`))
		extra = extra || bytes.Contains([]byte(p), []byte(`ghost" has no note`))
	}
	if !missing || !extra {
		t.Fatalf("check should report the missing and the extra entry, said %q", problems)
	}
}

// TestBulkLoadLeavesNoNoteUnfound: a load too big to index note by note
// marks the index stale; searches read the notes meanwhile, and the
// rebuild makes the index whole.
func TestBulkLoadLeavesNoNoteUnfound(t *testing.T) {
	s := newStore(t)
	var bundles []model.Bundle
	for i := range 30 {
		b := model.Bundle{Contact: model.Contact{Name: fmt.Sprintf("C%d", i), Stage: model.Lead, Created: testNow.AddDate(-1, 0, 0)}}
		for k := range bulkTextNotes/30 + 5 {
			b.Notes = append(b.Notes, model.Interaction{Kind: model.Call, Text: fmt.Sprintf("note %d of %d", k, i), At: testNow.Add(-time.Duration(k) * time.Hour)})
		}
		bundles = append(bundles, b)
	}
	if _, err := s.AddBundles(bundles); err != nil {
		t.Fatal(err)
	}
	o := SearchOptions{Query: model.ParseQuery("of 7"), Limit: 3}
	during := hitIDs(t, s, o)
	if len(during) != 3 {
		t.Fatalf("while stale, search found %v", during)
	}
	if err := s.RebuildTextIndex(nil); err != nil {
		t.Fatal(err)
	}
	if after := hitIDs(t, s, o); !slices.Equal(after, during) {
		t.Fatalf("after the rebuild %v, before %v", after, during)
	}
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// TestMigrationBuildsTheIndex: a book from before full-text search gets
// its index, with progress told, when opened.
func TestMigrationBuildsTheIndex(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada", Company: "Analytical Engines", Tags: []string{"holiday-card"}})
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "pricing talk", At: testNow}
	if err := s.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	// schema 5 moves this imported line into the contact and drops the note
	imported := model.Interaction{ContactID: ada.ID, Kind: model.Note, Text: "Nickname: Addy", At: testNow}
	if err := s.LogNote(&imported, nil); err != nil {
		t.Fatal(err)
	}
	err := s.update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bTextDays, bTextNotes, bTextTimes, bContactText, bTags} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		// schema 4: the steps after it write notes and contacts through
		// the index functions before the text step makes its buckets
		return tx.Bucket(bMeta).Put(kSchema, binary.BigEndian.AppendUint32(nil, 4))
	})
	if err != nil {
		t.Fatal(err)
	}
	var told []string
	s2, err := OpenWithProgress(s.Path(), func(what string, done, total int) { told = append(told, fmt.Sprint(what, done, total)) })
	if err != nil {
		t.Fatal(err)
	}
	if len(told) == 0 || !strings.HasPrefix(told[len(told)-1], "building the search index") {
		t.Errorf("progress told %q", told)
	}
	if got := hitIDs(t, s2, SearchOptions{Query: model.ParseQuery("pric")}); !slices.Equal(got, []uint64{in.ID}) {
		t.Errorf("search after the migration found %v", got)
	}
	cs, err := s2.SearchContacts(model.ParseQuery("holiday card"), 0)
	if err != nil || len(cs) != 1 {
		t.Errorf("contact search after the migration: %v %v", cs, err)
	}
	if problems, err := s2.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// TestEditDeleteUndoKeepTheIndex: every way a note changes after it was
// written (edit, delete, undo, redo) moves its full-text entries with it.
func TestEditDeleteUndoKeepTheIndex(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "pricing talk", At: testNow}
	if err := s.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	find := func(q string) []uint64 { return hitIDs(t, s, SearchOptions{Query: model.ParseQuery(q)}) }
	consistent := func(step string) {
		t.Helper()
		if problems, err := s.Check(); err != nil || len(problems) > 0 {
			t.Fatalf("after %s: %v %v", step, problems, err)
		}
	}
	if _, err := s.EditNote(in.ID, func(n *model.Interaction) { n.Text = "zeppelin tour" }); err != nil {
		t.Fatal(err)
	}
	consistent("an edit")
	if len(find("pricing")) != 0 || len(find("zeppel")) != 1 {
		t.Fatalf("after an edit: pricing %v, zeppel %v", find("pricing"), find("zeppel"))
	}
	if _, _, err := s.DeleteNote(in.ID); err != nil {
		t.Fatal(err)
	}
	consistent("a delete")
	if len(find("zeppel")) != 0 {
		t.Fatal("a deleted note is still found")
	}
	if _, err := s.Undo(0); err != nil {
		t.Fatal(err)
	}
	consistent("undo")
	if len(find("zeppel")) != 1 {
		t.Fatal("undoing the delete did not bring the note back to search")
	}
	if _, err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	consistent("redo")
	if len(find("zeppel")) != 0 {
		t.Fatal("redoing the delete left the note in search")
	}
}

// TestOpenRebuildsAStaleIndex: a bulk load cut short before its rebuild
// leaves the index stale; the next Open rebuilds it and clears the mark.
func TestOpenRebuildsAStaleIndex(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "pricing talk", At: testNow}
	if err := s.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	whole := textSnapshot(t, s)
	// What a killed load leaves: the mark, and an index missing notes.
	err := s.write(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bTextDays, bTextNotes, bTextTimes} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		return markTextStale(tx)
	}, func(*bolt.Tx) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got := textSnapshot(t, s); !maps.Equal(got, whole) {
		t.Fatalf("after Open the index is %v, want %v", got, whole)
	}
	s.view(func(tx *bolt.Tx) error {
		if textStale(tx) {
			t.Error("Open left the index marked stale")
		}
		return nil
	})
	if hits := hitIDs(t, s, SearchOptions{Query: model.ParseQuery("pricing"), Limit: 3}); !slices.Equal(hits, []uint64{in.ID}) {
		t.Fatalf("search after Open found %v, want [%d]", hits, in.ID)
	}
}
