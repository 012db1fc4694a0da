package store

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"rapport/model"
)

// readBook reads every contact and follow-up record straight from the
// file, without any index: the whole book, as model.AgendaOfBook wants it.
func readBook(t *testing.T, s *Store) ([]model.Contact, []model.FollowUp) {
	t.Helper()
	db, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var contacts []model.Contact
	var follows []model.FollowUp
	err = db.View(func(tx *bolt.Tx) error {
		err := tx.Bucket(bContacts).ForEach(func(_, v []byte) error {
			var c model.Contact
			contacts = append(contacts, c)
			return json.Unmarshal(v, &contacts[len(contacts)-1])
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bFollowUps).ForEach(func(_, v []byte) error {
			var f model.FollowUp
			follows = append(follows, f)
			return json.Unmarshal(v, &follows[len(follows)-1])
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return contacts, follows
}

// sampleBook fills a store with n sample contacts made relative to now.
func sampleBook(t *testing.T, seed uint64, n int, now time.Time) *Store {
	t.Helper()
	s := newStore(t)
	sm := model.NewSampler(seed, n, now)
	var bundles []model.Bundle
	var refs []int
	for i := 0; i < n; i++ {
		b := sm.Next()
		bundles = append(bundles, b.Bundle)
		refs = append(refs, b.ReferredBy)
	}
	ids, err := s.AddBundles(bundles)
	if err != nil {
		t.Fatal(err)
	}
	for i, ref := range refs {
		if ref >= 0 && i%3 == 0 { // some referrals, as `rapport demo` links them
			c := bundles[i].Contact
			c.ReferredBy = ids[ref]
			if err := s.UpdateContact(c); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s
}

// compareAgendas checks the store's index-based agenda against the model's
// over the whole book, for each day and limit.
func compareAgendas(t *testing.T, s *Store, days []model.Date, limits []int) {
	t.Helper()
	contacts, follows := readBook(t, s)
	for _, day := range days {
		for _, limit := range limits {
			got, err := s.Agenda(day, limit)
			if err != nil {
				t.Fatal(err)
			}
			want := model.BuildAgenda(model.AgendaOfBook(day, contacts, follows, limit))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, limit %d: the store's agenda differs from the model's%s", day, limit, agendaDiff(got, want))
			}
		}
	}
}

func agendaDiff(got, want model.Agenda) string {
	out := ""
	section := func(name string, g, w any) {
		if !reflect.DeepEqual(g, w) {
			out += fmt.Sprintf("\n  %s:\n    store %+v\n    model %+v", name, g, w)
		}
	}
	section("day", got.Day, want.Day)
	section("overdue", got.Overdue, want.Overdue)
	section("due today", got.DueToday, want.DueToday)
	section("coming up", got.ComingUp, want.ComingUp)
	section("moments", got.Moments, want.Moments)
	section("cold", got.Cold, want.Cold)
	section("cold total", got.ColdTotal, want.ColdTotal)
	return out
}

// The key property: the indexes give the same agenda as the whole book.
// Books are made around a common year's Feb 28, a leap year's Feb 29 and
// a year end; each is checked on several days, then again after a round
// of random writes through every write path.
func TestAgendaFromIndexesEqualsTheWholeBook(t *testing.T) {
	cases := []struct {
		seed uint64
		now  time.Time
	}{
		{1, time.Date(2027, 2, 24, 9, 0, 0, 0, time.UTC)},  // common year: Feb 29 falls on Feb 28
		{2, time.Date(2028, 2, 26, 17, 0, 0, 0, time.UTC)}, // leap year
		{3, time.Date(2026, 12, 28, 8, 0, 0, 0, time.UTC)}, // year end
	}
	if testing.Short() {
		cases = cases[:1]
	}
	limits := []int{model.ColdLimit, 0, 1}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("seed %d %s", tc.seed, tc.now.Format("2006-01-02")), func(t *testing.T) {
			s := sampleBook(t, tc.seed, 150, tc.now)
			today := model.DateOf(tc.now)
			var days []model.Date
			for _, n := range []int{-3, 0, 1, 4, 7, 30, 200} {
				days = append(days, today.AddDays(n))
			}
			compareAgendas(t, s, days, limits)
			mustCheck(t, s)
			if t.Failed() {
				return
			}
			randomWrites(t, s, tc.seed, tc.now, 80)
			mustCheck(t, s)
			compareAgendas(t, s, days, limits)
			compareNames(t, s, tc.seed)
		})
	}
}

// randomWrites runs n writes of every kind on random contacts, with dates
// around now chosen to land on the agenda's edges.
func randomWrites(t *testing.T, s *Store, seed uint64, now time.Time, n int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 99))
	today := model.DateOf(now)
	entries, err := s.Entries()
	if err != nil {
		t.Fatal(err)
	}
	pickContact := func() model.Contact {
		c, err := s.Contact(entries[rng.IntN(len(entries))].ID)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var open []uint64 // ids of open follow-ups
	_, follows := readBook(t, s)
	for _, f := range follows {
		if f.Open() {
			open = append(open, f.ID)
		}
	}
	openFollowUp := func(done bool) (uint64, bool) {
		if len(open) == 0 {
			return 0, false
		}
		i := rng.IntN(len(open))
		id := open[i]
		if done {
			open = append(open[:i], open[i+1:]...)
		}
		return id, true
	}
	near := func() model.Date { return today.AddDays(rng.IntN(40) - 20) }
	yearly := func() model.Date {
		d := today.AddDays(rng.IntN(20) - 5)
		switch rng.IntN(6) {
		case 0:
			return model.Date{Month: 2, Day: 29}
		case 1:
			return model.Date{Year: 1988, Month: 2, Day: 29}
		case 2:
			return model.Date{Month: d.Month, Day: d.Day}
		}
		if d.Month == 2 && d.Day == 29 {
			return model.Date{Year: 1960 + 4*rng.IntN(12), Month: 2, Day: 29}
		}
		return model.Date{Year: 1950 + rng.IntN(60), Month: d.Month, Day: d.Day}
	}
	for i := 0; i < n; i++ {
		var err error
		switch op := rng.IntN(10); op {
		case 0, 1: // a note, sometimes backdated, sometimes with a follow-up
			c := pickContact()
			in := model.Interaction{ContactID: c.ID, Kind: model.Kinds[rng.IntN(len(model.Kinds))], Text: "note",
				At: now.Add(time.Duration(rng.IntN(24*60)-24*50) * time.Hour)}
			var fs []*model.FollowUp
			if rng.IntN(2) == 0 {
				fs = append(fs, &model.FollowUp{Text: "promise", Due: near(), TheyOwe: rng.IntN(5) == 0})
			}
			err = s.LogNote(&in, fs)
			for _, f := range fs {
				open = append(open, f.ID)
			}
		case 2:
			if id, ok := openFollowUp(true); ok {
				_, err = s.Done(id, near())
			}
		case 3:
			if id, ok := openFollowUp(false); ok {
				_, err = s.Snooze(id, near())
			}
		case 4: // rename: names sort and show on follow-ups and moments
			c := pickContact()
			c.Name = []string{"Aaron Aardvark", "Zed Zulu", "José Núñez", "王伟", c.Name + " Jr."}[rng.IntN(5)]
			err = s.UpdateContact(c)
		case 5:
			c := pickContact()
			c.Birthday = yearly()
			if rng.IntN(4) == 0 {
				c.Birthday = model.Date{}
			}
			err = s.UpdateContact(c)
		case 6:
			c := pickContact()
			c.Moments = append(c.Moments, model.Moment{Label: "first deal", Date: yearly()})
			if rng.IntN(3) == 0 {
				c.Moments = c.Moments[1:]
			}
			err = s.UpdateContact(c)
		case 7:
			c := pickContact()
			c.Cadence = []int{0, 1, 7, 30, 365}[rng.IntN(5)]
			c.Stage = model.Stages[rng.IntN(len(model.Stages))]
			err = s.UpdateContact(c)
		case 8:
			c := model.Contact{Name: "New Person", Stage: model.Lead, Created: now.AddDate(0, 0, -rng.IntN(60)), Birthday: yearly()}
			err = s.AddContact(&c)
			entries = append(entries, Entry{ID: c.ID})
		case 9:
			c := pickContact()
			f := model.FollowUp{ContactID: c.ID, Text: "promise", Due: near()}
			err = s.AddFollowUp(&f)
			open = append(open, f.ID)
		}
		if err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
}

// The book-wide follow-through from the promise index agrees with the
// model's count over every follow-up.
func TestFollowThroughEqualsTheWholeBook(t *testing.T) {
	now := time.Date(2027, 2, 24, 9, 0, 0, 0, time.UTC)
	s := sampleBook(t, 5, 150, now)
	randomWrites(t, s, 5, now, 60)
	_, follows := readBook(t, s)
	today := model.DateOf(now)
	for _, day := range []model.Date{today.AddDays(-20), today, today.AddDays(1), today.AddDays(15), today.AddDays(95)} {
		wantKept, wantDue := 0, 0
		for _, f := range follows {
			if model.PromiseCounts(f, day) {
				wantDue++
				if f.KeptOnTime() {
					wantKept++
				}
			}
		}
		kept, due, err := s.FollowThrough(day)
		if err != nil || kept != wantKept || due != wantDue {
			t.Errorf("%s: FollowThrough = %d of %d, %v; the book says %d of %d", day, kept, due, err, wantKept, wantDue)
		}
	}
}

// compareNames checks the name indexes against the records: the list of
// entries, and name matching for prefixes, whole names and typos of the
// names in the book.
func compareNames(t *testing.T, s *Store, seed uint64) {
	t.Helper()
	contacts, _ := readBook(t, s)
	var want []Entry
	var cands []model.Candidate
	for _, c := range contacts {
		e := entryOf(c)
		want = append(want, e)
		cands = append(cands, e.Candidate())
	}
	slices.SortFunc(want, func(a, b Entry) int { return cmp.Or(cmp.Compare(a.Folded, b.Folded), cmp.Compare(a.ID, b.ID)) })
	got, err := s.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Entries differ from the records")
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := 0; i < 60; i++ {
		name := []rune(model.Fold(contacts[rng.IntN(len(contacts))].Name))
		var q string
		switch i % 4 {
		case 0: // the whole name
			q = string(name)
		case 1: // a prefix
			q = string(name[:1+rng.IntN(len(name))])
		case 2: // a typo: two neighbours swapped
			if len(name) > 3 {
				j := 1 + rng.IntN(len(name)-2)
				name[j], name[j+1] = name[j+1], name[j]
			}
			q = string(name)
		case 3: // a letter dropped
			j := rng.IntN(len(name))
			q = string(append(name[:j:j], name[j+1:]...))
		}
		found, err := s.Matches(q)
		if err != nil {
			t.Fatal(err)
		}
		wantFound, _ := model.Match(q, cands)
		if !sameIDs(found, wantFound) {
			t.Errorf("Matches(%q) = %v, the whole book says %v", q, found, wantFound)
		}
	}
}

func sameIDs(a, b []model.Candidate) bool {
	ids := func(cs []model.Candidate) []uint64 {
		var out []uint64
		for _, c := range cs {
			out = append(out, c.ID)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(ids(a), ids(b))
}
