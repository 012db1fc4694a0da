package exchange

import (
	"fmt"
	"strings"
	"testing"

	"rapport/model"
)

func TestAndroid21(t *testing.T) {
	b := readFixture(t, "android21.vcf")
	if b.Format != VCard {
		t.Fatalf("format %q", b.Format)
	}
	checkRecords(t, b.Records, []want{
		{1, model.Contact{
			Name: "Jürgen Müller", Company: "Müller & Söhne GmbH", Title: "Einkaufsleiter",
			Emails: []string{"juergen@mueller-soehne.example"},
			// TEL;CELL;PREF: the bare parameters must not swallow the number
			Phones:     []string{"+49 170 1234567", "+49 30 9876543"},
			Birthday:   day("1975-03-14"),
			Background: "Met at Hannover Messe 2024.\nLikes long lunches, prefers email over calls. Budget decides in März.",
			NameParts:  &model.NameParts{Family: "Müller", Given: "Jürgen"},
		}, ""},
		{22, model.Contact{ // ISO-8859-1 in quoted-printable
			Name: "Lucía Ibáñez", Emails: []string{"lucia@example.es"}, Phones: []string{"+34 91 555 0101"},
			NameParts: &model.NameParts{Family: "Ibáñez", Given: "Lucía"},
			Nicknames: []string{"Lu"}, // Android's X-ANDROID-CUSTOM nickname
		}, ""},
	})
	checkProblems(t, b.Problems, []Problem{
		{Line: 18, Msg: "card skipped: it has no name (FN, N or ORG) and no email address", Skipped: true},
		{Line: 28, Msg: `EMAIL: "not-an-address" is not an email address; left out`},
	})
}

func TestApple30(t *testing.T) {
	b := readFixture(t, "apple30.vcf")
	checkRecords(t, b.Records, []want{
		{1, model.Contact{
			UID: "5A7C9E2B-1234-4C2D-9F00-AB12CD34EF56", Name: "Ada Lovelace",
			Company: "Analytical Engines Ltd", Title: "Head of Procurement",
			Emails: []string{"ada@analytical.example", "ada.lovelace@work.example"},
			Phones: []string{"+44 20 7946 0958", "+44 20 7946 0000"},
			Tags:   []string{"Holiday cards"}, // from the group card
			// X-APPLE-OMIT-YEAR=1604: the year is unknown
			Birthday: day("--12-10"),
			Moments: []model.Moment{
				{Label: model.LabelAnniversary, Date: day("2012-06-01")},
				{Label: model.LabelWorkAnniversary, Date: day("--09-02")},
			},
			Addresses:  []model.Address{{Label: "home", Street: "12 St James's Square", Locality: "London", PostalCode: "SW1Y 4JH", Country: "United Kingdom"}},
			URLs:       []string{"https://analytical.example"},
			Background: "Prefers morning calls.\nAsk about the Difference Engine project, and the grant.",
			NameParts:  &model.NameParts{Family: "Lovelace", Given: "Ada"},
			Kept: []string{"g1.X-ABADR:gb", "g2.X-ABRELATEDNAMES;type=pref:William King", "g2.X-ABLabel:_$!<Spouse>!$_",
				"X-ABUID:5A7C9E2B-1234-4C2D-9F00-AB12CD34EF56:ABPerson"},
		}, ""},
		{31, model.Contact{
			UID: "0C1D2E3F-AAAA-4BBB-8CCC-DDDDEEEEFFFF", Name: "Grace Hopper",
			Company: "US Navy, Computing", Emails: []string{"grace@navy.example"},
			Tags:      []string{"Holiday cards"},
			Birthday:  day("--12-09"), // 1604 without the parameter
			NameParts: &model.NameParts{Family: "Hopper", Given: "Grace", Additional: "Murray", Prefixes: "Rear Admiral"},
		}, ""},
	})
	checkProblems(t, b.Problems, []Problem{
		{Line: 40, Msg: `X-ABDATE: "2020-02-31" is not a date: February has no day 31; left out`},
	})
}

func TestGoogle30(t *testing.T) {
	b := readFixture(t, "google30.vcf")
	checkRecords(t, b.Records, []want{
		{1, model.Contact{
			Name: "Sofía Núñez", Company: "Globex", Title: "VP Sales",
			Emails:   []string{"sofia.nunez@globex.example", "sofia@gmail.example"},
			Phones:   []string{"+1 415-555-0132"}, // the same number written twice
			Tags:     []string{"VIP", "Golf"},     // not Google's myContacts
			Birthday: day("1988-02-29"),
			Moments: []model.Moment{
				{Label: model.LabelCustomerSince, Date: day("2015-04-01")},
				{Label: "First order", Date: day("--06-15")},
			},
			Addresses:  []model.Address{{Label: "work", Street: "1 Market St", Locality: "San Francisco", Region: "CA", PostalCode: "94105", Country: "US"}},
			URLs:       []string{"https://www.linkedin.com/in/sofia"},
			Background: "Introduced by Ada.",
			NameParts:  &model.NameParts{Family: "Núñez", Given: "Sofía"},
		}, ""},
		{22, model.Contact{ // escape sequences, BEL, CR and bidi overrides are gone
			Name: "Mallory Evil", Company: "Contoso", Emails: []string{"mallory@evil.example"},
			Background: "line one\nline two with a bell and aCR", NameParts: &model.NameParts{Family: "Evil", Given: "Mallory"},
		}, ""},
	})
	checkProblems(t, b.Problems, nil)
}

