package exchange

import (
	"bytes"
	"strings"
	"testing"

	"rapport/model"
)

func TestGoogleCSV(t *testing.T) {
	b := readFixture(t, "google.csv")
	if b.Format != GoogleCSV {
		t.Fatalf("format %q", b.Format)
	}
	checkRecords(t, b.Records, []want{
		{2, model.Contact{
			Name: "Priya Sharma", Company: "Initech, Engineering", Title: "CTO",
			Emails: []string{"priya@initech.example", "priya.sharma@gmail.example"},
			// " ::: " joins two numbers in one cell
			Phones:   []string{"+91 98765 43210", "+91 22 5555 0100", "+91 22 5555 0199"},
			Tags:     []string{"VIP", "Conference 2026"},
			Birthday: day("1990-07-21"),
			Moments: []model.Moment{
				{Label: model.LabelAnniversary, Date: day("2016-11-26")},
				{Label: model.LabelCustomerSince, Date: day("2021-03-01")},
			},
			Addresses:  []model.Address{{Label: "work", Street: "Bandra Kurla Complex", Locality: "Mumbai", Region: "MH", PostalCode: "400051", Country: "India"}},
			Nicknames:  []string{"Pri"},
			URLs:       []string{"https://initech.example/priya"},
			Background: "Met at SaaStr.\nWants a pilot in Q1.",
			NameParts:  &model.NameParts{Family: "Sharma", Given: "Priya"},
		}, ""},
		{6, model.Contact{
			Name: "Dr. Tunde Adeyemi", Company: "Oceanic Airlines", Title: "Buyer",
			Emails: []string{"tunde@oceanic.example"}, Tags: []string{"starred"},
			Birthday:  day("--02-29"),
			NameParts: &model.NameParts{Family: "Adeyemi", Given: "Tunde", Prefixes: "Dr."},
		}, ""},
		{8, model.Contact{Name: "Hiro Tanaka", Emails: []string{"hiro@example.jp"}, NameParts: &model.NameParts{Family: "Tanaka", Given: "Hiro"}}, ""},
	})
	checkProblems(t, b.Problems, []Problem{
		{Line: 7, Msg: `E-mail 2 - Value: "+1 555 0100" is not an email address; left out`},
		{Line: 7, Msg: "row skipped: it has no name and no email address", Skipped: true},
		{Line: 8, Msg: `Birthday: "31/12/1980" is not a date; left out`},
	})
}

// TestGoogleCSVOld reads the older Google header (Given Name, Group
// Membership, "Organization 1 - Name", "- Type"), with a BOM and CRLF.
func TestGoogleCSVOld(t *testing.T) {
	in := "\uFEFFName,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,Event 1 - Type,Event 1 - Value\r\n" +
		"Ömer Çelik,Ömer,,Çelik,1979-10-29,,* My Contacts ::: Clients,* Work,omer@celik.example ::: omer.celik@gmail.example,Mobile,+90 532 555 0101,,Çelik Yapı,Genel Müdür,Work anniversary,2010-09-01\r\n"
	rows, probs := readCSV([]byte(in), "")
	if !isGoogleHeader(newHeader(rows[0].fields)) || isLinkedIn(rows) {
		t.Fatal("old Google header not recognised")
	}
	recs, more := readGoogleCSV(rows, "", now)
	checkRecords(t, recs, []want{{2, model.Contact{
		Name: "Ömer Çelik", Company: "Çelik Yapı", Title: "Genel Müdür",
		Emails: []string{"omer@celik.example", "omer.celik@gmail.example"}, Phones: []string{"+90 532 555 0101"},
		Tags: []string{"My Contacts", "Clients"}, Birthday: day("1979-10-29"),
		Moments:   []model.Moment{{Label: model.LabelWorkAnniversary, Date: day("2010-09-01")}},
		NameParts: &model.NameParts{Family: "Çelik", Given: "Ömer"},
	}, ""}})
	checkProblems(t, append(probs, more...), nil)
}

func TestLinkedInCSV(t *testing.T) {
	b := readFixture(t, "linkedin.csv")
	if b.Format != LinkedInCSV {
		t.Fatalf("format %q", b.Format)
	}
	checkRecords(t, b.Records, []want{
		{5, model.Contact{
			Name: "Elif Yılmaz", Company: "Hooli", Title: "Head of Procurement",
			HowWeMet: "Connected on LinkedIn on 2024-03-15", URLs: []string{"https://www.linkedin.com/in/elifyilmaz"},
			NameParts: &model.NameParts{Family: "Yılmaz", Given: "Elif"},
		}, ""},
		{6, model.Contact{
			Name: "Chinedu Okafor", Company: "Pied Piper", Title: "Founder, CEO",
			Emails: []string{"chinedu@pied-piper.example"}, HowWeMet: "Connected on LinkedIn on 2023-01-03",
			URLs: []string{"https://www.linkedin.com/in/chinedu-okafor-12345"}, NameParts: &model.NameParts{Family: "Okafor", Given: "Chinedu"},
		}, ""},
	})
	checkProblems(t, b.Problems, []Problem{{Line: 7, Msg: "row skipped: it has no name and no email address", Skipped: true}})
}

