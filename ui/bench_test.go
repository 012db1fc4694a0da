package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rapport/model"
	"rapport/store"
)

// Benchmark books are generated once per `go test` process, with the
// sample generator behind `rapport demo`, and shared by the benchmarks
// that need the same size. They are built only when a benchmark asks, so
// plain `go test` never pays for them.
var bench struct {
	sync.Mutex
	dir   string
	books map[int]string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// benchBook returns the path of a database holding n sample contacts.
func benchBook(b *testing.B, n int) string {
	b.Helper()
	bench.Lock()
	defer bench.Unlock()
	if path, ok := bench.books[n]; ok {
		return path
	}
	if bench.dir == "" {
		dir, err := os.MkdirTemp("", "rapport-ui-bench-")
		if err != nil {
			b.Fatal(err)
		}
		bench.dir, bench.books = dir, map[int]string{}
	}
	path := filepath.Join(bench.dir, fmt.Sprintf("book-%d.db", n))
	s, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	sm := model.NewSampler(42, n, fixedNow)
	for done := 0; done < n; {
		chunk := make([]model.Bundle, 0, 1000)
		for ; len(chunk) < 1000 && done < n; done++ {
			chunk = append(chunk, sm.Next().Bundle)
		}
		if _, err := s.AddBundles(chunk); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("built a book of %d contacts in %s", n, time.Since(start).Round(time.Millisecond))
	bench.books[n] = path
	return path
}

func BenchmarkFirstFrame10k(b *testing.B)  { benchFirstFrame(b, 10_000, firstPage) }
func BenchmarkFirstFrame100k(b *testing.B) { benchFirstFrame(b, 100_000, firstPage) }

// The whole list loaded (every entry, as after the first frame), for
// comparison: this is what the first frame would cost without the first
// page.
func BenchmarkWholeBook10k(b *testing.B)  { benchFirstFrame(b, 10_000, 0) }
func BenchmarkWholeBook100k(b *testing.B) { benchFirstFrame(b, 100_000, 0) }

// benchFirstFrame measures what stands between starting rapport and
// seeing the book: open the store, load the agenda and the first entries
// (limit; 0 is all), size the screens and render the home screen at
// 120×35.
func benchFirstFrame(b *testing.B, n, limit int) {
	path := benchBook(b, n)
	env := func(string) string { return "" }
	b.ResetTimer()
	for b.Loop() {
		s, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		a := newApp(s, Options{Now: func() time.Time { return fixedNow }}, false, env)
		a = send(b, a, tea.WindowSizeMsg{Width: 120, Height: 35})
		msg := readBook(s, a.today, limit, coldPage)
		if msg.err != nil {
			b.Fatal(msg.err)
		}
		a = send(b, a, msg)
		if len(a.View().Content) == 0 {
			b.Fatal("empty frame")
		}
	}
}

// filterApp is the app over a 100k book with the filter open and, when
// typed is not empty, already narrowed by it.
func filterApp(b *testing.B, typed string) App {
	path := benchBook(b, 100_000)
	s, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	a := newApp(s, Options{Now: func() time.Time { return fixedNow }}, false, func(string) string { return "" })
	a = send(b, a, tea.WindowSizeMsg{Width: 120, Height: 35})
	msg := readBook(s, a.today, 0, coldPage)
	a = send(b, a, msg)
	a = send(b, a, press("/"))
	for _, r := range typed {
		a = send(b, a, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return a
}

// BenchmarkFilterKey100k is one keystroke in the list filter at 100,000
// contacts, the frame included: the first letter, which scans everyone.
func BenchmarkFilterKey100k(b *testing.B) { benchFilterKey(b, "", 'm') }

// BenchmarkFilterNextKey100k is a later keystroke ("mar" → "mari"), which
// narrows the previous matches.
func BenchmarkFilterNextKey100k(b *testing.B) { benchFilterKey(b, "mar", 'i') }

// BenchmarkFilterBackspace100k deletes a letter, which rescans everyone.
func BenchmarkFilterBackspace100k(b *testing.B) {
	base := filterApp(b, "mari")
	b.ResetTimer()
	for b.Loop() {
		a := send(b, base, press("backspace"))
		_ = a.View()
	}
}

func benchFilterKey(b *testing.B, typed string, next rune) {
	base := filterApp(b, typed)
	key := tea.KeyPressMsg{Code: next, Text: string(next)}
	b.ResetTimer()
	for b.Loop() {
		a := send(b, base, key)
		_ = a.View()
	}
	b.StopTimer()
	a := send(b, base, key)
	b.ReportMetric(float64(len(a.list.rows)), "matches")
}
