package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// oneSentence fails unless r is a failure told in one line, no Go dump.
func oneSentence(t *testing.T, what string, r result, code int, says string) {
	t.Helper()
	msg := strings.TrimSpace(r.err)
	if r.code != code || strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") || !strings.Contains(msg, says) {
		t.Errorf("%s: exit %d (want %d), stderr %q (want one line with %q)", what, r.code, code, msg, says)
	}
}

func TestNoteOverTheLimitIsRefused(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	before := b.fileBytes()
	r := b.runIn(strings.Repeat("é", 600_000), "log", "ada", "-")
	oneSentence(t, "log - with 1.2 MB", r, 1, "over the limit of 1048576 bytes")
	if !bytes.Equal(before, b.fileBytes()) {
		t.Error("a refused note changed the database")
	}
	b.runIn(strings.Repeat("a", 1<<20), "log", "ada", "-") // exactly the limit
	var d struct {
		Notes []struct{ Text string } `json:"notes"`
	}
	b.json(&d, "show", "ada")
	if len(d.Notes) != 1 || len(d.Notes[0].Text) != 1<<20 {
		t.Fatalf("a note of exactly 1 MiB was not kept whole")
	}
}

func TestBoundsOnCadenceAndToday(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Zed")
	before := b.fileBytes()
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"add", "Ada", "--cadence", "999999y"}, "at most 10 years"},
		{[]string{"add", "Ada", "--cadence", "3651"}, "at most 10 years"},
		{[]string{"--today", "0000-01-01", "today"}, "outside 1900 to 2200"},
		{[]string{"--today", "9999-12-31", "today"}, "outside 1900 to 2200"},
	} {
		oneSentence(t, strings.Join(tc.args, " "), b.run(tc.args...), 2, tc.says)
	}
	if !bytes.Equal(before, b.fileBytes()) {
		t.Error("a refused command changed the database")
	}
	b.ok("add", "Ada", "--cadence", "10y")
}

// writeBackup writes a JSON backup of one contact, with fields to spoil.
func writeBackup(t *testing.T, contactID, noteID uint64, name, stage, kind, topic string) string {
	t.Helper()
	doc := map[string]any{"format": "rapport-backup", "version": 1, "contacts": []any{map[string]any{
		"contact": map[string]any{"id": contactID, "name": name, "stage": stage, "created": "2026-01-01T00:00:00Z"},
		"notes": []any{map[string]any{"id": noteID, "contact_id": contactID, "kind": kind, "topics": []string{topic},
			"text": "hello \u009b31m\u202eevil", "at": "2026-01-02T00:00:00Z"}},
	}}}
	data, _ := json.Marshal(doc)
	path := filepath.Join(t.TempDir(), "backup.json")
	os.WriteFile(path, data, 0o600)
	return path
}

func TestBackupIdsNearTheTopAreRefused(t *testing.T) {
	b := newBook(t)
	path := writeBackup(t, 18446744073709551615, 1, "Ada", "lead", "call", "problem")
	oneSentence(t, "import of a huge id", b.run("import", path), 1, "larger than rapport allows")
	if _, err := os.Stat(b.path); err == nil {
		data := b.fileBytes()
		c := newBook(t)
		os.WriteFile(c.path, data, 0o600)
		if strings.Contains(c.ok("list"), "Ada") {
			t.Error("the refused backup was partly restored")
		}
	}
}

func TestHostileTextIsStoredCleanAndPrintedSafely(t *testing.T) {
	b := newBook(t)
	path := writeBackup(t, 1, 1, "Ada\u202e\u200b Lovelace", "lead\u0085", "Call", "PROBLEM")
	b.ok("import", path)
	out := b.ok("show", "ada", "--json")
	for _, bad := range []string{"\u009b", "\u202e", "\u200b", "\u0085"} {
		if strings.Contains(out, bad) {
			t.Errorf("show --json prints %U raw", []rune(bad)[0])
		}
	}
	var d struct {
		Contact struct{ Name, Stage string } `json:"contact"`
		Notes   []struct {
			Kind   string   `json:"kind"`
			Topics []string `json:"topics"`
			Text   string   `json:"text"`
		} `json:"notes"`
	}
	json.Unmarshal([]byte(out), &d)
	if d.Contact.Name != "Ada Lovelace" || d.Contact.Stage != "lead" || len(d.Notes) != 1 ||
		d.Notes[0].Kind != "call" || len(d.Notes[0].Topics) != 1 || d.Notes[0].Topics[0] != "problem" || d.Notes[0].Text != "hello 31mevil" {
		t.Errorf("stored as %+v", d)
	}
	bad := writeBackup(t, 2, 2, "Bob", "lead", "call", "gossip")
	oneSentence(t, "a backup with an unknown topic", b.run("import", bad), 1, "unknown topic")
}

