package exchange

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// now is the fixed "now" of every test.
var now = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func day(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func readFixture(t *testing.T, name string) *Batch {
	t.Helper()
	b, err := Read(filepath.Join("testdata", name), now)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// want is what one record should hold.
type want struct {
	line    int
	contact model.Contact
	note    string
}

// checkRecords compares records field by field, showing both as JSON.
func checkRecords(t *testing.T, got []Record, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d records, want %d: %s", len(got), len(wants), js(got))
	}
	for i, w := range wants {
		r := got[i]
		w.contact.Created = now
		if r.Line != w.line {
			t.Errorf("record %d: line %d, want %d", i, r.Line, w.line)
		}
		if !reflect.DeepEqual(r.Contact, w.contact) {
			t.Errorf("record %d (%s):\n got %s\nwant %s", i, w.contact.Name, js(r.Contact), js(w.contact))
		}
		note := ""
		if len(r.Notes) == 1 {
			note = r.Notes[0].Text
			if r.Notes[0].Kind != model.Note || !r.Notes[0].At.Equal(now) {
				t.Errorf("record %d: note %+v, want a note at now", i, r.Notes[0])
			}
		} else if len(r.Notes) > 1 {
			t.Errorf("record %d: %d notes, want at most one", i, len(r.Notes))
		}
		if note != w.note {
			t.Errorf("record %d (%s): note\n got %q\nwant %q", i, w.contact.Name, note, w.note)
		}
	}
}

// checkProblems compares the problems, place and message.
func checkProblems(t *testing.T, got []Problem, wants []Problem) {
	t.Helper()
	if !reflect.DeepEqual(got, wants) {
		t.Errorf("problems:\n got %s\nwant %s", js(got), js(wants))
	}
}

func js(v any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}

// newStore opens an empty database in a temporary folder.
func newStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkDB fails the test when rapport check finds problems.
func checkDB(t testing.TB, s *store.Store) {
	t.Helper()
	problems, err := s.Check()
	if err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", err, problems)
	}
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// sampleBook fills s with n sample contacts (notes, follow-ups, questions,
// referrals), plus one referral pointing at a later contact, which a
// chunked restore must link up after the fact.
func sampleBook(t testing.TB, s *store.Store, n int) {
	t.Helper()
	sm := model.NewSampler(7, n, now)
	var ids []uint64
	var chunk []model.Bundle
	for i := 0; i < n; i++ {
		b := sm.Next()
		if b.ReferredBy >= 0 && b.ReferredBy < len(ids) {
			b.Contact.ReferredBy = ids[b.ReferredBy]
		}
		chunk = append(chunk, b.Bundle)
		if len(chunk) == 100 || i == n-1 {
			got, err := s.AddBundles(chunk)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, got...)
			chunk = nil
		}
	}
	first, err := s.Contact(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	first.ReferredBy = ids[len(ids)-1]
	if err := s.UpdateContact(first); err != nil {
		t.Fatal(err)
	}
}