func TestCSVNeitherGoogleNorLinkedIn(t *testing.T) {
	path := t.TempDir() + "/other.csv"
	writeFile(t, path, "Vorname,Nachname\nAda,Lovelace\n")
	_, err := Read(path, now)
	if err == nil || !strings.Contains(err.Error(), `its first line reads "Vorname,Nachname"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestWriteGoogleCSV(t *testing.T) {
	contacts := []model.Contact{{
		ID: 1, Name: "Ada King Lovelace", Company: "=HYPERLINK(\"http://evil.example\",\"x\")", Title: "-2+3",
		Emails: []string{"ada@example.com", "ada@home.example"}, Phones: []string{"+44 20 7946 0958"},
		Tags: []string{"vip", "-cmd"}, Birthday: day("--12-10"), HowWeMet: "+1 conference", Matters: "Her kids",
		Moments:    []model.Moment{{Label: model.LabelAnniversary, Date: day("2012-06-01")}, {Label: model.LabelCustomerSince, Date: day("2020-01-15")}},
		Nicknames:  []string{"Ada"},
		URLs:       []string{"https://ada.example"},
		Background: "Countess.\n@home on Sundays",
		Addresses:  []model.Address{{Label: "home", Street: "12 St James's Square\nFlat 2", Locality: "London", PostalCode: "SW1Y 4JH", Country: "United Kingdom"}},
	}, {ID: 2, Name: "王伟", Phones: []string{"+86 10 5555 0100", "+2+3"}}}
	var buf bytes.Buffer
	if err := WriteGoogleCSV(&buf, contacts, false); err != nil {
		t.Fatal(err)
	}
	want := "First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Nickname,Organization Name,Organization Title,Birthday,Notes,Labels," +
		"E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value," +
		"Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address," +
		"Website 1 - Label,Website 1 - Value,Event 1 - Label,Event 1 - Value,Event 2 - Label,Event 2 - Value," +
		"Custom Field 1 - Label,Custom Field 1 - Value,Custom Field 2 - Label,Custom Field 2 - Value\n" +
		// a title "-2+3" and a yearless date are neutralised, the phone number is not
		`Ada King,,Lovelace,,,Ada,"'=HYPERLINK(""http://evil.example"",""x"")",'-2+3,'--12-10,"Countess.` + "\n" + `@home on Sundays",* myContacts ::: vip ::: -cmd,` +
		`,ada@example.com,,ada@home.example,,+44 20 7946 0958,,,` +
		`Home,"12 St James's Square` + "\n" + `Flat 2` + "\n" + `SW1Y 4JH London` + "\n" + `United Kingdom","12 St James's Square` + "\n" + `Flat 2",London,,,SW1Y 4JH,United Kingdom,,` +
		`,https://ada.example,Anniversary,2012-06-01,customer since,2020-01-15,How we met,'+1 conference,What matters,Her kids` + "\n" +
		// "+2+3" is no phone number, even in a phone column
		",,王伟,,,,,,,,* myContacts,,,,,,+86 10 5555 0100,,'+2+3,,,,,,,,,,,,,,,,,,,\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	// and it reads back, field for field
	rows, _ := readCSV(buf.Bytes(), "")
	recs, probs := readGoogleCSV(rows, "", now)
	if len(recs) != 2 || len(probs) != 0 {
		t.Fatalf("read back %s %s", js(recs), js(probs))
	}
	for i, r := range recs {
		got, orig := portable(r.Contact), portable(contacts[i])
		got.NameParts, orig.NameParts = nil, nil
		got.UID, orig.UID = "", "" // a CSV carries no UID
		if !equalJSON(got, orig) || len(r.Notes) != 0 {
			t.Errorf("read back\n got %s\nwant %s", js(got), js(orig))
		}
	}
	buf.Reset()
	if err := WriteGoogleCSV(&buf, contacts[1:], true); err != nil || !strings.HasPrefix(buf.String(), "\uFEFFFirst Name,") {
		t.Errorf("--excel: no byte order mark: %q %v", buf.String()[:20], err)
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0", "-2+3": "'-2+3", "--12-10": "'--12-10", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "+44 20 7946 0958": "'+44 20 7946 0958",
		"Ada": "Ada", "": "", "-": "'-", "+": "'+",
	} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
	}
	// Only a phone column lets a phone number through, and only a real one.
	for in, want := range map[string]string{
		"+44 20 7946 0958": "+44 20 7946 0958", "+1 (415) 555-0132": "+1 (415) 555-0132",
		"-2+3": "'-2+3", "+2+3": "'+2+3", "=1": "'=1", "-": "'-",
	} {
		if got := neutralisePhone(in); got != want {
			t.Errorf("neutralisePhone(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGoogleCSVStreamRefusesAWiderRow: a contact that gained an email or
// phone after Widen saw the book is never cut to the header's columns;
// one that fits (fewer entries, or one where the header's single group
// is empty) is written.
func TestGoogleCSVStreamRefusesAWiderRow(t *testing.T) {
	seen := model.Contact{Name: "Ada Lovelace", Emails: []string{"ada@example.com"}}
	for _, tc := range []struct {
		name string
		now  model.Contact
		ok   bool
	}{
		{"same", seen, true},
		{"first phone", model.Contact{Name: "Ada Lovelace", Emails: seen.Emails, Phones: []string{"+44 20 7946 0000"}}, true},
		{"second email", model.Contact{Name: "Ada Lovelace", Emails: []string{"ada@example.com", "ada@engines.example"}}, false},
		{"second phone", model.Contact{Name: "Ada Lovelace", Phones: []string{"+44 20 7946 0000", "+44 20 7946 0001"}}, false},
	} {
		var st GoogleCSVStream
		st.Widen(seen)
		var buf bytes.Buffer
		if err := st.Start(&buf, false); err != nil {
			t.Fatal(err)
		}
		err := st.Row(tc.now)
		if tc.ok != (err == nil) || (err != nil && err != ErrBookChanged) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
