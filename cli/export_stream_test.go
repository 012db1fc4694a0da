package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"rapport/exchange"
	"rapport/store"
)

// TestVCardExportStreams: the streamed vCard export (several read chunks)
// gives the bytes WriteVCards gives for the whole book, on stdout and
// with -o.
func TestVCardExportStreams(t *testing.T) {
	b := newBook(t)
	b.ok("demo", "--contacts", "1200")
	out := b.ok("export", "--format", "vcard")
	file := filepath.Join(t.TempDir(), "all.vcf")
	b.ok("export", "--format", "vcard", "-o", file)
	s, err := store.Open(b.path)
	if err != nil {
		t.Fatal(err)
	}
	contacts, err := s.AllContacts()
	if err != nil || len(contacts) != 1200 {
		t.Fatalf("%d contacts, %v", len(contacts), err)
	}
	var want bytes.Buffer
	if err := exchange.WriteVCards(&want, contacts); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(file)
	if out != want.String() || !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("streamed export differs: stdout %d bytes, file %d, want %d", len(out), len(got), want.Len())
	}
}

// TestCSVExportStreams: the two-pass CSV export gives WriteGoogleCSV's
// bytes, --excel included.
func TestCSVExportStreams(t *testing.T) {
	b := newBook(t)
	b.ok("demo", "--contacts", "1200")
	out := b.ok("export", "--format", "csv", "--excel")
	s, err := store.Open(b.path)
	if err != nil {
		t.Fatal(err)
	}
	contacts, err := s.AllContacts()
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := exchange.WriteGoogleCSV(&want, contacts, true); err != nil {
		t.Fatal(err)
	}
	if out != want.String() {
		t.Fatalf("streamed CSV differs: %d bytes, want %d", len(out), want.Len())
	}
}
