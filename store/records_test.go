package store

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

func TestResolve(t *testing.T) {
	s := newStore(t)
	ids := map[string]uint64{}
	for _, name := range []string{"Ada Lovelace", "Ada", "Adam Smith", "José Núñez", "Grace Hopper", "王伟", "王芳", "Søren Øberg", "Liam O'Brien"} {
		ids[name] = mustAdd(t, s, model.Contact{Name: name}).ID
	}
	ok := []struct{ query, want string }{
		{"ada", "Ada"}, // exact beats the prefixes
		{"ADA LOVELACE", "Ada Lovelace"},
		{"ada lov", "Ada Lovelace"},
		{"lovelace", "Ada Lovelace"},
		{"adam", "Adam Smith"},
		{"jose", "José Núñez"},
		{"núñez", "José Núñez"},
		{"JOSÉ NUNEZ", "José Núñez"},
		{"soren", "Søren Øberg"},
		{"王伟", "王伟"},
		{"lovlace", "Ada Lovelace"}, // fuzzy, through the full scan
		{"hpoper", "Grace Hopper"},  // a transposition
		{"obrien", "Liam O'Brien"},
		{"  grace  ", "Grace Hopper"},
		{fmt.Sprintf("#%d", ids["Adam Smith"]), "Adam Smith"},
		{fmt.Sprintf(" #%d ", ids["王芳"]), "王芳"},
	}
	for _, tc := range ok {
		t.Run(tc.query, func(t *testing.T) {
			c, err := s.Resolve(tc.query)
			if err != nil || c.Name != tc.want || c.ID != ids[tc.want] {
				t.Fatalf("Resolve(%q) = %q #%d, %v; want %q", tc.query, c.Name, c.ID, err, tc.want)
			}
		})
	}

	t.Run("no match", func(t *testing.T) {
		_, err := s.Resolve("zelda")
		var nm *NoMatchError
		if !errors.As(err, &nm) || nm.Query != "zelda" || !strings.Contains(err.Error(), `"zelda"`) {
			t.Fatalf("Resolve(zelda) = %v", err)
		}
	})
	t.Run("ambiguous", func(t *testing.T) {
		_, err := s.Resolve("王")
		var amb *AmbiguousError
		if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
			t.Fatalf("Resolve(王) = %v", err)
		}
		for _, name := range []string{"王伟", "王芳"} {
			if !strings.Contains(err.Error(), fmt.Sprintf("%s (#%d)", name, ids[name])) {
				t.Errorf("%q does not list %s with its id", err, name)
			}
		}
		if !strings.Contains(err.Error(), "#ID") {
			t.Errorf("%q does not say how to pick one", err)
		}
	})
	t.Run("ambiguous prefix", func(t *testing.T) {
		_, err := s.Resolve("ad")
		var amb *AmbiguousError
		if !errors.As(err, &amb) || len(amb.Candidates) != 3 {
			t.Fatalf("Resolve(ad) = %v", err)
		}
	})
	for _, q := range []string{"#999", "#abc", "#", "#-1", ""} {
		t.Run("bad "+q, func(t *testing.T) {
			if c, err := s.Resolve(q); err == nil {
				t.Fatalf("Resolve(%q) = %+v", q, c)
			}
		})
	}
	t.Run("Matches", func(t *testing.T) {
		ms, err := s.Matches("ad")
		if err != nil || len(ms) != 3 {
			t.Fatalf("Matches(ad) = %v, %v", ms, err)
		}
		if ms, _ := s.Matches("nobody at all"); len(ms) != 0 {
			t.Fatalf("Matches(nobody) = %v", ms)
		}
	})
}

func TestAmbiguityListsAtMostEight(t *testing.T) {
	s := newStore(t)
	for i := 0; i < 11; i++ {
		mustAdd(t, s, model.Contact{Name: fmt.Sprintf("Sam %c", 'A'+i)})
	}
	_, err := s.Resolve("sam")
	if err == nil || !strings.Contains(err.Error(), "matches 11 contacts") || !strings.Contains(err.Error(), "and 3 more") {
		t.Fatalf("Resolve(sam) = %v", err)
	}
}

// A name holding escape sequences is shown cleaned in an error.
func TestAmbiguityCleansNames(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, model.Contact{Name: "Eve \x1b]0;pwned\x07One"})
	mustAdd(t, s, model.Contact{Name: "Eve Two"})
	_, err := s.Resolve("eve")
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Fatalf("Resolve(eve) = %q", err)
	}
}

