package exchange

import (
	"bytes"
	"path/filepath"
	"testing"

	"rapport/model"
)

// addressesWant is what testdata/addresses.vcf holds: two addresses on
// each card, in vCard 2.1 quoted-printable (with a soft line break and an
// encoded line break in the street), 3.0 (TYPE lists, an Apple label, a
// PO box, an escaped comma) and 4.0 (a LABEL parameter, a quoted TYPE
// followed by a comma).
var addressesWant = [][]model.Address{
	{
		{Label: "home", Street: "Gartenstraße 12\nHinterhaus", Locality: "München", PostalCode: "80331", Country: "Deutschland"},
		{Label: "work", Street: "Messegelände 1\nGebäude 3", Locality: "Hannover", Region: "Niedersachsen", PostalCode: "30521", Country: "Deutschland"},
	},
	{
		{Label: "summer office", Street: "Avenida Diagonal 640\nPO Box 77", Locality: "Barcelona", Region: "Catalunya", PostalCode: "08017", Country: "España"},
		{Label: "work", Street: "Calle de Alcalá 42, 3º", Locality: "Madrid", PostalCode: "28014", Country: "España"},
	},
	{
		{Label: "work", Street: "1 Independence Ave", Locality: "Accra", Region: "Greater Accra", PostalCode: "GA-123", Country: "Ghana"},
		{Label: "home", Street: "14 Oxford St", Locality: "Osu", Country: "Ghana"},
	},
}

func TestAddressesRead(t *testing.T) {
	b := readFixture(t, "addresses.vcf")
	if len(b.Records) != 3 || len(b.Problems) != 0 {
		t.Fatalf("%d records, problems %s", len(b.Records), js(b.Problems))
	}
	for i, r := range b.Records {
		if !equalJSON(r.Contact.Addresses, addressesWant[i]) {
			t.Errorf("%s:\n got %s\nwant %s", r.Contact.Name, js(r.Contact.Addresses), js(addressesWant[i]))
		}
		if len(r.Contact.Kept) != 0 || len(r.Notes) != 0 {
			t.Errorf("%s: nothing should be left over: kept %q, notes %s", r.Contact.Name, r.Contact.Kept, js(r.Notes))
		}
	}
}

// TestAddressesTravel: the addresses go out in a vCard file, a vdir, the
// Google CSV and the JSON backup, and come back the same.
func TestAddressesTravel(t *testing.T) {
	s := newStore(t)
	rep := importFile(t, s, filepath.Join("testdata", "addresses.vcf"), ImportOptions{})
	if rep.Added != 3 {
		t.Fatalf("added %d", rep.Added)
	}
	book, _ := s.AllContacts()
	check := func(how string, got []model.Contact) {
		t.Helper()
		if len(got) != len(book) {
			t.Fatalf("%s: %d contacts, want %d", how, len(got), len(book))
		}
		for i := range got {
			if !equalJSON(got[i].Addresses, book[i].Addresses) {
				t.Errorf("%s, %s:\n got %s\nwant %s", how, book[i].Name, js(got[i].Addresses), js(book[i].Addresses))
			}
		}
	}
	dir := t.TempDir()
	if _, err := WriteVdir(filepath.Join(dir, "vdir"), book); err != nil {
		t.Fatal(err)
	}
	fromVdir := newStore(t)
	importFile(t, fromVdir, filepath.Join(dir, "vdir"), ImportOptions{})
	got, _ := fromVdir.AllContacts()
	check("vdir", sortedLike(got, book))

	var csvOut bytes.Buffer
	if err := WriteGoogleCSV(&csvOut, book, true); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "book.csv"), csvOut.String())
	fromCSV := newStore(t)
	importFile(t, fromCSV, filepath.Join(dir, "book.csv"), ImportOptions{})
	got, _ = fromCSV.AllContacts()
	check("Google CSV", got)

	writeFile(t, filepath.Join(dir, "backup.json"), string(backupOf(t, s)))
	fromBackup := newStore(t)
	importFile(t, fromBackup, filepath.Join(dir, "backup.json"), ImportOptions{})
	got, _ = fromBackup.AllContacts()
	check("JSON backup", got)
}

// sortedLike orders contacts read from a vdir (by file name) as want.
func sortedLike(got, want []model.Contact) []model.Contact {
	out := make([]model.Contact, 0, len(want))
	for _, w := range want {
		for _, g := range got {
			if g.Name == w.Name {
				out = append(out, g)
			}
		}
	}
	return out
}
