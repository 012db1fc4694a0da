package sync

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

// Two books and a server, random edits and syncs in random order, with a
// phone editing the server now and then. At the end, after each book has
// synced twice, both books and the server hold the same contacts and the
// books the same follow-ups; every conflict planted on the way was
// recorded. RAPPORT_LONG_TESTS=1 (set by .ci/run) runs it longer.
func TestRandomEditsConverge(t *testing.T) {
	steps, seeds := 40, []uint64{1}
	if s := os.Getenv("RAPPORT_SEED"); s != "" {
		n, _ := strconv.ParseUint(s, 10, 64)
		steps, seeds = 250, []uint64{n}
	}
	if os.Getenv("RAPPORT_LONG_TESTS") != "" {
		steps, seeds = 250, []uint64{1, 2, 3}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { randomRun(t, seed, steps) })
	}
}

func randomRun(t *testing.T, seed uint64, steps int) {
	acc := server(t)
	rng := rand.New(rand.NewPCG(seed, 7))
	books := []*store.Store{book(t), book(t)}
	for i := range 6 {
		addContact(t, books[0], model.Contact{Name: fmt.Sprintf("Person %c Start", 'A'+i), Emails: []string{fmt.Sprintf("p%d@example.com", i)}})
	}
	run(t, books[0], acc, Options{Yes: true})
	run(t, books[1], acc, Options{Yes: true})
	n := 0
	for step := range steps {
		s := books[rng.IntN(2)]
		cs, fs, _ := s.SyncLocal()
		n++
		switch op := rng.IntN(10); {
		case op < 3 && len(cs) > 0:
			c := cs[rng.IntN(len(cs))]
			switch rng.IntN(4) {
			case 0:
				c.Title = fmt.Sprintf("Title %d", n)
			case 1:
				c.Company = fmt.Sprintf("Company %d", n)
			case 2:
				c.Phones = append(c.Phones, fmt.Sprintf("+1 555 %04d", n))
			case 3:
				c.Tags = append(c.Tags, fmt.Sprintf("tag%d", n))
			}
			if err := s.UpdateContact(c); err != nil {
				t.Fatal(err)
			}
		case op == 3:
			addContact(t, s, model.Contact{Name: fmt.Sprintf("New %d Person", n), Created: time.Now()})
		case op == 4 && len(cs) > 3:
			if _, err := s.DeleteContact(cs[rng.IntN(len(cs))].ID); err != nil {
				t.Fatal(err)
			}
		case op == 5 && len(cs) > 0:
			f := model.FollowUp{ContactID: cs[rng.IntN(len(cs))].ID, Text: fmt.Sprintf("task %d", n), Due: model.Date{Year: 2026, Month: 12, Day: 1 + rng.IntN(20)}}
			if err := s.AddFollowUp(&f); err != nil {
				t.Fatal(err)
			}
		case op == 6 && len(fs) > 0:
			if f := fs[rng.IntN(len(fs))]; f.Open() {
				if _, err := s.Done(f.ID, model.Date{Year: 2026, Month: 11, Day: 30}); err != nil {
					t.Fatal(err)
				}
			}
		case op == 7 && len(cs) > 0:
			plantConflict(t, acc, books, step)
		default:
			runLenient(t, s, acc)
		}
	}
	// A task can name a contact the other book deleted in the same round:
	// it is skipped until the contact comes back (a delete loses to the
	// task's edit), so settling takes a few runs; then nothing is skipped.
	for range 3 {
		for _, s := range books {
			runLenient(t, s, acc)
		}
	}
	for _, s := range books {
		run(t, s, acc, Options{})
	}
	sameBooks(t, contactsByUID(t, books[0]), contactsByUID(t, books[1]), "the two books")
	sameBooks(t, contactsByUID(t, books[0]), serverContacts(t, acc), "book and server")
	a, b := followUps(t, books[0]), followUps(t, books[1])
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("follow-ups differ:\n%s\n--\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	if q := run(t, books[0], acc, Options{}); q.Pulled+q.Pushed+q.DeletedHere+q.DeletedThere != 0 {
		t.Errorf("a run after convergence still moved %+v", q)
	}
}

// plantConflict syncs both books (b, a, b: both hold the same), then both change one contact's title
// to different values: the book that syncs second must record a conflict
// holding its own value.
func plantConflict(t *testing.T, acc Account, books []*store.Store, step int) {
	t.Helper()
	for _, s := range append(books, books[0]) {
		runLenient(t, s, acc)
	}
	cs, _, _ := books[0].SyncLocal()
	if len(cs) == 0 {
		return
	}
	target := cs[0]
	mine := fmt.Sprintf("Mine %d", step)
	for i, s := range books {
		c, err := s.Resolve(target.Name)
		if err != nil {
			return // renamed or ambiguous: skip this plant
		}
		c.Title = fmt.Sprintf("Side %d at %d", i, step)
		if i == 1 {
			c.Title = mine
		}
		if err := s.UpdateContact(c); err != nil {
			t.Fatal(err)
		}
	}
	runLenient(t, books[0], acc)
	runLenient(t, books[1], acc)
	st, _, _ := books[1].SyncState(acc.Name)
	for _, c := range st.Conflicts {
		if c.Field == "title" && len(c.Mine) == 1 && c.Mine[0] == mine {
			return
		}
	}
	_, items, _ := books[1].SyncState(acc.Name)
	c1, _ := books[1].Resolve(target.Name)
	c0, _ := books[0].Resolve(target.Name)
	it := items[store.SyncKey{Kind: store.SyncContact, ID: c1.ID}]
	t.Errorf("step %d: no conflict recorded for title %q; conflicts %+v; titles now %q / %q; b1 snapshot %v", step, mine, st.Conflicts, c0.Title, c1.Title, it.Snapshot["title"])
}

// followUps lists a book's follow-ups by contact UID, as comparable lines.
func followUps(t *testing.T, s *store.Store) []string {
	cs, fs, err := s.SyncLocal()
	if err != nil {
		t.Fatal(err)
	}
	uid := map[uint64]string{}
	for _, c := range cs {
		uid[c.ID] = uidKey(exchange.ContactUID(c))
	}
	var out []string
	for _, f := range fs {
		if !taskInScope(f, model.DateOf(testNow)) {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s due %s promised %s done %s", uid[f.ContactID], f.Text, f.Due, f.Promised, f.Done))
	}
	sort.Strings(out)
	return out
}

// runLenient syncs and tolerates skipped objects (reported, retried on
// the next run), as the middle of a random run may leave some.
func runLenient(t *testing.T, s *store.Store, acc Account) {
	t.Helper()
	if _, err := Run(t.Context(), s, acc, Options{Now: testNow, Yes: true}); err != nil {
		t.Fatal(err)
	}
}
