package exchange

import (
	"bytes"
	"testing"
	"time"

	"rapport/model"
)

// The streaming encoder writes exactly what WriteBackup writes.
func TestBackupEncoderEqualsWriteBackup(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	sm := model.NewSampler(3, 25, at)
	var book []model.Bundle
	for i := 0; i < 25; i++ {
		b := sm.Next().Bundle
		b.Contact.ID = uint64(i + 1)
		book = append(book, b)
	}
	for _, n := range []int{0, 1, 25} {
		var whole, streamed bytes.Buffer
		if err := WriteBackup(&whole, book[:n]); err != nil {
			t.Fatal(err)
		}
		enc := NewBackupEncoder(&streamed)
		for _, b := range book[:n] {
			if err := enc.Add(b); err != nil {
				t.Fatal(err)
			}
		}
		if err := enc.Close(); err != nil {
			t.Fatal(err)
		}
		if whole.String() != streamed.String() {
			t.Fatalf("%d contacts: the streamed backup differs:\n%.400s\n---\n%.400s", n, whole.String(), streamed.String())
		}
	}
}