func TestNotesNewestFirstAndLastTouch(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	grace := mustAdd(t, s, model.Contact{Name: "Grace"})
	log := func(c model.Contact, text string, at time.Time) model.Interaction {
		t.Helper()
		in := model.Interaction{ContactID: c.ID, Kind: model.Call, Text: text, At: at}
		if err := s.LogNote(&in, nil); err != nil {
			t.Fatal(err)
		}
		return in
	}
	lastTouch := func(c model.Contact) time.Time {
		t.Helper()
		got, err := s.Contact(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.LastTouch
	}
	log(ada, "b", testNow.Add(-48*time.Hour))
	log(grace, "grace's", testNow)
	log(ada, "d", testNow)
	if !lastTouch(ada).Equal(testNow) {
		t.Fatalf("last touch %v, want %v", lastTouch(ada), testNow)
	}
	log(ada, "a", testNow.AddDate(0, -3, 0)) // backdated: the last touch stays
	if !lastTouch(ada).Equal(testNow) {
		t.Fatalf("a backdated note moved the last touch to %v", lastTouch(ada))
	}
	log(ada, "c", testNow.Add(-time.Hour))
	log(ada, "d2", testNow) // the same second: by id
	log(ada, "0", time.Date(1965, 3, 1, 12, 0, 0, 0, time.UTC))
	e := log(ada, "e", testNow.Add(time.Minute))
	if !lastTouch(ada).Equal(e.At) {
		t.Fatalf("a later note did not move the last touch: %v", lastTouch(ada))
	}

	texts := func(ns []model.Interaction) []string {
		var out []string
		for _, n := range ns {
			out = append(out, n.Text)
			if n.ContactID != ada.ID {
				t.Errorf("note %d of contact %d in Ada's list", n.ID, n.ContactID)
			}
		}
		return out
	}
	all, err := s.Notes(ada.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"e", "d2", "d", "c", "b", "a", "0"}; !slices.Equal(texts(all), want) {
		t.Fatalf("Notes = %v, want %v", texts(all), want)
	}
	if top, _ := s.Notes(ada.ID, 2); !slices.Equal(texts(top), []string{"e", "d2"}) {
		t.Fatalf("Notes(limit 2) = %v", texts(top))
	}
	if gs, _ := s.Notes(grace.ID, 0); len(gs) != 1 || gs[0].Text != "grace's" {
		t.Fatalf("Grace's notes = %v", gs)
	}
	// The last contact's notes, read from the end of the index.
	last := mustAdd(t, s, model.Contact{Name: "Zed"})
	if ns, err := s.Notes(last.ID, 0); err != nil || len(ns) != 0 || ns == nil {
		t.Fatalf("no notes should be an empty list: %v, %v", ns, err)
	}
	log(last, "only", testNow)
	if ns, _ := s.Notes(last.ID, 0); len(ns) != 1 {
		t.Fatalf("the last contact's notes = %v", ns)
	}
	if d, _ := s.Detail(ada.ID); !slices.Equal(texts(d.Notes), texts(all)) {
		t.Fatalf("Detail notes = %v", texts(d.Notes))
	}
}

// An edit made from a contact read before a note was logged elsewhere must
// not take the last touch back.
func TestUpdateContactKeepsALaterLastTouch(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	stale, _ := s.Contact(ada.ID) // the TUI's copy
	in := model.Interaction{ContactID: ada.ID, Kind: model.Call, Text: "from the shell", At: testNow}
	if err := s.LogNote(&in, nil); err != nil {
		t.Fatal(err)
	}
	stale.Company = "Acme"
	if err := s.UpdateContact(stale); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Contact(ada.ID)
	if got.Company != "Acme" || !got.LastTouch.Equal(testNow) {
		t.Fatalf("after the edit: company %q, last touch %v; want Acme, %v", got.Company, got.LastTouch, testNow)
	}
	mustCheck(t, s)
	a, _ := s.Agenda(testToday, 0)
	if len(a.Cold) != 0 {
		t.Fatalf("a contact touched today is going cold: %+v", a.Cold)
	}
}

func TestFollowUpsDoneAndSnooze(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada", LastTouch: testNow})
	in := model.Interaction{ContactID: ada.ID, Kind: model.Meeting, Text: "demo", At: testNow}
	f := model.FollowUp{Text: "send pricing", Due: testToday}
	if err := s.LogNote(&in, []*model.FollowUp{&f}); err != nil {
		t.Fatal(err)
	}
	if f.ID == 0 || f.ContactID != ada.ID || f.NoteID != in.ID || f.Promised != testToday {
		t.Fatalf("LogNote filled the follow-up as %+v", f)
	}
	a, _ := s.Agenda(testToday, 10)
	if len(a.DueToday) != 1 || a.DueToday[0].ID != f.ID || a.DueToday[0].ContactName != "Ada" {
		t.Fatalf("due today = %+v", a.DueToday)
	}
	a, _ = s.Agenda(testToday.AddDays(2), 10)
	if len(a.Overdue) != 1 || a.Overdue[0].DaysOverdue != 2 {
		t.Fatalf("two days later, overdue = %+v", a.Overdue)
	}

	later := testToday.AddDays(7)
	got, err := s.Snooze(f.ID, later)
	if err != nil || got.Due != later || got.Promised != testToday || got.Snoozes != 1 || !got.Open() {
		t.Fatalf("Snooze = %+v, %v", got, err)
	}
	if a, _ := s.Agenda(testToday.AddDays(2), 10); len(a.Overdue)+len(a.DueToday) != 0 {
		t.Fatalf("a snoozed follow-up is still on the agenda: %+v", a)
	}
	if a, _ := s.Agenda(later, 10); len(a.DueToday) != 1 {
		t.Fatalf("the snoozed follow-up is not due on its new day: %+v", a)
	}
	if got, _ := s.Snooze(f.ID, later.AddDays(1)); got.Snoozes != 2 {
		t.Fatalf("second snooze: %+v", got)
	}
	for _, bad := range []model.Date{{}, {Year: 2026, Month: 2, Day: 30}, {Month: 12, Day: 1}} {
		if got, err := s.Snooze(f.ID, bad); err == nil {
			t.Fatalf("Snooze to %q = %+v, want an error", bad, got)
		}
	}

	doneDay := testToday.AddDays(3)
	got, err = s.Done(f.ID, doneDay)
	if err != nil || got.Done != doneDay || got.Open() || got.KeptOnTime() {
		t.Fatalf("Done = %+v, %v", got, err)
	}
	if a, _ := s.Agenda(later.AddDays(5), 10); len(a.Overdue) != 0 {
		t.Fatalf("a done follow-up is still overdue: %+v", a.Overdue)
	}
	if _, err := s.Done(f.ID, doneDay); err == nil || !strings.Contains(err.Error(), "already done") {
		t.Fatalf("Done twice = %v", err)
	}
	if _, err := s.Snooze(f.ID, later); err == nil || !strings.Contains(err.Error(), "done") {
		t.Fatalf("Snooze of a done follow-up = %v", err)
	}
	if stored, _ := s.FollowUp(f.ID); stored != got {
		t.Fatalf("FollowUp = %+v, want %+v", stored, got)
	}
	mustCheck(t, s)
}

func TestFollowThrough(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	add := func(promised, done model.Date, theyOwe bool) {
		t.Helper()
		f := model.FollowUp{ContactID: ada.ID, Text: "x", Due: promised, TheyOwe: theyOwe}
		if err := s.AddFollowUp(&f); err != nil {
			t.Fatal(err)
		}
		if !done.IsZero() {
			if _, err := s.Done(f.ID, done); err != nil {
				t.Fatal(err)
			}
		}
	}
	first := testToday.AddDays(-model.FigureWindow)
	add(first, first, false)                                 // kept, on the window's first day
	add(first.AddDays(-1), first, false)                     // before the window
	add(testToday.AddDays(-5), testToday.AddDays(-4), false) // late
	add(testToday.AddDays(-5), testToday.AddDays(-6), false) // early
	add(testToday.AddDays(-2), model.Date{}, false)          // open, overdue
	add(testToday, model.Date{}, false)                      // open, due today: waits
	add(testToday, testToday, false)                         // kept today
	add(testToday.AddDays(1), testToday, false)              // not yet due
	add(testToday.AddDays(-3), testToday.AddDays(-3), true)  // they owe
	kept, due, err := s.FollowThrough(testToday)
	if err != nil || kept != 3 || due != 5 {
		t.Fatalf("FollowThrough = %d of %d, %v; want 3 of 5", kept, due, err)
	}
	d, _ := s.Detail(ada.ID)
	f := d.Figures(testToday)
	if f.PromisesKept != kept || f.PromisesDue != due {
		t.Fatalf("the contact's figures say %d of %d", f.PromisesKept, f.PromisesDue)
	}
}

func TestQuestions(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	grace := mustAdd(t, s, model.Contact{Name: "Grace"})
	var qs []model.Question
	for _, text := range []string{"kids' names?", "budget cycle?", "golf handicap?"} {
		q := model.Question{ContactID: ada.ID, Text: text, Created: testNow}
		if err := s.AddQuestion(&q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	other := model.Question{ContactID: grace.ID, Text: "conference?"}
	if err := s.AddQuestion(&other); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkAsked(testToday, qs[0].ID, qs[2].ID); err != nil {
		t.Fatal(err)
	}
	d, err := s.Detail(ada.ID)
	if err != nil || len(d.Questions) != 3 {
		t.Fatalf("Detail questions = %+v, %v", d.Questions, err)
	}
	var open []string
	for _, q := range d.Questions {
		if q.Open() {
			open = append(open, q.Text)
		}
	}
	if !slices.Equal(open, []string{"budget cycle?"}) || d.Questions[0].Asked != testToday {
		t.Fatalf("open questions = %v", open)
	}
	mustCheck(t, s)
}

func TestDetailAndReferrals(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada", Company: "Engines"})
	grace := mustAdd(t, s, model.Contact{Name: "Grace", ReferredBy: ada.ID})
	alan := mustAdd(t, s, model.Contact{Name: "Alan", ReferredBy: ada.ID})
	d, err := s.Detail(ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range d.Referrals {
		names = append(names, e.Name)
	}
	if d.ReferredBy != nil || !slices.Equal(names, []string{"Grace", "Alan"}) {
		t.Fatalf("Ada: referred by %v, referrals %v", d.ReferredBy, names)
	}
	d, _ = s.Detail(grace.ID)
	if d.ReferredBy == nil || d.ReferredBy.ID != ada.ID || d.ReferredBy.Company != "Engines" || len(d.Referrals) != 0 {
		t.Fatalf("Grace: %+v", d)
	}
	if d.Notes == nil || d.FollowUps == nil || d.Questions == nil {
		t.Fatalf("empty lists should not be nil: %+v", d)
	}
	alan.ReferredBy = grace.ID
	if err := s.UpdateContact(alan); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Detail(ada.ID); len(d.Referrals) != 1 || d.Referrals[0].ID != grace.ID {
		t.Fatalf("after moving Alan, Ada's referrals are %+v", d.Referrals)
	}
	if d, _ := s.Detail(grace.ID); len(d.Referrals) != 1 || d.Referrals[0].ID != alan.ID {
		t.Fatalf("after moving Alan, Grace's referrals are %+v", d.Referrals)
	}
}

func TestEntries(t *testing.T) {
	s := newStore(t)
	if es, err := s.Entries(); err != nil || len(es) != 0 {
		t.Fatalf("empty book: %v, %v", es, err)
	}
	created := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []model.Contact{
		{Name: "Zoë Dubois", Stage: model.Lead},
		{Name: "ada lovelace", Company: "Engines", Stage: model.Customer},
		{Name: "Émile Zola", Stage: model.Customer, Cadence: 7},
		{Name: "Ada Lovelace", Stage: model.Partner}, // a namesake, added later
		{Name: "王伟", Stage: model.Personal},
	} {
		c.Created = created
		mustAdd(t, s, c)
	}
	es, err := s.Entries()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id         uint64
		name       string
		company    string
		folded     string
		last, next model.Date
	}
	// Never touched: no last touch, the first due one cadence after adding.
	oct1, never := model.DateOf(created), model.Date{}
	want := []row{
		{2, "ada lovelace", "Engines", "ada lovelace", never, oct1.AddDays(30)},
		{4, "Ada Lovelace", "", "ada lovelace", never, oct1.AddDays(60)},
		{3, "Émile Zola", "", "emile zola", never, oct1.AddDays(7)},
		{1, "Zoë Dubois", "", "zoe dubois", never, oct1.AddDays(14)},
		{5, "王伟", "", "王伟", never, oct1.AddDays(90)},
	}
	var got []row
	for _, e := range es {
		got = append(got, row{e.ID, e.Name, e.Company, e.Folded, e.LastTouch, e.NextTouch})
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Entries =\n%v\nwant\n%v", got, want)
	}
}

func TestSearch(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	jose := mustAdd(t, s, model.Contact{Name: "José"})
	notes := []struct {
		c      model.Contact
		text   string
		topics []model.Topic
		ago    time.Duration
	}{
		{ada, "Budget is FROZEN until March", []model.Topic{model.Problem}, 1},
		{ada, "Met José at the fair; wants a pilot", []model.Topic{model.Opportunity}, 2},
		{jose, "Café with the CFO, budget for Q3", nil, 3},
		{jose, "Plans: 5-year <strategy> & \"expansion\"", []model.Topic{model.Strategy}, 4},
		{ada, "Weiß Straße office visit", nil, 5},
		{ada, "tab\tseparated and\nnew line", nil, 6},
	}
	for _, n := range notes {
		in := model.Interaction{ContactID: n.c.ID, Kind: model.Call, Text: n.text, Topics: n.topics, At: testNow.Add(-n.ago * time.Hour)}
		if err := s.LogNote(&in, nil); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		query string
		topic model.Topic
		limit int
		want  []string // first words, newest first
	}{
		{"budget", "", 0, []string{"Budget", "Café"}},
		{"BUDGET", "", 0, []string{"Budget", "Café"}},
		{"frozen", "", 0, []string{"Budget"}},
		{"jose", "", 0, []string{"Met"}}, // the ASCII shortcut must not hide "José"
		{"josé", "", 0, []string{"Met"}},
		{"JOSE FAIR", "", 0, []string{"Met"}},
		{"cafe", "", 0, []string{"Café"}},
		{"café cfo", "", 0, []string{"Café"}},
		{"strasse", "", 0, []string{"Weiß"}},
		{"weiss", "", 0, []string{"Weiß"}},
		{"<strategy>", "", 0, []string{"Plans:"}},
		{"\"expansion\"", "", 0, []string{"Plans:"}},
		{"fro", "", 0, []string{"Budget"}},     // words match as prefixes
		{"udget", "", 0, nil},                  // but only from their start
		{`"the fair"`, "", 0, []string{"Met"}}, // a phrase is words in order
		{`"fair the"`, "", 0, nil},
		{`"at the fair" pilot`, "", 0, []string{"Met"}},
		{"5-year", "", 0, []string{"Plans:"}},
		{"separated new", "", 0, []string{"tab"}},
		{"budget march", "", 0, []string{"Budget"}},
		{"budget nothing", "", 0, nil},
		{"budget", model.Problem, 0, []string{"Budget"}},
		{"budget", model.Strategy, 0, nil},
		{"", model.Opportunity, 0, []string{"Met"}},
		{"a", "", 2, []string{"Met", "tab"}}, // "at", "and": not the "a" inside "Budget"
		{"zebra", "", 0, nil},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%s/%d", tc.query, tc.topic, tc.limit), func(t *testing.T) {
			hits, err := s.Search(tc.query, tc.topic, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if hits == nil {
				t.Fatal("no hits should be an empty list")
			}
			var got []string
			for _, h := range hits {
				got = append(got, strings.Fields(h.Text)[0])
				want := map[uint64]string{ada.ID: "Ada", jose.ID: "José"}[h.ContactID]
				if h.ContactName != want {
					t.Errorf("hit %q has contact name %q, want %q", h.Text, h.ContactName, want)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("Search = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAddBundles(t *testing.T) {
	s := newStore(t)
	ada := mustAdd(t, s, model.Contact{Name: "Ada"})
	recent := testNow.AddDate(0, 0, -2)
	bundles := []model.Bundle{
		{
			Contact: model.Contact{ID: 500, Name: "Grace", Stage: model.Customer, Created: testNow.AddDate(-1, 0, 0), ReferredBy: ada.ID},
			Notes: []model.Interaction{
				{ID: 7, Kind: model.Meeting, Text: "old", At: testNow.AddDate(0, -2, 0)},
				{ID: 8, Kind: model.Call, Text: "recent", At: recent},
			},
			FollowUps: []model.FollowUp{
				{NoteID: 8, Text: "from the call", Due: testToday},
				{NoteID: 99, Text: "from nowhere", Due: testToday.AddDays(-1)},
				{Text: "done", Due: testToday.AddDays(-10), Done: testToday.AddDays(-10)},
			},
			Questions: []model.Question{{Text: "kids?"}},
		},
		{Contact: model.Contact{Name: "Alan", Stage: model.Lead, Created: testNow}},
	}
	ids, err := s.AddBundles(bundles)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0] == 500 || ids[0] == ada.ID || ids[1] != ids[0]+1 || bundles[0].Contact.ID != ids[0] {
		t.Fatalf("ids = %v, contact id %d", ids, bundles[0].Contact.ID)
	}
	d, err := s.Detail(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if !d.Contact.LastTouch.Equal(recent) {
		t.Fatalf("last touch %v, want the latest note's %v", d.Contact.LastTouch, recent)
	}
	if len(d.Notes) != 2 || d.Notes[0].Text != "recent" || d.Notes[0].ContactID != ids[0] {
		t.Fatalf("notes = %+v", d.Notes)
	}
	byText := map[string]model.FollowUp{}
	for _, f := range d.FollowUps {
		byText[f.Text] = f
	}
	if byText["from the call"].NoteID != d.Notes[0].ID || byText["from nowhere"].NoteID != 0 || byText["done"].Open() {
		t.Fatalf("follow-ups = %+v", d.FollowUps)
	}
	if len(d.Questions) != 1 || d.Questions[0].ContactID != ids[0] {
		t.Fatalf("questions = %+v", d.Questions)
	}
	if d.ReferredBy == nil || d.ReferredBy.ID != ada.ID {
		t.Fatalf("referred by %+v", d.ReferredBy)
	}
	a, _ := s.Agenda(testToday, 0)
	if len(a.DueToday) != 1 || len(a.Overdue) != 1 {
		t.Fatalf("agenda: %+v", a)
	}
	mustCheck(t, s)
}

// The exchange's write paths (a JSON restore and an import's upsert) keep
// the indexes as true as every other write.
func TestRestoreAndUpsertKeepCheckClean(t *testing.T) {
	now := time.Date(2027, 2, 24, 9, 0, 0, 0, time.UTC)
	src := sampleBook(t, 9, 60, now)
	dump, err := src.Dump()
	if err != nil {
		t.Fatal(err)
	}
	dst := newStore(t)
	if err := dst.Restore(dump[:30]); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, dst)
	if err := dst.Restore(dump[30:]); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, dst)
	again, err := dst.Dump()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, dump) {
		t.Fatal("a restored dump differs from the original")
	}
	today := model.DateOf(now)
	for _, day := range []model.Date{today, today.AddDays(5)} {
		a, _ := src.Agenda(day, 10)
		b, _ := dst.Agenda(day, 10)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: the restored book's agenda differs%s", day, agendaDiff(b, a))
		}
	}
	if err := dst.Restore(dump[:1]); err == nil {
		t.Fatal("restoring over existing ids succeeded")
	}
	mustCheck(t, dst)

	// Upsert: a new contact, a merge that renames, notes for an old one.
	first := dump[0].Contact
	ids, err := dst.Upsert([]Change{
		{Contact: model.Contact{Name: "Imported Person", Stage: model.Lead, Created: now}, Notes: []model.Interaction{{Kind: model.Note, Text: "from a CSV", At: now}}},
		{ID: first.ID, Merge: func(c model.Contact) model.Contact { c.Name = "Renamed By Import"; c.Company = "New Co"; return c },
			Notes: []model.Interaction{{Kind: model.Note, Text: "imported note", At: now.AddDate(0, 0, -1)}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	mustCheck(t, dst)
	if c, _ := dst.Resolve("renamed by import"); c.ID != first.ID {
		t.Fatalf("the merged contact does not resolve: %+v", c)
	}
	// An import and an imported plain note are not touches: never touched,
	// first touch spread within the first cadence.
	if c, _ := dst.Contact(ids[0]); c.Name != "Imported Person" || !c.LastTouch.IsZero() ||
		!c.NextTouch().After(model.DateOf(now)) || c.NextTouch().After(model.DateOf(now).AddDays(14)) {
		t.Fatalf("the new contact: %+v", c)
	}
	contacts, follows := readBook(t, dst)
	for _, day := range []model.Date{today, today.AddDays(5)} {
		got, _ := dst.Agenda(day, 0)
		want := model.BuildAgenda(model.AgendaOfBook(day, contacts, follows, 0))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: after the upsert the agenda differs%s", day, agendaDiff(got, want))
		}
	}
}
