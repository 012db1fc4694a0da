package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestBackupStreamChecks: what only the whole file shows (an id two
// contacts use, a referral to a contact later in the file, garbage after
// the end) is found by the streaming pass before anything is written.
func TestBackupStreamChecks(t *testing.T) {
	head := `{"format":"rapport-backup","version":1,"contacts":[`
	cases := map[string]string{
		head + `{"contact":{"id":1,"name":"A","stage":"lead"},"notes":[{"id":7,"contact_id":1,"kind":"call","text":"x"}]},{"contact":{"id":2,"name":"B","stage":"lead"},"notes":[{"id":7,"contact_id":2,"kind":"call","text":"y"}]}]}`: "note 7 has a missing, repeated",
		head + `{"contact":{"id":1,"name":"A","stage":"lead"}}]} {"x":1}`:                                                                                     "not a rapport backup",
		head + `{"contact":{"id":1,"name":"A","stage":"lead"}}],"contacts":[]}`:                                                                               "two lists",
		`{"contacts":[{"contact":{"id":1,"name":"A","stage":"lead"}}]}`:                                                                                       "not a rapport backup",
		`{"contacts":[{"contact":{"id":0}}],"format":"other"}`:                                                                                                "not a rapport backup",
		head + `{"contact":{"id":1,"name":"A","stage":"lead"}},{"contact":{"id":2,"name":"B","stage":"lead"},"shares":[{"id":1,"contact_id":2,"text":""}]}]}`: "share 1 has no text",
	}
	for in, want := range cases {
		path := filepath.Join(t.TempDir(), "b.json")
		writeFile(t, path, in)
		dst := newStore(t)
		b, err := Read(path, now)
		if err == nil {
			_, err = Import(dst, b, ImportOptions{})
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("import of %s: %v, want %q", in, err, want)
		}
		if got, _ := dst.AllContacts(); len(got) != 0 {
			t.Errorf("import of %s wrote %d contacts", in, len(got))
		}
	}
	// a referral forward in the file is fine: it is set once all are in
	path := filepath.Join(t.TempDir(), "b.json")
	writeFile(t, path, head+`{"contact":{"id":1,"name":"A","stage":"lead","referred_by":2}},{"contact":{"id":2,"name":"B","stage":"lead"}}]}`)
	dst := newStore(t)
	importFile(t, dst, path, ImportOptions{Chunk: 1})
	if c, err := dst.Contact(1); err != nil || c.ReferredBy != 2 {
		t.Fatalf("contact 1 = %+v, %v", c, err)
	}
}

// TestBackupStreamEncodings: a backup saved by an editor as UTF-16 or
// Windows-1252 streams like one read whole.
func TestBackupStreamEncodings(t *testing.T) {
	text := `{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":1,"name":"José Müller","stage":"lead"}}]}`
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	latin, _ := charmap.Windows1252.NewEncoder().String(text)
	// é straddles the end of the first 64 KiB the sniffing pass reads
	big := "{" + strings.Repeat(" ", 1<<16-1-strings.Index(text, "é")) + text[1:]
	for name, data := range map[string]string{"utf16": utf16, "latin": latin, "bom": "\xEF\xBB\xBF" + text, "cut": big} {
		path := filepath.Join(t.TempDir(), name+".json")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		dst := newStore(t)
		importFile(t, dst, path, ImportOptions{})
		if c, err := dst.Contact(1); err != nil || c.Name != "José Müller" {
			t.Errorf("%s: %q %v", name, c.Name, err)
		}
	}
}

// TestBackupChangedBetweenPasses: a file edited between the check and
// the write is not written from unchecked bytes.
func TestBackupChangedBetweenPasses(t *testing.T) {
	src := newStore(t)
	sampleBook(t, src, 3)
	path := filepath.Join(t.TempDir(), "b.json")
	writeFile(t, path, string(backupOf(t, src)))
	b, err := Read(path, now)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, string(bytes.Repeat([]byte("x"), 10)))
	if _, err := Import(newStore(t), b, ImportOptions{}); err == nil || !strings.Contains(err.Error(), "changed while") {
		t.Fatalf("err = %v", err)
	}
}

// TestBackupSortedKeys: a backup written with sorted keys ("contacts"
// before "format", as json.Marshal of a map or Python's sort_keys give)
// reports its first bad contact, and other JSON is still not a backup.
func TestBackupSortedKeys(t *testing.T) {
	cases := map[string]string{
		`{"contacts":[{"contact":{"id":1,"name":"A","stage":"lead"}},{"contact":{"id":1,"name":"B","stage":"lead"}}],"format":"rapport-backup","version":1}`: "used twice",
		`{"contacts":[{"contact":{"id":1,"name":"A","stage":"lead"}},{"contact":{"id":1,"name":"B","stage":"lead"}}],"format":"other"}`:                      "not a rapport backup",
	}
	for in, want := range cases {
		if _, err := readBackup([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("readBackup(%s) = %v, want %q", in, err, want)
		}
	}
	good := `{"contacts":[{"contact":{"id":1,"name":"A","stage":"lead"}}],"format":"rapport-backup","version":1}`
	if doc, err := readBackup([]byte(good)); err != nil || len(doc.Contacts) != 1 {
		t.Fatalf("sorted keys: %v", err)
	}
}