func TestTypedTextIsStoredClean(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Grace\u202e Hopper\u200b", "--company", "Navy\r\nYard")
	b.runIn("line one\r\nline two\u202e", "log", "grace", "-")
	var d struct {
		Contact struct{ Name, Company string } `json:"contact"`
		Notes   []struct{ Text string }        `json:"notes"`
	}
	b.json(&d, "show", "grace")
	if d.Contact.Name != "Grace Hopper" || d.Contact.Company != "Navy Yard" || d.Notes[0].Text != "line one\nline two" {
		t.Errorf("stored as %+v", d)
	}
}

func TestImportRefusesDevicesAndSkipsFIFOs(t *testing.T) {
	b := newBook(t)
	oneSentence(t, "import /dev/zero", b.run("import", "/dev/zero"), 1, "not a regular file")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.vcf"), []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n"), 0o600)
	if err := syscall.Mkfifo(filepath.Join(dir, "b.vcf"), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan result)
	go func() { done <- b.run("import", dir) }()
	select {
	case r := <-done:
		if r.code != 0 || !strings.Contains(r.out+r.err, "b.vcf") {
			t.Errorf("exit %d: %s%s", r.code, r.out, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the import hangs on a FIFO")
	}
	mustContain(t, b.ok("list"), "Ada Lovelace")
}

func TestAnOversizedCardIsSkippedAndTheRestArrive(t *testing.T) {
	b := newBook(t)
	var cards strings.Builder
	for i := 0; i < 5; i++ {
		name := fmt.Sprintf("Person %d", i)
		if i == 2 {
			name = strings.Repeat("X", 40_000)
		}
		fmt.Fprintf(&cards, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nEND:VCARD\r\n", name)
	}
	path := filepath.Join(t.TempDir(), "cards.vcf")
	os.WriteFile(path, []byte(cards.String()), 0o600)
	r := b.run("import", path)
	if r.code != 0 || !strings.Contains(r.out+r.err, "cards.vcf:9") || !strings.Contains(r.out+r.err, "longer than 1000 characters") {
		t.Fatalf("exit %d:\n%s%s", r.code, r.out, r.err)
	}
	list := b.ok("list")
	for _, want := range []string{"Person 0", "Person 1", "Person 3", "Person 4"} {
		mustContain(t, list, want)
	}
	oneSentence(t, "add with a 40 KB name", b.run("add", strings.Repeat("Y", 40_000)), 1, "longer than 1000 characters")
}

func TestAnotherProgramsBoltFileIsLeftAlone(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada")
	// Rename rapport's meta bucket: what is left is a bbolt file with
	// buckets but none of rapport's marks, as another program's would be.
	spoilMeta(t, b.path)
	before := b.fileBytes()
	for _, args := range [][]string{{"check"}, {"list"}, {"add", "Bob"}} {
		oneSentence(t, strings.Join(args, " "), b.run(args...), 1, "is not a rapport database")
	}
	if !bytes.Equal(before, b.fileBytes()) {
		t.Error("a command wrote into another program's file")
	}
	text := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("not a database\n", 600)), 0o600)
	r := exec.Command(binary, "--db", text, "list")
	out, _ := r.CombinedOutput()
	if !strings.Contains(string(out), "is not a rapport database") || strings.Count(strings.TrimSpace(string(out)), "\n") > 0 {
		t.Errorf("a text file as --db: %s", out)
	}
	r = exec.Command(binary, "--db", t.TempDir(), "list")
	out, _ = r.CombinedOutput()
	if !strings.Contains(string(out), "is a folder") {
		t.Errorf("a folder as --db: %s", out)
	}
}

func spoilMeta(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("meta")) }); err != nil {
		t.Fatal(err)
	}
}

// Text stored before cleaning on the way in (an older book) still prints
// safely: --json escapes C1, bidi and zero-width characters.
func TestJSONOutputEscapesInvisibleCharacters(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	b.ok("log", "ada", "budget talk")
	db, err := bolt.Open(b.path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		notes := tx.Bucket([]byte("notes"))
		k, v := notes.Cursor().First()
		var rec map[string]any
		json.Unmarshal(v, &rec)
		rec["text"] = "budget \u009b31m \u202eevil\u200b"
		data, _ := json.Marshal(rec)
		return notes.Put(k, data)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"search", "budget"}, {"show", "ada"}} {
		out := b.ok(append(args, "--json")...)
		for _, bad := range []string{"\u009b", "\u202e", "\u200b"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s --json prints %U raw", args[0], []rune(bad)[0])
			}
		}
		if !strings.Contains(out, `\u009b31m \u202eevil\u200b`) {
			t.Errorf("%s --json lost the escaped text:\n%s", args[0], out)
		}
	}
}
