package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// testNow is the clock of these tests: a Sunday.
var testNow = time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)

var testToday = model.DateOf(testNow)

func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mustCheck fails the test when Check finds anything.
func mustCheck(t *testing.T, s *Store) {
	t.Helper()
	problems, err := s.Check()
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(problems) > 0 {
		t.Fatalf("Check found %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

func mustAdd(t *testing.T, s *Store, c model.Contact) model.Contact {
	t.Helper()
	if c.Stage == "" {
		c.Stage = model.Customer
	}
	if c.Created.IsZero() {
		c.Created = testNow.AddDate(0, -6, 0)
	}
	if err := s.AddContact(&c); err != nil {
		t.Fatalf("AddContact(%q): %v", c.Name, err)
	}
	if c.ID == 0 {
		t.Fatalf("AddContact(%q) gave no id", c.Name)
	}
	return c
}

// rawDB opens the file directly, for tests that look under the store or
// damage it on purpose. The store holds no handle, so this never waits.
func rawDB(t *testing.T, s *Store) *bolt.DB {
	t.Helper()
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func rawUpdate(t *testing.T, s *Store, fn func(*bolt.Tx) error) {
	t.Helper()
	db := rawDB(t, s)
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func schemaOf(t *testing.T, path string) uint32 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v uint32
	db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket([]byte("meta")); m != nil {
			if b := m.Get([]byte("schema")); len(b) == 4 {
				v = binary.BigEndian.Uint32(b)
			}
		}
		return nil
	})
	return v
}

func TestOpenMakesAPrivateFileInAPrivateFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "rapport")
	path := filepath.Join(dir, "rapport.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q", s.Path())
	}
	for _, tc := range []struct {
		path string
		mode os.FileMode
	}{{path, 0o600}, {dir, 0o700}, {filepath.Dir(dir), 0o700}} {
		fi, err := os.Stat(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != tc.mode {
			t.Errorf("%s has mode %v, want %v", tc.path, fi.Mode().Perm(), tc.mode)
		}
	}
	// A later write keeps the mode.
	mustAdd(t, s, model.Contact{Name: "Ada"})
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("after a write the file has mode %v", fi.Mode().Perm())
	}
}

func TestOpenWritesTheSchemaVersion(t *testing.T) {
	s := newStore(t)
	if got := schemaOf(t, s.Path()); got != SchemaVersion() || got == 0 {
		t.Fatalf("a fresh file has schema %d, want %d", got, SchemaVersion())
	}
	// Every registered bucket exists.
	db := rawDB(t, s)
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				t.Errorf("bucket %s is missing", b)
			}
		}
		return nil
	})
}

func TestOpenTwiceIsHarmless(t *testing.T) {
	s := newStore(t)
	c := mustAdd(t, s, model.Contact{Name: "Ada"})
	g1, _ := s.Generation()
	s2, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if g2, _ := s2.Generation(); g2 != g1 {
		t.Errorf("reopening a current file wrote to it: generation %d -> %d", g1, g2)
	}
	if got, err := s2.Contact(c.ID); err != nil || got.Name != "Ada" {
		t.Fatalf("Contact = %+v, %v", got, err)
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, model.Contact{Name: "Ada"})
	newer := SchemaVersion() + 1
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put(kSchema, binary.BigEndian.AppendUint32(nil, newer))
	})
	_, err := Open(s.Path())
	if err == nil {
		t.Fatal("Open accepted a file from a newer rapport")
	}
	for _, want := range []string{"newer rapport", s.Path(), "upgrade"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if got := schemaOf(t, s.Path()); got != newer {
		t.Errorf("the refused file was changed: schema %d", got)
	}
}

