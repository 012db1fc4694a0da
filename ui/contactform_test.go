package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
)

// fill types value into the focused field, after clearing it.
func fill(t *testing.T, a App, value string) App {
	t.Helper()
	for range []rune(a.form.inputs[a.form.focus].Value()) {
		a = keys(t, a, "backspace")
	}
	return typeText(t, a, value)
}

// focusField tabs to field i.
func focusField(t *testing.T, a App, i int) App {
	t.Helper()
	for a.form.focus != i {
		a = keys(t, a, "tab")
	}
	return a
}

func TestAddContact(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24)
	a = keys(t, a, "a")
	if a.top() != pageContact || !a.form.isNew || a.form.focus != fName || !a.capturing() {
		t.Fatal("a opens the new contact form on the name")
	}
	values := map[int]string{
		fName: "Hedy Lamarr", fCompany: "Frequency Hopping Inc", fTitle: "Inventor",
		fEmails: "hedy@fh.example, h.lamarr@fh.example", fPhones: "+1 555 0100", fTags: "golf, vip",
		fBirthday: "11-09", fCadence: "2w", fMoments: "work anniversary: 2020-02-01",
		fReferred: "ada", fHowWeMet: "Trade show", fMatters: "Patents",
		fAddresses: "home: 1 Main St / Apt 2; Vienna; ; 1010; Austria | work: Stage 7; Burbank; CA",
		fNicknames: "Hedy", fURLs: "https://hedy.example", fBackground: "Actress and inventor.",
	}
	for i := range fieldCount {
		a = focusField(t, a, i)
		if i == fStage {
			a = keys(t, a, "right") // from prospect, the default
			continue
		}
		a = fill(t, a, values[i])
	}
	if !strings.Contains(screen(a), "→ Ada Lovelace") {
		t.Errorf("referred by should resolve as typed:\n%s", screen(a))
	}
	a = keys(t, a, "ctrl+s")
	if a.top() != pageHome || selectedName(a) != "Hedy Lamarr" || !strings.Contains(screen(a), "Added Hedy Lamarr") {
		t.Fatalf("saved and selected:\n%s", screen(a))
	}
	e, _ := a.list.selected()
	c, err := s.Contact(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	ada, _ := s.Resolve("ada lovelace")
	if c.Company != "Frequency Hopping Inc" || c.Title != "Inventor" || !slices.Equal(c.Emails, []string{"hedy@fh.example", "h.lamarr@fh.example"}) ||
		!slices.Equal(c.Tags, []string{"golf", "vip"}) || c.Stage != model.Customer || c.Birthday != (model.Date{Month: 11, Day: 9}) ||
		c.Cadence != 14 || len(c.Moments) != 1 || c.Moments[0].Label != "work anniversary" || c.ReferredBy != ada.ID ||
		c.HowWeMet != "Trade show" || c.Matters != "Patents" || !c.Created.Equal(fixedNow) {
		t.Errorf("saved %+v", c)
	}
	wantAddr := []model.Address{
		{Label: "home", Street: "1 Main St\nApt 2", Locality: "Vienna", PostalCode: "1010", Country: "Austria"},
		{Label: "work", Street: "Stage 7", Locality: "Burbank", Region: "CA"},
	}
	if !slices.Equal(c.Addresses, wantAddr) || !slices.Equal(c.Nicknames, []string{"Hedy"}) ||
		!slices.Equal(c.URLs, []string{"https://hedy.example"}) || c.Background != "Actress and inventor." {
		t.Errorf("saved addresses %q, nicknames %q, urls %q, background %q", c.Addresses, c.Nicknames, c.URLs, c.Background)
	}
}

