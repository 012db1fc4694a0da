package exchange

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportStopsBetweenChunks cancels an import after its second chunk:
// it stops with whole contacts written and says how to resume, and running
// it again finishes the job without duplicating anyone.
func TestImportStopsBetweenChunks(t *testing.T) {
	var cards strings.Builder
	for i := range 25 {
		fmt.Fprintf(&cards, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %02d\r\nEMAIL:p%02d@example.com\r\nEND:VCARD\r\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "cards.vcf")
	writeFile(t, path, cards.String())
	s := newStore(t)
	b, err := Read(path, now)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	opt := ImportOptions{Chunk: 10, Context: ctx, Progress: func(done, total int) {
		if done == 20 {
			cancel() // Ctrl+C while the second chunk was written
		}
	}}
	_, err = Import(s, b, opt)
	if err == nil || !strings.Contains(err.Error(), "after 20 of 25 contacts") || !strings.Contains(err.Error(), "run it again") {
		t.Fatalf("err = %v, want a stop after 20 of 25 that says how to resume", err)
	}
	if got, _ := s.AllContacts(); len(got) != 20 {
		t.Errorf("%d contacts written, want the two whole chunks (20)", len(got))
	}
	rep := importFile(t, s, path, ImportOptions{Chunk: 10})
	if rep.Added != 5 || rep.Unchanged != 20 {
		t.Errorf("the second run added %d and left %d unchanged, want 5 and 20", rep.Added, rep.Unchanged)
	}
	checkDB(t, s)
}