func TestVCard40(t *testing.T) {
	b := readFixture(t, "v40.vcf")
	checkRecords(t, b.Records, []want{
		{1, model.Contact{
			UID: "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1", Name: "Kwame Mensah",
			Company: "Blue Sun Mining", Title: "COO",
			Emails:     []string{"kwame@blue-sun.example", "kwame.m@blue-sun.example"}, // PREF=1 first
			Phones:     []string{"+233-20-555-0199"},                                   // tel: URI
			Tags:       []string{"holiday-card", "partner", "Golf buddies"},
			Birthday:   day("--04-15"),
			Moments:    []model.Moment{{Label: model.LabelAnniversary, Date: day("2009-08-08")}},
			Background: "Two kids; coaches football on Saturdays.",
			NameParts:  &model.NameParts{Family: "Mensah", Given: "Kwame"},
			Kept:       []string{"GENDER:M"},
		}, ""},
		{19, model.Contact{
			UID: "urn:uuid:7d7d7d7d-1111-4222-8333-444444444444", Name: "Zanele Dlamini",
			Emails: []string{"zanele@umbrella.example"}, Tags: []string{"Golf buddies"},
			Birthday: day("1991-07-04"), // a date-time
			Moments:  []model.Moment{{Label: model.LabelAnniversary, Date: day("--12-01")}},
		}, ""},
	})
	checkProblems(t, b.Problems, []Problem{
		{Line: 35, Msg: "card skipped: the file ends before its END:VCARD", Skipped: true},
	})
}

// TestPrepassEdges covers what real files do at the edges of the format.
func TestPrepassEdges(t *testing.T) {
	cases := []struct {
		name, in string
		want     model.Contact
		probs    []string
	}{
		{"BOM and bare LF", "\uFEFFBEGIN:VCARD\nVERSION:3.0\nFN:Ana\nEND:VCARD\n", model.Contact{Name: "Ana"}, nil},
		{"classic Mac CR", "BEGIN:VCARD\rVERSION:3.0\rFN:Ana\rEND:VCARD\r", model.Contact{Name: "Ana"}, nil},
		{"folded with tab", "BEGIN:VCARD\r\nFN:Ana Mar\r\n\tía\r\nEND:VCARD\r\n", model.Contact{Name: "Ana María"}, nil},
		{"name from N", "BEGIN:VCARD\r\nN:Lovelace;Ada;;Lady;\r\nEND:VCARD\r\n", model.Contact{Name: "Lady Ada Lovelace",
			NameParts: &model.NameParts{Family: "Lovelace", Given: "Ada", Prefixes: "Lady"}}, nil},
		{"name from ORG", "BEGIN:VCARD\r\nORG:Acme\\; Sons;Sales\r\nEND:VCARD\r\n", model.Contact{Name: "Acme; Sons", Company: "Acme; Sons, Sales"}, nil},
		{"latin-1 without charset", "BEGIN:VCARD\r\nFN:Jos\xe9\r\nEND:VCARD\r\n", model.Contact{Name: "José"}, nil},
		{"windows-1252 charset", "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=WINDOWS-1252:Fran\x9fois\r\nEND:VCARD\r\n", model.Contact{Name: "FranŸois"}, nil},
		{"QP ending the card", "BEGIN:VCARD\r\nFN;ENCODING=QUOTED-PRINTABLE:Ana=\r\nEND:VCARD\r\n", model.Contact{Name: "Ana"}, nil},
		{"QP lower-case hex", "BEGIN:VCARD\r\nFN;QUOTED-PRINTABLE;CHARSET=UTF-8:Jos=c3=a9\r\nEND:VCARD\r\n", model.Contact{Name: "José"}, nil},
		{"unindented base64", "BEGIN:VCARD\r\nFN:Ana\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:AAAA\r\nBBBB\r\nCCCC\r\n\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n",
			model.Contact{Name: "Ana", Emails: []string{"ana@example.com"}}, nil},
		{"quoted parameter with colon", "BEGIN:VCARD\r\nFN:Ana\r\nADR;LABEL=\"Back door: ring\";TYPE=work:;;1 Main St;Town;;;\r\nEND:VCARD\r\n",
			model.Contact{Name: "Ana", Addresses: []model.Address{{Label: "work", Street: "1 Main St", Locality: "Town"}}}, nil},
		{"line with no colon", "BEGIN:VCARD\r\nFN:Ana\r\ngarbage here\r\nEND:VCARD\r\n", model.Contact{Name: "Ana"},
			[]string{"x.vcf:3: not a vCard property (no colon); left out"}},
		{"MS anniversary and stage", "BEGIN:VCARD\r\nFN:Ana\r\nX-MS-ANNIVERSARY:2001-05-05\r\nX-RAPPORT-STAGE:past customer\r\nX-RAPPORT-CADENCE:45\r\nEND:VCARD\r\n",
			model.Contact{Name: "Ana", Stage: model.PastCustomer, Cadence: 45, Moments: []model.Moment{{Label: model.LabelAnniversary, Date: day("2001-05-05")}}}, nil},
		{"bad stage and cadence", "BEGIN:VCARD\r\nFN:Ana\r\nX-RAPPORT-STAGE:boss\r\nX-RAPPORT-CADENCE:-3\r\nEND:VCARD\r\n",
			model.Contact{Name: "Ana"}, []string{
				`x.vcf:3: X-RAPPORT-STAGE: unknown stage "boss" (use lead, prospect, customer, past-customer, partner, personal); left out`,
				`x.vcf:4: X-RAPPORT-CADENCE: "-3" is not a number of days; left out`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			recs, probs := readVCards([]byte(tc.in), "", now)
			tc.want.Created = now
			if len(recs) != 1 {
				t.Fatalf("got %d records: %s %s", len(recs), js(recs), js(probs))
			}
			if got := recs[0].Contact; !equalJSON(got, tc.want) {
				t.Errorf("got %s\nwant %s", js(got), js(tc.want))
			}
			var msgs []string
			for _, p := range probs {
				msgs = append(msgs, p.Where("x.vcf")+": "+p.Msg)
			}
			if strings.Join(msgs, "\n") != strings.Join(tc.probs, "\n") {
				t.Errorf("problems %q, want %q", msgs, tc.probs)
			}
		})
	}
}

