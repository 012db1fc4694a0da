package store

import (
	"reflect"
	"testing"

	"rapport/model"
)

// DumpEach, chunk by chunk, gives exactly what the one-transaction Dump does.
func TestDumpEachEqualsDump(t *testing.T) {
	s := sampleBook(t, 4, DumpChunk+37, testNow)
	want, err := s.Dump()
	if err != nil {
		t.Fatal(err)
	}
	var got []model.Bundle
	if err := s.DumpEach(func(b model.Bundle) error { got = append(got, b); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || !reflect.DeepEqual(got, want) {
		t.Fatalf("DumpEach gave %d bundles, Dump %d (or they differ)", len(got), len(want))
	}
}
