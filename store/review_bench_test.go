package store_test

import (
	"testing"

	"rapport/model"
	"rapport/store"
)

// BenchmarkReview: the weekly review's one read transaction over the book.
//
//	RAPPORT_BENCH_SIZES=10000 go test -run '^$' -bench Review -count 5 ./store
func BenchmarkReview(b *testing.B) {
	today := model.DateOf(benchNow)
	forSizes(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			if _, err := s.Review(model.WeekStart(today), today); err != nil {
				b.Fatal(err)
			}
		}
	})
}
