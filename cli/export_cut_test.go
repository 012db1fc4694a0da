package cli_test

import (
	"bytes"
	be "encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestExportCutShortIsNeverWhole: an export that fails after two chunks
// went out (a contact record in the third chunk is damaged) exits
// 1 with a sentence saying the output is incomplete. The JSON backup and
// the calendar on stdout are left unclosed, so no parser and no rapport
// import takes them for whole ones; with -o nothing is left at the path.
func TestExportCutShortIsNeverWhole(t *testing.T) {
	b := newBook(t)
	b.ok("demo", "--contacts", "1200")
	damageContact(t, b.path, 1100)
	for _, format := range []string{"json", "ics", "csv", "vcard"} {
		r := b.run("export", "--format", format)
		if r.code != 1 || strings.Contains(r.err, "incomplete") != (r.out != "") || strings.Count(strings.TrimSpace(r.err), "\n") > 0 {
			t.Errorf("%s: exit %d, %d bytes out, stderr %q", format, r.code, len(r.out), r.err)
		}
		// The CSV's first pass reads the whole book before the header
		// goes out, so it fails with nothing written; the others fail
		// with chunks already out.
		if (format == "csv") != (r.out == "") {
			t.Errorf("%s: %d bytes on stdout", format, len(r.out))
		}
		switch format {
		case "json":
			var doc any
			if json.Unmarshal([]byte(r.out), &doc) == nil {
				t.Error("the cut backup is valid JSON")
			}
			cut := filepath.Join(t.TempDir(), "cut.json")
			os.WriteFile(cut, []byte(r.out), 0o600)
			other := &book{t: t, path: filepath.Join(t.TempDir(), "other.db"), today: b.today}
			if ir := other.run("import", cut); ir.code == 0 {
				t.Errorf("rapport import took the cut backup: %q", ir.out)
			}
			if lr := other.run("list", "--json"); lr.code == 0 && strings.Contains(lr.out, "\"name\"") {
				t.Errorf("importing the cut backup wrote contacts: %.200s", lr.out)
			}
		case "ics":
			if strings.Contains(r.out, "END:VCALENDAR") {
				t.Error("the cut calendar ends in END:VCALENDAR")
			}
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "book."+format)
		if r := b.run("export", "--format", format, "-o", file); r.code != 1 {
			t.Errorf("%s -o: exit %d, stderr %q", format, r.code, r.err)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("%s -o left %s behind", format, left[0].Name())
		}
	}
}

// damageContact overwrites contact id's record with bytes that are not
// JSON, as a bad disk sector would.
func damageContact(t *testing.T, path string, id uint64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := be.BigEndian.AppendUint64(nil, id)
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("contacts")).Put(key, []byte("{not json")) })
	if err != nil {
		t.Fatal(err)
	}
}

// A backup restored into a book that already holds other people is
// refused at the first stranger, read a chunk at a time: a damaged
// contact further on is never reached, and nothing is written.
func TestRestoreIntoAFullBookRefusesEarly(t *testing.T) {
	src := newBook(t)
	src.ok("add", "Ada Lovelace")
	backup := filepath.Join(t.TempDir(), "b.json")
	src.ok("export", "--format", "json", "-o", backup)
	b := newBook(t)
	b.ok("demo", "--contacts", "1200")
	damageContact(t, b.path, 1100)
	before, err := os.ReadFile(b.path)
	if err != nil {
		t.Fatal(err)
	}
	r := b.run("import", backup)
	if r.code != 1 || !strings.Contains(r.err, "restores only into an empty database") {
		t.Errorf("restore into a full book: exit %d, %q", r.code, r.err)
	}
	if after, _ := os.ReadFile(b.path); !bytes.Equal(before, after) {
		t.Error("the refused restore changed the book")
	}
}
