package sync

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"rapport/model"
)

// cutter is a transport whose answers get lost after n PUTs: the server
// stores the object, rapport never hears so (the worst moment to drop).
type cutter struct{ n int }

func (c *cutter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if r.Method == http.MethodPut && err == nil {
		if c.n == 0 {
			resp.Body.Close()
			return nil, errors.New("connection reset")
		}
		c.n--
	}
	return resp, err
}

// A first upload cut off midway (after its PUTs, before their state was
// stored) resumes without duplicating anyone, here or on the server.
func TestInterruptedRunResumes(t *testing.T) {
	acc := server(t)
	a := book(t)
	for i := range 40 {
		addContact(t, a, model.Contact{Name: fmt.Sprintf("Person %02d Resume", i)})
	}
	rep, _ := Run(context.Background(), a, acc, Options{Now: testNow, HTTP: &http.Client{Transport: &cutter{n: 30}}})
	if len(rep.Errors) != 10 {
		t.Errorf("the cut run reported %d errors, want the 10 lost answers", len(rep.Errors))
	}
	if n := len(serverContacts(t, acc)); n != 40 {
		t.Fatalf("the server holds %d contacts after the cut run, want all 40 (only the answers were lost)", n)
	}
	rep = run(t, a, acc, Options{})
	if rep.Pushed != 0 {
		t.Errorf("the resumed run pushed %d; all 40 were already up", rep.Pushed)
	}
	if n := len(serverContacts(t, acc)); n != 40 {
		t.Errorf("the server holds %d contacts, want 40", n)
	}
	if n := len(contactsByUID(t, a)); n != 40 {
		t.Errorf("the book holds %d contacts, want 40", n)
	}
	sameBooks(t, contactsByUID(t, a), serverContacts(t, acc), "after resuming")
}

// A scope sends only the tagged contacts; one that leaves the scope leaves
// the server (and stays in rapport). A dry run writes nothing anywhere.
func TestScopeAndDryRun(t *testing.T) {
	acc := server(t)
	acc.ScopeTags = []string{"phone"}
	a := book(t)
	addContact(t, a, model.Contact{Name: "Ada Lovelace", Tags: []string{"phone"}})
	addContact(t, a, model.Contact{Name: "Bob Byte"})
	rep, err := Run(context.Background(), a, acc, Options{Now: testNow, DryRun: true})
	if err != nil || rep.Pushed != 1 {
		t.Fatalf("dry run: %+v, %v", rep, err)
	}
	if st, items, _ := a.SyncState(acc.Name); len(items) != 0 || st.LastRun.Finished {
		t.Errorf("a dry run stored state: %+v %v", st, items)
	}
	run(t, a, acc, Options{})
	if got := serverContacts(t, acc); len(got) != 1 {
		t.Fatalf("the server holds %d contacts, want only Ada", len(got))
	}
	st, _, _ := a.SyncState(acc.Name)
	if len(st.Tokens) == 0 {
		t.Error("no sync token kept: the next run would list the whole collection")
	}
	edit(t, a, "Ada Lovelace", func(c *model.Contact) { c.Tags = nil })
	if rep := run(t, a, acc, Options{}); rep.DeletedThere != 1 {
		t.Errorf("deleted there %d, want Ada off the server", rep.DeletedThere)
	}
	if len(serverContacts(t, acc)) != 0 || len(contactsByUID(t, a)) != 2 {
		t.Error("leaving the scope should empty the server and keep the book")
	}
}

// The account's URL now names another (empty) server: a first sync there,
// nothing deleted here.
func TestAccountMovesToAnotherServer(t *testing.T) {
	acc := server(t)
	a := book(t)
	for i := range 5 {
		addContact(t, a, model.Contact{Name: fmt.Sprintf("Person %d Moves", i)})
	}
	run(t, a, acc, Options{})
	moved := server(t)
	if davServer != "xandikos" {
		moved.URL += "moved/" // Radicale: another user's principal
		moved.URL = strings.Replace(moved.URL, "/"+moved.User+"/moved/", "/"+moved.User+"-moved/", 1)
		moved.User += "-moved"
	}
	rep := run(t, a, moved, Options{})
	if rep.DeletedHere != 0 || rep.Pushed != 5 {
		t.Errorf("the move: %+v", rep)
	}
	if n := len(contactsByUID(t, a)); n != 5 {
		t.Errorf("the book holds %d, want 5", n)
	}
	if n := len(serverContacts(t, moved)); n != 5 {
		t.Errorf("the new server holds %d, want 5", n)
	}
}
