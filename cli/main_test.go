package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	// The binary under test is built from these sources; importing them ties
	// go test's result cache to them, so an edit is never hidden by a cached pass.
	_ "rapport/cli"
)

// These tests drive the real binary, as scripts and users do.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rapport-cli-test-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "rapport")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Stderr = os.Stderr
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as the README installs it
	if err := build.Run(); err != nil {
		panic("cannot build rapport: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one finished command.
type result struct {
	out, err string
	code     int
}

// book is a database file in a test's temp dir, with a fixed "today".
type book struct {
	t     *testing.T
	path  string
	today string
}

func newBook(t *testing.T) *book {
	t.Helper()
	return &book{t: t, path: filepath.Join(t.TempDir(), "rapport.db"), today: "2026-11-20"}
}

func (b *book) run(args ...string) result {
	b.t.Helper()
	return b.runIn("", args...)
}

// runIn is book.run with stdin ("" leaves stdin empty).
func (b *book) runIn(stdin string, args ...string) result {
	b.t.Helper()
	full := append([]string{"--db", b.path, "--today", b.today}, args...)
	cmd := exec.Command(binary, full...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		b.t.Fatal(err)
	}
	return result{out.String(), errOut.String(), code}
}

// ok runs a command that must succeed and returns its stdout.
func (b *book) ok(args ...string) string {
	b.t.Helper()
	r := b.run(args...)
	if r.code != 0 {
		b.t.Fatalf("rapport %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.err)
	}
	return r.out
}

func (b *book) json(v any, args ...string) {
	b.t.Helper()
	out := b.ok(append(args, "--json")...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		b.t.Fatalf("rapport %s --json: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// fileBytes snapshots the database to prove a failed command wrote nothing.
func (b *book) fileBytes() []byte {
	b.t.Helper()
	data, err := os.ReadFile(b.path)
	if err != nil {
		b.t.Fatal(err)
	}
	return data
}

func mustContain(t *testing.T, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("output lacks %q:\n%s", p, s)
		}
	}
}

func itoa(n uint64) string { return fmt.Sprint(n) }

func readIfExists(path string) ([]byte, error) { return os.ReadFile(path) }
