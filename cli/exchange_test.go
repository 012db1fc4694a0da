package cli_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const appleCards = "../exchange/testdata/apple30.vcf"

func TestImportVCardDryRunThenTwice(t *testing.T) {
	b := newBook(t)
	out := b.ok("import", appleCards, "--dry-run")
	mustContain(t, out, "would add", "Ada Lovelace", "nothing was written")
	if _, err := os.Stat(b.path); err == nil {
		t.Fatal("a dry run created the database")
	}
	mustContain(t, b.ok("import", appleCards), "2 cards read: 2 added", "Kept as-is for the vCard export", "X-ABRELATEDNAMES 1", "Left out (rapport keeps no pictures or keys): PHOTO 1")
	mustContain(t, b.ok("import", appleCards), "0 added", "2 unchanged")
	var shown struct {
		Contact struct {
			Name       string   `json:"name"`
			Company    string   `json:"company"`
			Birthday   string   `json:"birthday"`
			Emails     []string `json:"emails"`
			Background string   `json:"background"`
			Addresses  []struct {
				Label, Street, Locality string
			} `json:"addresses"`
		} `json:"contact"`
		Notes []struct{ Text string } `json:"notes"`
	}
	b.json(&shown, "show", "lovelace")
	if shown.Contact.Birthday != "--12-10" || shown.Contact.Company != "Analytical Engines Ltd" || len(shown.Contact.Emails) != 2 {
		t.Errorf("Apple card fields: %+v", shown.Contact)
	}
	if len(shown.Notes) != 0 || !strings.Contains(shown.Contact.Background, "Prefers morning calls") {
		t.Errorf("NOTE becomes the background: %+v, notes %+v", shown.Contact, shown.Notes)
	}
	if len(shown.Contact.Addresses) != 1 || shown.Contact.Addresses[0].Label != "home" || shown.Contact.Addresses[0].Locality != "London" {
		t.Errorf("ADR becomes an address: %+v", shown.Contact.Addresses)
	}
	mustContain(t, b.ok("check"), "consistent")
}

func TestImportMissingFileFailsCleanly(t *testing.T) {
	b := newBook(t)
	r := b.run("import", filepath.Join(t.TempDir(), "nope.vcf"))
	if r.code != 1 || strings.Count(strings.TrimSpace(r.err), "\n") != 0 || r.out != "" {
		t.Fatalf("want exit 1 and one line: %+v", r)
	}
	if _, err := os.Stat(b.path); err == nil {
		t.Error("a failed import created the database")
	}
}

// A JSON backup restored into an empty book exports the same document.
func TestJSONExportImportRoundTrip(t *testing.T) {
	b := newBook(t)
	b.ok("demo", "--contacts", "40")
	first := filepath.Join(t.TempDir(), "one.json")
	b.ok("export", "--format", "json", "-o", first)
	c := newBook(t)
	c.ok("import", first)
	second := filepath.Join(t.TempDir(), "two.json")
	c.ok("export", "--format", "json", "-o", second)
	one, _ := os.ReadFile(first)
	two, _ := os.ReadFile(second)
	if len(one) == 0 || string(one) != string(two) {
		t.Fatalf("round trip changed the backup (%d bytes vs %d)", len(one), len(two))
	}
	mustContain(t, c.ok("check"), "consistent")
}

// CSV cells that a spreadsheet would run as formulas are neutralised.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	b := newBook(t)
	b.ok("add", "=HYPERLINK(\"http://x\")", "--company", "@evil")
	out := b.ok("export", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %v, %d rows", err, len(rows))
	}
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("cell %q would run as a formula", cell)
		}
	}
}

func TestExportICSHasBirthdays(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--birthday", "1816-02-29")
	out := b.ok("export", "--format", "ics")
	mustContain(t, out, "BEGIN:VCALENDAR\r\n", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "Ada Lovelace")
}

