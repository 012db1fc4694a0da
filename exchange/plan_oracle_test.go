package exchange

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// TestMatchingAsBefore: on books full of collisions (shared and derived
// UIDs, shared emails in any case, namesakes with and without companies,
// same name different people, notes already there) the planner that
// looks candidates up a chunk at a time plans exactly what the old one,
// which held every stored contact, planned: the same steps with the same
// contacts, merges and notes, the same decisions and problems.
func TestMatchingAsBefore(t *testing.T) {
	defer func(n int) { maxStubs = n }(maxStubs)
	for seed := uint64(1); seed <= 40; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			s := newStore(t)
			records := collidingBook(t, s, rng)
			opt := ImportOptions{Stage: model.Lead, Chunk: []int{1, 3, 7, 500}[seed%4]}
			if seed%3 == 0 {
				opt.Tags = []string{"imported"}
			}
			maxStubs = []int{50_000, 0, 5}[seed%3]
			b := &Batch{Source: "cards.vcf", Format: VCard, Records: records}
			oldSteps, oldDecisions, oldProblems := oldPlan(t, s, b, opt)
			opt.DryRun = true
			rep, err := Import(s, b, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Steps) != len(oldSteps) {
				t.Fatalf("%d steps, want %d:\n got %s\nwant %s", len(rep.Steps), len(oldSteps), js(rep.Steps), js(oldSteps))
			}
			for i := range oldSteps {
				if !reflect.DeepEqual(*rep.Steps[i], *oldSteps[i]) {
					t.Errorf("step %d:\n got %s %s\nwant %s %s", i, js(rep.Steps[i]), js(rep.Steps[i].contact), js(oldSteps[i]), js(oldSteps[i].contact))
				}
			}
			if !reflect.DeepEqual(rep.Decisions, oldDecisions) {
				t.Errorf("decisions:\n got %s\nwant %s", js(rep.Decisions), js(oldDecisions))
			}
			if !reflect.DeepEqual(rep.Problems, oldProblems) {
				t.Errorf("problems:\n got %s\nwant %s", js(rep.Problems), js(oldProblems))
			}
			if seed%5 == 0 { // and written, the book stays consistent
				opt.DryRun = false
				if _, err := Import(s, b, opt); err != nil {
					t.Fatal(err)
				}
				checkDB(t, s)
			}
		})
	}
}

// oldPlan plans b as Import did before: from every stored contact.
func oldPlan(t *testing.T, s *store.Store, b *Batch, opt ImportOptions) ([]*Step, []Decision, []Problem) {
	t.Helper()
	stored, err := s.AllContacts()
	if err != nil {
		t.Fatal(err)
	}
	p := newOldPlanner(stored, opt.Stage, opt.Tags)
	p.source = b.Source
	for _, r := range b.Records {
		p.add(r)
	}
	texts, err := s.NoteTexts(p.needTexts())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[uint64]model.Contact{}
	for _, c := range stored {
		byID[c.ID] = c
	}
	return p.finish(byID, texts), p.decisions, p.probs
}

// collidingBook fills s with contacts drawn from small pools, so that
// UIDs, emails and names collide in every way, and returns records drawn
// from the same pools, some carrying the UIDs rapport's export derives
// for stored contacts.
func collidingBook(t *testing.T, s *store.Store, rng *rand.Rand) []Record {
	t.Helper()
	names := []string{"Ada Lovelace", "ada lovelace", "Ádá Lovelace", "John Smith", "Jane Doe", "Li Wei", "ada@acme.example"}
	companies := []string{"", "", "Acme", "acme", "Globex"}
	titles := []string{"", "", "CEO", "CTO"}
	emails := []string{"ada@acme.example", "ADA@acme.example", "john@globex.example", "info@acme.example", "li@wei.example", "jane@doe.example"}
	uids := []string{"", "", "", "u1", "URN:UUID:U1", "u2", "urn:uuid:u3"}
	texts := []string{"met at the fair", "called about renewal", "sent the deck"}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	contact := func(uidPool []string) model.Contact {
		c := model.Contact{Name: pick(names), Company: pick(companies), Title: pick(titles), UID: pick(uidPool), Stage: model.Prospect}
		for range rng.IntN(3) {
			c.Emails = addEmail(c.Emails, pick(emails), func(string) {})
		}
		if rng.IntN(4) == 0 {
			c.Birthday = model.Date{Year: []int{0, 1980}[rng.IntN(2)], Month: time.March, Day: 1 + rng.IntN(2)}
		}
		if rng.IntN(3) == 0 {
			c.Phones = []string{fmt.Sprintf("+49 30 %d", rng.IntN(3))}
		}
		return c
	}
	notes := func() []model.Interaction {
		if rng.IntN(2) == 0 {
			return nil
		}
		return []model.Interaction{{Kind: model.Note, At: now, Text: pick(texts)}}
	}
	add := func(uidPool []string) {
		c := contact(uidPool)
		c.Created = now.Add(time.Duration(rng.IntN(1000)) * time.Second)
		if _, err := s.Upsert([]store.Change{{Contact: c, Notes: notes()}}); err != nil {
			t.Fatal(err)
		}
	}
	for range 25 + rng.IntN(15) {
		add(uids)
	}
	// UIDs an export derived for contacts without one, in several
	// spellings; some stored contacts carry one of them as their own.
	stored, err := s.AllContacts()
	if err != nil {
		t.Fatal(err)
	}
	derived := append([]string(nil), uids...)
	for _, c := range stored {
		if c.UID == "" && rng.IntN(3) == 0 {
			d := model.ContactUID(c)
			derived = append(derived, d, strings.ToUpper(d), strings.TrimPrefix(d, "urn:uuid:"))
		}
	}
	for range 5 {
		add(derived)
	}
	// A contact whose own UID is the one derived for a later contact.
	later := model.Contact{ID: uint64(len(stored) + 7), Created: now.Add(time.Hour)}
	early := contact([]string{model.ContactUID(later)})
	early.Created = now
	if _, err := s.Upsert([]store.Change{{Contact: early}}); err != nil {
		t.Fatal(err)
	}
	plain := contact([]string{""})
	plain.Created = later.Created
	ids, err := s.Upsert([]store.Change{{Contact: plain}})
	if err != nil || ids[0] != later.ID {
		t.Fatalf("the later contact got id %v (%v), want %d", ids, err, later.ID)
	}
	derived = append(derived, model.ContactUID(later), model.ContactUID(later))
	var records []Record
	for i := range 20 + rng.IntN(30) {
		records = append(records, Record{Line: 1 + 10*i, Contact: contact(derived), Notes: notes()})
	}
	return records
}
