package cli_test

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkPeakMemory reports the peak anonymous memory (RssAnon: the heap,
// not the mapped database file) of the commands that read the whole book,
// as whole processes, sampled from /proc every 2 ms. (wait4's maxrss would
// not do: a child started with vfork inherits the test process's peak.)
//
//	go test -run '^$' -bench PeakMemory -benchtime 3x ./cli
//
// Sizes default to 1,000 and 10,000 contacts; RAPPORT_BENCH_SIZES=100000
// (comma-separated) picks others.
func BenchmarkPeakMemory(b *testing.B) {
	sizes := []int{1_000, 10_000}
	if env := os.Getenv("RAPPORT_BENCH_SIZES"); env != "" {
		sizes = nil
		for _, f := range strings.Split(env, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil {
				sizes = append(sizes, n)
			}
		}
	}
	for _, n := range sizes {
		path := demoBook(b, n)
		backup := filepath.Join(filepath.Dir(path), "backup.json")
		if _, err := os.Stat(backup); err != nil {
			if out, err := exec.Command(binary, "--db", path, "export", "--format", "json", "-o", backup).CombinedOutput(); err != nil {
				b.Fatalf("export: %v\n%s", err, out)
			}
		}
		cards := demoCards(b)
		scratch := b.TempDir()
		commands := map[string][]string{
			"export-json":  {"export", "--format", "json"},
			"export-ics":   {"export", "--format", "ics"},
			"export-csv":   {"export", "--format", "csv"},
			"export-vcard": {"export", "--format", "vcard"},
			"export-vdir":  {"export", "--format", "vcard", "--vdir", filepath.Join(scratch, "vdir")},
			"today":        {"today"},
			"list":         {"list"},
			"check":        {"check"},
			"search":       {"search", "budget", "--limit", "10"},
			"list-json":    {"list", "--json"},
			"review":       {"review"},
			"backup":       {"backup", filepath.Join(scratch, "b.db")},
			"restore":      {"--db", filepath.Join(scratch, "r.db"), "import", backup},
			"import-vcard": {"--db", filepath.Join(scratch, "i.db"), "import", cards},
		}
		for _, name := range []string{"export-json", "export-ics", "export-csv", "export-vcard", "export-vdir", "today", "list", "check", "search", "list-json", "review", "backup", "restore", "import-vcard"} {
			args := commands[name]
			b.Run(fmt.Sprintf("contacts=%d/%s", n, name), func(b *testing.B) {
				var peak int64
				for b.Loop() {
					os.Remove(filepath.Join(scratch, "b.db"))
					os.Remove(filepath.Join(scratch, "r.db"))
					os.RemoveAll(filepath.Join(scratch, "vdir"))
					if name == "import-vcard" { // into a copy of the book
						copyFile(b, path, filepath.Join(scratch, "i.db"))
					}
					cmd := exec.Command(binary, append([]string{"--db", path, "--today", benchDay}, args...)...)
					if err := cmd.Start(); err != nil {
						b.Fatal(err)
					}
					done := make(chan error)
					go func() { done <- cmd.Wait() }()
					err := sampleAnon(cmd.Process.Pid, done, &peak)
					if err != nil && name != "check" {
						b.Fatalf("%s: %v", name, err)
					}
				}
				b.ReportMetric(float64(peak)/1024, "anon-MB")
			})
		}
	}
}

// demoCards is the vCard export of a 3,000-contact sample book: cards to
// import into a bigger one (a third of them the bigger book has too).
func demoCards(b *testing.B) string {
	path := filepath.Join(filepath.Dir(demoBook(b, 3_000)), "cards.vcf")
	if _, err := os.Stat(path); err != nil {
		if out, err := exec.Command(binary, "--db", demoBook(b, 3_000), "export", "--format", "vcard", "-o", path).CombinedOutput(); err != nil {
			b.Fatalf("export: %v\n%s", err, out)
		}
	}
	return path
}

// copyFile copies a book, streamed: at 100,000 contacts it is 900 MB.
func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err == nil {
		_, err = io.Copy(out, in)
		err = errors.Join(err, out.Close())
	}
	if err != nil {
		b.Fatal(err)
	}
}

// sampleAnon keeps the largest RssAnon (KB) of process pid in peak until
// done delivers the process's exit.
func sampleAnon(pid int, done <-chan error, peak *int64) error {
	status := fmt.Sprintf("/proc/%d/status", pid)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		if data, err := os.ReadFile(status); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
					kb, _ := strconv.ParseInt(strings.Fields(v)[0], 10, 64)
					*peak = max(*peak, kb)
				}
			}
		}
		select {
		case err := <-done:
			return err
		case <-tick.C:
		}
	}
}
