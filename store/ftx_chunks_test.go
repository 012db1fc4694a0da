package store

import (
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// staleBook is a book of random notes over 60 days whose index a bulk
// load left stale; it returns the contacts.
func staleBook(t *testing.T, seed uint64, notes int) (*Store, []model.Contact) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 11))
	s := newStore(t)
	var contacts []model.Contact
	for i := range 6 {
		contacts = append(contacts, mustAdd(t, s, model.Contact{Name: fmt.Sprintf("C%d", i)}))
	}
	for range notes {
		in := model.Interaction{
			ContactID: contacts[r.IntN(len(contacts))].ID,
			Kind:      model.Kinds[r.IntN(len(model.Kinds))],
			Text:      randomText(r),
			At:        testNow.Add(-time.Duration(r.IntN(60*24)) * time.Hour),
		}
		if r.IntN(3) == 0 {
			in.Topics = []model.Topic{model.Topics[r.IntN(len(model.Topics))]}
		}
		if err := s.LogNote(&in, nil); err != nil {
			t.Fatal(err)
		}
	}
	markStale(t, s)
	return s, contacts
}

// markStale leaves what a bulk load leaves: the mark, and an index that
// misses notes (here, all of them).
func markStale(t *testing.T, s *Store) {
	t.Helper()
	err := s.write(func(tx *bolt.Tx) error {
		if err := resetTextBuckets(tx); err != nil {
			return err
		}
		return markTextStale(tx)
	}, func(*bolt.Tx) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
}

// buildIn rebuilds the index with chunk notes a transaction and returns
// the notes each transaction indexed.
func buildIn(t *testing.T, s *Store, chunk int, progress Progress) []int {
	t.Helper()
	defer func(n int) { textBuildNotes, onTextChunk = n, nil }(textBuildNotes)
	var chunks []int
	textBuildNotes, onTextChunk = chunk, func(n int) { chunks = append(chunks, n) }
	if err := s.RebuildTextIndex(progress); err != nil {
		t.Fatal(err)
	}
	return chunks
}

// TestChunkedBuildIsOneShotBuild: built 7 notes a transaction, the index
// holds the same bytes as built in one transaction, and finds the same.
func TestChunkedBuildIsOneShotBuild(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			s, contacts := staleBook(t, seed, 120)
			if chunks := buildIn(t, s, 1_000_000, nil); !slices.Equal(chunks, []int{120}) {
				t.Fatalf("one-shot build indexed %v notes a transaction", chunks)
			}
			whole := textSnapshot(t, s)
			r := rand.New(rand.NewPCG(seed, 12))
			var queries []SearchOptions
			var found [][]uint64
			for range 30 {
				o := randomOptions(r, contacts)
				queries, found = append(queries, o), append(found, hitIDs(t, s, o))
			}
			markStale(t, s)
			chunks := buildIn(t, s, 7, nil)
			if len(chunks) != 18 || slices.Max(chunks) > 7 {
				t.Fatalf("chunked build indexed %v notes a transaction, want 18 of at most 7", chunks)
			}
			if got := textSnapshot(t, s); !maps.Equal(got, whole) {
				t.Fatalf("chunked index differs from the one-shot one: %d entries, want %d", len(got), len(whole))
			}
			for i, o := range queries {
				if got := hitIDs(t, s, o); !slices.Equal(got, found[i]) {
					t.Fatalf("%+v: chunked index finds %v, one-shot %v", o, got, found[i])
				}
			}
			mustCheck(t, s)
		})
	}
}