// TestEditKeepsBackgroundLines: the one-line field shows a background of
// several lines joined; saved untouched, the lines stay.
func TestEditKeepsBackgroundLines(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24)
	ada, _ := s.Resolve("ada lovelace")
	f := newContactForm(a.st, a.keys, ada, false, nil)
	c, err := f.contact()
	if err != nil || c.Background != ada.Background || !slices.Equal(c.Addresses, ada.Addresses) {
		t.Errorf("untouched: background %q, addresses %v (%v)", c.Background, c.Addresses, err)
	}
	f.inputs[fAddresses].SetValue("home: ;;;;")
	if msg := f.fieldError(fAddresses); !strings.Contains(msg, "is not an address") {
		t.Errorf("an empty address is refused: %q", msg)
	}
}

func TestContactFormValidation(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24)
	a = keys(t, a, "a")
	a = keys(t, a, "ctrl+s")
	if a.top() != pageContact || !strings.Contains(screen(a), "a contact needs a name") {
		t.Fatalf("a nameless contact is refused inline:\n%s", screen(a))
	}
	a = keys(t, a, "esc", "y", "a")
	a = typeText(t, a, "Bob")
	a = focusField(t, a, fEmails)
	a = typeText(t, a, "bob-at-example")
	if strings.Contains(screen(a), "is not an email") {
		t.Error("no message while the field is being typed")
	}
	a = keys(t, a, "tab")
	if !strings.Contains(screen(a), `↳ "bob-at-example" is not an email address`) {
		t.Errorf("leaving the field shows its message:\n%s", screen(a))
	}
	a = focusField(t, a, fReferred)
	a = typeText(t, a, "a")
	a = focusField(t, a, fBirthday)
	a = typeText(t, a, "13-45")
	a = keys(t, a, "ctrl+s")
	out := screen(a)
	if a.top() != pageContact || a.form.focus != fEmails {
		t.Errorf("ctrl+s goes to the first bad field, got %d", a.form.focus)
	}
	for _, want := range []string{"not an email", "matches 2 contacts", "not a date"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q:\n%s", want, out)
		}
	}
	entries, _ := s.Entries()
	if len(entries) != 10 {
		t.Error("nothing may be saved")
	}
	// esc with changes asks; y discards.
	a = keys(t, a, "esc")
	if a.form.confirm != confirmDiscard {
		t.Fatal("esc with changes should ask")
	}
	a = keys(t, a, "y")
	if a.top() != pageHome {
		t.Fatal("y discards")
	}
	a = keys(t, a, "a", "esc")
	if a.top() != pageHome {
		t.Fatal("an untouched form closes at once")
	}
}

