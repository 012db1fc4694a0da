package sync

import (
	"net/http"
	"strings"
	"testing"

	"rapport/model"
)

// interloper is a transport that lets another client write just before
// rapport's first PUT, as a phone syncing at the same moment would.
type interloper struct {
	before func()
	done   bool
}

func (i *interloper) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPut && !i.done {
		i.done = true
		i.before()
	}
	return http.DefaultTransport.RoundTrip(r)
}

// The server's copy changes between rapport's read and its write: the
// PUT fails its If-Match, rapport reads again and merges, nothing is lost.
func TestPreconditionFailedMergesAgain(t *testing.T) {
	acc := server(t)
	a := book(t)
	addContact(t, a, model.Contact{Name: "Ada Lovelace", Title: "CTO"})
	run(t, a, acc, Options{})
	_, items, _ := a.SyncState(acc.Name)
	var href string
	for _, it := range items {
		href = it.Href
	}
	edit(t, a, "Ada Lovelace", func(c *model.Contact) { c.Title = "CEO" })
	hook := &interloper{before: func() {
		card := rawGet(t, acc, href)
		rawPut(t, acc, href, "text/vcard", strings.Replace(card, "END:VCARD", "TEL:+1 555 0100\r\nEND:VCARD", 1))
	}}
	rep := run(t, a, acc, Options{HTTP: &http.Client{Transport: hook}})
	if !hook.done || rep.Conflicts != 0 {
		t.Fatalf("hook ran %v, report %+v", hook.done, rep)
	}
	got := contact(t, a, "Ada Lovelace")
	if got.Title != "CEO" || len(got.Phones) != 1 {
		t.Errorf("Ada after the race: %+v", got)
	}
	card := rawGet(t, acc, href)
	if !strings.Contains(card, "TITLE:CEO") || !strings.Contains(card, "+1 555 0100") {
		t.Errorf("the server's card after the race:\n%s", card)
	}
}