func TestTooManyMoments(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Busy\r\n")
	for i := range model.MaxMoments + 3 {
		fmt.Fprintf(&b, "item%d.X-ABDATE:2020-01-%02d\r\nitem%d.X-ABLabel:date %d\r\n", i, i%28+1, i, i)
	}
	b.WriteString("END:VCARD\r\n")
	recs, probs := readVCards([]byte(b.String()), "", now)
	if len(recs) != 1 || len(recs[0].Contact.Moments) != model.MaxMoments || len(probs) != 1 ||
		!strings.Contains(probs[0].Msg, "3 dates beyond the 100") {
		t.Fatalf("%d records, %d moments, problems %s", len(recs), len(recs[0].Contact.Moments), js(probs))
	}
	c := recs[0].Contact
	c.Stage = model.Lead
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	more := model.Contact{Name: "Busy", Moments: []model.Moment{{Label: "one more", Date: day("2020-02-02")}}}
	if got := mergeContact(c, more); len(got.Moments) != model.MaxMoments {
		t.Errorf("a merge grew the moments to %d", len(got.Moments))
	}
}

func equalJSON(a, b any) bool { return js(a) == js(b) }

func TestCardDates(t *testing.T) {
	cases := []struct{ in, omit, want string }{
		{"--0415", "", "--04-15"},
		{"--04-15", "", "--04-15"},
		{"1604-04-15", "1604", "--04-15"},
		{"1604-04-15", "", "--04-15"},
		{"16040415", "", "--04-15"},
		{"0000-04-15", "", "--04-15"},
		{"1900-04-15", "1900", "--04-15"},
		{"1985-04-15", "", "1985-04-15"},
		{"19850415", "", "1985-04-15"},
		{" 1985-04-15T00:00:00Z ", "", "1985-04-15"},
		{"19850415T120000", "", "1985-04-15"},
		{"--0229", "", "--02-29"},
		{"1604-02-29", "", "--02-29"},
		{"1988-02-29", "", "1988-02-29"},
	}
	for _, tc := range cases {
		d, err := ParseCardDate(tc.in, tc.omit)
		if err != nil || d.String() != tc.want {
			t.Errorf("ParseCardDate(%q, %q) = %v, %v; want %s", tc.in, tc.omit, d, err, tc.want)
		}
	}
	for _, bad := range []string{"", "--04", "---15", "1985-04", "1985-13-01", "1987-02-29", "15/04/1985", "April 15", "1985-0415", "19-850415", "+1985-04-15", "1985-04-15-01", "--1301"} {
		if d, err := ParseCardDate(bad, ""); err == nil {
			t.Errorf("ParseCardDate(%q) = %v, want an error", bad, d)
		}
	}
}

func TestKeptLineOK(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{"X-MS-SPOUSE:Ann", true},
		{"item1.X-ABLabel:_$!<Spouse>!$_", true},
		{`X-FOO;TYPE="a:b":v`, true},
		{"X-FOO;TYPE=a.b:v", true},
		{":v", false},
		{"no colon", false},
		{"BEGIN:VCARD", false},
		{"item2.end:VCARD", false},
		{"VERSION;X=1:3.0", false},
		{"END;X=a.b:VCARD", false}, // a dot in a parameter is not a group
	} {
		if got := keptLineOK(tc.line); got != tc.ok {
			t.Errorf("keptLineOK(%q) = %v, want %v", tc.line, got, tc.ok)
		}
	}
}
