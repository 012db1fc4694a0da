package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// Whole-process timings of the built binary on sample books:
//
//	go test -run '^$' -bench Process -count 5 ./cli
//
// Books are made once with `rapport demo` and kept in $TMPDIR.

const benchDay = "2026-11-22"

func demoBook(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("rapport-cli-bench-%d", n))
	path := filepath.Join(dir, "book.db")
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		os.RemoveAll(dir)
		out, err := exec.Command(binary, "--db", path, "--today", benchDay, "demo", "--contacts", fmt.Sprint(n)).CombinedOutput()
		if err != nil {
			b.Fatalf("demo: %v\n%s", err, out)
		}
		if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

// BenchmarkProcess times `rapport today`, `list QUERY` and `show QUERY` as
// whole processes and reports their peak memory. "nakamura" is a common
// name in the sample books (about 1,400 rows at 100k), "aiko nakamura" a
// typical lookup.
func BenchmarkProcess(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		path := demoBook(b, n)
		// version is the floor: starting a Go process on this machine.
		for _, args := range [][]string{{"version"}, {"today"}, {"list", "aiko nakamura"}, {"list", "nakamura"}, {"show", "#42"}, {"show", "ada hopper"}} {
			b.Run(fmt.Sprintf("contacts=%d/%s", n, args), func(b *testing.B) {
				var peak int64
				for b.Loop() {
					cmd := exec.Command(binary, append([]string{"--db", path, "--today", benchDay}, args...)...)
					_ = cmd.Run() // an ambiguous name still exits after the lookup
					if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
						peak = ru.Maxrss
					}
				}
				b.ReportMetric(float64(peak)/1024, "peak-MB")
			})
		}
	}
}