// Exports to a file or a folder say what they wrote.
func TestExportToFileOrFolderSaysWhat(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--birthday", "1816-02-29")
	b.ok("add", "Kim Lee")
	ics := filepath.Join(t.TempDir(), "book.ics")
	mustContain(t, b.ok("export", "--format", "ics", "-o", ics), "Exported 1 event (1 moment, 0 follow-ups) to "+ics+".")
	dir := filepath.Join(t.TempDir(), "cards")
	mustContain(t, b.ok("export", "--format", "vcard", "--vdir", dir), "Wrote 2 vCards to "+dir+" (0 unchanged).")
	mustContain(t, b.ok("export", "--format", "vcard", "--vdir", dir), "Wrote 0 vCards to "+dir+" (2 unchanged).")
}

// Addresses from the flags: shown, in --json, refused when malformed.
func TestAddressFlags(t *testing.T) {
	b := newBook(t)
	b.ok("add", "Ada Lovelace", "--address", "home: 12 St James's Square / Flat 2; London; ; SW1Y 4JH; United Kingdom",
		"--address", "work: 1 Market St; San Francisco; CA; 94105; USA", "--nickname", "Ada", "--url", "https://ada.example")
	mustContain(t, b.ok("show", "ada"), "Home:        12 St James's Square\n               Flat 2\n               SW1Y 4JH London\n               United Kingdom",
		"Work:        1 Market St", "94105 San Francisco CA", "Nickname:    Ada", "Web:         https://ada.example")
	var shown struct {
		Contact struct {
			Addresses []map[string]string `json:"addresses"`
			Nicknames []string            `json:"nicknames"`
			URLs      []string            `json:"urls"`
		} `json:"contact"`
	}
	b.json(&shown, "show", "ada")
	want := map[string]string{"label": "work", "street": "1 Market St", "locality": "San Francisco", "region": "CA", "postal_code": "94105", "country": "USA"}
	if len(shown.Contact.Addresses) != 2 || len(shown.Contact.Addresses[1]) != len(want) || shown.Contact.Addresses[0]["street"] != "12 St James's Square\nFlat 2" {
		t.Fatalf("show --json addresses: %v", shown.Contact.Addresses)
	}
	for k, v := range want {
		if shown.Contact.Addresses[1][k] != v {
			t.Errorf("address %s = %q, want %q", k, shown.Contact.Addresses[1][k], v)
		}
	}
	before := b.fileBytes()
	if r := b.run("edit", "ada", "--address", "a;b;c;d;e;f"); r.code != 2 || !strings.Contains(r.err, "an address has at most 5") {
		t.Errorf("a malformed address: %+v", r)
	}
	if string(before) != string(b.fileBytes()) {
		t.Error("a refused edit wrote")
	}
	b.ok("edit", "ada", "--address", "")
	shown.Contact.Addresses = nil
	b.json(&shown, "show", "ada")
	if len(shown.Contact.Addresses) != 0 {
		t.Errorf(`--address "" should clear: %v`, shown.Contact.Addresses)
	}
}

// A folder import names the file of an earlier card and every .vcf that
// holds none; an ICS export counts events, not contacts.
func TestImportMessages(t *testing.T) {
	b := newBook(t)
	dir := filepath.Join(t.TempDir(), "vdir")
	os.Mkdir(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "a.vcf"), []byte("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Lee\r\nEND:VCARD\r\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "b.vcf"), []byte("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Lee\r\nTITLE:CEO\r\nEND:VCARD\r\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "c.vcf"), []byte("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim Lee\r\nTITLE:CFO\r\nEND:VCARD\r\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "empty.vcf"), []byte("nothing here\n"), 0o600)
	r := b.run("import", dir)
	mustContain(t, r.out, "vdir/b.vcf:1: merged Kim Lee into Kim Lee (vdir/a.vcf:1): same name, neither has a company",
		"vdir/c.vcf:1: kept Kim Lee apart from Kim Lee (vdir/a.vcf:1): same name, another title (CEO / CFO)",
		"3 cards read: 2 added, 0 updated, 0 unchanged, 1 merged with another card, 0 skipped")
	mustContain(t, r.err, "vdir/empty.vcf: file skipped: it holds no vCard")
	b.ok("add", "Ada", "--birthday", "12-10")
	mustContain(t, b.ok("export", "--format", "ics", "-o", filepath.Join(t.TempDir(), "x.ics")), "Exported 1 event (1 moment, 0 follow-ups)")
}
