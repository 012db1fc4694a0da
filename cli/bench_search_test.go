package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// BenchmarkSearchProcess times `rapport search` as a whole process next
// to the start-up floor (`rapport version`) and a Go hello-world built on
// the same machine, in one run, with peak memory:
//
//	RAPPORT_BENCH_SIZES=10000,100000 go test -run '^$' -bench SearchProcess -count 5 ./cli
//
// "zeppelin" is a rare word (one note, logged here once), "pricing" a
// common one (in about one note in eight), "quokka" is in no note.
func BenchmarkSearchProcess(b *testing.B) {
	hello := helloWorld(b)
	for _, n := range searchBenchSizes() {
		path := demoBook(b, n)
		if out, _ := exec.Command(binary, "--db", path, "search", "zeppelin").Output(); !strings.Contains(string(out), "Zeppelin") {
			if out, err := exec.Command(binary, "--db", path, "log", "#42", "Zeppelin factory tour booked").CombinedOutput(); err != nil {
				b.Fatalf("log: %v\n%s", err, out)
			}
		}
		runs := []struct {
			name string
			argv []string
		}{
			{"hello-world", []string{hello}},
			{"version", []string{binary, "version"}},
			{"search-rare", []string{binary, "--db", path, "search", "zeppelin"}},
			{"search-common-limit50", []string{binary, "--db", path, "search", "pricing", "--limit", "50"}},
			{"search-none", []string{binary, "--db", path, "search", "quokka"}},
			{"search-topic-90d", []string{binary, "--db", path, "topics", "opportunity", "--since", "90d"}},
		}
		for _, r := range runs {
			b.Run(fmt.Sprintf("contacts=%d/%s", n, r.name), func(b *testing.B) {
				var peak int64
				for b.Loop() {
					cmd := exec.Command(r.argv[0], r.argv[1:]...)
					_ = cmd.Run() // no match exits 0 too; errors show in the figures
					if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
						peak = ru.Maxrss
					}
				}
				b.ReportMetric(float64(peak)/1024, "peak-MB")
			})
		}
	}
}

func searchBenchSizes() []int {
	var out []int
	for _, f := range strings.Split(os.Getenv("RAPPORT_BENCH_SIZES"), ",") {
		var n int
		if _, err := fmt.Sscan(f, &n); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return []int{10_000}
	}
	return out
}

// helloWorld builds the smallest Go program, the floor of any Go command.
func helloWorld(b *testing.B) string {
	dir := b.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, "hello")
	cmd := exec.Command("go", "build", "-o", bin, src)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build hello-world: %v\n%s", err, out)
	}
	return bin
}
