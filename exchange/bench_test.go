package exchange

import (
	"bytes"
	"path/filepath"
	"testing"

	"rapport/model"
	"rapport/store"
)

// sampleVCards is n sample contacts (the `rapport demo` generator) as one
// vCard file.
func sampleVCards(b *testing.B, n int) string {
	sm := model.NewSampler(1, n, now)
	contacts := make([]model.Contact, n)
	for i := range contacts {
		contacts[i] = sm.Next().Contact
		contacts[i].ID = uint64(i + 1)
	}
	var buf bytes.Buffer
	if err := WriteVCards(&buf, contacts); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "book.vcf")
	writeFile(b, path, buf.String())
	return path
}

func importOnce(b *testing.B, s *store.Store, path string) Report {
	batch, err := Read(path, now)
	if err != nil {
		b.Fatal(err)
	}
	rep, err := Import(s, batch, ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// BenchmarkImportVCard10k is `rapport import book.vcf` of 10,000 cards into
// an empty database: read, match, write in chunks of 500.
func BenchmarkImportVCard10k(b *testing.B) {
	path := sampleVCards(b, 10_000)
	for b.Loop() {
		b.StopTimer()
		s := newStore(b)
		b.StartTimer()
		if rep := importOnce(b, s, path); rep.Added != 10_000 {
			b.Fatalf("added %d", rep.Added)
		}
	}
}

// BenchmarkReimportVCard10k imports the same 10,000 cards again: every one
// matches and nothing is written.
func BenchmarkReimportVCard10k(b *testing.B) {
	path := sampleVCards(b, 10_000)
	s := newStore(b)
	importOnce(b, s, path)
	for b.Loop() {
		if rep := importOnce(b, s, path); rep.Unchanged != 10_000 {
			b.Fatalf("unchanged %d", rep.Unchanged)
		}
	}
}
