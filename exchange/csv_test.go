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
		}, "Met at SaaStr.\nWants a pilot in Q1.\n\nNickname: Pri\n" +
			"Address (Work): Bandra Kurla Complex, Mumbai 400051, India\nWebsite (Profile): https://initech.example/priya"},
		{6, model.Contact{
			Name: "Dr. Tunde Adeyemi", Company: "Oceanic Airlines", Title: "Buyer",
			Emails: []string{"tunde@oceanic.example"}, Tags: []string{"starred"},
			Birthday: day("--02-29"),
		}, ""},
		{8, model.Contact{Name: "Hiro Tanaka", Emails: []string{"hiro@example.jp"}}, ""},
	})
	checkProblems(t, b.Problems, []Problem{
		{Line: 7, Msg: "row skipped: it has no name", Skipped: true},
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
		Moments: []model.Moment{{Label: model.LabelWorkAnniversary, Date: day("2010-09-01")}},
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
			HowWeMet: "Connected on LinkedIn on 2024-03-15",
		}, "LinkedIn: https://www.linkedin.com/in/elifyilmaz"},
		{6, model.Contact{
			Name: "Chinedu Okafor", Company: "Pied Piper", Title: "Founder, CEO",
			Emails: []string{"chinedu@pied-piper.example"}, HowWeMet: "Connected on LinkedIn on 2023-01-03",
		}, "LinkedIn: https://www.linkedin.com/in/chinedu-okafor-12345"},
	})
	checkProblems(t, b.Problems, []Problem{{Line: 7, Msg: "row skipped: it has no name", Skipped: true}})
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
		ID: 1, Name: "Ada King Lovelace", Company: "=HYPERLINK(\"http://evil.example\",\"x\")", Title: "@SUM(A1)",
		Emails: []string{"ada@example.com", "ada@home.example"}, Phones: []string{"+44 20 7946 0958"},
		Tags: []string{"vip", "-cmd"}, Birthday: day("--12-10"), HowWeMet: "+1 conference", Matters: "Her kids",
		Moments: []model.Moment{{Label: model.LabelAnniversary, Date: day("2012-06-01")}, {Label: model.LabelCustomerSince, Date: day("2020-01-15")}},
	}, {ID: 2, Name: "王伟", Phones: []string{"+86 10 5555 0100"}}}
	var buf bytes.Buffer
	if err := WriteGoogleCSV(&buf, contacts, false); err != nil {
		t.Fatal(err)
	}
	want := "First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels," +
		"E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value," +
		"Event 1 - Label,Event 1 - Value,Event 2 - Label,Event 2 - Value\n" +
		`Ada King,,Lovelace,"'=HYPERLINK(""http://evil.example"",""x"")",'@SUM(A1),--12-10,How we met: +1 conference / What matters: Her kids,* myContacts ::: vip ::: -cmd,,ada@example.com,,ada@home.example,,+44 20 7946 0958,Anniversary,2012-06-01,customer since,2020-01-15` + "\n" +
		"王伟,,,,,,,* myContacts,,,,,,+86 10 5555 0100,,,,\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	// and it reads back
	rows, _ := readCSV(buf.Bytes(), "")
	recs, probs := readGoogleCSV(rows, "", now)
	if len(recs) != 2 || len(probs) != 0 {
		t.Fatalf("read back %s %s", js(recs), js(probs))
	}
	c := recs[0].Contact
	if c.Name != "Ada King Lovelace" || c.Company != contacts[0].Company || c.Title != "@SUM(A1)" ||
		!equalJSON(c.Tags, []string{"vip", "-cmd"}) || !equalJSON(c.Moments, contacts[0].Moments) || c.Birthday != contacts[0].Birthday {
		t.Errorf("read back %s", js(c))
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0", "-2+3": "-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "+44 20 7946 0958": "+44 20 7946 0958", "+1 (415) 555-0132": "+1 (415) 555-0132",
		"Ada": "Ada", "": "", "-": "'-", "+": "'+",
	} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}
