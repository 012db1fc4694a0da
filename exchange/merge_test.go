package exchange

import (
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
)

// TestLinkedInPeople: namesakes at different companies stay two people,
// two rows that agree become one (and say so), every date form LinkedIn
// has written is read, and a row with only an email is named after it.
func TestLinkedInPeople(t *testing.T) {
	s := newStore(t)
	path := filepath.Join("testdata", "linkedin_people.csv")
	rep := importFile(t, s, path, ImportOptions{})
	if rep.Read != 6 || rep.Added != 5 || rep.Merged != 1 || rep.Skipped != 0 {
		t.Errorf("read %d: %d added, %d merged, %d skipped; want 6: 5, 1, 0", rep.Read, rep.Added, rep.Merged, rep.Skipped)
	}
	want := []Decision{
		{Name: "Chris Nicholson", Line: 6, With: "Chris Nicholson (" + path + ":5)", Why: "same name, another company (Bare Knuckles Creative / Cartoon Network)"},
		{Merged: true, Name: "Amara Okafor", Line: 8, With: "Amara Okafor (" + path + ":7)", Why: "same email amara@zenith.example"},
	}
	if !equalJSON(rep.Decisions, want) {
		t.Errorf("decisions:\n got %s\nwant %s", js(rep.Decisions), js(want))
	}
	checkProblems(t, rep.Problems, []Problem{
		{File: "", Line: 9, Msg: "First Name: the row has no name; named after its email address"},
		{File: "", Line: 10, Msg: `Connected On: "31/12/2020" is not a date; left out`},
	})
	all, _ := s.AllContacts()
	got := map[string]string{}
	for _, c := range all {
		got[c.Name+" / "+c.Company] = c.HowWeMet + " " + strings.Join(c.URLs, " ")
	}
	wantContacts := map[string]string{
		"Chris Nicholson / Bare Knuckles Creative": "Connected on LinkedIn on 2018-01-08 https://www.linkedin.com/in/chrisnicholson",
		"Chris Nicholson / Cartoon Network":        "Connected on LinkedIn on 2023-04-23 https://www.linkedin.com/in/chris-nicholson-cn",
		"Amara Okafor / Zenith Bank":               "Connected on LinkedIn on 2024-02-12 https://www.linkedin.com/in/amara-okafor https://www.linkedin.com/in/amara-okafor-2",
		"sam@mailbox.example / ":                   "Connected on LinkedIn on 2021-03-03 https://www.linkedin.com/in/anon",
		"Lee Park / Hooli":                         " https://www.linkedin.com/in/leepark",
	}
	if !equalJSON(got, wantContacts) {
		t.Errorf("contacts:\n got %s\nwant %s", js(got), js(wantContacts))
	}

	// Again, as a dry run: everyone is found by name and company, nobody
	// is merged into a namesake.
	b, _ := Read(path, now)
	rep, err := Import(s, b, ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep)
	if rep.Unchanged != 5 || rep.Added != 0 || rep.Merged != 1 {
		t.Errorf("again: %d unchanged, %d added, %d merged; decisions %s", rep.Unchanged, rep.Added, rep.Merged, js(rep.Decisions))
	}
}

// TestGoogleSharedEmail: two people sharing info@ are never one contact;
// a later row about the first of them, agreeing, merges into it.
func TestGoogleSharedEmail(t *testing.T) {
	s := newStore(t)
	path := filepath.Join("testdata", "google_people.csv")
	rep := importFile(t, s, path, ImportOptions{DryRun: true})
	if rep.Read != 4 || rep.Added != 3 || rep.Merged != 1 {
		t.Errorf("read %d: %d added, %d merged", rep.Read, rep.Added, rep.Merged)
	}
	want := []Decision{
		{Name: "Jon Berg", Line: 3, With: "Maria Garcia (" + path + ":2)", Why: "same email info@acme.example, another title (Buyer / CEO)"},
		{Merged: true, Name: "Maria Garcia", Line: 4, With: "Maria Garcia (" + path + ":2)", Why: "same name and company"},
	}
	if !equalJSON(rep.Decisions, want) {
		t.Errorf("decisions:\n got %s\nwant %s", js(rep.Decisions), js(want))
	}
	if all, _ := s.AllContacts(); len(all) != 0 {
		t.Fatal("a dry run wrote")
	}
	importFile(t, s, path, ImportOptions{})
	maria, err := s.Resolve("maria garcia")
	if err != nil {
		t.Fatal(err)
	}
	if maria.Title != "Buyer" || !equalJSON(maria.Emails, []string{"info@acme.example", "maria@home.example"}) || len(maria.Phones) != 1 {
		t.Errorf("Maria: %s", js(maria))
	}
	if jon, err := s.Resolve("jon berg"); err != nil || jon.Title != "CEO" {
		t.Errorf("Jon: %s %v", js(jon), err)
	}
	if x, err := s.Resolve("x@y.example"); err != nil || !equalJSON(x.Emails, []string{"x@y.example"}) || x.Stage != model.Prospect {
		t.Errorf("email-only row: %s %v", js(x), err)
	}
}

// TestEmailOnlyRowRenamesNobody: a row with only an email merges into the
// person who has it, and leaves their name alone.
func TestEmailOnlyRowRenamesNobody(t *testing.T) {
	s := newStore(t)
	path := filepath.Join(t.TempDir(), "g.csv")
	writeFile(t, path, "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\nJohn,Smith,john@smith.example,\n,,john@smith.example,+1 555 0100\n")
	rep := importFile(t, s, path, ImportOptions{})
	all, _ := s.AllContacts()
	if rep.Merged != 1 || len(all) != 1 || all[0].Name != "John Smith" || len(all[0].Phones) != 1 {
		t.Errorf("merged %d: %s", rep.Merged, js(all))
	}
}
