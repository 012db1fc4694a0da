package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleN(seed uint64, n int, now time.Time) []SampleBundle {
	s := NewSampler(seed, n, now)
	out := make([]SampleBundle, n)
	for i := range out {
		out[i] = s.Next()
	}
	return out
}

func TestSamplerIsDeterministic(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	a, b := sampleN(42, 100, now), sampleN(42, 100, now)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different books")
	}
	if c := sampleN(43, 100, now); reflect.DeepEqual(a, c) {
		t.Fatal("another seed gave the same book")
	}
}

func TestSamplerMakesRealisticData(t *testing.T) {
	now := time.Date(2027, 2, 24, 9, 0, 0, 0, time.UTC)
	today := DateOf(now)
	book := sampleN(7, 400, now)
	var accented, cjk, birthdays, yearless, open, notes int
	for i, b := range book {
		c := b.Contact
		if err := c.Validate(); err != nil {
			t.Fatalf("contact %d (%q): %v", i, c.Name, err)
		}
		if c.ID != 0 {
			t.Fatalf("contact %d has an id; the store assigns them", i)
		}
		if b.ReferredBy < -1 || b.ReferredBy >= i {
			t.Fatalf("contact %d is referred by %d, which is not an earlier contact", i, b.ReferredBy)
		}
		if Fold(c.Name) != c.Name && !isPlainASCII(c.Name) {
			accented++
		}
		if isCJK(c.Name) {
			cjk++
		}
		if !c.Birthday.IsZero() {
			birthdays++
			if !c.Birthday.HasYear() {
				yearless++
			}
		}
		if c.Created.After(now.AddDate(0, 0, -29)) {
			t.Fatalf("contact %d was created %v, less than 30 days ago", i, c.Created)
		}
		latest := time.Time{}
		for _, n := range b.Notes {
			notes++
			if n.At.After(now) || DateOf(n.At).Before(DateOf(c.Created)) {
				t.Fatalf("note at %v, outside %v..%v", n.At, c.Created, now)
			}
			if h := n.At.Hour(); h < 8 || h > 17 {
				t.Fatalf("note at %v, outside office hours", n.At)
			}
			if err := n.Validate(); err != nil {
				t.Fatal(err)
			}
			if n.Kind.IsTouch() && n.At.After(latest) {
				latest = n.At
			}
		}
		if !c.LastTouch.Equal(latest) {
			t.Fatalf("contact %d: last touch %v, latest touch %v", i, c.LastTouch, latest)
		}
		for _, f := range b.FollowUps {
			if err := f.Validate(); err != nil {
				t.Fatal(err)
			}
			if f.Open() {
				open++
			} else if f.Done.After(today) {
				t.Fatalf("a follow-up done in the future: %+v", f)
			}
		}
	}
	if accented < 20 || cjk < 5 || birthdays < 50 || yearless < 10 || open < 20 || notes < 400*10 {
		t.Fatalf("a thin book: %d accented, %d CJK, %d birthdays (%d without a year), %d open follow-ups, %d notes",
			accented, cjk, birthdays, yearless, open, notes)
	}
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Demo data reads as real: Chinese names get pinyin email addresses, and
// nobody has the same question twice.
func TestSamplerEmailsAndQuestions(t *testing.T) {
	s := NewSampler(7, 400, time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC))
	cjk := 0
	for range 400 {
		b := s.Next().Bundle
		if isCJK(b.Contact.Name) {
			cjk++
			if e := b.Contact.Emails[0]; strings.Contains(e, ".u") || strings.HasPrefix(e, "u") {
				t.Errorf("%s has the email %s", b.Contact.Name, e)
			}
		}
		seen := map[string]bool{}
		for _, q := range b.Questions {
			if seen[q.Text] {
				t.Errorf("%s has %q twice", b.Contact.Name, q.Text)
			}
			seen[q.Text] = true
		}
	}
	if cjk == 0 {
		t.Fatal("setup: no Chinese names in 400 contacts")
	}
}
