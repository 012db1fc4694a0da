package exchange

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"rapport/model"
	"rapport/store"
)

// TestFidelityRead reads testdata/fidelity.vcf: every property lands in a
// field or is kept as-is, and a card with only an email is named after it.
func TestFidelityRead(t *testing.T) {
	b := readFixture(t, "fidelity.vcf")
	checkRecords(t, b.Records, []want{
		{1, model.Contact{
			UID: "kab-0001", Name: "Dr. Heiko Johannes Mustermann Jr.",
			NameParts: &model.NameParts{Family: "Mustermann", Given: "Heiko", Additional: "Johannes", Prefixes: "Dr.", Suffixes: "Jr."},
			// "\;" inside ORG's first part, then the department
			Company: "Smith; Jones, & Co, Vertrieb",
			// TYPE="cell",PREF must not lose the line
			Phones: []string{"+49 151 2345678", "+49 30 1234567"},
			Emails: []string{"heiko@smith-jones.example"},
			// "\," is a comma inside one tag
			Tags:       []string{"vip, gold", "Kunden"},
			Nicknames:  []string{"Hei", "Musti"},
			URLs:       []string{"https://smith-jones.example/heiko", "https://heiko.example"},
			Moments:    []model.Moment{{Label: model.LabelAnniversary, Date: day("2005-06-18")}},
			Background: "Met at Hannover Messe, 2024.\nDecides budgets in March; ask early.",
			Kept: []string{
				"X-KADDRESSBOOK-X-SpousesName:Anna Mustermann", "X-MS-SPOUSE:Anna Mustermann",
				"X-MS-MANAGER:Petra Schmidt", "X-MS-ASSISTANT:Jonas Weber", "IMPP:xmpp:heiko@jabber.example",
			},
		}, ""},
		{23, model.Contact{Name: "only.an.address@example.com", Emails: []string{"only.an.address@example.com"}}, ""},
	})
	checkProblems(t, b.Problems, []Problem{
		{Line: 25, Msg: "EMAIL: the card has no name (FN, N or ORG); named after its email address"},
	})

	s := newStore(t)
	rep := importFile(t, s, filepath.Join("testdata", "fidelity.vcf"), ImportOptions{})
	kept := map[string]int{"X-KADDRESSBOOK-X-SPOUSESNAME": 1, "X-MS-SPOUSE": 1, "X-MS-MANAGER": 1, "X-MS-ASSISTANT": 1, "IMPP": 1}
	if rep.Added != 2 || !equalJSON(rep.Kept, kept) {
		t.Errorf("added %d, kept %v", rep.Added, rep.Kept)
	}
}

