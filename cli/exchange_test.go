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
	mustContain(t, b.ok("import", appleCards), "2 added")
	mustContain(t, b.ok("import", appleCards), "0 added", "2 unchanged")
	var shown struct {
		Contact struct {
			Name     string   `json:"name"`
			Company  string   `json:"company"`
			Birthday string   `json:"birthday"`
			Emails   []string `json:"emails"`
		} `json:"contact"`
		Notes []struct{ Text string } `json:"notes"`
	}
	b.json(&shown, "show", "lovelace")
	if shown.Contact.Birthday != "--12-10" || shown.Contact.Company != "Analytical Engines Ltd" || len(shown.Contact.Emails) != 2 {
		t.Errorf("Apple card fields: %+v", shown.Contact)
	}
	if len(shown.Notes) != 1 || !strings.Contains(shown.Notes[0].Text, "Prefers morning calls") {
		t.Errorf("NOTE becomes a note: %+v", shown.Notes)
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
