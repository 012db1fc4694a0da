package exchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
	"rapport/store"
)

func backupOf(t testing.TB, s *store.Store) []byte {
	t.Helper()
	book, err := s.Dump()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteBackup(&buf, book); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBackupRoundTrip: JSON export, import into an empty database, export
// again gives the same document, byte for byte; small chunks make the
// restore link referrals across transactions.
func TestBackupRoundTrip(t *testing.T) {
	src := newStore(t)
	sampleBook(t, src, 119)
	// The store keeps line breaks in what a contact's story fields say.
	story := model.Contact{Name: "Multi Line", Stage: model.Lead, Created: now,
		HowWeMet: "At the fair,\nthen over dinner", Matters: "Her team\nand her garden"}
	if err := src.AddContact(&story); err != nil {
		t.Fatal(err)
	}
	first := backupOf(t, src)
	path := filepath.Join(t.TempDir(), "backup.json")
	writeFile(t, path, string(first))

	dst := newStore(t)
	rep := importFile(t, dst, path, ImportOptions{Chunk: 7})
	if rep.Restored != 120 || rep.RestoredBefore != 0 {
		t.Fatalf("restored %d (%d before)", rep.Restored, rep.RestoredBefore)
	}
	checkDB(t, dst)
	if second := backupOf(t, dst); !bytes.Equal(first, second) {
		t.Fatalf("backup differs after a restore:\n%s", firstDiff(first, second))
	}
	// new records after a restore get new ids
	c := model.Contact{Name: "After Restore", Stage: model.Lead, Created: now}
	if err := dst.AddContact(&c); err != nil || c.ID != 121 {
		t.Fatalf("id after restore: %d %v", c.ID, err)
	}
}

// TestBackupResume: a restore stopped half-way is finished by running it
// again, and gives the same book.
func TestBackupResume(t *testing.T) {
	src := newStore(t)
	sampleBook(t, src, 60)
	first := backupOf(t, src)
	path := filepath.Join(t.TempDir(), "backup.json")
	writeFile(t, path, string(first))
	b, err := Read(path, now)
	if err != nil {
		t.Fatal(err)
	}
	dst := newStore(t)
	var first25 []model.Bundle
	b.Backup.Each(func(x model.Bundle) error {
		if len(first25) < 25 {
			first25 = append(first25, x)
		}
		return nil
	})
	if err := dst.Restore(first25); err != nil { // as if stopped after a chunk
		t.Fatal(err)
	}
	checkDB(t, dst)
	rep := importFile(t, dst, path, ImportOptions{})
	if rep.Restored != 35 || rep.RestoredBefore != 25 {
		t.Fatalf("restored %d, before %d", rep.Restored, rep.RestoredBefore)
	}
	if second := backupOf(t, dst); !bytes.Equal(first, second) {
		t.Fatalf("backup differs after a resumed restore:\n%s", firstDiff(first, second))
	}
	rep = importFile(t, dst, path, ImportOptions{})
	if rep.Restored != 0 || rep.RestoredBefore != 60 {
		t.Fatalf("third run restored %d", rep.Restored)
	}
}

func TestBackupRefusesOtherBook(t *testing.T) {
	src := newStore(t)
	sampleBook(t, src, 5)
	path := filepath.Join(t.TempDir(), "backup.json")
	writeFile(t, path, string(backupOf(t, src)))
	dst := newStore(t)
	c := model.Contact{Name: "Someone Else", Stage: model.Lead, Created: now}
	if err := dst.AddContact(&c); err != nil {
		t.Fatal(err)
	}
	b, _ := Read(path, now)
	_, err := Import(dst, b, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "restores only into an empty database") {
		t.Fatalf("err = %v", err)
	}
}

func TestBackupChecks(t *testing.T) {
	cases := map[string]string{
		`{"format":"rapport-backup","version":2,"contacts":[]}`: "newer rapport",
		`{"format":"something","version":1}`:                    "not a rapport backup",
		`[1,2]`:                                                 "not a rapport backup",
		`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":1,"name":"A","stage":"lead"}},{"contact":{"id":1,"name":"B","stage":"lead"}}]}`:                                   "used twice",
		`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":1,"name":"A","stage":"lead","referred_by":9}}]}`:                                                                  "not in the backup",
		`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":1,"name":"A","stage":"lead"},"notes":[{"id":1,"contact_id":2,"kind":"call","text":"x"}]}]}`:                       "foreign id",
		`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":1,"name":"A","stage":"lead"},"follow_ups":[{"id":1,"contact_id":1,"note_id":5,"text":"x","due":"2026-01-01"}]}]}`: "comes from note 5",
		`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":1,"name":"","stage":"lead"}}]}`:                                                                                   "needs a name",
	}
	for in, want := range cases {
		if _, err := readBackup([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("readBackup(%s) = %v, want %q", in, err, want)
		}
	}
	doc, err := readBackup([]byte(`{"format":"rapport-backup","version":1,"contacts":[{"contact":{"id":4,"name":"A\u001b[31mB","stage":"lead"},"notes":[{"id":2,"contact_id":4,"kind":"note","text":"x\u0007y\nz"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if b := doc.Contacts[0]; b.Contact.Name != "AB" || b.Notes[0].Text != "xy\nz" {
		t.Errorf("not cleaned: %s", js(b))
	}
}

// TestVCardRoundTrip: vCard export, import into an empty database gives
// the same contacts; importing it into the book it came from changes
// nothing but the UIDs it hands out.
func TestVCardRoundTrip(t *testing.T) {
	src := newStore(t)
	sampleBook(t, src, 150)
	orig, _ := src.AllContacts()
	var buf bytes.Buffer
	if err := WriteVCards(&buf, orig); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.vcf")
	writeFile(t, path, buf.String())

	dst := newStore(t)
	rep := importFile(t, dst, path, ImportOptions{Stage: model.Lead})
	if rep.Added != len(orig) || len(rep.Problems) != 0 {
		t.Fatalf("added %d of %d, problems %s", rep.Added, len(orig), js(rep.Problems))
	}
	got, _ := dst.AllContacts()
	for i, c := range got {
		if want := portable(orig[i]); !equalJSON(portable(c), want) {
			t.Fatalf("contact %d:\n got %s\nwant %s", i, js(portable(c)), js(want))
		}
	}
	checkDB(t, dst)

	rep = importFile(t, src, path, ImportOptions{})
	if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != len(orig) || len(rep.Decisions) != 0 {
		t.Errorf("into its own book: %d added, %d updated, %d unchanged, decisions %s", rep.Added, rep.Updated, rep.Unchanged, js(rep.Decisions))
	}
	for _, st := range rep.Steps {
		if st.Action == Update {
			t.Errorf("%s: %v", st.Name, st.Changes)
		}
	}
}

// portable is what a vCard carries of a contact: not the database's ids,
// times or links.
func portable(c model.Contact) model.Contact {
	c.UID = ContactUID(c)
	c.ID, c.ReferredBy = 0, 0
	// When the rep last spoke to them, and when they fall due next (an
	// import spreads first touches), are the book's, not the card's.
	c.Created, c.LastTouch, c.NextTouchAfter = now, now, model.Date{}
	return c
}

func TestWriteVdir(t *testing.T) {
	s := newStore(t)
	sampleBook(t, s, 30)
	contacts, _ := s.AllContacts()
	dir := filepath.Join(t.TempDir(), "contacts")
	res, err := WriteVdir(dir, contacts)
	if err != nil || res.Written != 30 {
		t.Fatalf("%+v %v", res, err)
	}
	res, err = WriteVdir(dir, contacts)
	if err != nil || res.Written != 0 || res.Unchanged != 30 {
		t.Fatalf("second write: %+v %v", res, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		info, _ := e.Info()
		if !strings.HasSuffix(e.Name(), ".vcf") || info.Mode().Perm() != 0o600 {
			t.Errorf("%s %v", e.Name(), info.Mode())
		}
	}
	// and the folder imports as a vdir
	b, err := Read(dir, now)
	if err != nil || len(b.Records) != 30 || b.Records[0].File == "" {
		t.Fatalf("read vdir: %v %d", err, len(b.Records))
	}
}

func TestVdirName(t *testing.T) {
	for in, want := range map[string]string{
		"urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1": "4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
		"ABC/../x y":  "ABC_.._x_y",
		"...hidden":   "hidden",
		"a@b.example": "a@b.example",
	} {
		if got := vdirName(in); got != want {
			t.Errorf("vdirName(%q) = %q, want %q", in, got, want)
		}
	}
}

// firstDiff shows where two documents part.
func firstDiff(a, b []byte) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			lo := max(0, i-200)
			return "…" + string(a[lo:min(len(a), i+200)]) + "\n---\n…" + string(b[lo:min(len(b), i+200)])
		}
	}
	return "lengths differ"
}

// TestVdirGroups: in a vdir the group card is a file of its own.
func TestVdirGroups(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.vcf"), "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:aaa\r\nFN:Ana\r\nEND:VCARD\r\n")
	writeFile(t, filepath.Join(dir, "g.vcf"), "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Golf\r\nMEMBER:urn:uuid:aaa\r\nEND:VCARD\r\n")
	os.Mkdir(filepath.Join(dir, ".git"), 0o700)
	writeFile(t, filepath.Join(dir, ".git", "x.vcf"), "BEGIN:VCARD\r\nFN:Hidden\r\nEND:VCARD\r\n")
	b, err := Read(dir, now)
	if err != nil || len(b.Records) != 1 || !equalJSON(b.Records[0].Contact.Tags, []string{"Golf"}) {
		t.Fatalf("%v %s", err, js(b.Records))
	}
	if b.Records[0].Where(dir) != filepath.Base(dir)+"/a.vcf:1" {
		t.Errorf("where: %s", b.Records[0].Where(dir))
	}
}
