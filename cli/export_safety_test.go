package cli_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// export -o never destroys what is at the path: the live database is
// refused, a regular file needs --force, and a FIFO is written through.
func TestExportRefusesTheDatabaseItself(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	before := b.fileBytes()
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(b.path, link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{b.path, link} {
		for _, extra := range [][]string{nil, {"--force"}} {
			r := b.run(append([]string{"export", "--format", "json", "-o", target}, extra...)...)
			if r.code != 1 || !strings.Contains(r.err, "is the database itself") {
				t.Errorf("export -o %s %v: exit %d, %q", target, extra, r.code, r.err)
			}
		}
	}
	if !bytes.Equal(before, b.fileBytes()) {
		t.Fatal("export -o changed the database")
	}
}

func TestExportNeedsForceToReplaceAFile(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	out := filepath.Join(t.TempDir(), "book.vcf")
	os.WriteFile(out, []byte("keep me"), 0o600)
	r := b.run("export", "-o", out)
	if r.code != 1 || !strings.Contains(r.err, "already exists; add --force") {
		t.Fatalf("export over a file: exit %d, %q", r.code, r.err)
	}
	if got, _ := os.ReadFile(out); string(got) != "keep me" {
		t.Fatal("the file was replaced without --force")
	}
	b.ok("export", "-o", out, "--force")
	if got, _ := os.ReadFile(out); !strings.Contains(string(got), "Ada Lovelace") {
		t.Fatalf("--force did not replace the file: %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestExportWritesThroughAFIFO(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	fifo := filepath.Join(t.TempDir(), "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- data
	}()
	b.ok("export", "--format", "json", "-o", fifo)
	if data := <-got; !strings.Contains(string(data), "Ada Lovelace") {
		t.Errorf("the reader got %q", data)
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", info.Mode(), err)
	}
}

func TestExportErrorNamesNoTemporaryFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	b := newBook(t)
	b.ok("add", "Ada Lovelace")
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	r := b.run("export", "--format", "json", "-o", filepath.Join(dir, "x.json"))
	if r.code != 1 || strings.Contains(r.err, ".tmp") || !strings.Contains(r.err, "x.json") {
		t.Fatalf("exit %d, %q", r.code, r.err)
	}
}