func TestOpenMigratesAVersion0File(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", Birthday: model.Date{Year: 1815, Month: 12, Day: 10}})
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "first call", At: testNow}
	if err := s.LogNote(&in, []*model.FollowUp{{Text: "send pricing", Due: testToday.AddDays(2)}}); err != nil {
		t.Fatal(err)
	}
	// Make it a version-0 file: no schema key, and an (empty) index bucket
	// that a step creates is missing.
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		if err := tx.Bucket(bMeta).Delete(kSchema); err != nil {
			return err
		}
		return tx.DeleteBucket(bReferrals)
	})
	if got := schemaOf(t, s.Path()); got != 0 {
		t.Fatalf("setup: schema %d", got)
	}
	s2, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got := schemaOf(t, s.Path()); got != SchemaVersion() {
		t.Fatalf("after migration the schema is %d, want %d", got, SchemaVersion())
	}
	mustCheck(t, s2)
	d, err := s2.Detail(ada.ID)
	if err != nil || d.Contact.Name != "Ada Lovelace" || len(d.Notes) != 1 || len(d.FollowUps) != 1 {
		t.Fatalf("data lost in the migration: %+v, %v", d, err)
	}
}

// A file of schema 1 has indexes in an older layout, or none at all: the
// migration derives them again from the records.
func TestOpenRebuildsTheIndexesOfAnOlderFile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		version uint32
		damage  func(tx *bolt.Tx) error
	}{
		{"schema 1 without the newer indexes", 1, func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bTouchDays, bPromiseDays, bCompanyWords} {
				if err := tx.DeleteBucket(b); err != nil {
					return err
				}
			}
			// idx_words values were fold(name) 0x00 name.
			c := tx.Bucket(bWords).Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				if err := c.Bucket().Put(k, []byte("ada lovelace\x00Ada Lovelace")); err != nil {
					return err
				}
			}
			return nil
		}},
		{"version 0 with records only", 0, func(tx *bolt.Tx) error {
			for _, b := range allBuckets {
				if strings.HasPrefix(string(b), "idx_") {
					if err := tx.DeleteBucket(b); err != nil {
						return err
					}
				}
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := sampleBook(t, 4, 40, testNow)
			before, err := s.Agenda(testToday, 0)
			if err != nil {
				t.Fatal(err)
			}
			rawUpdate(t, s, func(tx *bolt.Tx) error {
				meta := tx.Bucket(bMeta)
				err := meta.Put(kSchema, binary.BigEndian.AppendUint32(nil, tc.version))
				if tc.version == 0 {
					err = meta.Delete(kSchema)
				}
				if err != nil {
					return err
				}
				return tc.damage(tx)
			})
			if problems, err := s.Check(); err == nil && len(problems) == 0 {
				t.Fatal("setup: the damaged file checks clean")
			}
			s2, err := Open(s.Path())
			if err != nil {
				t.Fatal(err)
			}
			if got := schemaOf(t, s.Path()); got != SchemaVersion() {
				t.Fatalf("schema %d after the migration, want %d", got, SchemaVersion())
			}
			mustCheck(t, s2)
			after, err := s2.Agenda(testToday, 0)
			if err != nil || !reflect.DeepEqual(after, before) {
				t.Fatalf("the agenda changed in the migration (%v)%s", err, agendaDiff(after, before))
			}
			compareNames(t, s2, 4)
		})
	}
}

func TestCheckReportsAMissingBucket(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, model.Contact{Name: "Ada"})
	rawUpdate(t, s, func(tx *bolt.Tx) error { return tx.DeleteBucket(bTouchDays) })
	problems, err := s.Check()
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "idx_touch_days") {
		t.Fatalf("Check = %q, %v", problems, err)
	}
}

func TestOpenRefusesAFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open(text file) = %v, want an error naming the file", err)
	}
}