// TestWritersGetInDuringABuild: between the transactions of a build
// another handle (another process) can write; a note logged and one
// deleted meanwhile come out right, and a small import, which leaves its
// notes out of a stale index, makes the build start over and so misses
// none.
func TestWritersGetInDuringABuild(t *testing.T) {
	s, contacts := staleBook(t, 9, 60)
	other := *s
	other.timeout = 200 * time.Millisecond
	var logged, imported model.Interaction
	var errs []error
	step := 0
	progress := func(what string, done, total int) {
		step++
		switch step {
		case 2:
			logged = model.Interaction{ContactID: contacts[0].ID, Kind: model.Call, Text: "zeppelin hangar", At: testNow.AddDate(0, 0, -59)}
			errs = append(errs, other.LogNote(&logged, nil))
			_, _, err := other.DeleteNote(logged.ID - 1)
			errs = append(errs, err)
		case 4:
			imported = model.Interaction{Kind: model.Note, Text: "dirigible mooring", At: testNow.AddDate(0, 0, -60)}
			_, err := other.Upsert([]Change{{Contact: model.Contact{Name: "Imported", Stage: model.Lead, Created: testNow}, Notes: []model.Interaction{imported}}})
			errs = append(errs, err)
		}
	}
	chunks := buildIn(t, s, 10, progress)
	for _, err := range errs {
		if err != nil {
			t.Fatalf("a write between the build's transactions: %v", err)
		}
	}
	if step < 4 {
		t.Fatalf("progress told %d times", step)
	}
	if indexed := sum(chunks); indexed <= 61 {
		t.Fatalf("the build indexed %d notes (%v): the import did not start it over", indexed, chunks)
	}
	mustCheck(t, s)
	for _, q := range []string{"zeppelin", "dirigible"} {
		if hits := hitIDs(t, s, SearchOptions{Query: model.ParseQuery(q)}); len(hits) != 1 {
			t.Errorf("%s: found %v", q, hits)
		}
	}
	s.view(func(tx *bolt.Tx) error {
		if textStale(tx) || tx.Bucket(bMeta).Get(kTextBuilt) != nil {
			t.Error("the build left its marks")
		}
		return nil
	})
}

func sum(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}

