package store

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// everyCall runs each public operation once on s and returns the errors,
// named. A fault or panic that escapes the store crashes the test binary.
func everyCall(t *testing.T, s *Store) map[string]error {
	out := map[string]error{}
	out["Book"] = func() error { _, err := s.Book(testToday, 50); return err }()
	out["Agenda"] = func() error { _, err := s.Agenda(testToday, 10); return err }()
	out["Entries"] = func() error { _, err := s.Entries(); return err }()
	out["Dump"] = func() error { _, err := s.Dump(); return err }()
	out["Search"] = func() error { _, err := s.Search("lunch", "", 10); return err }()
	out["Detail"] = func() error { _, err := s.Detail(1); return err }()
	out["Filter"] = func() error { _, err := s.Filter("a"); return err }()
	backup := filepath.Join(t.TempDir(), "backup.db")
	if out["Backup"] = s.Backup(backup); out["Backup"] != nil {
		// A failed backup leaves nothing, not even its temporary file.
		if entries, _ := os.ReadDir(filepath.Dir(backup)); len(entries) != 0 {
			t.Errorf("a failed backup left %v", entries)
		}
	}
	out["AddContact"] = s.AddContact(&model.Contact{Name: "New Person", Stage: model.Lead})
	in := model.Interaction{ContactID: 1, Kind: model.Call, Text: "call", At: testNow}
	out["LogNote"] = s.LogNote(&in, nil)
	out["Check"] = func() error { _, err := s.Check(); return err }()
	return out
}

// damagedCopy copies the book's file to a new path, applies damage to the
// bytes and returns a store on the copy (opened without migrating, as a
// command on an existing file would find it).
func damagedCopy(t *testing.T, s *Store, damage func([]byte) []byte) *Store {
	t.Helper()
	data, err := os.ReadFile(s.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rapport.db")
	if err := os.WriteFile(path, damage(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return &Store{path: path, timeout: s.timeout}
}

func TestATruncatedFileIsASentence(t *testing.T) {
	s := sampleBook(t, 1, 150, testNow)
	h, err := readHeader(s.path)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := h.current()
	used := int(m.pages) * int(m.pageSize) // the file may run on past this
	for _, cut := range []int{100, 4096, 8192, 16384, 20000, used / 4, used / 2, used - 4096, used - 1} {
		d := damagedCopy(t, s, func(b []byte) []byte { return b[:cut] })
		if _, err := Open(d.path); err == nil || !errors.Is(err, ErrDamaged) && !strings.Contains(err.Error(), "not a rapport database") {
			t.Errorf("cut at %d: Open says %v", cut, err)
		}
		for name, err := range everyCall(t, d) {
			if name == "Check" {
				continue
			}
			if err == nil || !strings.Contains(err.Error(), d.path) {
				t.Errorf("cut at %d: %s says %v, want a sentence naming the file", cut, name, err)
			}
		}
		problems, err := d.Check()
		if err != nil || len(problems) == 0 {
			t.Errorf("cut at %d: Check gives %q, %v; want the damage listed", cut, problems, err)
		}
		if after := mustRead(t, d.path); len(after) != cut {
			t.Errorf("cut at %d: the damaged file grew to %d bytes", cut, len(after))
		}
	}
}

func TestOverwrittenPagesNeverCrash(t *testing.T) {
	s := sampleBook(t, 2, 150, testNow)
	rng := rand.New(rand.NewPCG(9, 9))
	for round := 0; round < 12; round++ {
		d := damagedCopy(t, s, func(b []byte) []byte {
			for i := 0; i < 1+round%4; i++ {
				page := 2 + rng.IntN(len(b)/4096-2) // keep the header pages
				for j := page * 4096; j < (page+1)*4096; j++ {
					b[j] = byte(rng.Uint32())
				}
			}
			return b
		})
		for name, err := range everyCall(t, d) {
			if err != nil && (strings.Contains(err.Error(), "panic") || strings.Contains(err.Error(), "goroutine")) {
				t.Errorf("round %d: %s says %q, want a sentence", round, name, err)
			}
		}
	}
}

func TestCheckWarnsAboutHeaderPages(t *testing.T) {
	s := sampleBook(t, 3, 20, testNow)
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
		says   string
	}{
		{"a damaged second header", func(b []byte) []byte { b[4096+pageHeaderLen+40]++; return b }, "header page 1 is damaged"},
		{"headers far apart", func(b []byte) []byte {
			copy(b[4096:8192], b[0:4096]) // same transaction on both
			return b
		}, "disagree"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := damagedCopy(t, s, tc.damage)
			problems, err := d.Check()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(problems, "\n"), tc.says) {
				t.Fatalf("Check says %q, want %q", problems, tc.says)
			}
		})
	}
}

