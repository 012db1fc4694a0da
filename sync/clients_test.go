package sync

import (
	"context"
	"errors"
	"strings"
	"testing"

	"rapport/model"
)

// A phone ticks the task off: it rewrites the VTODO with STATUS and
// COMPLETED (and its own properties). The next sync marks the follow-up
// done on that day, and a later edit in rapport keeps what the phone added.
func TestTaskDoneOnThePhone(t *testing.T) {
	acc := server(t)
	a := book(t)
	ada := addContact(t, a, model.Contact{Name: "Ada Lovelace"})
	fu := model.FollowUp{ContactID: ada.ID, Text: "Send the deck", Due: model.Date{Year: 2026, Month: 12, Day: 4}}
	if err := a.AddFollowUp(&fu); err != nil {
		t.Fatal(err)
	}
	run(t, a, acc, Options{})
	_, items, _ := a.SyncState(acc.Name)
	var href string
	for k, it := range items {
		if k.Kind == 't' {
			href = it.Href
		}
	}
	body := rawGet(t, acc, href)
	if !strings.Contains(body, "STATUS:NEEDS-ACTION") || !strings.Contains(body, `CONTACT;ALTREP="urn:uuid:`) {
		t.Fatalf("the task on the server:\n%s", body)
	}
	phone := strings.Replace(body, "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20261202T150000Z\r\nX-DAVX5-THING:kept", 1)
	phone = strings.Replace(phone, "PERCENT-COMPLETE:0", "PERCENT-COMPLETE:100", 1)
	rawPut(t, acc, href, "text/calendar", phone)
	if rep := run(t, a, acc, Options{}); rep.Pulled != 1 {
		t.Errorf("pulled %d, want the one task", rep.Pulled)
	}
	got, err := a.FollowUp(fu.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Done != (model.Date{Year: 2026, Month: 12, Day: 2}) {
		t.Errorf("done on %v, want 2026-12-02", got.Done)
	}
	// Reopened in rapport: the server hears of it and keeps the phone's property.
	if _, err := a.Reopen(fu.ID); err != nil {
		t.Fatal(err)
	}
	run(t, a, acc, Options{})
	body = rawGet(t, acc, href)
	if !strings.Contains(body, "STATUS:NEEDS-ACTION") || strings.Contains(body, "COMPLETED:") || !strings.Contains(body, "X-DAVX5-THING:kept") {
		t.Errorf("after reopening:\n%s", body)
	}
}

// Cards as Apple and Android write them, with properties rapport has no
// field for: they arrive in rapport, and rapport's later edit keeps them.
func TestOtherClientsCards(t *testing.T) {
	acc := server(t)
	a, b := book(t), book(t)
	run(t, a, acc, Options{}) // creates the collections
	apple := "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n" +
		"ORG:Analytical Engines;\r\nitem1.URL;type=pref:https://ada.example\r\nitem1.X-ABLabel:_$!<HomePage>!$_\r\n" +
		"IMPP;X-SERVICE-TYPE=Skype;type=pref:skype:ada.l\r\nX-SOCIALPROFILE;type=linkedin:linkedin.com/in/ada\r\n" +
		"TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0000\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-12-10\r\n" +
		"item3.ADR;type=WORK;type=pref:;;12 Babbage Row;London;;NW1 6XE;United Kingdom\r\nitem3.X-ABLabel:_$!<Work>!$_\r\nUID:9A1B-APPLE\r\nEND:VCARD\r\n"
	android := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Byte\r\nN:Byte;Bob;;;\r\nEMAIL;TYPE=WORK:bob@example.com\r\n" +
		"X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Bobby;1;;;;;;;;;;;;;\r\nNOTE:Met at the fair\\, 2019\r\nUID:android-77\r\nEND:VCARD\r\n"
	rawPut(t, acc, contactsColl(acc)+"apple.vcf", "text/vcard", apple)
	rawPut(t, acc, contactsColl(acc)+"android.vcf", "text/vcard", android)
	if rep := run(t, a, acc, Options{}); rep.Pulled != 2 {
		t.Errorf("pulled %d, want 2", rep.Pulled)
	}
	ada := contact(t, a, "Ada Lovelace")
	if ada.Company != "Analytical Engines" || len(ada.Phones) != 1 || ada.Birthday != (model.Date{Month: 12, Day: 10}) {
		t.Errorf("Ada read as %+v", ada)
	}
	edit(t, a, "Ada Lovelace", func(c *model.Contact) { c.Title = "Countess" })
	edit(t, a, "Bob Byte", func(c *model.Contact) { c.Title = "Buyer" })
	run(t, a, acc, Options{})
	card := rawGet(t, acc, contactsColl(acc)+"apple.vcf")
	for _, want := range []string{"TITLE:Countess", "skype:ada.l", "linkedin.com/in/ada", "URL", "https://ada.example", "9A1B-APPLE", "12 Babbage Row"} {
		if !strings.Contains(card, want) {
			t.Errorf("Ada's card lost %q:\n%s", want, card)
		}
	}
	card = rawGet(t, acc, contactsColl(acc)+"android.vcf")
	// Bobby stays: as Android's X-ANDROID-CUSTOM, or read into NICKNAME
	// when the server kept the line as Android wrote it (Xandikos;
	// Radicale re-escapes it, and it is kept as it stands).
	for _, want := range []string{"TITLE:Buyer", "Bobby", "Met at the fair"} {
		if !strings.Contains(card, want) {
			t.Errorf("Bob's card lost %q:\n%s", want, card)
		}
	}
	run(t, b, acc, Options{})
	if ab := contact(t, b, "Ada Lovelace"); len(ab.Addresses) != 1 || ab.Addresses[0].Locality != "London" {
		t.Errorf("book b's Ada has the addresses %+v", ab.Addresses)
	}
	sameBooks(t, contactsByUID(t, a), contactsByUID(t, b), "two books")
	sameBooks(t, contactsByUID(t, a), serverContacts(t, acc), "book and server")
	// Nothing moves on a second run: the server's rewriting is not a change.
	if rep := run(t, a, acc, Options{}); rep.Pulled+rep.Pushed != 0 {
		t.Errorf("a quiet run moved %+v", rep)
	}
}

// A run that would empty a side stops and says which flag goes ahead.
func TestSafetyStops(t *testing.T) {
	acc := server(t)
	a := book(t)
	var ids []uint64
	for _, n := range []string{"Ann One", "Ben Two", "Cat Three", "Dan Four", "Eve Five", "Fay Six", "Gus Seven", "Hal Eight", "Ida Nine", "Jon Ten"} {
		ids = append(ids, addContact(t, a, model.Contact{Name: n}).ID)
	}
	run(t, a, acc, Options{})
	for _, id := range ids[:5] {
		if _, err := a.DeleteContact(id); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Run(context.Background(), a, acc, Options{Now: testNow})
	var nc *ErrNeedsConfirm
	if !errors.As(err, &nc) || !strings.Contains(err.Error(), "--yes") {
		t.Fatalf("deleting half the server ran: %v", err)
	}
	if got := len(serverContacts(t, acc)); got != 10 {
		t.Errorf("the server holds %d after a refused run, want 10", got)
	}
	if rep := run(t, a, acc, Options{Yes: true}); rep.DeletedThere != 5 {
		t.Errorf("deleted %d there, want 5", rep.DeletedThere)
	}
	// The collection emptied behind rapport's back: stop, then --force uploads again.
	c, _ := NewClient(acc.URL, acc.User, acc.Password, nil)
	list, _ := c.List(context.Background(), contactsColl(acc))
	for h := range list {
		if err := c.Delete(context.Background(), h, ""); err != nil {
			t.Fatal(err)
		}
	}
	_, err = Run(context.Background(), a, acc, Options{Now: testNow})
	if !errors.As(err, &nc) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("an emptied server was not questioned: %v", err)
	}
	if got := len(contactsByUID(t, a)); got != 5 {
		t.Fatalf("the book holds %d, want 5", got)
	}
	run(t, a, acc, Options{Force: true})
	sameBooks(t, contactsByUID(t, a), serverContacts(t, acc), "after --force")
}
