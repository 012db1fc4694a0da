package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/exchange"
	"rapport/model"
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

// TestICSExportStreams: the streamed calendar (several read chunks) is
// what WriteICS gives for the whole book, events and tasks alike, and -o
// reports the events it wrote. DTSTAMP carries the clock, so it is left
// out of the comparison.
func TestICSExportStreams(t *testing.T) {
	b := newBook(t)
	b.ok("demo", "--contacts", "1200")
	s, err := store.Open(b.path)
	if err != nil {
		t.Fatal(err)
	}
	var book []model.Bundle
	if err := s.ScheduleEach(func(x model.Bundle) error { book = append(book, x); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, todo := range []bool{false, true} {
		args := []string{"export", "--format", "ics"}
		if todo {
			args = append(args, "--todo")
		}
		var want bytes.Buffer
		if err := exchange.WriteICS(&want, book, todo, time.Now()); err != nil {
			t.Fatal(err)
		}
		got := b.ok(args...)
		if withoutStamps(got) != withoutStamps(want.String()) {
			t.Fatalf("todo %v: streamed calendar differs: %d bytes, want %d", todo, len(got), want.Len())
		}
		events := strings.Count(got, "BEGIN:VEVENT") + strings.Count(got, "BEGIN:VTODO")
		file := filepath.Join(t.TempDir(), "cal.ics")
		msg := b.ok(append(args, "-o", file)...)
		if !strings.HasPrefix(msg, fmt.Sprintf("Exported %d events (", events)) {
			t.Fatalf("todo %v: %q for %d events", todo, msg, events)
		}
	}
}

func withoutStamps(ics string) string {
	var keep []string
	for _, line := range strings.Split(ics, "\r\n") {
		if !strings.HasPrefix(line, "DTSTAMP:") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\r\n")
}