// TestKilledBuildResumes: a build stopped after its first transaction (a
// kill) is resumed where it stopped, not started over, by the first Open
// once it has not written for textBuildAlive.
func TestKilledBuildResumes(t *testing.T) {
	s, _ := staleBook(t, 3, 50)
	chunks := buildIn(t, s, 1_000_000, nil)
	whole := textSnapshot(t, s)
	markStale(t, s)
	defer func(n int) { textBuildNotes = n }(textBuildNotes)
	textBuildNotes = 20
	epoch, from, err := s.startTextBuild()
	if err != nil || from != 0 {
		t.Fatal(from, err)
	}
	plan, err := s.textPlan(epoch)
	if err != nil {
		t.Fatal(err)
	}
	err = s.write(func(tx *bolt.Tx) error {
		_, err := buildTextChunk(tx, epoch, plan, 0, 20)
		return err
	}, func(*bolt.Tx) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	var resumed []int
	onTextChunk = func(n int) { resumed = append(resumed, n) }
	defer func() { onTextChunk, textClock = nil, time.Now }()
	// Within a minute of its last write the build may be running in
	// another process: an open leaves it alone (a `log` does not wait for
	// it); after that it was killed, and the next open resumes it.
	if _, err := Open(s.Path()); err != nil {
		t.Fatal(err)
	}
	if len(resumed) != 0 {
		t.Fatalf("an open joined a build under way: %v", resumed)
	}
	textClock = func() time.Time { return time.Now().Add(textBuildAlive + time.Second) }
	if _, err := Open(s.Path()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(resumed, []int{20, 10}) || !slices.Equal(chunks, []int{50}) {
		t.Fatalf("the resumed build indexed %v notes a transaction, want [20 10]", resumed)
	}
	if got := textSnapshot(t, s); !maps.Equal(got, whole) {
		t.Fatal("the resumed build differs from a whole one")
	}
	mustCheck(t, s)
}

// TestRestoreBuildUndoRedo: a restore in two chunks, the second too big
// to index note by note, then a build of 300 notes a transaction: search
// finds what it finds in the source book, and check is clean after the
// build, after one undo of the whole restore and after its redo.
func TestRestoreBuildUndoRedo(t *testing.T) {
	now := time.Date(2027, 2, 24, 9, 0, 0, 0, time.UTC)
	src := sampleBook(t, 4, 90, now) // 2,370 notes
	if err := src.RebuildTextIndex(nil); err != nil {
		t.Fatal(err)
	}
	dump, err := src.Dump()
	if err != nil {
		t.Fatal(err)
	}
	dst := newStore(t)
	dst.Group()
	for _, part := range [][]model.Bundle{dump[:5], dump[5:]} {
		if err := dst.Restore(part); err != nil {
			t.Fatal(err)
		}
	}
	if chunks := buildIn(t, dst, 300, nil); len(chunks) < 7 {
		t.Fatalf("the build took %v notes a transaction", chunks)
	}
	var queries []SearchOptions
	for _, b := range dump[:12] {
		if len(b.Notes) > 0 {
			words := model.Words(b.Notes[0].Text)
			queries = append(queries, SearchOptions{Query: model.ParseQuery(words[len(words)/2])})
		}
	}
	same := func(step string, want func(SearchOptions) []uint64) {
		t.Helper()
		mustCheck(t, dst)
		for _, o := range queries {
			if got, w := hitIDs(t, dst, o), want(o); !slices.Equal(got, w) {
				t.Fatalf("after %s, %+v finds %v, want %v", step, o.Query, got, w)
			}
		}
	}
	inSource := func(o SearchOptions) []uint64 { return hitIDs(t, src, o) }
	same("the build", inSource)
	if _, err := dst.Undo(0); err != nil {
		t.Fatal(err)
	}
	same("undo", func(SearchOptions) []uint64 { return []uint64{} })
	if all, err := dst.Dump(); err != nil || len(all) != 0 {
		t.Fatalf("after undo the book holds %d contacts (%v)", len(all), err)
	}
	if _, err := dst.Redo(); err != nil {
		t.Fatal(err)
	}
	same("redo", inSource)
}

// TestNewBookHasNothingToBuild: creating a book runs every migration, the
// text step included, but leaves no build for the first open to run.
func TestNewBookHasNothingToBuild(t *testing.T) {
	s := newStore(t)
	s.view(func(tx *bolt.Tx) error {
		if textStale(tx) || tx.Bucket(bMeta).Get(kTextBuilt) != nil {
			t.Error("a new book is marked for a build")
		}
		return nil
	})
}

// TestOldBuildMarkIsNotResumed: a build mark an older rapport left behind
// (it cleared the stale mark alone) is not taken for this build's, even
// though the epochs start again from the same number.
func TestOldBuildMarkIsNotResumed(t *testing.T) {
	s, _ := staleBook(t, 5, 30)
	buildIn(t, s, 1000, nil)
	whole := textSnapshot(t, s)
	err := s.write(func(tx *bolt.Tx) error {
		return putTextBuilt(tx, binary.BigEndian.AppendUint64(nil, 1), math.MaxUint64)
	}, func(*bolt.Tx) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	markStale(t, s)
	if chunks := buildIn(t, s, 1000, nil); !slices.Equal(chunks, []int{30}) {
		t.Fatalf("the build indexed %v notes", chunks)
	}
	if got := textSnapshot(t, s); !maps.Equal(got, whole) {
		t.Fatalf("the index holds %d entries, want %d", len(got), len(whole))
	}
}

// TestPlanInShortReads: a plan read 7 notes per read transaction lists
// every note once, in build order, as one read in a single transaction.
func TestPlanInShortReads(t *testing.T) {
	s, _ := staleBook(t, 6, 40)
	epoch, _, err := s.startTextBuild()
	if err != nil {
		t.Fatal(err)
	}
	defer func(n int) { textPlanNotes = n }(textPlanNotes)
	whole, err := s.textPlan(epoch)
	if err != nil || len(whole) != 40 || !slices.IsSorted(whole) {
		t.Fatalf("one-read plan: %d entries, sorted %v, %v", len(whole), slices.IsSorted(whole), err)
	}
	textPlanNotes = 7
	if short, err := s.textPlan(epoch); err != nil || !slices.Equal(short, whole) {
		t.Fatalf("plan in reads of 7: %v (%v), want %v", short, err, whole)
	}
}