func TestEditContact(t *testing.T) {
	s := fixtureStore(t)
	a := testApp(t, s, 80, 24)
	before, _ := s.Resolve("ada lovelace")
	a = keys(t, a, "e")
	if a.top() != pageContact || a.form.isNew || a.form.value(fEmails) != "ada@engines.example" || a.form.value(fBirthday) != "1985-11-25" {
		t.Fatalf("edit form prefilled:\n%s", screen(a))
	}
	a = focusField(t, a, fTitle)
	a = fill(t, a, "Chief Engineer")
	a = focusField(t, a, fReferred)
	a = fill(t, a, "ada lovelace")
	a = keys(t, a, "tab", "ctrl+s")
	if !strings.Contains(screen(a), "cannot be referred by themselves") {
		t.Fatalf("self-referral refused:\n%s", screen(a))
	}
	a = focusField(t, a, fReferred)
	a = fill(t, a, "")
	a = keys(t, a, "ctrl+s")
	if a.top() != pageHome || !strings.Contains(screen(a), "Saved Ada Lovelace") {
		t.Fatalf("saved:\n%s", screen(a))
	}
	after, _ := s.Contact(before.ID)
	if after.Title != "Chief Engineer" || !after.Created.Equal(before.Created) || !after.LastTouch.Equal(before.LastTouch) ||
		!slices.Equal(after.Emails, before.Emails) || after.Birthday != before.Birthday || after.HowWeMet != before.HowWeMet {
		t.Errorf("edit changed more than the title:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestParseMoments(t *testing.T) {
	ms, err := parseMoments("work anniversary: 2019-03-01; anniversary: --06-12 ;")
	if err != nil || len(ms) != 2 || ms[1].Date != (model.Date{Month: 6, Day: 12}) {
		t.Errorf("%+v %v", ms, err)
	}
	if formatMoments(ms) != "work anniversary: 2019-03-01; anniversary: --06-12" {
		t.Errorf("format: %q", formatMoments(ms))
	}
	for _, bad := range []string{"2019-03-01", ": 2019-03-01", "x: tomorrow"} {
		if _, err := parseMoments(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestEditKeepsAReferrerWithANamesake(t *testing.T) {
	keys := DefaultKeys()
	entries := []store.Entry{
		{ID: 1, Name: "Ada Lovelace", Folded: model.Fold("Ada Lovelace")},
		{ID: 2, Name: "Ada Lovelace", Folded: model.Fold("Ada Lovelace")},
		{ID: 3, Name: "Linus Chen", Folded: model.Fold("Linus Chen")},
	}
	linus := model.Contact{ID: 3, Name: "Linus Chen", Stage: model.Partner, ReferredBy: 2}
	f := newContactForm(NewStyles(true, false), &keys, linus, false, entries)
	c, err := f.contact()
	if err != nil {
		t.Fatalf("an untouched referred-by field must not block the edit: %v", err)
	}
	if c.ReferredBy != 2 {
		t.Errorf("referred by %d, want the stored 2", c.ReferredBy)
	}
	// Before the whole book has loaded, the referrer is not among the entries.
	f = newContactForm(NewStyles(true, false), &keys, linus, false, entries[2:])
	if c, err := f.contact(); err != nil || c.ReferredBy != 2 {
		t.Errorf("with the referrer not loaded yet: %v, referred by %d", err, c.ReferredBy)
	}
}

// The edit form shows a yearless birthday as "Mar 14", and reads it back.
func TestFormDateRoundTrips(t *testing.T) {
	for _, d := range []model.Date{{Month: 3, Day: 14}, {Year: 1985, Month: 3, Day: 14}, {Month: 2, Day: 29}} {
		shown := formDate(d)
		back, err := model.ParseDate(shown)
		if err != nil || back != d || strings.HasPrefix(shown, "--") {
			t.Errorf("%v shows as %q, reads back as %v, %v", d, shown, back, err)
		}
	}
}

// TestDetailShowsAddresses: each address on one line of the About section,
// labelled, as it goes on an envelope.
func TestDetailShowsAddresses(t *testing.T) {
	keys := DefaultKeys()
	d := newDetailScreen(NewStyles(true, false), &keys, model.Date{Year: 2026, Month: 11, Day: 23}, 1)
	d.SetSize(100, 60)
	d.setDetail(store.Detail{Contact: model.Contact{ID: 1, Name: "Ada Lovelace", Stage: model.Customer,
		Addresses: []model.Address{
			{Label: "work", Street: "1 Analytical Row\nFloor 3", Locality: "London", PostalCode: "EC1A 1BB", Country: "United Kingdom"},
			{Street: "Strandvej 3", Locality: "Skagen"},
		}}})
	view := ansi.Strip(strings.Join(d.profile(100), "\n"))
	for _, want := range []string{"  work 1 Analytical Row, Floor 3, EC1A 1BB London, United Kingdom", "  address Strandvej 3, Skagen"} {
		if !strings.Contains(view, want) {
			t.Errorf("the detail lacks %q:\n%s", want, view)
		}
	}
}

// A web address with another scheme than http(s) is refused under its field.
func TestContactFormRefusesOtherSchemes(t *testing.T) {
	keys := DefaultKeys()
	f := newContactForm(NewStyles(true, false), &keys, model.Contact{Name: "Bob", Stage: model.Prospect}, false, nil)
	f.inputs[fURLs].SetValue("https://example.com, javascript:alert(1)")
	if msg := f.fieldError(fURLs); !strings.Contains(msg, "only http:// and https://") {
		t.Fatalf("field error %q", msg)
	}
	if _, err := f.contact(); err == nil {
		t.Fatal("the form saves a javascript: address")
	}
}