// roundTripBook is a book with everything a vCard must carry back: a tag
// with a comma, a company with a semicolon, structured names from a
// source, nicknames, URLs, addresses, a background, kept properties.
func roundTripBook(t *testing.T) *store.Store {
	s := newStore(t)
	sampleBook(t, s, 60)
	importFile(t, s, filepath.Join("testdata", "fidelity.vcf"), ImportOptions{})
	importFile(t, s, filepath.Join("testdata", "addresses.vcf"), ImportOptions{})
	c := model.Contact{Name: "Ana Smith", Company: "Smith; Jones, & Co", Tags: []string{"vip, gold", `back\slash`},
		Title: "-2+3", Nicknames: []string{"Annie, the great"}, URLs: []string{"https://ana.example/a,b;c"},
		Background: "Line one\nLine two; with a semicolon, and a comma \\ and a backslash",
		Addresses:  []model.Address{{Label: "home", Street: "1 Main St; Apt 2\nBack, door", Locality: "Springfield", Country: "USA"}},
		Stage:      model.Customer, Created: now}
	if err := s.AddContact(&c); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestVCardFidelityRoundTrip: export, then import into the same book
// reports no change; into an empty book gives the same contacts, field for
// field.
func TestVCardFidelityRoundTrip(t *testing.T) {
	src := roundTripBook(t)
	orig, _ := src.AllContacts()
	var buf bytes.Buffer
	if err := WriteVCards(&buf, orig); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.vcf")
	writeFile(t, path, buf.String())
	for _, want := range []string{`ORG:Smith\; Jones\, & Co`, `CATEGORIES:vip\, gold,back\\slash`,
		"N:Mustermann;Heiko;Johannes;Dr.;Jr.\r\n", "X-MS-SPOUSE:Anna Mustermann\r\n", `NICKNAME:Annie\, the great`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the export lacks %q", want)
		}
	}

	rep := importFile(t, src, path, ImportOptions{})
	if rep.Added != 0 || rep.Updated != 0 || rep.Unchanged != len(orig) || len(rep.Decisions) != 0 || len(rep.Problems) != 0 {
		t.Errorf("into its own book: %d added, %d updated (%s), %d unchanged of %d; decisions %s; problems %s",
			rep.Added, rep.Updated, changes(rep), rep.Unchanged, len(orig), js(rep.Decisions), js(rep.Problems))
	}

	dst := newStore(t)
	rep = importFile(t, dst, path, ImportOptions{})
	if rep.Added != len(orig) {
		t.Fatalf("into an empty book: %d added of %d", rep.Added, len(orig))
	}
	got, _ := dst.AllContacts()
	for i := range got {
		if want := portable(orig[i]); !equalJSON(portable(got[i]), want) {
			t.Errorf("contact %d:\n got %s\nwant %s", i, js(portable(got[i])), js(want))
		}
	}
}

func changes(rep Report) string {
	var out []string
	for _, st := range rep.Steps {
		if st.Action == Update {
			out = append(out, st.Name+": "+strings.Join(st.Changes, ", "))
		}
	}
	return strings.Join(out, "; ")
}

// TestCSVRoundTripKeepsEveryone: our own Google CSV, imported into an
// empty book, gives every contact back, none merged into another.
func TestCSVRoundTripKeepsEveryone(t *testing.T) {
	src := roundTripBook(t)
	// namesakes the old matcher folded into one: same name, another company
	for _, co := range []string{"Bare Knuckles Creative", "Cartoon Network", ""} {
		c := model.Contact{Name: "Chris Nicholson", Company: co, Stage: model.Lead, Created: now}
		if err := src.AddContact(&c); err != nil {
			t.Fatal(err)
		}
	}
	orig, _ := src.AllContacts()
	var buf bytes.Buffer
	if err := WriteGoogleCSV(&buf, orig, false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.csv")
	writeFile(t, path, buf.String())
	dst := newStore(t)
	rep := importFile(t, dst, path, ImportOptions{})
	got, _ := dst.AllContacts()
	if len(got) != len(orig) || rep.Added != len(orig) || rep.Merged != 0 {
		t.Fatalf("%d contacts of %d; report %d added, %d merged, decisions %s", len(got), len(orig), rep.Added, rep.Merged, js(rep.Decisions))
	}
	for i := range got {
		g, o := portable(got[i]), portable(orig[i])
		g.UID, o.UID, g.NameParts, o.NameParts, g.Kept, o.Kept = "", "", nil, nil, nil, nil // no CSV column for these
		if !equalJSON(g, o) {
			t.Errorf("contact %d:\n got %s\nwant %s", i, js(g), js(o))
		}
	}
	chris := 0
	for _, d := range rep.Decisions {
		if d.Merged {
			t.Errorf("merged: %s", js(d))
		}
		if d.Name == "Chris Nicholson" {
			chris++
			if chris == 2 && !strings.HasSuffix(d.Why, "; 1 other with this name also left apart") {
				t.Errorf("the third Chris Nicholson names the first and counts the second: %q", d.Why)
			}
		}
	}
	if chris != 2 { // the second with the first, the third with the first "and 1 other"
		t.Errorf("the three Chris Nicholsons should be reported as kept apart: %s", js(rep.Decisions))
	}
}
