package exchange

import (
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
	"rapport/store"
)

func importFile(t *testing.T, s *store.Store, path string, opt ImportOptions) Report {
	t.Helper()
	b, err := Read(path, now)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Import(s, b, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep)
	return rep
}

// checkCounts: every card or row read is added, updated, unchanged,
// merged with another row, or skipped.
func checkCounts(t *testing.T, rep Report) {
	t.Helper()
	if rep.Format == Backup {
		return // restored exactly, counted by Restored
	}
	if sum := rep.Added + rep.Updated + rep.Unchanged + rep.Merged + rep.Skipped; sum != rep.Read || rep.Read == 0 {
		t.Errorf("%s: %d read, but %d added + %d updated + %d unchanged + %d merged + %d skipped = %d",
			rep.Source, rep.Read, rep.Added, rep.Updated, rep.Unchanged, rep.Merged, rep.Skipped, sum)
	}
}

// TestImportEveryFixture imports every fixture into one book, then again:
// the second time nothing is added or changed.
func TestImportEveryFixture(t *testing.T) {
	s := newStore(t)
	files := []string{"android21.vcf", "apple30.vcf", "google30.vcf", "v40.vcf", "google.csv", "linkedin.csv"}
	added := 0
	for _, f := range files {
		rep := importFile(t, s, filepath.Join("testdata", f), ImportOptions{})
		added += rep.Added
		if rep.Updated != 0 {
			t.Errorf("%s: %d updated on a first import: %s", f, rep.Updated, js(rep.Steps))
		}
	}
	if added != 13 {
		t.Errorf("added %d contacts, want 13", added)
	}
	checkDB(t, s)
	for _, f := range files {
		rep := importFile(t, s, filepath.Join("testdata", f), ImportOptions{Chunk: 2})
		if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged == 0 {
			t.Errorf("%s again: +%d ~%d =%d: %s", f, rep.Added, rep.Updated, rep.Unchanged, js(rep.Steps))
		}
	}
	all, _ := s.AllContacts()
	if len(all) != 13 {
		t.Fatalf("%d contacts after re-import, want 13", len(all))
	}
	ada, err := s.Resolve("ada lovelace")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Detail(ada.ID)
	if ada.Stage != model.Prospect || len(d.Notes) != 0 || !strings.HasPrefix(ada.Background, "Prefers morning calls.") {
		t.Errorf("Ada: stage %q, background %q, notes %s", ada.Stage, ada.Background, js(d.Notes))
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	s := newStore(t)
	before, _ := s.Generation()
	rep := importFile(t, s, "testdata/apple30.vcf", ImportOptions{DryRun: true})
	if rep.Added != 2 || !rep.DryRun {
		t.Fatalf("dry run: %+v", rep)
	}
	if after, _ := s.Generation(); after != before {
		t.Error("a dry run wrote to the database")
	}
	if all, _ := s.AllContacts(); len(all) != 0 {
		t.Error("a dry run added contacts")
	}
}

// TestImportMatching: UID first, then email, then exact name; a record
// that could be several contacts is skipped, never merged into one.
func TestImportMatching(t *testing.T) {
	s := newStore(t)
	add := func(c model.Contact) uint64 {
		c.Stage, c.Created = model.Customer, now
		if err := s.AddContact(&c); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	byUID := add(model.Contact{Name: "Old Name", UID: "uid-1", Tags: []string{"vip"}, Cadence: 7})
	byEmail := add(model.Contact{Name: "Grace Hopper", Emails: []string{"Grace@Navy.example"}, Company: "Navy"})
	byName := add(model.Contact{Name: "José Núñez", Phones: []string{"+34 600 000 000"}})
	add(model.Contact{Name: "John Smith", UID: "smith-a"})
	add(model.Contact{Name: "Kim Lee"})
	add(model.Contact{Name: "Kim Lee"})
	vcf := strings.Join([]string{
		"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:uid-1\r\nFN:New Name\r\nEMAIL:new@example.com\r\nEND:VCARD",         // line 1
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:G. Hopper\r\nEMAIL:grace@navy.example\r\nTITLE:Admiral\r\nEND:VCARD", // 7
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:jose nunez\r\nTEL:+34 600 000 000\r\nEND:VCARD",                      // 13
		"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:smith-b\r\nFN:John Smith\r\nEND:VCARD",                              // 18
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Lee\r\nEND:VCARD",                                                // 23
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Lee Jr\r\nEMAIL:kim@example.com\r\nEND:VCARD",                    // 27
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Lee Junior\r\nEMAIL:KIM@example.com\r\nNOTE:twice\r\nEND:VCARD",  // 32
	}, "\r\n") + "\r\n"
	path := filepath.Join(t.TempDir(), "in.vcf")
	writeFile(t, path, vcf)
	rep := importFile(t, s, path, ImportOptions{Tags: []string{"imported"}})
	got := map[string]string{}
	for _, st := range rep.Steps {
		got[st.Name] = string(st.Action) + " " + strings.Join(st.Changes, ", ")
	}
	wantSteps := map[string]string{
		"New Name":       "update name, +1 email, +1 tag",
		"G. Hopper":      "update name, title, +1 tag",
		"jose nunez":     "update name, +1 tag",
		"John Smith":     "add ", // same name, another UID: another person
		"Kim Lee Junior": "add ",
	}
	if !equalJSON(got, wantSteps) {
		t.Errorf("steps:\n got %s\nwant %s", js(got), js(wantSteps))
	}
	checkProblems(t, rep.Problems, []Problem{{Line: 23, Skipped: true,
		Msg: "Kim Lee: 2 contacts have this name (#5, #6); skipped rather than merged into the wrong one"}})
	c, _ := s.Contact(byUID)
	if c.Name != "New Name" || !equalJSON(c.Emails, []string{"new@example.com"}) || !equalJSON(c.Tags, []string{"vip", "imported"}) || c.Cadence != 7 || c.Stage != model.Customer {
		t.Errorf("matched by UID: %s", js(c))
	}
	c, _ = s.Contact(byEmail)
	if c.Title != "Admiral" || c.Company != "Navy" || len(c.Emails) != 1 {
		t.Errorf("matched by email: %s", js(c))
	}
	c, _ = s.Contact(byName)
	if len(c.Phones) != 1 {
		t.Errorf("matched by name: %s", js(c))
	}
	// the two Kim Lee Jr cards share an email: one contact, one note
	kim, err := s.Resolve("kim lee junior")
	if err != nil {
		t.Fatal(err)
	}
	if kim.Background != "twice" || kim.Stage != model.Prospect {
		t.Errorf("Kim Lee Junior: %s", js(kim))
	}
	wantDecisions := []Decision{
		{Name: "John Smith", Line: 18, With: "#4 John Smith", Why: "same name, another UID"},
		{Merged: true, Name: "Kim Lee Junior", Line: 32, With: "Kim Lee Jr (" + path + ":27)", Why: "same email KIM@example.com"},
	}
	if !equalJSON(rep.Decisions, wantDecisions) {
		t.Errorf("decisions:\n got %s\nwant %s", js(rep.Decisions), js(wantDecisions))
	}
	if rep.Read != 7 || rep.Merged != 1 || rep.Skipped != 1 {
		t.Errorf("read %d, merged %d, skipped %d; want 7, 1, 1", rep.Read, rep.Merged, rep.Skipped)
	}
	checkDB(t, s)
}

// TestMergeContact pins the merge rules.
func TestMergeContact(t *testing.T) {
	old := model.Contact{ID: 3, Name: "Ada", UID: "a", Company: "Old Co", Emails: []string{"a@x.example"}, Tags: []string{"VIP"},
		Birthday: day("1815-12-10"), HowWeMet: "conference", Matters: "tea", Stage: model.Customer, Cadence: 9,
		Moments: []model.Moment{{Label: model.LabelWorkAnniversary, Date: day("2019-09-02")}}}
	in := model.Contact{Name: "Ada Lovelace", UID: "b", Emails: []string{"A@X.example", "b@x.example"}, Tags: []string{"vip", "golf"},
		Birthday: day("--12-10"), HowWeMet: "LinkedIn", Matters: "coffee",
		Moments: []model.Moment{{Label: model.LabelWorkAnniversary, Date: day("--09-02")}, {Label: model.LabelAnniversary, Date: day("2012-06-01")}}}
	got := mergeContact(old, in)
	want := old
	want.Name, want.Matters = "Ada Lovelace", "coffee"
	want.Emails = []string{"a@x.example", "b@x.example"}
	want.Tags = []string{"VIP", "golf"}
	want.Moments = []model.Moment{old.Moments[0], in.Moments[1]}
	if !equalJSON(got, want) {
		t.Errorf("merge:\n got %s\nwant %s", js(got), js(want))
	}
	if !equalJSON(old.Tags, []string{"VIP"}) {
		t.Error("merge changed the old contact's slices")
	}
}
