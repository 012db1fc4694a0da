package cli

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// TestCSVExportNoticesAContactThatGrew: a contact that gains a second
// email between the pass that sizes the header and the pass that writes
// the rows stops the export with ErrBookChanged; it is never written cut
// to the header's one email column.
func TestCSVExportNoticesAContactThatGrew(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "rapport.db"))
	if err != nil {
		t.Fatal(err)
	}
	ada := model.Contact{Name: "Ada Lovelace", Stage: model.Customer, Emails: []string{"ada@example.com"}}
	if err := s.AddContact(&ada); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if n, err := writeGoogleCSV(s, &out, false, nil); err != nil || n != 1 {
		t.Fatalf("untouched book: %d rows, %v", n, err)
	}
	out.Reset()
	grow := func() {
		ada.Emails = append(ada.Emails, "ada@engines.example")
		if err := s.UpdateContact(ada); err != nil {
			t.Fatal(err)
		}
	}
	_, err = writeGoogleCSV(s, &out, false, grow)
	if !errors.Is(err, exchange.ErrBookChanged) {
		t.Fatalf("a contact that grew between the passes: %v, output %q", err, out.String())
	}
	if bytes.Contains(out.Bytes(), []byte("Ada")) {
		t.Fatalf("the grown contact was written cut: %q", out.String())
	}
}
