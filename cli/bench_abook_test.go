package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkAbook times `rapport list QUERY` against Debian's abook
// answering the same query (`abook --mutt-query`) over the same 10,000
// contacts, converted from rapport's vCard export with `abook --convert`,
// interleaved (each iteration runs both; medians):
//
//	go test -run '^$' -bench Abook -benchtime 100x -count 5 ./cli
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
		argv := [][]string{
			{abook, "--datafile", data, "--mutt-query", q},
			{binary, "--db", path, "--today", benchDay, "list", q},
		}
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			interleaved(b, []string{"abook", "rapport"}, argv)
		})
	}
}

// BenchmarkStartFloor times `rapport version` against a Go hello-world
// built on this machine, interleaved (each iteration runs both; medians):
//
//	go test -run '^$' -bench StartFloor -benchtime 300x -count 5 ./cli
func BenchmarkStartFloor(b *testing.B) {
	interleaved(b, []string{"hello", "version"}, [][]string{{helloWorld(b)}, {binary, "version"}})
}

// interleaved runs every command once per iteration, so a change in the
// machine's load falls on all alike, and reports each one's median.
func interleaved(b *testing.B, names []string, argv [][]string) {
	took := make([][]time.Duration, len(argv))
	for b.Loop() {
		for i, a := range argv {
			start := time.Now()
			_ = exec.Command(a[0], a[1:]...).Run() // abook exits 1 on no match
			took[i] = append(took[i], time.Since(start))
		}
	}
	for i, name := range names {
		b.ReportMetric(medianMS(took[i]), name+"-ms")
	}
}

func medianMS(d []time.Duration) float64 {
	slices.Sort(d)
	return float64(d[len(d)/2]) / float64(time.Millisecond)
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
