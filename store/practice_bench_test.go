package store_test

import (
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// BenchmarkValueShare: the book-wide value share from idx_value_days (91
// keys), against the naive way, a walk over every note of the book.
func BenchmarkValueShare(b *testing.B) {
	today := model.DateOf(benchNow)
	forSizes(b, func(b *testing.B, s *store.Store) {
		b.Run("counters", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.ValueShare(today); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("scan", func(b *testing.B) {
			for b.Loop() {
				book, err := s.Dump()
				if err != nil {
					b.Fatal(err)
				}
				var v, n int
				for _, bu := range book {
					f := model.ComputeFigures(today, bu.Notes, nil)
					v, n = v+f.Valued, n+f.Interactions
				}
				_ = model.Percent(v, n)
			}
		})
	})
}

// BenchmarkBrief: open, read one contact's detail and build the brief.
func BenchmarkBrief(b *testing.B) {
	today := model.DateOf(benchNow)
	forSizes(b, func(b *testing.B, s *store.Store) {
		first, err := s.FirstEntries(1)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			d, err := s.Detail(first[0].ID)
			if err != nil {
				b.Fatal(err)
			}
			_ = d.Brief(today)
		}
	})
}

// BenchmarkCardList: the holiday-card list of a year. Tags are not
// indexed; "prefilter" rules contacts out from their raw JSON before
// decoding, "decode-all" decodes every contact (the way before it).
func BenchmarkCardList(b *testing.B) {
	from := time.Date(benchNow.Year(), 1, 1, 0, 0, 0, 0, time.Local)
	pick := func(c model.Contact) bool { return c.HasTag(model.HolidayCardTag) }
	forSizes(b, func(b *testing.B, s *store.Store) {
		for _, m := range []struct{ name, mention string }{{"prefilter", model.HolidayCardTag}, {"decode-all", ""}} {
			b.Run(m.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := s.CardContacts(pick, m.mention, from, from.AddDate(1, 0, 0)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

// BenchmarkReferrals: referrals received and the customers to ask.
func BenchmarkReferrals(b *testing.B) {
	today := model.DateOf(benchNow)
	forSizes(b, func(b *testing.B, s *store.Store) {
		for b.Loop() {
			if _, _, err := s.Referrals(today); err != nil {
				b.Fatal(err)
			}
		}
	})
}
