package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkAbook times `rapport list QUERY` against Debian's abook
// answering the same query (`abook --mutt-query`) over the same 10,000
// contacts, converted from rapport's vCard export with `abook --convert`,
// interleaved in one run:
//
//	go test -run '^$' -bench Abook -count 5 ./cli
//
// It skips where abook is not installed (apt-get install abook).
func BenchmarkAbook(b *testing.B) {
	abook, err := exec.LookPath("abook")
	if err != nil {
		b.Skip("abook is not installed (apt-get install abook)")
	}
	path := demoBook(b, 10_000)
	data := abookFile(b, abook, path)
	for _, q := range []string{"nakamura", "aiko nakamura", "hopper"} {
		runs := []struct {
			name string
			argv []string
		}{
			{"abook", []string{abook, "--datafile", data, "--mutt-query", q}},
			{"rapport", []string{binary, "--db", path, "--today", benchDay, "list", q}},
		}
		for _, r := range runs {
			b.Run(strings.ReplaceAll(q, " ", "_")+"/"+r.name, func(b *testing.B) {
				for b.Loop() {
					_ = exec.Command(r.argv[0], r.argv[1:]...).Run() // abook exits 1 on no match
				}
			})
		}
	}
}

// abookFile converts the book's vCard export to abook's format once, next
// to the book.
func abookFile(b *testing.B, abook, book string) string {
	dir := filepath.Dir(book)
	data := filepath.Join(dir, "addressbook")
	if _, err := os.Stat(data); err == nil {
		return data
	}
	vcf := filepath.Join(dir, "export.vcf")
	if out, err := exec.Command(binary, "--db", book, "export", "--format", "vcard", "--force", "-o", vcf).CombinedOutput(); err != nil {
		b.Fatalf("export: %v\n%s", err, out)
	}
	conv := exec.Command(abook, "--convert", "--informat", "vcard", "--infile", vcf, "--outformat", "abook", "--outfile", data+".part")
	if out, err := conv.CombinedOutput(); err != nil {
		b.Fatalf("abook --convert: %v\n%s", err, out)
	}
	if err := os.Rename(data+".part", data); err != nil {
		b.Fatal(err)
	}
	return data
}