func TestCheckListsEveryUnreadableRecord(t *testing.T) {
	s := newStore(t)
	a := mustAdd(t, s, model.Contact{Name: "Ada"})
	b := mustAdd(t, s, model.Contact{Name: "Bob"})
	rawUpdate(t, s, func(tx *bolt.Tx) error {
		tx.Bucket(bContacts).Put(u64(a.ID), []byte("{not json"))
		return tx.Bucket(bContacts).Put(u64(b.ID), []byte("[1,2"))
	})
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"contacts: record 1 cannot be read", "contacts: record 2 cannot be read"} {
		if !strings.Contains(joined, want) {
			t.Errorf("Check lacks %q:\n%s", want, joined)
		}
	}
	if _, err := s.Contact(a.ID); err == nil || strings.Contains(err.Error(), "invalid character") || !errors.Is(err, ErrDamaged) {
		t.Errorf("reading the damaged record says %v, want a sentence", err)
	}
}

func TestNotABoltFile(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("hello world\n", 500)), 0o600)
	if _, err := Open(text); err == nil || !strings.Contains(err.Error(), "not a rapport database") {
		t.Errorf("a text file as the database: %v", err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("a folder as the database: %v", err)
	}
	if got := mustRead(t, text); len(got) != 6000 {
		t.Errorf("the text file was written to: %d bytes", len(got))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSearchOnADamagedNoteIsASentence(t *testing.T) {
	s := newStore(t)
	c := mustAdd(t, s, model.Contact{Name: "Ada"})
	in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: "budget talk", At: testNow}
	if err := s.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	rawUpdate(t, s, func(tx *bolt.Tx) error { return tx.Bucket(bNotes).Put(u64(in.ID), []byte(`{"text":"budget`)) })
	_, err := s.Search("budget", "", 10)
	if !errors.Is(err, ErrDamaged) || strings.Contains(err.Error(), "unexpected end of JSON") {
		t.Fatalf("search says %v", err)
	}
}

func TestASchemaOfTheWrongLengthIsAnError(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, model.Contact{Name: "Ada"})
	rawUpdate(t, s, func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(kSchema, []byte{0, 0, 2}) })
	before := mustRead(t, s.path)
	if _, err := Open(s.path); err == nil || !strings.Contains(err.Error(), "schema version is 3 bytes") {
		t.Fatalf("Open says %v", err)
	}
	if string(before) != string(mustRead(t, s.path)) {
		t.Fatal("Open re-ran migrations on a schema it could not read")
	}
}

// TestCheckCountsALostPage: a page neither in the tree nor free (here:
// dropped from the free-page list) is found by the page count, the one
// structural check that needs the whole file in one transaction.
func TestCheckCountsALostPage(t *testing.T) {
	s := sampleBook(t, 4, 40, testNow)
	for i := 0; i < 5; i++ { // free some pages
		mustAdd(t, s, model.Contact{Name: "Churn"})
	}
	d := damagedCopy(t, s, func(b []byte) []byte {
		h, _ := readHeader(s.path)
		m, _ := h.current()
		meta := 0
		if m.txid == h.metas[1].txid {
			meta = int(m.pageSize)
		}
		fl := int(binary.NativeEndian.Uint64(b[meta+pageHeaderLen+32:])) * int(m.pageSize)
		count := binary.NativeEndian.Uint16(b[fl+10:])
		if count == 0 || count == 0xFFFF {
			t.Fatalf("the free-page list holds %d entries; want a few", count)
		}
		binary.NativeEndian.PutUint16(b[fl+10:], count-1)
		return b
	})
	problems, err := d.Check()
	if err != nil || !strings.Contains(strings.Join(problems, "\n"), "a page is lost or used twice") {
		t.Fatalf("Check says %q, %v; want the lost page counted", problems, err)
	}
}
