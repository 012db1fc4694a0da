package store

import (
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rapport/model"
)

// Readers that follow each other without a gap (scripts looping search, a
// TUI refreshing) must not lock a writer out: a waiting writer goes first.
func TestLoopingReadersDoNotStarveAWriter(t *testing.T) {
	if os.Getenv("RAPPORT_CRASH_LONG") == "" {
		t.Skip("starvation needs long reads: set RAPPORT_CRASH_LONG=1 (.ci/run does)")
	}
	s := sampleBook(t, 5, 1500, testNow)
	var stop atomic.Bool
	var wg sync.WaitGroup
	for r := 0; r < 6; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := &Store{path: s.path, timeout: 30 * time.Second}
			for !stop.Load() {
				own.Dump()
			}
		}()
	}
	writer := &Store{path: s.path, timeout: 2 * time.Second}
	failed, worst := 0, time.Duration(0)
	for i := 0; i < 20; i++ {
		start := time.Now()
		in := model.Interaction{ContactID: 1, Kind: model.Call, Text: "while they read", At: testNow}
		if err := writer.LogNote(&in, nil); err != nil {
			failed++
		}
		worst = max(worst, time.Since(start))
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d of 20 writes failed; worst wait %v", failed, worst)
	if failed > 0 || worst > 2*time.Second {
		t.Fatalf("%d of 20 writes failed; worst wait %v", failed, worst)
	}
}
