package sync

import (
	"strings"
	"testing"

	"rapport/model"
)

func TestTwoBooksConverge(t *testing.T) {
	acc := server(t)
	a, b := book(t), book(t)
	ada := addContact(t, a, model.Contact{Name: "Ada Lovelace", Company: "Analytical; Engines", Title: "CTO", Emails: []string{"ada@example.com"}, Tags: []string{"vip, gold"}, Birthday: model.Date{Month: 12, Day: 10}})
	bob := addContact(t, a, model.Contact{Name: "Bob Byte", Phones: []string{"+49 30 1234"}})
	fu := model.FollowUp{ContactID: ada.ID, Text: "Send the pricing, v2", Due: model.Date{Year: 2026, Month: 12, Day: 4}}
	if err := a.AddFollowUp(&fu); err != nil {
		t.Fatal(err)
	}
	rep := run(t, a, acc, Options{})
	if rep.Pushed != 3 {
		t.Errorf("first upload pushed %d, want 3 (2 contacts, 1 task)", rep.Pushed)
	}
	rep = run(t, b, acc, Options{})
	if rep.Pulled != 3 {
		t.Errorf("second book pulled %d, want 3", rep.Pulled)
	}
	sameBooks(t, contactsByUID(t, a), contactsByUID(t, b), "after the first pull")
	sameBooks(t, contactsByUID(t, a), serverContacts(t, acc), "book and server")
	if got := tasksByText(t, b); got["Ada Lovelace/Send the pricing, v2"].Due != fu.Due {
		t.Errorf("book b's follow-ups: %+v", got)
	}
	// A no-change run moves nothing.
	if rep := run(t, a, acc, Options{}); rep.Pushed+rep.Pulled != 0 {
		t.Errorf("a run with no changes moved records: %+v", rep)
	}

	// Edits on either side, different fields of one contact and one
	// field of both sides (a conflict).
	edit(t, a, "Ada Lovelace", func(c *model.Contact) { c.Title = "CEO"; c.Phones = []string{"+1 555"} })
	edit(t, b, "Ada Lovelace", func(c *model.Contact) { c.Company = "Engines Ltd"; c.Emails = append(c.Emails, "ada@work.example") })
	edit(t, b, "Bob Byte", func(c *model.Contact) { c.Title = "Buyer" })
	edit(t, a, "Bob Byte", func(c *model.Contact) { c.Title = "Head buyer" })
	run(t, a, acc, Options{})
	rep = run(t, b, acc, Options{})
	if rep.Conflicts != 1 {
		t.Errorf("conflicts %d, want 1 (Bob's title)", rep.Conflicts)
	}
	run(t, a, acc, Options{})
	sameBooks(t, contactsByUID(t, a), contactsByUID(t, b), "after edits")
	sameBooks(t, contactsByUID(t, a), serverContacts(t, acc), "book and server after edits")
	got := contact(t, a, "Ada Lovelace")
	if got.Title != "CEO" || got.Company != "Engines Ltd" || len(got.Emails) != 2 || len(got.Phones) != 1 {
		t.Errorf("merged Ada: %+v", got)
	}
	st, _, _ := b.SyncState(acc.Name)
	if len(st.Conflicts) != 1 || st.Conflicts[0].Field != "title" || strings.Join(st.Conflicts[0].Mine, "") != "Buyer" || contact(t, b, "Bob Byte").Title != "Head buyer" {
		t.Errorf("b's conflicts %+v, Bob's title %q", st.Conflicts, contact(t, b, "Bob Byte").Title)
	}

	// Taking the rep's value back: it goes to the server and the other book.
	if _, err := Resolve(b, 1, true, testNow); err != nil {
		t.Fatal(err)
	}
	if contact(t, b, "Bob Byte").Title != "Buyer" {
		t.Error("resolve --mine did not put Buyer back")
	}
	run(t, b, acc, Options{})
	run(t, a, acc, Options{})
	if contact(t, a, "Bob Byte").Title != "Buyer" {
		t.Error("the resolved title did not reach book a")
	}
	if cs, _ := Conflicts(b); len(cs) != 0 {
		t.Errorf("conflicts left after resolving: %+v", cs)
	}
	if _, err := Resolve(b, 1, true, testNow); err == nil {
		t.Error("resolving a conflict that is gone succeeded")
	}

	// A delete on one side against an edit on the other: the edit wins.
	if _, err := a.DeleteContact(bob.ID); err != nil {
		t.Fatal(err)
	}
	edit(t, b, "Bob Byte", func(c *model.Contact) { c.Matters = "golf" })
	run(t, b, acc, Options{})
	run(t, a, acc, Options{})
	if contact(t, a, "Bob Byte").Matters != "golf" {
		t.Error("the edited Bob did not come back to book a")
	}
	// A plain delete travels.
	if _, err := a.DeleteContact(contact(t, a, "Bob Byte").ID); err != nil {
		t.Fatal(err)
	}
	run(t, a, acc, Options{})
	if rep := run(t, b, acc, Options{}); rep.DeletedHere != 1 {
		t.Errorf("b deleted %d, want 1", rep.DeletedHere)
	}
	sameBooks(t, contactsByUID(t, a), contactsByUID(t, b), "after the delete")
	sameBooks(t, contactsByUID(t, a), serverContacts(t, acc), "server after the delete")
}

func edit(t *testing.T, s interface {
	Resolve(string) (model.Contact, error)
	UpdateContact(model.Contact) error
}, name string, change func(*model.Contact)) {
	t.Helper()
	c, err := s.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	change(&c)
	if err := s.UpdateContact(c); err != nil {
		t.Fatal(err)
	}
}

func contact(t *testing.T, s interface {
	Resolve(string) (model.Contact, error)
}, name string) model.Contact {
	t.Helper()
	c, err := s.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