func TestLockTimeoutSaysWhy(t *testing.T) {
	s := newStore(t)
	s.timeout = 100 * time.Millisecond
	db := rawDB(t, s) // another process holding the file
	defer db.Close()
	start := time.Now()
	err := s.AddContact(&model.Contact{Name: "Ada", Stage: model.Lead, Created: testNow})
	if err == nil || !strings.Contains(err.Error(), "busy") || !strings.Contains(err.Error(), "another rapport") {
		t.Fatalf("AddContact on a held file = %v, want a plain 'busy' error", err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Fatalf("waited %v for a 100 ms timeout", waited)
	}
	if DefaultTimeout != 5*time.Second {
		t.Errorf("DefaultTimeout = %v, want 5s", DefaultTimeout)
	}
}

func TestGenerationMovesOnEveryWrite(t *testing.T) {
	s := newStore(t)
	last, err := s.Generation()
	if err != nil {
		t.Fatal(err)
	}
	step := func(what string, write func() error) {
		t.Helper()
		if err := write(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		g, err := s.Generation()
		if err != nil {
			t.Fatal(err)
		}
		if g != last+1 {
			t.Fatalf("%s: generation %d -> %d, want +1", what, last, g)
		}
		last = g
	}
	c := model.Contact{Name: "Ada", Stage: model.Lead, Created: testNow}
	step("add", func() error { return s.AddContact(&c) })
	step("update", func() error { c.Company = "Acme"; return s.UpdateContact(c) })
	in := model.Interaction{ContactID: c.ID, Kind: model.Meeting, Text: "lunch", At: testNow}
	f := model.FollowUp{Text: "thanks", Due: testToday.AddDays(1)}
	step("log", func() error { return s.LogNote(&in, []*model.FollowUp{&f}) })
	step("snooze", func() error { _, err := s.Snooze(f.ID, testToday.AddDays(3)); return err })
	step("done", func() error { _, err := s.Done(f.ID, testToday); return err })
	f2 := model.FollowUp{ContactID: c.ID, Text: "call", Due: testToday}
	step("add follow-up", func() error { return s.AddFollowUp(&f2) })
	q := model.Question{ContactID: c.ID, Text: "kids?", Created: testNow}
	step("ask", func() error { return s.AddQuestion(&q) })
	step("asked", func() error { return s.MarkAsked(testToday, q.ID) })
	step("bundles", func() error {
		_, err := s.AddBundles([]model.Bundle{{Contact: model.Contact{Name: "Grace", Stage: model.Lead, Created: testNow}}})
		return err
	})

	// Reads and failed writes leave it alone.
	s.Agenda(testToday, 10)
	s.Entries()
	s.Resolve("ada")
	s.Search("lunch", "", 0)
	s.Check()
	s.AddContact(&model.Contact{Name: ""})
	s.Done(f.ID, testToday) // already done
	if g, _ := s.Generation(); g != last {
		t.Fatalf("reads or failed writes moved the generation %d -> %d", last, g)
	}
}

func TestFailedWritesWriteNothing(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	before, _ := s.Detail(ada.ID)
	gen, _ := s.Generation()

	tests := []struct {
		name  string
		write func() error
	}{
		{"contact without a name", func() error { return s.AddContact(&model.Contact{Name: " ", Stage: model.Lead}) }},
		{"contact with an impossible birthday", func() error {
			return s.AddContact(&model.Contact{Name: "Bob", Stage: model.Lead, Birthday: model.Date{Year: 2026, Month: 2, Day: 30}})
		}},
		{"referred by nobody", func() error { return s.AddContact(&model.Contact{Name: "Bob", Stage: model.Lead, ReferredBy: 999}) }},
		{"referred by themselves", func() error { c := ada; c.ReferredBy = ada.ID; return s.UpdateContact(c) }},
		{"update of a missing contact", func() error { return s.UpdateContact(model.Contact{ID: 999, Name: "X", Stage: model.Lead}) }},
		{"note for a missing contact", func() error {
			return s.LogNote(&model.Interaction{ContactID: 999, Kind: model.Call, Text: "x", At: testNow}, nil)
		}},
		{"note with a bad follow-up", func() error {
			in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "x", At: testNow.Add(time.Hour)}
			return s.LogNote(&in, []*model.FollowUp{{Text: "ok", Due: testToday}, {Text: "", Due: testToday}})
		}},
		{"blank note", func() error {
			return s.LogNote(&model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: " ", At: testNow}, nil)
		}},
		{"follow-up for a missing contact", func() error { return s.AddFollowUp(&model.FollowUp{ContactID: 999, Text: "x", Due: testToday}) }},
		{"follow-up without a due date", func() error { return s.AddFollowUp(&model.FollowUp{ContactID: ada.ID, Text: "x"}) }},
		{"question for a missing contact", func() error { return s.AddQuestion(&model.Question{ContactID: 999, Text: "x"}) }},
		{"blank question", func() error { return s.AddQuestion(&model.Question{ContactID: ada.ID, Text: ""}) }},
		{"done of a missing follow-up", func() error { _, err := s.Done(999, testToday); return err }},
		{"snooze of a missing follow-up", func() error { _, err := s.Snooze(999, testToday); return err }},
		{"asked of a missing question", func() error { return s.MarkAsked(testToday, 999) }},
		{"a bundle with a bad note", func() error {
			_, err := s.AddBundles([]model.Bundle{
				{Contact: model.Contact{Name: "Fine", Stage: model.Lead}},
				{Contact: model.Contact{Name: "Bad", Stage: model.Lead}, Notes: []model.Interaction{{Kind: "visit", Text: "x"}}},
			})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.write(); err == nil {
				t.Fatal("the write succeeded")
			}
			if g, _ := s.Generation(); g != gen {
				t.Fatalf("a failed write moved the generation")
			}
			if es, _ := s.Entries(); len(es) != 1 {
				t.Fatalf("a failed write left %d contacts", len(es))
			}
			if after, _ := s.Detail(ada.ID); !detailEqual(before, after) {
				t.Fatalf("a failed write changed Ada: %+v", after)
			}
		})
	}
	mustCheck(t, s)
}

