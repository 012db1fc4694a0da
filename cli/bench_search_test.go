package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
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
	launch := launcher(b)
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
				for b.Loop() {
					_ = exec.Command(r.argv[0], r.argv[1:]...).Run() // no match exits 0 too; errors show in the figures
				}
				b.ReportMetric(peakMB(b, launch, r.argv), "peak-MB")
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
	return buildSmall(b, "hello", "package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"hello\\n\") }\n")
}

// buildSmall builds a one-file Go program outside the module.
func buildSmall(b *testing.B, name, source string) string {
	dir := b.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(source), 0o600); err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", bin, src)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build %s: %v\n%s", name, err, out)
	}
	return bin
}

// peakMB is the most memory the command held in three runs. A child
// started by this test process would report at least this process's own
// peak (Go starts children with vfork, and the kernel carries the shared
// memory's high-water mark into the child's figure: a hello-world read
// 11.5 MB), so the runs go through a launcher a few hundred KB in size.
func peakMB(b *testing.B, launch string, argv []string) float64 {
	var peak int64
	for range 3 {
		out, err := exec.Command(launch, argv...).Output()
		if err != nil {
			b.Fatalf("launch %v: %v", argv, err)
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
		if err != nil {
			b.Fatalf("launch %v: %q", argv, out)
		}
		peak = max(peak, kb)
	}
	return float64(peak) / 1024
}

// launcher builds a program that runs its arguments with stdout and stderr
// discarded and prints the child's peak resident memory in KB.
func launcher(b *testing.B) string {
	return buildSmall(b, "launch", `package main

import (
	"os"
	"strconv"
	"syscall"
)

func main() {
	null, err := syscall.Open("/dev/null", syscall.O_WRONLY, 0)
	if err != nil {
		os.Exit(2)
	}
	pid, err := syscall.ForkExec(os.Args[1], os.Args[1:], &syscall.ProcAttr{Env: os.Environ(), Files: []uintptr{0, uintptr(null), uintptr(null)}})
	if err != nil {
		os.Exit(2)
	}
	var ws syscall.WaitStatus
	var ru syscall.Rusage
	if _, err := syscall.Wait4(pid, &ws, 0, &ru); err != nil {
		os.Exit(2)
	}
	os.Stdout.WriteString(strconv.FormatInt(ru.Maxrss, 10) + "\n")
}
`)
}