func detailEqual(a, b Detail) bool {
	return a.Contact.Name == b.Contact.Name && a.Contact.LastTouch.Equal(b.Contact.LastTouch) &&
		len(a.Notes) == len(b.Notes) && len(a.FollowUps) == len(b.FollowUps) && len(a.Questions) == len(b.Questions)
}

func TestNotFound(t *testing.T) {
	s := newStore(t)
	if _, err := s.Contact(42); !errors.Is(err, ErrNotFound) {
		t.Errorf("Contact(42) = %v", err)
	}
	if _, err := s.FollowUp(42); !errors.Is(err, ErrNotFound) {
		t.Errorf("FollowUp(42) = %v", err)
	}
	if _, err := s.Detail(42); !errors.Is(err, ErrNotFound) {
		t.Errorf("Detail(42) = %v", err)
	}
	if _, err := s.Done(42, testToday); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "42") {
		t.Errorf("Done(42) = %v", err)
	}
}

func TestBackup(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada Lovelace", Birthday: model.Date{Month: 12, Day: 10}})
	for i := 0; i < 20; i++ {
		in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "call", At: testNow.Add(-time.Duration(i) * time.Hour)}
		if err := s.LogNote(&in, nil); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "backup.db")
	if err := s.Backup(path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v", fi, err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, b)
	if notes, err := b.Notes(ada.ID, 0); err != nil || len(notes) != 20 {
		t.Fatalf("the backup has %d notes, %v", len(notes), err)
	}
	want, _ := s.Entries()
	got, _ := b.Entries()
	if !slices.Equal(got, want) {
		t.Fatalf("backup entries %v, want %v", got, want)
	}
	if gs, _ := s.Generation(); gs == 0 {
		t.Fatal("generation not kept")
	} else if gb, _ := b.Generation(); gb != gs {
		t.Fatalf("backup generation %d, want %d", gb, gs)
	}

	// It never overwrites.
	if err := os.WriteFile(filepath.Join(dir, "taken.db"), []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	err = s.Backup(filepath.Join(dir, "taken.db"))
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("Backup over a file = %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "taken.db")); string(data) != "precious" {
		t.Fatal("Backup overwrote a file")
	}
	if err := s.Backup(path); err == nil {
		t.Fatal("Backup over an earlier backup succeeded")
	}
}

func TestBackupWhileAnotherProcessReads(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, model.Contact{Name: "Ada"})
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := s.Backup(filepath.Join(t.TempDir(), "b.db")); err != nil {
		t.Fatalf("a backup should share the file with readers: %v", err)
	}
}
